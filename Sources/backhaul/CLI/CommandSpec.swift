import Backhaul

/// A subcommand of `backhaul`: its options, arguments, help, and what it runs.
///
/// Commands are data, so that parsing, `--help` and usage lines all come from
/// one description and cannot drift apart.
struct CommandSpec: Sendable {
    /// The words after `backhaul` that select it, e.g. `["graph", "build"]`.
    var path: [String]
    /// One line for the overview and the command list.
    var abstract: String
    /// Paragraphs after the overview (what it does, what it writes).
    var discussion: String = ""
    var options: [OptionSpec] = []
    var arguments: [ArgumentSpec] = []
    /// Worked examples, shown under EXAMPLES.
    var examples: [String] = []
    /// Nested commands (`graph build`, `graph info`).
    var subcommands: [CommandSpec] = []
    /// The job; returns the process exit status.
    var run: (@Sendable (ParsedArguments) throws(CommandFailure) -> ExitStatus)?

    /// The full name, e.g. `backhaul graph build`.
    var fullName: String { (["backhaul"] + path).joined(separator: " ") }
}

/// An option (`--graph <graph>`) or flag (`--quiet`).
struct OptionSpec: Sendable {
    /// Long name without dashes, e.g. `graph`.
    var name: String
    /// Short name without the dash, e.g. `o`.
    var short: Character?
    /// The value's placeholder (`graph`, `lat,lon`), or `nil` for a flag.
    var valueName: String?
    var help: String
    /// Allowed values, checked while parsing and listed in help.
    var choices: [String]?
    /// Shown in help as `(default: …)`; the command applies it.
    var defaultValue: String?
    /// May be given several times (values are collected).
    var repeatable: Bool = false

    /// A flag.
    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, help: help)
    }

    /// An option taking a value.
    static func value(
        _ name: String, short: Character? = nil, _ valueName: String, help: String,
        choices: [String]? = nil, default defaultValue: String? = nil, repeatable: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            name: name, short: short, valueName: valueName, help: help, choices: choices,
            defaultValue: defaultValue, repeatable: repeatable)
    }

    var isFlag: Bool { valueName == nil }

    /// `--graph <graph>` or `--quiet`.
    var synopsis: String {
        "--\(name)" + (valueName.map { " <\($0)>" } ?? "")
    }
}

/// A positional argument.
struct ArgumentSpec: Sendable {
    var name: String
    var help: String
    /// Must be given at least once.
    var required: Bool = true
    /// Takes all remaining positional words.
    var variadic: Bool = false

    var synopsis: String {
        let core = "<\(name)>" + (variadic ? " ..." : "")
        return required ? core : "[\(core)]"
    }
}
