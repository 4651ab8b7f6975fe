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
    public func field(_ s: String) -> String {
        let out = BufferedWriter()
        writeField(s, to: out)
        return out.text
    }

    /// Writes ``field(_:)`` into `out` without building a string.
    ///
    /// - Complexity: O(length of `s` in UTF-8).
    public func writeField(_ s: String, to out: BufferedWriter) {
        var s = s
        s.withUTF8 { bytes in
            let sep = separatorByte
            let formula = Self.isFormulaLike(bytes)
            let needsQuotes = bytes.first == 0x20 || bytes.last == 0x20
                || bytes.contains { $0 == sep || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes { out.write(byte: 0x22) }
            if formula { out.write(byte: UInt8(ascii: "'")) }
            if needsQuotes {
                var start = 0
                for (i, b) in bytes.enumerated() where b == 0x22 {
                    out.write(bytes: UnsafeBufferPointer(rebasing: bytes[start...i]))
                    out.write(byte: 0x22)
                    start = i + 1
                }
                out.write(bytes: UnsafeBufferPointer(rebasing: bytes[start...]))
                out.write(byte: 0x22)
            } else {
                out.write(bytes: bytes)
            }
        }
    }

    /// The separator as one byte (every dialect's is ASCII).
    var separatorByte: UInt8 { separator.asciiValue! }

    /// A number with `decimals` digits after the decimal mark.
    public func number(_ x: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        BufferedWriter.appendFixed(x, decimals: decimals, decimalMark: decimalMarkByte, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `,` or `.`.
    var decimalMarkByte: UInt8 { decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".") }

    /// Whether a spreadsheet could read `s` as a formula (see ``field(_:)``).
    static func isFormulaLike(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isFormulaLike($0) }
    }

    /// Whether the UTF-8 bytes start like a formula: `=` `@` tab CR LF, the
    /// full-width `＝＠＋－` (EF BC 9D, A0, 8B, 8D), or `+`/`-` not followed
    /// by a plain number.
    static func isFormulaLike(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(bytes)
        case 0xEF: return bytes.count >= 3 && bytes[1] == 0xBC && [0x9D, 0xA0, 0x8B, 0x8D].contains(bytes[2])
        default: return false
        }
    }

    /// `-12`, `+3`, `-3.5`, `-3,5`: a sign, digits, at most one decimal mark
    /// followed by digits; nothing else.
    static func isPlainNumber(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { isPlainNumber($0) }
    }

    static func isPlainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var rest = bytes.dropFirst()
        guard let f = rest.first, f >= 0x30 && f <= 0x39 else { return false }
        var seenMark = false
        while let b = rest.popFirst() {
            if b >= 0x30 && b <= 0x39 { continue }
            guard !seenMark, b == UInt8(ascii: ".") || b == UInt8(ascii: ","),
                  let next = rest.first, next >= 0x30 && next <= 0x39 else { return false }
            seenMark = true
        }
        return true
    }
}

/// One text cell in the default dialect (``CSVDialect/rfc4180``), made safe
/// for spreadsheets.
func csvField(_ s: String) -> String { CSVDialect.rfc4180.field(s) }
