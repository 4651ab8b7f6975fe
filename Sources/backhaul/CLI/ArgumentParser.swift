import Backhaul

/// What parsing a command line produced.
enum ParseOutcome: Sendable {
    /// Run `command` with these arguments.
    case run(ParsedArguments)
    /// Print the help of `command` and exit 0.
    case help(CommandSpec)
    /// Print the version and exit 0.
    case version
}

/// A usage error found while parsing, and the command it belongs to (for
/// the usage line and the `--help` hint).
struct UsageError: Error, Sendable {
    var message: String
    var command: CommandSpec
}

/// A hand-written parser that behaves like swift-argument-parser: long
/// options with `--name value` or `--name=value`, short options `-o value`,
/// flags, `--` to end options, `-` as a positional (standard input), `-h` /
/// `--help` anywhere, and unknown options refused with the nearest known one
/// as a hint.
enum ArgumentParser {
    /// Parses `arguments` (without the program name) against `root`.
    static func parse(_ arguments: [String], root: CommandSpec) throws(UsageError) -> ParseOutcome {
        var command = root
        var rest = arguments[...]
        if root.path.isEmpty, rest.first == "--version" { return .version }

        // Walk down the subcommand tree.
        while !command.subcommands.isEmpty {
            guard let word = rest.first else {
                if command.run == nil { return .help(command) }
                break
            }
            if word == "-h" || word == "--help" { return .help(command) }
            if word == "--version" && command.path.isEmpty { return .version }
            if word == "help" {
                // `backhaul help graph build`
                var target = command
                for w in rest.dropFirst() {
                    guard let sub = target.subcommands.first(where: { $0.path.last == w }) else {
                        throw unknownSubcommand(w, in: target)
                    }
                    target = sub
                }
                return .help(target)
            }
            if let sub = command.subcommands.first(where: { $0.path.last == word }) {
                command = sub
                rest = rest.dropFirst()
                continue
            }
            if word.hasPrefix("-") && command.run != nil { break }
            throw unknownSubcommand(word, in: command)
        }

        var parsed = ParsedArguments(command: command)
        var onlyPositionals = false
        while let word = rest.popFirst() {
            if onlyPositionals || word == "-" || !word.hasPrefix("-") || isNegativeNumber(word) && !word.hasPrefix("--") {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            if word == "-h" || word == "--help" { return .help(command) }

            let option: OptionSpec
            var inlineValue: String?
            let shown: String
            if word.hasPrefix("--") {
                var name = String(word.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                guard let o = command.options.first(where: { $0.name == name }) else {
                    throw unknownOption("--" + name, in: command)
                }
                option = o
                shown = "--" + name
            } else {
                let body = word.dropFirst()
                guard body.count == 1, let o = command.options.first(where: { $0.short == body.first }) else {
                    throw unknownOption(word, in: command)
                }
                option = o
                shown = word
            }

            if option.isFlag {
                if inlineValue != nil {
                    throw UsageError(message: "'\(shown)' is a flag and takes no value", command: command)
                }
                parsed.flags.insert(option.name)
                continue
            }
            guard let value = inlineValue ?? rest.popFirst() else {
                throw UsageError(message: "missing value for '\(shown) <\(option.valueName!)>'", command: command)
            }
            if inlineValue == nil, value.hasPrefix("--") {
                throw UsageError(message: "missing value for '\(shown) <\(option.valueName!)>' (found option '\(value)')", command: command)
            }
            if let choices = option.choices, !choices.contains(value) {
                var m = "invalid value '\(value)' for '\(option.synopsis)'; expected one of: \(choices.joined(separator: ", "))"
                if let near = nearest(value, among: choices) { m += " (did you mean '\(near)'?)" }
                throw UsageError(message: m, command: command)
            }
            if !option.repeatable, parsed.values[option.name] != nil {
                throw UsageError(message: "'\(option.synopsis)' given more than once", command: command)
            }
            parsed.values[option.name, default: []].append(value)
        }

        // Positional arguments.
        let specs = command.arguments
        let required = specs.filter(\.required).count
        if parsed.positionals.count < required {
            let missing = specs.filter(\.required)[parsed.positionals.count]
            throw UsageError(message: "missing expected argument '\(missing.synopsis)'", command: command)
        }
        if !specs.contains(where: \.variadic), parsed.positionals.count > specs.count {
            let extra = parsed.positionals[specs.count...]
            let list = extra.map { "'\($0)'" }.joined(separator: ", ")
            throw UsageError(
                message: extra.count == 1 ? "unexpected argument \(list)" : "\(extra.count) unexpected arguments: \(list)",
                command: command)
        }
        if command.run == nil { return .help(command) }
        return .run(parsed)
    }

    private static func isNegativeNumber(_ s: String) -> Bool {
        s.count > 1 && s.hasPrefix("-") && Double(s) != nil
    }

    private static func unknownOption(_ word: String, in command: CommandSpec) -> UsageError {
        var m = "unknown option '\(word)'"
        let names = command.options.map { "--" + $0.name } + ["--help"]
        if let near = nearest(word, among: names) { m += "; did you mean '\(near)'?" }
        return UsageError(message: m, command: command)
    }

    private static func unknownSubcommand(_ word: String, in command: CommandSpec) -> UsageError {
        var m = "unknown subcommand '\(word)'"
        if let near = nearest(word, among: command.subcommands.compactMap(\.path.last)) {
            m += "; did you mean '\(near)'?"
        }
        return UsageError(message: m, command: command)
    }

    /// The candidate closest to `word` by edit distance, if it is close
    /// enough to be a plausible typo (at most a third of the word's length,
    /// and at least 1), or one that `word` is a prefix of.
    static func nearest(_ word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(w, Array(c.lowercased()))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        if d <= max(1, w.count / 3) { return c }
        let prefixed = candidates.filter { $0.hasPrefix(word) && word.count >= 3 }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Edit distance with adjacent transpositions counted as one edit (the
    /// optimal string alignment variant of F. J. Damerau, 1964, and
    /// V. I. Levenshtein, 1966), so `biuld` is one edit from `build`.
    ///
    /// - Complexity: O(|a|·|b|).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
