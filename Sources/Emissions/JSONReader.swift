/// A small, strict JSON reader (RFC 8259) over bytes that records the line of
/// every value.
///
/// Foundation's `JSONSerialization` loses positions and silently keeps one of
/// two duplicate keys; a factors file deserves both errors with a line. The
/// reader is recursive with a depth limit, so hostile input cannot overflow
/// the stack.
///
/// - Complexity: O(n) in the input length.
struct JSONReader {
    /// A syntax error at a line.
    struct SyntaxError: Error, Sendable, Hashable {
        var line: Int
        var message: String
    }

    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON text (a UTF-8 byte-order mark is skipped).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
        var r = JSONReader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r.index = 3 }
        r.skipWhitespace()
        guard r.index < bytes.count else { throw SyntaxError(line: r.line, message: "the file is empty") }
        let value = try r.parseValue(depth: 0)
        r.skipWhitespace()
        guard r.index == bytes.count else {
            throw SyntaxError(line: r.line, message: "unexpected \(r.describeCurrent()) after the JSON value")
        }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            index += 1
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONNode {
        guard depth < Self.maxDepth else {
            throw SyntaxError(line: line, message: "nesting deeper than \(Self.maxDepth) levels")
        }
        guard index < bytes.count else { throw SyntaxError(line: line, message: "unexpected end of file") }
        let startLine = line
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(kind: .object(try parseObject(depth: depth)), line: startLine)
        case UInt8(ascii: "["): return JSONNode(kind: .array(try parseArray(depth: depth)), line: startLine)
        case UInt8(ascii: "\""): return JSONNode(kind: .string(try parseString()), line: startLine)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(kind: .bool(true), line: startLine)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(kind: .bool(false), line: startLine)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(kind: .null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(kind: .number(try parseNumber()), line: startLine)
        default:
            throw SyntaxError(line: line, message: "expected a JSON value, found \(describeCurrent())")
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { w in
            index + n <= bytes.count && bytes[index..<(index + n)].elementsEqual(w)
        }
        guard matches else {
            throw SyntaxError(line: line, message: "expected a JSON value, found \(describeCurrent())")
        }
        index += n
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> [JSONNode.Member] {
        index += 1  // {
        var members: [JSONNode.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw SyntaxError(line: line, message: "expected a quoted key, found \(describeCurrent())")
            }
            let keyLine = line
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw SyntaxError(line: line, message: "expected ':' after key \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append(JSONNode.Member(key: key, line: keyLine, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw SyntaxError(line: line, message: "unexpected end of file in an object") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return members
            default:
                throw SyntaxError(line: line, message: "expected ',' or '}' in an object, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> [JSONNode] {
        index += 1  // [
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw SyntaxError(line: line, message: "unexpected end of file in an array") }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return elements
            default:
                throw SyntaxError(line: line, message: "expected ',' or ']' in an array, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw SyntaxError(line: line, message: "unterminated string") }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw SyntaxError(line: line, message: "string is not valid UTF-8")
                }
                return s
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw SyntaxError(line: line, message: "unterminated string") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    throw SyntaxError(line: line, message: "invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
            case 0x00..<0x20:
                throw SyntaxError(line: line, message: "control character (or raw line break) inside a string")
            default:
                out.append(b)
                index += 1
            }
        }
    }

    /// After `\u`: four hex digits, combining a surrogate pair when present.
    private mutating func parseUnicodeEscape() throws(SyntaxError) -> Unicode.Scalar {
        let high = try parseHex4()
        if (0xD800..<0xDC00).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw SyntaxError(line: line, message: "unpaired surrogate in \\u escape")
            }
            index += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else {
                throw SyntaxError(line: line, message: "unpaired surrogate in \\u escape")
            }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let s = Unicode.Scalar(value) else { throw SyntaxError(line: line, message: "invalid \\u escape") }
            return s
        }
        guard let s = Unicode.Scalar(high) else {
            throw SyntaxError(line: line, message: "unpaired surrogate in \\u escape")
        }
        return s
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw SyntaxError(line: line, message: "truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw SyntaxError(line: line, message: "invalid hex digit in \\u escape")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func parseNumber() throws(SyntaxError) -> Double {
        let start = index
        func digits(_ r: inout JSONReader) -> Int {
            let s = r.index
            while r.index < r.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(r.bytes[r.index]) {
                r.index += 1
            }
            return r.index - s
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
            throw SyntaxError(line: line, message: "invalid number: a digit must follow '-'")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                throw SyntaxError(line: line, message: "invalid number: leading zeros are not allowed")
            }
        } else {
            _ = digits(&self)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else {
                throw SyntaxError(line: line, message: "invalid number: a digit must follow '.'")
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else {
                throw SyntaxError(line: line, message: "invalid number: a digit must follow the exponent")
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let v = Double(text), v.isFinite else {
            throw SyntaxError(line: line, message: "number out of range: \(text)")
        }
        return v
    }
}
