/// User text made inert in Markdown (CommonMark 0.31 and GitHub Flavored
/// Markdown): a company called `<script>alert(1)</script>`, `**bold**`,
/// `[x](http://…)` or `a | b` shows as those characters, never as HTML, a
/// link, emphasis or a new table cell.
enum MarkdownText {
    /// `s` as inline text, for a table cell or a list item:
    /// - `&`, `<`, `>` as entities (no HTML, no autolink `<…>`);
    /// - every other ASCII punctuation character with an inline meaning
    ///   (`\` `` ` `` `*` `_` `~` `[` `]` `(` `)` `!` `|` `#` `{` `}` `$`
    ///   `^`) backslash-escaped, `@` followed by an invisible word joiner
    ///   (U+2060, so that no e-mail address becomes a link); at the start of a line (`lineStart`)
    ///   also the first character when it is any ASCII punctuation, so that
    ///   no list, heading or quote can start;
    ///   `:` before `//` and `.` after `www` are escaped too, so that GFM
    ///   does not turn a URL into a link, and at the start of a line `.` or
    ///   `)` after leading digits (an ordered list);
    /// - line breaks and tabs as spaces, other control characters as U+FFFD.
    ///
    /// - Complexity: O(length).
    static func escape(_ s: String, lineStart: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        let scalars = Array(s.unicodeScalars)
        // `1.` or `1)` at the start would open an ordered list.
        let digits = scalars.prefix { $0.properties.numericType == .decimal && $0.isASCII }.count
        for (i, u) in scalars.enumerated() {
            switch u {
            case "." where lineStart && i == digits && i > 0, ")" where lineStart && i == digits && i > 0:
                out += "\\"
                out.unicodeScalars.append(u)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r", "\t": out += " "
            case "@":
                // GFM finds e-mail autolinks in the text after escapes are
                // resolved, so `\@` would not help: an invisible word joiner
                // after `@` keeps `a@b.se` from becoming a mailto: link.
                out += "@\u{2060}"
            case "\\", "`", "*", "_", "~", "[", "]", "(", ")", "!", "|", "#", "{", "}", "$", "^":
                out += "\\"
                out.unicodeScalars.append(u)
            case ":" where i + 2 < scalars.count && scalars[i + 1] == "/" && scalars[i + 2] == "/":
                out += "\\:"
            case "." where i >= 3 && String(String.UnicodeScalarView(scalars[(i - 3)..<i])).lowercased() == "www":
                out += "\\."
            case _ where u.value < 0x20 || u.value == 0x7F:
                out += "\u{FFFD}"
            case _ where lineStart && i == 0 && u.isASCII && u.properties.isPatternSyntax:
                out += "\\"
                out.unicodeScalars.append(u)
            default:
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// `s` as a code span: fenced by one more backtick than its longest run
    /// of backticks, padded when it starts or ends with one; control
    /// characters as in ``escape(_:)``. (Inside a code span nothing is
    /// markup, not even `<`.)
    static func code(_ s: String) -> String {
        var longest = 0, run = 0
        var text = ""
        for u in s.unicodeScalars {
            if u == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
            if u == "\n" || u == "\r" || u == "\t" { text += " " } else if u.value < 0x20 || u.value == 0x7F { text += "\u{FFFD}" } else {
                text.unicodeScalars.append(u)
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.first == "`" || text.last == "`" || text.isEmpty ? " " : ""
        return fence + pad + text + pad + fence
    }

    /// A sentence of spans as Markdown.
    static func render(_ spans: [TextSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let t): t
            case .user(let t): escape(t)
            case .code(let c): code(c)
            case .strong(let t): "**" + t + "**"
            }
        }.joined()
    }
}
