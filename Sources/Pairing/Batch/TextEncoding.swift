/// The character encoding a batch file was read in.
///
/// Detection, in this order:
///
/// 1. a byte-order mark: `EF BB BF` is UTF-8, `FF FE` UTF-16LE, `FE FF`
///    UTF-16BE (Excel's "Unicode text");
/// 2. otherwise, text that is valid UTF-8 (RFC 3629: no overlong forms, no
///    surrogates, nothing above U+10FFFF) is UTF-8;
/// 3. anything else is Windows-1252, the encoding Excel uses for "CSV" on a
///    Swedish (and every western European) Windows.
///
/// Step 2 can be fooled only by Windows-1252 text whose non-ASCII bytes
/// happen to form valid UTF-8 sequences: a lead byte `C2`–`F4` followed by
/// the right number of bytes `80`–`BF`. In Windows-1252 that is a letter such
/// as `Ã`, `Ä` or `å` followed by punctuation like `€`, `‚`, `„`, `…`, `™` or
/// a non-breaking space — never a Swedish word (`Västervik` is `56 E4 73`:
/// `E4` needs two continuation bytes and gets `73`). Such a file would be
/// read as UTF-8 with different characters in its text fields; numbers,
/// ids in ASCII and the separator are unaffected.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1252 = "Windows-1252"
}

extension TextEncoding {
    /// Detects the encoding of `text` and replaces it with its UTF-8 form
    /// without a byte-order mark.
    ///
    /// UTF-8 input is left as it is, apart from dropping the BOM (so a
    /// uniquely referenced array is never copied); the other encodings are
    /// transcoded. Invalid UTF-16 (an unpaired surrogate)
    /// becomes U+FFFD and is reported through `lossy`.
    ///
    /// - Complexity: O(`raw.count`).
    static func decode(_ text: inout [UInt8], forcing forced: TextEncoding? = nil) -> (encoding: TextEncoding, lossy: Bool) {
        let raw = text
        let bom: TextEncoding? =
            raw.starts(with: [0xEF, 0xBB, 0xBF]) ? .utf8WithBOM
            : raw.starts(with: [0xFF, 0xFE]) ? .utf16LittleEndian
            : raw.starts(with: [0xFE, 0xFF]) ? .utf16BigEndian : nil
        let encoding: TextEncoding
        if let forced {
            encoding = forced == .utf8 && bom == .utf8WithBOM ? .utf8WithBOM : forced
        } else if let bom {
            encoding = bom
        } else {
            encoding = isValidUTF8(raw) ? .utf8 : .windows1252
        }
        switch encoding {
        case .utf8:
            return (.utf8, false)
        case .utf8WithBOM:
            if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
                _ = consume raw
                text.removeFirst(3)
            }
            return (.utf8WithBOM, false)
        case .windows1252:
            text = transcodeWindows1252(raw)
            return (.windows1252, false)
        case .utf16LittleEndian, .utf16BigEndian:
            let little = encoding == .utf16LittleEndian
            let start = raw.starts(with: little ? [0xFF, 0xFE] : [0xFE, 0xFF]) ? 2 : 0
            var units: [UInt16] = []
            units.reserveCapacity((raw.count - start) / 2)
            var i = start
            while i + 1 < raw.count {
                let a = UInt16(raw[i]), b = UInt16(raw[i + 1])
                units.append(little ? a | b << 8 : a << 8 | b)
                i += 2
            }
            var out: [UInt8] = []
            out.reserveCapacity(units.count)
            let hadError = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) {
                out.append($0)
            }
            text = out
            return (encoding, hadError || i < raw.count)
        }
    }

    /// RFC 3629 validation.
    ///
    /// - Complexity: O(`bytes.count`); an ASCII file costs one comparison per byte.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            let raw = UnsafeRawBufferPointer(b)
            while i < n {
                // Skip ASCII eight bytes at a time.
                while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                guard i < n else { break }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let need: Int
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: need = 1
                case 0xE0: need = 2; lo = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: need = 2
                case 0xED: need = 2; hi = 0x9F
                case 0xF0: need = 3; lo = 0x90
                case 0xF1...0xF3: need = 3
                case 0xF4: need = 3; hi = 0x8F
                default: return false
                }
                guard i + need < n else { return false }
                let c1 = b[i + 1]
                guard c1 >= lo, c1 <= hi else { return false }
                for k in 2..<(need + 1) where !(0x80...0xBF).contains(b[i + k]) { return false }
                i += need + 1
            }
            return true
        }
    }

    /// Windows-1252 (the WHATWG Encoding Standard's `windows-1252` index) to
    /// UTF-8; the five unassigned bytes map to the C1 controls, as WHATWG
    /// specifies.
    static func transcodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for c in bytes {
            if c < 0x80 {
                out.append(c)
                continue
            }
            let scalar: UInt32 = c >= 0xA0 ? UInt32(c) : windows1252High[Int(c) - 0x80]
            // Every value here is below U+10000: two or three UTF-8 bytes.
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | scalar >> 6))
                out.append(UInt8(0x80 | scalar & 0x3F))
            } else {
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        return out
    }

    /// Code points of bytes 0x80–0x9F in Windows-1252.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
