/// A streaming scanner for the XML subset OpenStreetMap files use: start,
/// end and empty-element tags with attributes; text, comments, processing
/// instructions, CDATA sections and a DOCTYPE are skipped.
///
/// It reads the file in chunks through ``ByteStream`` (so `.osm.gz` works),
/// keeps only the current tag in memory, counts lines for error messages,
/// and accepts what real files contain: single- or double-quoted
/// attributes, any XML whitespace (tabs, CR LF) between attributes, `>`
/// inside attribute values, and the predefined and numeric character
/// references (XML 1.0, §2.4 and §4.1). It is not a validating parser: it
/// checks only what it needs to read tags correctly, and reports anything
/// else malformed as an ``InputError`` with the line.
struct XMLScanner: ~Copyable {
    /// A byte range in the scanner's buffer, valid until the next ``next()``.
    typealias Span = Range<Int>

    private var stream: ByteStream
    let path: String
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var eof = false
    /// The line the scanner has reached (1-based).
    private(set) var line = 1

    /// The line the current tag starts on.
    private(set) var tagLine = 1
    /// The current tag's name.
    private(set) var name: Span = 0..<0
    /// `true` for `</name>`.
    private(set) var isEndTag = false
    /// `true` for `<name … />`.
    private(set) var isEmptyElement = false
    /// The current tag's attributes (name, value) as spans.
    private(set) var attributes: [(name: Span, value: Span)] = []

    /// The largest single tag accepted (a guard against unterminated input).
    static let maxTagBytes = 1 << 24

    init(path: String) throws(InputError) {
        stream = try ByteStream(path: path)
        self.path = path
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit { buffer.deallocate() }

    // MARK: Reading

    /// Reads more bytes, keeping `buffer[keepFrom..<end]`; returns `false` at
    /// the end of the file. Spans are shifted by `keepFrom`.
    private mutating func refill(keepFrom: Int) throws(InputError) -> Bool {
        guard !eof else { return false }
        let kept = end - keepFrom
        if keepFrom > 0 && kept > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + keepFrom, byteCount: kept)
        }
        start -= keepFrom
        end = kept
        if end == buffer.count {
            guard buffer.count < Self.maxTagBytes else {
                throw InputError(path: path, line: tagLine, message: "a tag longer than \(Self.maxTagBytes) bytes (unterminated?)")
            }
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 {
            eof = true
            return false
        }
        end += n
        return true
    }

    @inline(__always)
    private func byte(_ i: Int) -> UInt8 { buffer[i] }

    /// Advances to the next start or end tag.
    ///
    /// - Returns: `false` at the end of the file.
    mutating func next() throws(InputError) -> Bool {
        while true {
            // Skip text up to the next '<', counting lines.
            var i = start
            while true {
                while i < end {
                    let b = byte(i)
                    if b == UInt8(ascii: "<") { break }
                    if b == UInt8(ascii: "\n") { line += 1 }
                    i += 1
                }
                if i < end { break }
                start = i
                guard try refill(keepFrom: start) else {
                    start = end
                    return false
                }
                i = start
            }
            start = i
            tagLine = line
            // Make sure the markup's first bytes are in the buffer.
            while end - start < 9 {
                guard try refill(keepFrom: start) else { break }
            }
            if matches(start, "<!--") {
                try skip(until: "-->", from: start + 4)
                continue
            }
            if matches(start, "<![CDATA[") {
                try skip(until: "]]>", from: start + 9)
                continue
            }
            if matches(start, "<?") {
                try skip(until: "?>", from: start + 2)
                continue
            }
            if matches(start, "<!") {
                try skipDeclaration()
                continue
            }
            try parseTag()
            return true
        }
    }

    private func matches(_ at: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard end - at >= n else { return false }
        let p = s.utf8Start
        for k in 0..<n where byte(at + k) != p[k] { return false }
        return true
    }

