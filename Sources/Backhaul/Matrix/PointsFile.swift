public import Pairing
import Routing
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The points file of `backhaul matrix`: CSV with a header `id,lat,lon` or
/// `id,node` (names case-insensitive, in any order, other columns ignored
/// with a warning).
///
/// The file is RFC 4180 CSV: fields may be quoted (with `""` for a quote,
/// and commas or line breaks inside), lines end in LF or CRLF, and a UTF-8
/// byte-order mark is skipped. It may be gzip-compressed.
public struct PointsFile: Sendable {
    /// One point: its id, where it is, and the line it was read from.
    public struct Point: Sendable, Hashable {
        public var id: String
        public var location: Location
        /// The 1-based line the row starts on.
        public var line: Int

        public init(id: String, location: Location, line: Int) {
            self.id = id
            self.location = location
            self.line = line
        }
    }

    /// The file as the user named it.
    public let path: String
    /// The points in file order.
    public let points: [Point]
    /// Header columns that were ignored.
    public let ignoredColumns: [String]

    /// Reads and checks the points file at `path`.
    ///
    /// - Throws: ``CommandFailure``: `.usage` (exit 2) when the file does not
    ///   exist; `.invalidInput` (exit 3) naming the file and line when the
    ///   header lacks `id` and `node` or `lat`/`lon`, a row has a missing,
    ///   malformed or out-of-range value, an id repeats, or there is no point.
    public static func read(_ path: String) throws(CommandFailure) -> PointsFile {
        switch fileKind(path) {
        case .missing: throw .usage("\(path): points file not found")
        case .directory: throw .usage("\(path): is a directory, not a points file")
        case .file: break
        }
        let bytes: [UInt8]
        do {
            bytes = try ByteStream.readAll(path: path)
        } catch {
            throw .invalidInput(error.description)
        }
        return try parse(bytes, path: path)
    }

    /// Parses the bytes of a points file named `path` (for messages).
    public static func parse(_ bytes: [UInt8], path: String) throws(CommandFailure) -> PointsFile {
        let records = try CSVRecords.split(bytes, path: path)
        guard let header = records.first else { throw .invalidInput("\(path): the file is empty; expected a header id,lat,lon or id,node") }
        func fail(_ line: Int, _ message: String) -> CommandFailure { .invalidInput("\(path):\(line): \(message)") }

        let names = header.fields.map { $0.trimmingBlanks().lowercased() }
        func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let idColumn = column(["id"]) else {
            throw fail(header.line, "the header has no 'id' column; expected id,lat,lon or id,node")
        }
        let nodeColumn = column(["node"])
        let latColumn = column(["lat", "latitude"])
        let lonColumn = column(["lon", "lng", "longitude"])
        guard nodeColumn != nil || (latColumn != nil && lonColumn != nil) else {
            throw fail(header.line, "the header needs 'node' or both 'lat' and 'lon' columns; expected id,lat,lon or id,node")
        }
        let used = Set([idColumn, nodeColumn, latColumn, lonColumn].compactMap { $0 })
        let ignored = names.indices.filter { !used.contains($0) }.map { header.fields[$0] }

        var points: [Point] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            let f = record.fields
            if f.count == 1 && f[0].isEmpty { continue }  // blank line
            guard f.count == names.count else {
                throw fail(record.line, "expected \(names.count) fields as in the header, found \(f.count)")
            }
            let id = f[idColumn].trimmingBlanks()
            guard !id.isEmpty else { throw fail(record.line, "empty id") }
            if let first = seen[id] { throw fail(record.line, "id '\(id)' repeats (first on line \(first))") }
            seen[id] = record.line
            let location: Location
            if let nodeColumn, !(latColumn != nil && f[nodeColumn].trimmingBlanks().isEmpty) {
                let text = f[nodeColumn].trimmingBlanks()
                guard let node = Int64(text) else { throw fail(record.line, "node '\(text)' is not an integer id") }
                location = .node(node)
            } else if let latColumn, let lonColumn {
                let latText = f[latColumn].trimmingBlanks()
                let lonText = f[lonColumn].trimmingBlanks()
                guard let lat = Double(latText), lat.isFinite else { throw fail(record.line, "lat '\(latText)' is not a number") }
                guard let lon = Double(lonText), lon.isFinite else { throw fail(record.line, "lon '\(lonText)' is not a number") }
                guard abs(lat) <= 90 else { throw fail(record.line, "lat \(latText) is out of range ±90") }
                guard abs(lon) <= 180 else { throw fail(record.line, "lon \(lonText) is out of range ±180") }
                location = .coordinate(latitude: lat, longitude: lon)
            } else {
                throw fail(record.line, "empty node")
            }
            points.append(Point(id: id, location: location, line: record.line))
        }
        guard !points.isEmpty else { throw .invalidInput("\(path): no points (only a header)") }
        return PointsFile(path: path, points: points, ignoredColumns: ignored)
    }
}

/// RFC 4180 records of a small CSV file, with the line each starts on.
enum CSVRecords {
    struct Record {
        var fields: [String]
        var line: Int
    }

    static func split(_ bytes: [UInt8], path: String) throws(CommandFailure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var quoted = false, wasQuoted = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                guard field.allSatisfy({ $0 == 32 || $0 == 9 }), !wasQuoted else {
                    throw .invalidInput("\(path):\(line): a quote inside an unquoted field")
                }
                field.removeAll()
                quoted = true
                wasQuoted = true
            case UInt8(ascii: ","):
                endField()
            case 13 where i + 1 < bytes.count && bytes[i + 1] == 10:
                break
            case 10:
                endField()
                records.append(Record(fields: fields, line: recordLine))
                fields.removeAll()
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        guard !quoted else { throw .invalidInput("\(path):\(recordLine): a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
    }
}

extension String {
    /// `self` without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

/// Whether `path` names nothing, a directory, or something to read.
enum FileKind {
    case missing, directory, file
}

func fileKind(_ path: String) -> FileKind {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    return (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
}
