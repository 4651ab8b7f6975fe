/// The kind of a JSON value in a batch object.
enum JSONValueKind: Sendable, Equatable {
    case string
    case number
    case null
    /// `true`/`false`, or a nested object or array: not a batch value.
    case unusable(String)
}

/// One member of a batch object: key and value as slices of the buffer.
struct JSONMember: Sendable {
    var key: FieldSlice
    var value: FieldSlice
    var kind: JSONValueKind
    /// The contract column the key names, filled in by the reader.
    var column: ShipmentColumn? = nil
}

/// A JSON text that is not a valid batch, with the line where reading stopped.
struct JSONSyntaxError: Error, Sendable {
    var line: Int
    var message: String
}

/// Reads a JSON batch (RFC 8259): an array whose elements are objects with
/// string or number values, one element at a time.
///
/// Strings are unescaped in place (an escape is never shorter in UTF-8 than
/// the text it stands for), and numbers are kept as their text so that
/// ``DecimalText`` reads them without rounding. Every element is reported
/// with the line of its first character. Nested objects and arrays are
/// skipped without recursion (no stack overflow on `[[[[…`) and reported as
/// ``JSONValueKind/unusable(_:)``. Anything that is not JSON stops the file
/// with a ``JSONSyntaxError``.
///
/// - Important: the buffer must outlive the scanner; see ``CSVRecordReader``.
struct JSONBatchScanner {
    private let b: UnsafeMutablePointer<UInt8>?
    private let end: Int
    private var pos = 0
    private(set) var line = 1
    private var started = false
    private var finished = false

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.b = buffer.baseAddress
        self.end = buffer.count
    }

    /// The bytes of a slice.
    func bytes(_ f: FieldSlice) -> UnsafeBufferPointer<UInt8> {
        guard let b, f.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: b + f.start, count: f.count)
    }

    private func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, message: message)
    }

    private func peek() -> UInt8? {
        guard let b, pos < end else { return nil }
        return b[pos]
    }

    private mutating func skipWhitespace() {
        guard let b else { return }
        while pos < end {
            switch b[pos] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            pos += 1
        }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek() == c else { throw fail("expected \(what)\(found())") }
        pos += 1
    }

    private func found() -> String {
        guard let c = peek() else { return ", found the end of the file" }
        if c >= 0x21 && c < 0x7F { return ", found '\(Character(Unicode.Scalar(c)))'" }
        return ", found byte 0x\(String(c, radix: 16))"
    }

    /// The next element of the top-level array.
    ///
    /// - Returns: `nil` after the closing `]`; otherwise the line of the
    ///   element and, for an object, its members (in `members`, cleared
    ///   first). A non-object element gives `isObject == false`.
    mutating func next(into members: inout [JSONMember]) throws(JSONSyntaxError) -> (line: Int, isObject: Bool)? {
        members.removeAll(keepingCapacity: true)
        if finished { return nil }
        if !started {
            started = true
            try expect(UInt8(ascii: "["), "'[' (a JSON batch is an array of objects)")
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                pos += 1
                return try finish()
            }
        } else {
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: "]"):
                pos += 1
                return try finish()
            case UInt8(ascii: ","):
                pos += 1
            default:
                throw fail("expected ',' or ']' after an array element\(found())")
            }
        }
        skipWhitespace()
        let elementLine = line
        guard peek() == UInt8(ascii: "{") else {
            _ = try value()
            return (elementLine, false)
        }
        pos += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            pos += 1
            return (elementLine, true)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key in quotes\(found())") }
            let key = try string()
            try expect(UInt8(ascii: ":"), "':' after a key")
            skipWhitespace()
            let (v, kind) = try value()
            members.append(JSONMember(key: key, value: v, kind: kind))
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}' in an object")
            return (elementLine, true)
        }
    }

    private mutating func finish() throws(JSONSyntaxError) -> (line: Int, isObject: Bool)? {
        finished = true
        skipWhitespace()
        guard pos == end else { throw fail("unexpected text after the closing ']'\(found())") }
        return nil
    }

    /// One value at `pos` (whitespace already skipped).
    private mutating func value() throws(JSONSyntaxError) -> (FieldSlice, JSONValueKind) {
        guard let c = peek() else { throw fail("expected a value, found the end of the file") }
        switch c {
        case UInt8(ascii: "\""):
            return (try string(), .string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return (try number(), .number)
        case UInt8(ascii: "t"):
            try literal("true")
            return (.absent, .unusable("true"))
        case UInt8(ascii: "f"):
            try literal("false")
            return (.absent, .unusable("false"))
        case UInt8(ascii: "n"):
            try literal("null")
            return (FieldSlice(start: pos, count: 0, quoted: false), .null)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipNested()
            return (.absent, .unusable(c == UInt8(ascii: "{") ? "an object" : "an array"))
        default:
            throw fail("expected a value\(found())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard let b, pos + w.count <= end else { throw fail("expected '\(word)'") }
        for i in 0..<w.count where b[pos + i] != w[i] { throw fail("expected '\(word)'") }
        pos += w.count
    }

    /// A number per RFC 8259 §6, kept as text.
    private mutating func number() throws(JSONSyntaxError) -> FieldSlice {
        guard let b else { throw fail("expected a number") }
        let start = pos
        @inline(__always) func digits() -> Int {
            let s = pos
            while pos < end, b[pos] >= UInt8(ascii: "0"), b[pos] <= UInt8(ascii: "9") { pos += 1 }
            return pos - s
        }
        if b[pos] == UInt8(ascii: "-") { pos += 1 }
        let intStart = pos
        let intDigits = digits()
        guard intDigits > 0 else { throw fail("a number needs digits") }
        guard intDigits == 1 || b[intStart] != UInt8(ascii: "0") else { throw fail("a number cannot start with 0") }
        if pos < end, b[pos] == UInt8(ascii: ".") {
            pos += 1
            guard digits() > 0 else { throw fail("a number needs digits after '.'") }
        }
        if pos < end, b[pos] == UInt8(ascii: "e") || b[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < end, b[pos] == UInt8(ascii: "+") || b[pos] == UInt8(ascii: "-") { pos += 1 }
            guard digits() > 0 else { throw fail("a number needs digits in its exponent") }
        }
        return FieldSlice(start: start, count: pos - start, quoted: false)
    }

    /// A string at `pos` (on its opening quote), unescaped in place.
    private mutating func string() throws(JSONSyntaxError) -> FieldSlice {
        guard let b else { throw fail("expected a string") }
        pos += 1
        let start = pos
        var w = pos
        while true {
            guard pos < end else { throw fail("unterminated string") }
            let c = b[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return FieldSlice(start: start, count: w - start, quoted: true)
            }
            if c < 0x20 { throw fail("control character 0x\(String(c, radix: 16)) inside a string") }
            if c != UInt8(ascii: "\\") {
                b[w] = c
                w += 1
                pos += 1
                continue
            }
            guard pos + 1 < end else { throw fail("unterminated string") }
            let e = b[pos + 1]
            pos += 2
            let simple: UInt8?
            switch e {
            case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
            case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"): simple = nil
            default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
            }
            if let simple {
                b[w] = simple
                w += 1
                continue
            }
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard pos + 1 < end, b[pos] == UInt8(ascii: "\\"), b[pos + 1] == UInt8(ascii: "u") else {
                    throw fail("unpaired surrogate \\u\(String(scalar, radix: 16)) in a string")
                }
                pos += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail("unpaired surrogate \\u\(String(scalar, radix: 16)) in a string")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("unpaired surrogate \\u\(String(scalar, radix: 16)) in a string")
            }
            // UTF-8 of the scalar is at most as long as its escape.
            if scalar < 0x80 {
                b[w] = UInt8(scalar); w += 1
            } else if scalar < 0x800 {
                b[w] = UInt8(0xC0 | scalar >> 6); b[w + 1] = UInt8(0x80 | scalar & 0x3F); w += 2
            } else if scalar < 0x10000 {
                b[w] = UInt8(0xE0 | scalar >> 12); b[w + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                b[w + 2] = UInt8(0x80 | scalar & 0x3F); w += 3
            } else {
                b[w] = UInt8(0xF0 | scalar >> 18); b[w + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                b[w + 2] = UInt8(0x80 | scalar >> 6 & 0x3F); b[w + 3] = UInt8(0x80 | scalar & 0x3F); w += 4
            }
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard let b, pos + 4 <= end else { throw fail("\\u needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("\\u needs four hex digits")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// Skips a nested object or array (on its opening bracket), iteratively.
    private mutating func skipNested() throws(JSONSyntaxError) {
        var stack: [UInt8] = []
        repeat {
            skipWhitespace()
            guard let c = peek() else { throw fail("unterminated object or array") }
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                pos += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard stack.last == c else { throw fail("mismatched '\(Character(Unicode.Scalar(c)))'") }
                stack.removeLast()
                pos += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                pos += 1
            default:
                _ = try value()
            }
        } while !stack.isEmpty
    }
}