    /// Skips past `terminator`, counting lines.
    private mutating func skip(until terminator: StaticString, from: Int) throws(InputError) {
        var i = from
        let first = terminator.utf8Start[0]
        while true {
            while i < end {
                let b = byte(i)
                if b == UInt8(ascii: "\n") { line += 1 }
                if b == first && matches(i, terminator) {
                    start = i + terminator.utf8CodeUnitCount
                    return
                }
                // A partial terminator at the end of the buffer: read more first.
                if b == first && end - i < terminator.utf8CodeUnitCount { break }
                i += 1
            }
            let shift = start
            guard try refill(keepFrom: start) else {
                throw InputError(path: path, line: tagLine, message: "unterminated markup (expected '\(terminator)')")
            }
            i -= shift
        }
    }

    /// Skips `<!DOCTYPE …>` (with an internal subset in brackets).
    private mutating func skipDeclaration() throws(InputError) {
        var i = start + 2
        var depth = 0
        while true {
            while i < end {
                let b = byte(i)
                if b == UInt8(ascii: "\n") { line += 1 }
                if b == UInt8(ascii: "[") { depth += 1 }
                if b == UInt8(ascii: "]") { depth -= 1 }
                if b == UInt8(ascii: ">") && depth <= 0 {
                    start = i + 1
                    return
                }
                i += 1
            }
            let shift = start
            guard try refill(keepFrom: start) else {
                throw InputError(path: path, line: tagLine, message: "unterminated declaration")
            }
            i -= shift
        }
    }

    /// Parses the tag at `start` (`<` included) into ``name`` and
    /// ``attributes``, reading more input when the tag spans chunks.
    private mutating func parseTag() throws(InputError) {
        // First find the tag's end ('>' outside quotes) so that spans stay
        // valid while parsing.
        var i = start + 1
        var quote: UInt8 = 0
        var newlines = 0
        while true {
            var found = false
            while i < end {
                let b = byte(i)
                if b == UInt8(ascii: "\n") { newlines += 1 }
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: ">") {
                    found = true
                    break
                } else if b == UInt8(ascii: "<") {
                    throw InputError(path: path, line: tagLine, message: "malformed tag: '<' inside a tag")
                }
                i += 1
            }
            if found { break }
            let shift = start
            guard try refill(keepFrom: start) else {
                throw InputError(path: path, line: tagLine, message: "the file ends inside a tag")
            }
            i -= shift
        }
        let tagEnd = i  // index of '>'
        line += newlines
        var p = start + 1
        isEndTag = byte(p) == UInt8(ascii: "/")
        if isEndTag { p += 1 }
        let nameStart = p
        while p < tagEnd, !isSpace(byte(p)), byte(p) != UInt8(ascii: "/") { p += 1 }
        name = nameStart..<p
        guard !name.isEmpty else { throw InputError(path: path, line: tagLine, message: "malformed tag: no element name") }
        attributes.removeAll(keepingCapacity: true)
        isEmptyElement = false
        while true {
            while p < tagEnd, isSpace(byte(p)) { p += 1 }
            if p == tagEnd { break }
            if byte(p) == UInt8(ascii: "/") {
                guard p + 1 == tagEnd, !isEndTag else {
                    throw InputError(path: path, line: tagLine, message: "malformed tag: stray '/'")
                }
                isEmptyElement = true
                break
            }
            let an = p
            while p < tagEnd, !isSpace(byte(p)), byte(p) != UInt8(ascii: "=") { p += 1 }
            let attributeName = an..<p
            while p < tagEnd, isSpace(byte(p)) { p += 1 }
            guard p < tagEnd, byte(p) == UInt8(ascii: "=") else {
                throw InputError(path: path, line: tagLine, message: "malformed attribute '\(string(attributeName))': expected '='")
            }
            p += 1
            while p < tagEnd, isSpace(byte(p)) { p += 1 }
            guard p < tagEnd, byte(p) == UInt8(ascii: "\"") || byte(p) == UInt8(ascii: "'") else {
                throw InputError(path: path, line: tagLine, message: "malformed attribute '\(string(attributeName))': value is not quoted")
            }
            let q = byte(p)
            p += 1
            let vs = p
            while p < tagEnd, byte(p) != q { p += 1 }
            guard p < tagEnd else {
                throw InputError(path: path, line: tagLine, message: "malformed attribute '\(string(attributeName))': unterminated value")
            }
            attributes.append((attributeName, vs..<p))
            p += 1
        }
        start = tagEnd + 1
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    // MARK: Accessors

