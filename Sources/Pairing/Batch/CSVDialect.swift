/// How a CSV batch file separates fields and writes decimals.
///
/// Two dialects occur in practice: RFC 4180 (`,` separator, `.` decimal
/// point), and what Excel writes on a Swedish (or German, French, …)
/// Windows, where `,` is the decimal separator and so `;` separates fields
/// (`56,87767;14,80906`). Excel's "Unicode text" export is tab-separated with
/// the same decimal comma.
///
/// ## Detection
///
/// ``detect(header:)`` counts `,`, `;` and tab outside quotes in the header
/// record and takes the most frequent one (ties go to `,`, then `;`). With
/// `;` or tab as separator, decimals may use a comma or a point; with `,`
/// only a point. Header names never contain separators, so a header with at
/// least two columns decides reliably. It can be fooled by a file whose
/// header has a single column (no separator at all: read as `,`), or by a
/// header whose names themselves contain separators without quotes
/// (`id;origin lat, deg;…` — then the counts decide). A dialect can be forced
/// with ``BatchReader/Options/csvDialect``.
public struct CSVDialect: Sendable, Hashable, CustomStringConvertible {
    /// The field separator, an ASCII byte other than `"`, CR and LF.
    public var separator: UInt8
    /// Whether `,` is accepted as the decimal separator in numbers.
    public var decimalComma: Bool

    public init(separator: UInt8, decimalComma: Bool) {
        self.separator = separator
        self.decimalComma = decimalComma
    }

    /// RFC 4180: `,` separator, decimal point.
    public static let rfc4180 = CSVDialect(separator: UInt8(ascii: ","), decimalComma: false)
    /// Swedish Excel "CSV": `;` separator, decimal comma (a point is accepted too).
    public static let excelSemicolon = CSVDialect(separator: UInt8(ascii: ";"), decimalComma: true)
    /// Excel "Unicode text": tab separator, decimal comma (a point is accepted too).
    public static let tabSeparated = CSVDialect(separator: UInt8(ascii: "\t"), decimalComma: true)

    public var description: String {
        switch separator {
        case UInt8(ascii: ","): "',' separator, decimal point"
        case UInt8(ascii: ";"): "';' separator, decimal comma"
        case UInt8(ascii: "\t"): "tab separator, decimal comma"
        default: "'\(Character(Unicode.Scalar(separator)))' separator"
        }
    }

    /// The dialect of a file whose text (UTF-8, no BOM) is `text`, judged
    /// from its first record, or from its first ``detectionLimit`` bytes when
    /// the first record is longer; see the type's documentation.
    ///
    /// - Complexity: O(min(length of the header record, ``detectionLimit``)).
    static func detect(header text: UnsafeBufferPointer<UInt8>) -> CSVDialect {
        var commas = 0, semicolons = 0, tabs = 0
        var inQuotes = false
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";"), tab = UInt8(ascii: "\t")
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        for c in UnsafeBufferPointer(rebasing: text.prefix(detectionLimit)) {
            if c == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == comma {
                    commas += 1
                } else if c == semicolon {
                    semicolons += 1
                } else if c == tab {
                    tabs += 1
                } else if c == lf || c == cr {
                    break
                }
            }
        }
        return choose(commas, semicolons, tabs)
    }

    /// The most header bytes ``detect(header:)`` reads: 64 KiB, room for
    /// thousands of column names.
    static let detectionLimit = 1 << 16

    private static func choose(_ commas: Int, _ semicolons: Int, _ tabs: Int) -> CSVDialect {
        if commas >= semicolons && commas >= tabs { return .rfc4180 }
        return semicolons >= tabs ? .excelSemicolon : .tabSeparated
    }
}
