/// User text made inert in Markdown (CommonMark 0.31 and GitHub Flavored
/// Markdown): a company called `<script>alert(1)</script>`, `**bold**`,
/// `[x](http://…)` or `a | b` shows as those characters, never as HTML, a
/// link, emphasis or a new table cell.
enum MarkdownText {
    /// `s` as inline text, for a table cell or a list item:
    /// - `&`, `<`, `>` as entities: no HTML, no autolink `<…>`;
    /// - `\` `` ` `` `*` `~` `[` `]` `|` `$` `^` backslash-escaped: no
    ///   code, emphasis, strikethrough, link, image (`![…]` needs `[`),
    ///   table cell, math or superscript; `_` too, unless it stands inside
    ///   a word (`origin_lat`), where CommonMark never reads it as emphasis;
    /// - `@` followed by an invisible word joiner (U+2060): GFM finds e-mail
    ///   autolinks after escapes are resolved, so `\@` would not help;
    /// - `:` before `//` and `.` after `www` backslash-escaped: no URL
    ///   autolink;
    /// - with `lineStart` (a list item, a line of its own), the first
    ///   character when it is ASCII punctuation (`#`, `-`, `+`, `>`, `=`…),
    ///   and `.` or `)` after leading digits: no heading, list or quote;
    /// - line breaks and tabs as spaces, other control characters as U+FFFD.
    ///
    /// Parentheses, `#` inside a line and the rest of ASCII punctuation mean
    /// nothing there and stay as they are, so the Markdown stays readable.
    ///
    /// - Complexity: O(length).
    static func escape(_ s: String, lineStart: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        let scalars = Array(s.unicodeScalars)
        let digits = scalars.prefix { $0.isASCII && $0.properties.numericType == .decimal }.count
        func isWordCharacter(_ k: Int) -> Bool {
            k >= 0 && k < scalars.count && (scalars[k].properties.isAlphabetic || scalars[k].properties.numericType != nil)
        }
        for (i, u) in scalars.enumerated() {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">" where !(lineStart && i == 0): out += "&gt;"
            case "\n", "\r", "\t": out += " "
            case "@": out += "@\u{2060}"
            case _ where u.value < 0x20 || u.value == 0x7F: out += "\u{FFFD}"
            case "\\", "`", "*", "~", "[", "]", "|", "$", "^",
                 "_" where !(isWordCharacter(i - 1) && isWordCharacter(i + 1)),
                 ":" where i + 2 < scalars.count && scalars[i + 1] == "/" && scalars[i + 2] == "/",
                 "." where i >= 3 && String(String.UnicodeScalarView(scalars[(i - 3)..<i])).lowercased() == "www",
                 _ where lineStart && i == 0 && u.isASCII && u.properties.isPatternSyntax,
                 "." where lineStart && i == digits && i > 0, ")" where lineStart && i == digits && i > 0:
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