    /// `true` when `span` holds exactly the ASCII text `s`.
    func equals(_ span: Span, _ s: StaticString) -> Bool {
        guard span.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for k in 0..<span.count where byte(span.lowerBound + k) != p[k] { return false }
        return true
    }

    /// The value of the current tag's attribute `name`.
    func attribute(_ name: StaticString) -> Span? {
        for a in attributes where equals(a.name, name) { return a.value }
        return nil
    }

    /// The text of `span` with character references decoded.
    func string(_ span: Span) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: buffer[span])
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        return Self.decodeReferences(raw)
    }

    /// The UTF-8 bytes of `span`, undecoded.
    func bytes(_ span: Span) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[span])
    }

    /// A decimal integer (optional sign), or `nil`.
    func integer(_ span: Span) -> Int64? {
        var i = span.lowerBound
        guard i < span.upperBound else { return nil }
        var negative = false
        if byte(i) == UInt8(ascii: "-") || byte(i) == UInt8(ascii: "+") {
            negative = byte(i) == UInt8(ascii: "-")
            i += 1
        }
        guard i < span.upperBound else { return nil }
        var v: Int64 = 0
        while i < span.upperBound {
            let d = byte(i) &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        return negative ? -v : v
    }

    /// A decimal number in degrees as 10⁻⁷ degrees, rounded half away from
    /// zero; `nil` when it is not a plain decimal number (exponent forms fall
    /// back to `Double`).
    func fixed7(_ span: Span) -> Int64? {
        var i = span.lowerBound
        let e = span.upperBound
        guard i < e else { return nil }
        var negative = false
        if byte(i) == UInt8(ascii: "-") || byte(i) == UInt8(ascii: "+") {
            negative = byte(i) == UInt8(ascii: "-")
            i += 1
        }
        var whole: Int64 = 0
        var digits = 0
        while i < e, byte(i) &- UInt8(ascii: "0") < 10 {
            guard whole < 100_000 else { return nil }
            whole = whole * 10 + Int64(byte(i) &- UInt8(ascii: "0"))
            digits += 1
            i += 1
        }
        var fraction: Int64 = 0
        var places = 0
        var roundUp = false
        if i < e, byte(i) == UInt8(ascii: ".") {
            i += 1
            while i < e, byte(i) &- UInt8(ascii: "0") < 10 {
                let d = Int64(byte(i) &- UInt8(ascii: "0"))
                if places < 7 {
                    fraction = fraction * 10 + d
                    places += 1
                } else if places == 7 {
                    roundUp = d >= 5
                    places += 1
                }
                digits += 1
                i += 1
            }
        }
        if i != e {
            // 1.5e1 and the like: rare, let Double handle them.
            guard let d = Double(string(span)), d.isFinite, abs(d) < 1000 else { return nil }
            return Int64((d * 1e7).rounded())
        }
        guard digits > 0 else { return nil }
        for _ in min(places, 7)..<7 { fraction *= 10 }
        var v = whole * 10_000_000 + fraction + (roundUp ? 1 : 0)
        if negative { v = -v }
        return v
    }

    /// Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;`;
    /// an unknown or malformed reference is kept as written.
    static func decodeReferences(_ raw: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "&"), let semi = raw[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                out.append(b)
                i += 1
                continue
            }
            let entity = String(decoding: raw[(i + 1)..<semi], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i = semi + 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
