/// Writes CSV rows into a ``BufferedWriter``, each text field quoted as
/// ``CSVDialect/field(_:)`` says.
struct CSVWriter {
    let out: BufferedWriter
    private var fieldsInRow = 0

    init(_ out: BufferedWriter) {
        self.out = out
    }

    /// A text field, quoted when needed; `nil` is an empty field.
    mutating func text(_ s: String?) {
        separate()
        if let s { out.write(CSVDialect.rfc4180.field(s)) }
    }

    /// An integer field; `nil` is an empty field.
    mutating func int(_ i: Int64?) {
        separate()
        if let i { out.write(String(i)) }
    }

    /// A number with `decimals` digits after the point.
    mutating func number(_ x: Double, decimals: Int) {
        separate()
        out.write(JSONValue.format(x, decimals: decimals))
    }

    /// `count` empty fields.
    mutating func empty(_ count: Int = 1) {
        for _ in 0..<count { separate() }
    }

    /// Ends the row.
    mutating func endRow() {
        out.write(byte: 0x0A)
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { out.write(byte: UInt8(ascii: ",")) }
        fieldsInRow += 1
    }
}
