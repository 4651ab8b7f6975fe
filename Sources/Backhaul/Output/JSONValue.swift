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
    /// arrays of scalars on one line; a final newline.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: 0, pretty: pretty)
        if pretty { out += "\n" }
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func write(into out: inout String, indent: Int, pretty: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d, let decimals): out += JSONValue.format(d, decimals: decimals)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if !pretty || items.allSatisfy(\.isScalar) {
                out += "["
                for (i, v) in items.enumerated() {
                    if i > 0 { out += pretty ? ", " : "," }
                    v.write(into: &out, indent: indent, pretty: pretty)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                v.write(into: &out, indent: indent + 2, pretty: pretty)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if !pretty {
                out += "{"
                for (i, (k, v)) in members.enumerated() {
                    if i > 0 { out += "," }
                    JSONValue.writeString(k, into: &out)
                    out += ":"
                    v.write(into: &out, indent: indent, pretty: false)
                }
                out += "}"
                return
            }
            out += "{\n"
            for (i, (k, v)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONValue.writeString(k, into: &out)
                out += ": "
                v.write(into: &out, indent: indent + 2, pretty: pretty)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// `x` with exactly `decimals` digits after the point, rounded half away
    /// from zero; `-0.000` is written as `0.000`.
    public static func format(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(x) }
        let v = UInt64(scaled)
        if v == 0 { return decimals > 0 ? "0." + String(repeating: "0", count: decimals) : "0" }
        let s = UInt64(scale)
        var text = x < 0 ? "-" : ""
        text += String(v / s)
        if decimals > 0 {
            let frac = String(v % s)
            text += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return text
    }

    /// Writes `s` as a JSON string literal (RFC 8259 §7).
    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}
