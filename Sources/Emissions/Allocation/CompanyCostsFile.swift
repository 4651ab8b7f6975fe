/// `--companies FILE.csv`: what driving costs each company.
///
/// A CSV file with the header `company,cost_per_km,cost_per_hour` (names
/// case-insensitive, in any order, other columns refused), one row per
/// company, comma-separated with `.` decimals or semicolon-separated with
/// `,` decimals (the Swedish Excel dialect), UTF-8 with or without BOM,
/// fields optionally in double quotes. Every problem is reported with the
/// file and line, all at once: a missing column, a company the run does not
/// know (a typo would otherwise silently cost nothing), a company listed
/// twice, a cost that is not a number or is negative.
///
/// ```
/// company,cost_per_km,cost_per_hour
/// Glasbruk AB,14.50,420
/// "Trä, Oskarshamn",12.80,395
/// ```
public enum CompanyCostsFile {
    /// The rates of every row.
    ///
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - file: the name used in messages.
    ///   - knownCompanies: the companies of the run; `nil` accepts any.
    /// - Throws: ``CompanyCostsFileError`` with every problem found.
    /// - Complexity: O(n) in the file's size, plus a hash per row.
    public static func parse(
        _ bytes: [UInt8], file: String, knownCompanies: Set<String>?
    ) throws(CompanyCostsFileError) -> [String: CostRates] {
        var problems: [CompanyCostsFileError.Problem] = []
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = splitRecords(text)
        guard let header = records.first(where: { !$0.fields.allSatisfy(\.isEmpty) }) else {
            throw CompanyCostsFileError(file: file, problems: [.init(line: 1, message: "the file is empty; expected the header company,cost_per_km,cost_per_hour")])
        }
        let semicolon = header.raw.contains(";") && !header.raw.contains(",")
        let names = fields(of: header.raw, separator: semicolon ? ";" : ",").map { $0.lowercased() }
        let required = ["company", "cost_per_km", "cost_per_hour"]
        var column: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            if !required.contains(n) {
                problems.append(.init(line: header.line, message: "unknown column '\(n)' (expected company, cost_per_km, cost_per_hour)"))
            } else if column[n] != nil {
                problems.append(.init(line: header.line, message: "column '\(n)' appears twice"))
            } else {
                column[n] = i
            }
        }
        let missing = required.filter { column[$0] == nil }
        if !missing.isEmpty {
            problems.append(.init(line: header.line, message: "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); the header has: \(names.joined(separator: ", "))"))
            throw CompanyCostsFileError(file: file, problems: problems)
        }
        var rates: [String: CostRates] = [:]
        var firstLine: [String: Int] = [:]
        for record in records.drop(while: { $0.line != header.line }).dropFirst() {
            let f = fields(of: record.raw, separator: semicolon ? ";" : ",")
            if f.allSatisfy(\.isEmpty) { continue }
            func value(_ name: String) -> String { column[name]! < f.count ? f[column[name]!] : "" }
            let company = value("company")
            var rowProblems: [String] = []
            if company.isEmpty { rowProblems.append("the company is empty") }
            func number(_ name: String) -> Double? {
                var t = value(name)
                if semicolon { t = String(t.map { $0 == "," ? "." : $0 }) }
                guard let v = Double(t), v.isFinite else {
                    rowProblems.append("\(name) '\(value(name))' is not a number")
                    return nil
                }
                guard v >= 0 else {
                    rowProblems.append("\(name) is negative (\(value(name)))")
                    return nil
                }
                return v
            }
            let km = number("cost_per_km"), hour = number("cost_per_hour")
            if !company.isEmpty {
                if let first = firstLine[company] {
                    rowProblems.append("company '\(company)' is listed twice (first at line \(first))")
                } else {
                    firstLine[company] = record.line
                    if let knownCompanies, !knownCompanies.contains(company) {
                        rowProblems.append("unknown company '\(company)': no shipment of this run names it"
                            + suggestion(company, in: knownCompanies))
                    }
                }
            }
            if rowProblems.isEmpty, let km, let hour {
                rates[company] = CostRates(perKm: km, perHour: hour)
            }
            problems += rowProblems.map { .init(line: record.line, message: $0) }
        }
        guard problems.isEmpty else { throw CompanyCostsFileError(file: file, problems: problems) }
        return rates
    }

    /// `; did you mean 'X'?` for the known name that differs only in case
    /// and spaces, or nothing.
    static func suggestion(_ name: String, in known: Set<String>) -> String {
        func key(_ s: String) -> String { s.lowercased().filter { !$0.isWhitespace } }
        let k = key(name)
        if let match = known.sorted().first(where: { key($0) == k }) { return "; did you mean '\(match)'?" }
        return ""
    }

    /// Records with the line each starts on; line ends inside quotes belong
    /// to the field.
    static func splitRecords(_ text: String) -> [(line: Int, raw: String, fields: [String])] {
        var records: [(line: Int, raw: String, fields: [String])] = []
        var current = "", inQuotes = false, line = 1, start = 1
        for ch in text {
            if ch == "\"" { inQuotes.toggle() }
            let isLineEnd = ch == "\n" || ch == "\r" || ch == "\r\n"
            if isLineEnd { line += 1 }
            if isLineEnd && !inQuotes {
                records.append((start, current, [current]))
                current = ""
                start = line
                continue
            }
            current.append(ch)
        }
        if !current.isEmpty { records.append((start, current, [current])) }
        return records.map { ($0.line, $0.raw, $0.raw.trimmingSpaces.isEmpty ? [""] : [$0.raw]) }
    }

    /// The fields of one record, unquoted (`""` inside quotes is `"`) and
    /// trimmed of spaces.
    static func fields(of record: String, separator: Character) -> [String] {
        var out: [String] = [], field = "", inQuotes = false
        var chars = Array(record)[...]
        while let ch = chars.popFirst() {
            if inQuotes {
                if ch == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else {
                    field.append(ch)
                }
            } else if ch == "\"" {
                inQuotes = true
            } else if ch == separator {
                out.append(field.trimmingSpaces)
                field = ""
            } else {
                field.append(ch)
            }
        }
        out.append(field.trimmingSpaces)
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
