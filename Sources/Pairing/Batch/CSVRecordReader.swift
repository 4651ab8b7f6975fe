/// One field of a record: a range of the (already unquoted and trimmed)
/// bytes in the file buffer.
struct FieldSlice: Sendable {
    var start: Int
    /// `-1` for a column that the row does not have.
    var count: Int
    /// Whether the field was written in quotes (a quoted empty field is not blank).
    var quoted: Bool

    static let absent = FieldSlice(start: 0, count: -1, quoted: false)
}

/// What can be wrong with the shape of one CSV record.
enum CSVRecordProblem: Sendable, Equatable {
    case none
    /// The file ends inside a quoted field.
    case unterminatedQuote
    /// Something other than a separator or line end follows a closing quote,
    /// in the given (1-based) column.
    case textAfterQuote(column: Int)
}

/// Splits CSV text into records, RFC 4180 §2, in place.
///
/// The reader works over a mutable buffer it does not own: quoted fields are
/// unescaped in place (`""` becomes `"`, so the text only shrinks), and every
/// field is reported as a ``FieldSlice`` of that buffer, with surrounding
/// spaces and tabs trimmed (inside and outside the quotes). Records end at
/// LF, CRLF or a lone CR (Excel for Mac's "CSV (Macintosh)"), except inside
/// quotes, where line ends are part of the value; ``line`` counts every one of
/// them so that rejected rows can be named by the line they start on.
///
/// Departures from RFC 4180, all in the lenient direction: a `"` inside an
/// unquoted field is an ordinary character; the last record may lack a line
/// end. An unterminated quote or text after a closing quote is reported as a
/// ``CSVRecordProblem`` for the record, which the caller rejects.
///
/// - Important: the buffer must outlive the reader and must not be touched by
///   anyone else while it is in use; ``BatchReader`` keeps it inside one
///   `withUnsafeMutableBufferPointer` call.
struct CSVRecordReader {
    /// `nil` only for an empty buffer.
    private let base: UnsafeMutablePointer<UInt8>?
    private let end: Int
    private let separator: UInt8
    /// The byte offset of the next record.
    private(set) var position: Int
    /// The 1-based line of ``position``.
    private(set) var line: Int = 1

    init(buffer: UnsafeMutableBufferPointer<UInt8>, separator: UInt8) {
        self.base = buffer.baseAddress
        self.end = buffer.count
        self.separator = separator
        self.position = 0
    }

    /// The bytes of a field.
    @inline(__always)
    func bytes(_ f: FieldSlice) -> UnsafeBufferPointer<UInt8> {
        guard let base, f.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + f.start, count: f.count)
    }

    /// The whole buffer (for field slices handed on to the row decoder).
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: end) }

    @inline(__always)
    private func isBlank(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || (c == UInt8(ascii: "\t") && separator != UInt8(ascii: "\t"))
    }

    /// Reads the next record into `fields` (cleared first).
    ///
    /// - Returns: the line the record starts on and what is wrong with its
    ///   shape, or `nil` at the end of the text.
    /// - Complexity: O(length of the record).
    mutating func next(into fields: inout [FieldSlice]) -> (line: Int, problem: CSVRecordProblem)? {
        guard position < end, let b = base else { return nil }
        fields.removeAll(keepingCapacity: true)
        let sep = separator
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), quote = UInt8(ascii: "\"")
        let startLine = line
        var problem = CSVRecordProblem.none
        var pos = position
        defer { position = pos }
        while true {
            while pos < end && isBlank(b[pos]) { pos += 1 }
            if pos < end && b[pos] == quote {
                pos += 1
                let start = pos
                var w = pos
                var closed = false
                while pos < end {
                    let c = b[pos]
                    if c == quote {
                        if pos + 1 < end && b[pos + 1] == quote {
                            b[w] = quote
                            w += 1
                            pos += 2
                            continue
                        }
                        pos += 1
                        closed = true
                        break
                    }
                    if c == lf {
                        line += 1
                    } else if c == cr && !(pos + 1 < end && b[pos + 1] == lf) {
                        line += 1
                    }
                    if w != pos { b[w] = c }
                    w += 1
                    pos += 1
                }
                var s = start, e = w
                while s < e && isBlank(b[s]) { s += 1 }
                while e > s && isBlank(b[e - 1]) { e -= 1 }
                fields.append(FieldSlice(start: s, count: e - s, quoted: true))
                if !closed { return (startLine, .unterminatedQuote) }
                while pos < end && isBlank(b[pos]) { pos += 1 }
                if pos < end, b[pos] != sep, b[pos] != cr, b[pos] != lf {
                    if problem == .none { problem = .textAfterQuote(column: fields.count) }
                    while pos < end, b[pos] != sep, b[pos] != cr, b[pos] != lf { pos += 1 }
                }
            } else {
                let start = pos
                while pos < end {
                    let c = b[pos]
                    if c == sep || c == lf || c == cr { break }
                    pos += 1
                }
                var e = pos
                while e > start && isBlank(b[e - 1]) { e -= 1 }
                fields.append(FieldSlice(start: start, count: e - start, quoted: false))
            }
            guard pos < end else { return (startLine, problem) }
            let c = b[pos]
            pos += 1
            if c == sep { continue }
            if c == cr && pos < end && b[pos] == lf { pos += 1 }
            line += 1
            return (startLine, problem)
        }
    }
}
