/// User input as messages and reports repeat it: bounded, on one line, and
/// with nothing a terminal, a log viewer or a spreadsheet would act on.
///
/// Every echo of an input value — an id in a rejection, a header name in a
/// warning, a number that is out of range, the list of a file's columns —
/// goes through here, so that a 50 MB header line or a million-column
/// header produces a message of a few hundred bytes, not a copy of the file.
///
/// - A **value** keeps at most ``valueLimit`` bytes of its UTF-8 (cut at a
///   character boundary), then `…` and how much was left out:
///   `'AAAA…' (52428740 more characters)`.
/// - A **list** keeps at most ``listItems`` entries, each a clipped value
///   of at most ``listItemLimit`` bytes, then how many entries were left out:
///   `a, b, c, … and 999980 more columns`.
/// - **Control and invisible characters** are written as escapes, so an echo
///   is always one line of visible text: C0 controls and DEL as `\x00`…`\x1F`,
///   `\x7F`; C1 controls (U+0080–U+009F), the line and paragraph separators
///   U+2028/U+2029 and the bidirectional controls (U+061C, U+200E, U+200F,
///   U+202A–U+202E, U+2066–U+2069, which can reorder what a reader sees,
///   CVE-2021-42574) as `\u{202E}`.
///
/// Text that needs none of this (short and printable) is returned unchanged,
/// so ordinary messages read exactly as before.
///
/// This type lives in `Pairing` so that both the batch reader and the jobs
/// and report writers in `Backhaul` share one copy.
public enum UserText {
    /// Bytes of one value shown before it is cut: 60.
    public static let valueLimit = 60
    /// Entries of a list shown before it is cut: 20.
    public static let listItems = 20
    /// Bytes of each list entry shown before it is cut: 40.
    public static let listItemLimit = 40

    /// `text` for a message: printable, at most `limit` bytes of it, and when
    /// cut, `…` and ` (N more characters)`.
    ///
    /// - Complexity: O(`limit`) when nothing is cut; O(length of `text`) to
    ///   count what was left out.
    public static func clipped(_ text: some StringProtocol, limit: Int = valueLimit) -> String {
        var text = String(text)
        return text.withUTF8 { clipped($0, limit: limit) }
    }

    /// ``clipped(_:limit:)`` between single quotes, the count outside them:
    /// `'abc…' (12 more characters)`.
    public static func quoted(_ text: some StringProtocol, limit: Int = valueLimit) -> String {
        var text = String(text)
        return text.withUTF8 { quoted($0, limit: limit) }
    }

    /// ``clipped(_:limit:)`` of UTF-8 bytes (invalid sequences become U+FFFD).
    public static func clipped(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = valueLimit) -> String {
        let (shown, more) = render(bytes, limit: limit)
        return more == 0 ? shown : "\(shown)… (\(more) more character\(more == 1 ? "" : "s"))"
    }

    /// ``quoted(_:limit:)`` of UTF-8 bytes.
    public static func quoted(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = valueLimit) -> String {
        let (shown, more) = render(bytes, limit: limit)
        return more == 0 ? "'\(shown)'" : "'\(shown)…' (\(more) more character\(more == 1 ? "" : "s"))"
    }

    /// A comma-separated list of `items`, each clipped to ``listItemLimit``
    /// bytes; past ``listItems`` entries, `, … and N more <noun>`.
    ///
    /// - Complexity: O(``listItems`` × ``listItemLimit``) apart from counting
    ///   what each shown entry leaves out.
    public static func list(_ items: [String], noun: String, maxItems: Int = listItems) -> String {
        var out = items.prefix(maxItems).map { clipped($0, limit: listItemLimit) }.joined(separator: ", ")
        if items.count > maxItems { out += ", … and \(items.count - maxItems) more \(noun)" }
        return out
    }

    /// The shown part of `bytes` (escaped) and how many characters were
    /// left out.
    static func render(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> (shown: String, more: Int) {
        if bytes.count <= limit, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return (String(decoding: bytes, as: UTF8.self), 0)
        }
        // Cut at a scalar boundary at or before `limit` bytes.
        var cut = min(limit, bytes.count)
        while cut > 0, cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        var shown = ""
        shown.reserveCapacity(cut + 8)
        for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self).unicodeScalars {
            append(scalar, to: &shown)
        }
        return (shown, scalarCount(bytes, from: cut))
    }

    /// The number of scalars in `bytes[from...]` (bytes that do not continue
    /// a UTF-8 sequence).
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var more = 0
        var i = start
        let n = bytes.count
        while i < n {
            more &+= base[i] & 0xC0 != 0x80 ? 1 : 0
            i &+= 1
        }
        return more
    }

    /// The first character in `bytes` that ``clipped(_:limit:)`` would
    /// escape — a control character or an invisible one that changes how
    /// text reads — with its byte offset; tab, CR and LF are allowed when
    /// `allowingTabAndLineBreaks` is set.
    ///
    /// - Complexity: O(`bytes.count`), one comparison per ASCII byte.
    static func firstControlCharacter(
        in bytes: UnsafeBufferPointer<UInt8>, allowingTabAndLineBreaks: Bool
    ) -> (scalar: UInt32, offset: Int)? {
        let n = bytes.count
        var i = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while i < n {
            // Eight printable ASCII bytes at a time: no byte below 0x20, none
            // with the high bit, none equal to 0x7F (SWAR tests, as in
            // "Bit Twiddling Hacks": has-less-than and has-zero-byte).
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let below20 = (w &- ones &* 0x20) & ~w & highs
                let del = w ^ (ones &* 0x7F)
                let isDel = (del &- ones) & ~del & highs
                if (w & highs) | below20 | isDel == 0 {
                    i += 8
                    continue
                }
            }
            let c = bytes[i]
            if c >= 0x20 && c < 0x7F {
                i += 1
                continue
            }
            if c < 0x80 {
                if allowingTabAndLineBreaks && (c == 0x09 || c == 0x0A || c == 0x0D) {
                    i += 1
                    continue
                }
                return (UInt32(c), i)
            }
            // Two- and three-byte sequences of the escaped ranges.
            if c == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                return (UInt32(bytes[i + 1]), i)  // U+0080–U+009F
            }
            if c == 0xD8, i + 1 < n, bytes[i + 1] == 0x9C { return (0x061C, i) }
            if c == 0xE2, i + 2 < n {
                let scalar = 0x2000 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                if bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80, isInvisibleFormatting(scalar) {
                    return (scalar, i)
                }
            }
            i += 1
        }
        return nil
    }

    /// U+200E, U+200F, U+2028–U+202E, U+2066–U+2069.
    @inline(__always)
    private static func isInvisibleFormatting(_ v: UInt32) -> Bool {
        v == 0x200E || v == 0x200F || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// `U+0000`-style name of a scalar, for messages.
    static func codePoint(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Appends `s`, escaped when it is a control or an invisible character
    /// that changes how text reads.
    private static func append(_ s: Unicode.Scalar, to out: inout String) {
        let v = s.value
        func hex(_ v: UInt32, width: Int) -> String {
            let digits = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        switch v {
        case 0x00...0x1F, 0x7F:
            out += "\\x" + hex(v, width: 2)
        case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
            out += "\\u{" + hex(v, width: 2) + "}"
        default:
            out.unicodeScalars.append(s)
        }
    }
}
