/// How CSV output is written.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator.
    public var separator: Character

    /// RFC 4180 with `,` (the default).
    public static let rfc4180 = CSVDialect(separator: ",")

    /// One field as it goes between separators: quoted only when it holds
    /// the separator, a quote, a line break or leading or trailing space;
    /// quotes are doubled (RFC 4180 §2.6–2.7).
    public func field(_ s: String) -> String {
        let needs = s.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needs else { return s }
        var out = "\""
        for c in s {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out + "\""
    }
}

/// One field in the default dialect (``CSVDialect/rfc4180``).
func csvField(_ s: String) -> String { CSVDialect.rfc4180.field(s) }
