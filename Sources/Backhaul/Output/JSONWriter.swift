/// Writes a JSON document piece by piece into a ``BufferedWriter``, so that
/// a report with 100,000 pairs never exists as one string or one
/// ``JSONValue`` tree.
///
/// The layout is the project's one JSON layout (``JSONValue`` serialises
/// through this writer): two-space indentation, one object member or array
/// element per line, arrays of scalars on one line (the caller says which
/// arrays those are: ``beginArray(inline:)``), `{}` and `[]` when empty, and
/// a final newline. Without `pretty`, everything is on one line without
/// spaces.
///
/// ```swift
/// var w = JSONWriter(out)
/// w.beginObject()
/// w.key("pairs"); w.beginArray()
/// for p in pairs { w.beginObject(); w.member("a", p.a); w.endObject() }
/// w.endArray()
/// w.endObject()
/// w.endDocument()
/// ```
///
/// Misuse (a value without a key inside an object, unbalanced ends) is
/// caught by assertions in debug builds.
public struct JSONWriter {
    public let out: BufferedWriter
    public let pretty: Bool

    private struct Frame {
        var isObject: Bool
        /// Members on one line (`[1, 2]`).
        var inline: Bool
        var count = 0
        /// Indentation of the line the container opens on.
        var indent: Int
    }

    private var frames: [Frame] = []
    private var afterKey = false

    public init(_ out: BufferedWriter, pretty: Bool = true) {
        self.out = out
        self.pretty = pretty
    }

    // MARK: Containers

    /// Opens an object (`{`).
    public mutating func beginObject() {
        openValue()
        out.write(byte: UInt8(ascii: "{"))
        frames.append(Frame(isObject: true, inline: !pretty, indent: currentIndent))
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        assert(frames.last?.isObject == true && !afterKey, "endObject without a matching beginObject")
        close(UInt8(ascii: "}"))
    }

    /// Opens an array (`[`). `inline` writes every element on the opening
    /// line, separated by `, ` (the layout of arrays of scalars).
    public mutating func beginArray(inline: Bool = false) {
        openValue()
        out.write(byte: UInt8(ascii: "["))
        frames.append(Frame(isObject: false, inline: inline || !pretty, indent: currentIndent))
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        assert(frames.last?.isObject == false, "endArray without a matching beginArray")
        close(UInt8(ascii: "]"))
    }

    /// Ends the document: a final newline when pretty.
    public mutating func endDocument() {
        assert(frames.isEmpty, "endDocument with open containers")
        if pretty { out.write(byte: 0x0A) }
    }

    /// The key of the next member of the innermost object.
    public mutating func key(_ name: String) {
        assert(frames.last?.isObject == true && !afterKey, "a key outside an object")
        separate()
        JSONWriter.writeString(name, into: out)
        if pretty { out.write(": ") } else { out.write(byte: UInt8(ascii: ":")) }
        afterKey = true
    }

    // MARK: Scalars

    public mutating func string(_ s: String) {
        openValue()
        JSONWriter.writeString(s, into: out)
    }

    /// A string, or `null` for `nil`.
    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    public mutating func int(_ i: Int64) {
        openValue()
        out.write(int: i)
    }

    public mutating func int(_ i: Int) { int(Int64(i)) }

    /// A number with exactly `decimals` digits after the point
    /// (``JSONValue/format(_:decimals:)``).
    public mutating func number(_ x: Double, decimals: Int) {
        openValue()
        out.write(fixed: x, decimals: decimals)
    }

    public mutating func bool(_ b: Bool) {
        openValue()
        out.write(b ? "true" : "false")
    }

    public mutating func null() {
        openValue()
        out.write("null")
    }

    /// Writes a whole value (small subtrees: headers, parameters).
    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .number(let d, let decimals): number(d, decimals: decimals)
        case .string(let s): string(s)
        case .array(let items):
            beginArray(inline: items.allSatisfy(\.isScalar))
            for item in items { value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for (k, item) in members {
                key(k)
                value(item)
            }
            endObject()
        }
    }

    // MARK: Members (key and value in one call)

    public mutating func member(_ name: String, _ s: String) { key(name); string(s) }
    public mutating func member(_ name: String, _ s: String?) { key(name); string(s) }
    public mutating func member(_ name: String, _ i: Int64) { key(name); int(i) }
    public mutating func member(_ name: String, _ i: Int) { key(name); int(i) }
    public mutating func member(_ name: String, _ x: Double, decimals: Int) { key(name); number(x, decimals: decimals) }
    public mutating func member(_ name: String, _ v: JSONValue) { key(name); value(v) }

    // MARK: Layout

    /// Indentation of a value that starts a line in the innermost container.
    private var currentIndent: Int {
        guard let f = frames.last else { return 0 }
        return f.inline ? f.indent : f.indent + 2
    }

    /// Before a value: nothing after a key; the separator and indentation
    /// inside an array.
    private mutating func openValue() {
        if afterKey {
            afterKey = false
            return
        }
        assert(frames.last?.isObject != true, "a value without a key inside an object")
        if !frames.isEmpty { separate() }
    }

    /// The separator before a member or element of the innermost container.
    private mutating func separate() {
        let f = frames[frames.count - 1]
        if f.inline {
            if f.count > 0 { out.write(pretty ? ", " : ",") }
        } else {
            out.write(f.count > 0 ? ",\n" : "\n")
            out.write(spaces: f.indent + 2)
        }
        frames[frames.count - 1].count += 1
    }

    private mutating func close(_ bracket: UInt8) {
        let f = frames.removeLast()
        if f.count > 0 && !f.inline {
            out.write(byte: 0x0A)
            out.write(spaces: f.indent)
        }
        out.write(byte: bracket)
    }

    /// Writes `s` as a JSON string literal (RFC 8259 §7): `"` and `\`
    /// escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`,
    /// everything else as its UTF-8 bytes.
    static func writeString(_ s: String, into out: BufferedWriter) {
        out.write(byte: UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                out.write(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch b {
                case UInt8(ascii: "\""): out.write("\\\"")
                case UInt8(ascii: "\\"): out.write("\\\\")
                case 0x0A: out.write("\\n")
                case 0x0D: out.write("\\r")
                case 0x09: out.write("\\t")
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.write(bytes: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
                start = i + 1
            }
            out.write(bytes: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.write(byte: UInt8(ascii: "\""))
    }
}
