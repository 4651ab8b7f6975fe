/// A JSON document built in code and written deterministically.
///
/// Object members keep the order they were given in (reports follow the
/// contract's key order), numbers are written with a fixed number of
/// decimals chosen by the caller, and nothing depends on hashing or locale.
/// The same value always serialises to the same bytes.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number written with exactly `decimals` digits after the point
    /// (`0` writes an integer). Non-finite values are written as `null`.
    case number(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized() == b.serialized()
    }

    /// An integer value.
    public static func int(_ v: Int) -> JSONValue { .int(Int64(v)) }

    /// A kilometre, litre or kilogram figure with the contract's 3 decimals.
    public static func fixed3(_ v: Double) -> JSONValue { .number(v, decimals: 3) }

    /// `nil` as `null`.
    public static func optional(_ v: JSONValue?) -> JSONValue { v ?? .null }

    /// The document as text: two-space indentation, one member per line,
    /// arrays of scalars on one line; a final newline (the layout of
    /// ``JSONWriter``, which writes it).
    public func serialized(pretty: Bool = true) -> String {
        let out = BufferedWriter()
        var w = JSONWriter(out, pretty: pretty)
        w.value(self)
        w.endDocument()
        return out.text
    }

    /// Not an array or an object.
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// `x` with exactly `decimals` digits after the point, rounded half away
    /// from zero; `-0.000` is written as `0.000`
    /// (``BufferedWriter/appendFixed(_:decimals:decimalMark:to:)``).
    public static func format(_ x: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        BufferedWriter.appendFixed(x, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
