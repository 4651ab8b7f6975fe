/// A value to bind to a statement parameter.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// An integer.
    public static func int(_ v: Int) -> SQLiteValue { .integer(Int64(v)) }
    /// Text, or NULL for `nil`.
    public static func optional(_ s: String?) -> SQLiteValue { s.map(SQLiteValue.text) ?? .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
}
