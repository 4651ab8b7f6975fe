/// Reads a text file line by line as bytes, through ``ByteStream`` (so gzip
/// is transparent), without ever holding the whole file.
///
/// Lines are handed to the caller as a borrowed byte buffer that is valid
/// only during the call, without the line terminator (`\n` or `\r\n`).
/// A line longer than the buffer makes the buffer grow, up to
/// ``maximumLineLength``, beyond which the file is refused: DIMACS lines are
/// a few dozen bytes, so a megabyte-long line means the file is not DIMACS.
struct DIMACSLineReader: ~Copyable {
    /// The longest line accepted, in bytes.
    static let maximumLineLength = 1 << 20

    let path: String
    private var stream: ByteStream
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEndOfFile = false
    /// The 1-based number of the line last handed out.
    private(set) var lineNumber = 0

    init(path: String, bufferSize: Int = 1 << 18) throws(InputError) {
        self.path = path
        self.stream = try ByteStream(path: path)
        self.buffer = .allocate(byteCount: max(bufferSize, 64), alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Calls `body` with each line in turn and its 1-based number.
    mutating func forEachLine(
        _ body: (UnsafeRawBufferPointer, Int) throws(InputError) -> Void
    ) throws(InputError) {
        while true {
            // Hand out every complete line in the buffer.
            let base = UnsafeRawPointer(buffer.baseAddress!)
            while start < end {
                guard let nl = Self.indexOfNewline(base, from: start, to: end) else { break }
                var lineEnd = nl
                if lineEnd > start && base.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 13 { lineEnd -= 1 }
                lineNumber += 1
                try body(UnsafeRawBufferPointer(start: base + start, count: lineEnd - start), lineNumber)
                start = nl + 1
            }
            if atEndOfFile {
                if start < end {
                    // The last line has no terminator.
                    var lineEnd = end
                    if base.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 13 { lineEnd -= 1 }
                    lineNumber += 1
                    try body(UnsafeRawBufferPointer(start: base + start, count: lineEnd - start), lineNumber)
                    start = end
                }
                return
            }
            try refill()
        }
    }

    /// Moves the incomplete tail of the buffer to its front and reads more.
    private mutating func refill() throws(InputError) {
        let pending = end - start
        if pending > 0 && start > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: pending)
        }
        start = 0
        end = pending
        if end == buffer.count {
            guard buffer.count < Self.maximumLineLength else {
                throw InputError(
                    path: path, line: lineNumber + 1,
                    message: "line is longer than \(Self.maximumLineLength) bytes; this is not a DIMACS text file")
            }
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { atEndOfFile = true }
        end += n
    }

    @inline(__always)
    private static func indexOfNewline(_ base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        var i = from
        while i < to {
            if base.load(fromByteOffset: i, as: UInt8.self) == 10 { return i }
            i &+= 1
        }
        return nil
    }
}

/// A cursor over the whitespace-separated fields of one line.
struct DIMACSFields {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// `true` when only blanks remain.
    var isAtEnd: Bool {
        mutating get {
            skipBlanks()
            return index == bytes.count
        }
    }

    private mutating func skipBlanks() {
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
    }

    /// The next field, or `nil` at the end of the line.
    mutating func next() -> UnsafeRawBufferPointer? {
        skipBlanks()
        guard index < bytes.count else { return nil }
        let s = index
        while index < bytes.count, bytes[index] != 32, bytes[index] != 9 { index += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[s..<index])
    }

    /// `true` when the next field is exactly `word` (ASCII); consumes it.
    mutating func nextIs(_ word: StaticString) -> Bool {
        guard let f = next(), f.count == word.utf8CodeUnitCount else { return false }
        let w = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return f.elementsEqual(w)
    }

    /// The next field as a decimal integer (optional sign, at most 18
    /// digits), or `nil` when it is missing or not an integer.
    mutating func nextInteger() -> Int64? {
        guard let f = next() else { return nil }
        return Self.integer(f)
    }

    static func integer(_ f: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var negative = false
        if f.count > 0, f[0] == 45 || f[0] == 43 {
            negative = f[0] == 45
            i = 1
        }
        let digits = f.count - i
        guard digits > 0, digits <= 18 else { return nil }
        var v: Int64 = 0
        while i < f.count {
            let d = f[i] &- 48
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -v : v
    }
}

extension UnsafeRawBufferPointer {
    /// The line as text for an error message, shortened to `limit` characters.
    func quotedForError(limit: Int = 60) -> String {
        let s = String(decoding: prefix(limit), as: UTF8.self)
        return "'" + s + (count > limit ? "…" : "") + "'"
    }
}
