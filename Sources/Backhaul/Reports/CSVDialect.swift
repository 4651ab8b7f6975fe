/// How CSV output is written: the separator, the decimal mark, a byte-order
/// mark, line endings and the precision of kilometre columns.
///
/// Every text cell is also made safe for spreadsheets (``field(_:)``).
public struct CSVDialect: Sendable, Hashable {
    /// The dialect's name on the command line (`--csv-dialect`).
    public var name: String
    /// The field separator.
    public var separator: Character
    /// `,` instead of `.` before the decimals.
    public var decimalComma: Bool
    /// Starts the file with the UTF-8 byte-order mark, which Excel needs to
    /// read UTF-8 (å, ä, ö) rather than the Windows code page.
    public var byteOrderMark: Bool
    public var lineEnding: String
    /// Decimals of the `*_km` columns.
    public var kilometreDecimals: Int

    /// RFC 4180 with `,`, `.` and LF, km with the contract's 3 decimals (the
    /// default).
    public static let rfc4180 = CSVDialect(
        name: "rfc4180", separator: ",", decimalComma: false, byteOrderMark: false, lineEnding: "\n", kilometreDecimals: 3)

    /// What Excel with Swedish (and most continental) regional settings
    /// opens as columns by double-click: `;`, decimal comma, UTF-8 BOM,
    /// CRLF, km with one decimal.
    public static let excelSwedish = CSVDialect(
        name: "excel-sv", separator: ";", decimalComma: true, byteOrderMark: true, lineEnding: "\r\n", kilometreDecimals: 1)

    /// Every dialect, for `--csv-dialect`.
    public static let all = [rfc4180, excelSwedish]

    /// The dialect called `name`, or `nil`.
    public init?(named name: String) {
        guard let d = Self.all.first(where: { $0.name == name }) else { return nil }
        self = d
    }

    init(name: String, separator: Character, decimalComma: Bool, byteOrderMark: Bool, lineEnding: String, kilometreDecimals: Int) {
        self.name = name
        self.separator = separator
        self.decimalComma = decimalComma
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.kilometreDecimals = kilometreDecimals
    }

    /// One text cell as it goes between separators.
    ///
    /// 1. **Formula neutralisation** (OWASP, "CSV Injection"): a cell that
    ///    starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a line
    ///    feed (or the full-width `＝＋－＠`) is one a spreadsheet may run as
    ///    a formula (`=HYPERLINK(…)`, `@SUM(1)`), so it gets a leading `'`,
    ///    which spreadsheets read as "this is text" — unless the whole cell
    ///    is a plain number such as `-12` or `-3.5`, which stays numeric.
    /// 2. **Quoting** (RFC 4180 §2.6–2.7): quoted when it holds the
    ///    separator, a quote, a line break or leading or trailing space;
    ///    quotes are doubled. Quoting also keeps a separator inside a cell
    ///    from starting a new cell that could begin with `=`.
    ///
    /// - Complexity: O(length); no allocation for a cell that needs neither.
    public func field(_ s: String) -> String {
        let neutralised = Self.isFormulaLike(s) ? "'" + s : s
        let needs = neutralised.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || neutralised.first == " " || neutralised.last == " "
        guard needs else { return neutralised }
        var out = "\""
        for c in neutralised {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out + "\""
    }

    /// A number with `decimals` digits after the decimal mark.
    public func number(_ x: Double, decimals: Int) -> String {
        let text = JSONValue.format(x, decimals: decimals)
        return decimalComma ? String(text.map { $0 == "." ? "," : $0 }) : text
    }

    /// Whether a spreadsheet could read `s` as a formula (see ``field(_:)``).
    static func isFormulaLike(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        switch first {
        case "=", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF20}", "\u{FF0B}", "\u{FF0D}": return true
        case "+", "-": return !isPlainNumber(s)
        default: return false
        }
    }

    /// `-12`, `+3`, `-3.5`, `-3,5`: a sign, digits, at most one decimal mark
    /// followed by digits; nothing else.
    static func isPlainNumber(_ s: String) -> Bool {
        var bytes = s.utf8.dropFirst()
        guard let f = bytes.first, f >= 0x30 && f <= 0x39 else { return false }
        var seenMark = false
        while let b = bytes.popFirst() {
            if b >= 0x30 && b <= 0x39 { continue }
            guard !seenMark, b == UInt8(ascii: ".") || b == UInt8(ascii: ","),
                  let next = bytes.first, next >= 0x30 && next <= 0x39 else { return false }
            seenMark = true
        }
        return true
    }
}

/// One text cell in the default dialect (``CSVDialect/rfc4180``), made safe
/// for spreadsheets.
func csvField(_ s: String) -> String { CSVDialect.rfc4180.field(s) }
