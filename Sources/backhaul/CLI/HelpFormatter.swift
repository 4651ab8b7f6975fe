/// Writes `--help` pages and usage lines in the layout of
/// swift-argument-parser: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS,
/// EXAMPLES, wrapped to 80 columns.
enum HelpFormatter {
    static let width = 80
    static let labelWidth = 26

    /// `USAGE: backhaul route --graph <graph> ... [--format <format>]`.
    static func usage(_ c: CommandSpec) -> String {
        if !c.subcommands.isEmpty && c.run == nil {
            return "\(c.fullName) <subcommand>"
        }
        var parts = [c.fullName]
        for o in c.options {
            let s = o.synopsis + (o.repeatable ? " ..." : "")
            parts.append(o.defaultValue == nil && !o.isFlag && isRequired(o, in: c) ? s : "[\(s)]")
        }
        parts += c.arguments.map(\.synopsis)
        // Wrap between whole options (never inside `[--name <value>]`),
        // counting the `USAGE: ` / `Usage: ` prefix of the first line.
        var lines: [String] = []
        var line = ""
        let indent = String(repeating: " ", count: 7)
        for part in parts {
            let limit = width - (lines.isEmpty ? 7 : 0)
            if !line.isEmpty && line.count + 1 + part.count > limit {
                lines.append(line)
                line = indent
            } else if !line.isEmpty && line != indent {
                line += " "
            }
            line += part
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// Options a command documents as required say so in their help text.
    private static func isRequired(_ o: OptionSpec, in c: CommandSpec) -> Bool {
        o.help.hasPrefix("(required)")
    }

    static func help(_ c: CommandSpec) -> String {
        var out = "OVERVIEW: \(c.abstract)\n"
        if !c.discussion.isEmpty {
            out += "\n" + c.discussion.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : wrap(String($0), indent: 0, firstIndent: 0, hanging: false) }
                .joined(separator: "\n") + "\n"
        }
        out += "\nUSAGE: \(usage(c))\n"
        if !c.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for a in c.arguments { out += row("<\(a.name)>", a.help) }
        }
        out += "\nOPTIONS:\n"
        for o in c.options {
            var label = o.short.map { "-\($0), " } ?? ""
            label += o.synopsis
            var text = o.help
            if let choices = o.choices, !text.contains(choices.joined(separator: "|")) {
                text += " (\(choices.joined(separator: "|")))"
            }
            if let d = o.defaultValue { text += " (default: \(d))" }
            out += row(label, text)
        }
        out += row("-h, --help", "Show help information.")
        if c.path.isEmpty { out += row("--version", "Show the version.") }
        if !c.subcommands.isEmpty {
            out += "\nSUBCOMMANDS:\n"
            for s in c.subcommands { out += row(s.path.last!, s.abstract) }
            out += "\n  See '\(c.fullName) help <subcommand>' for detailed help.\n"
        }
        if !c.examples.isEmpty {
            out += "\nEXAMPLES:\n"
            for e in c.examples { out += "  \(e)\n" }
        }
        return out
    }

    private static func row(_ label: String, _ text: String) -> String {
        let pad = labelWidth - 2
        if label.count < pad - 1 {
            let first = "  " + label + String(repeating: " ", count: pad - label.count)
            return first + wrap(text, indent: labelWidth, firstIndent: labelWidth, hanging: false).dropFirst(labelWidth) + "\n"
        }
        return "  " + label + "\n" + wrap(text, indent: labelWidth, firstIndent: labelWidth, hanging: false) + "\n"
    }

    /// Greedy word wrap to ``width`` columns.
    static func wrap(_ text: String, indent: Int, firstIndent: Int, hanging: Bool) -> String {
        var lines: [String] = []
        var line = String(repeating: " ", count: firstIndent)
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasWord = false
            }
            if lineHasWord { line += " " }
            line += word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
