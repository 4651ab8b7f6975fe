/// Writes CSV rows into a ``BufferedWriter`` in a ``CSVDialect``: text
/// cells made safe and quoted by ``CSVDialect/field(_:)``, numbers with the
/// dialect's decimal mark.
struct CSVWriter {
    let out: BufferedWriter
    let dialect: CSVDialect
    private let separator: UInt8
    private var fieldsInRow = 0

    /// Starts the file (the byte-order mark, when the dialect has one).
    init(_ out: BufferedWriter, dialect: CSVDialect) {
        self.out = out
        self.dialect = dialect
        separator = dialect.separatorByte
        if dialect.byteOrderMark { out.write(bytes: [0xEF, 0xBB, 0xBF]) }
    }

    /// A header row.
    mutating func header(_ names: [String]) {
        for n in names { text(n) }
        endRow()
    }

    /// A text cell; `nil` is an empty cell.
    mutating func text(_ s: String?) {
        separate()
        if let s { dialect.writeField(s, to: out) }
    }

    /// An integer cell; `nil` is an empty cell.
    mutating func int(_ i: Int64?) {
        separate()
        if let i { out.write(int: i) }
    }

    /// A number with `decimals` digits after the decimal mark.
    mutating func number(_ x: Double, decimals: Int) {
        separate()
        out.write(fixed: x, decimals: decimals, decimalMark: dialect.decimalMarkByte)
    }

    /// Metres as kilometres with the dialect's precision; `nil` is empty.
    mutating func kilometres(_ metres: Int64?) {
        separate()
        if let metres { out.write(fixed: km(metres), decimals: dialect.kilometreDecimals, decimalMark: dialect.decimalMarkByte) }
    }

    /// `count` empty cells.
    mutating func empty(_ count: Int = 1) {
        for _ in 0..<count { separate() }
    }

    /// Ends the row.
    mutating func endRow() {
        out.write(dialect.lineEnding)
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { out.write(byte: separator) }
        fieldsInRow += 1
    }
}
