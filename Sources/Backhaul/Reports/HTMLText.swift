/// Text made safe inside HTML elements and quoted attribute values.
enum HTMLText {
    /// `&`, `<`, `>`, `"`, `'` as character references; control characters
    /// other than tab and line feed as U+FFFD (the HTML parser would do the
    /// same to NUL, and report the others as parse errors).
    ///
    /// - Complexity: O(length).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            case _ where u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0): out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A sentence of spans as HTML.
    static func render(_ spans: [TextSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let t), .user(let t): escape(t)
            case .code(let c): "<code>" + escape(c) + "</code>"
            case .strong(let t): "<strong>" + escape(t) + "</strong>"
            }
        }.joined()
    }
}

/// ``HTMLText/escape(_:)`` under its short name (the ledger's tables use it).
func esc(_ s: String) -> String { HTMLText.escape(s) }
