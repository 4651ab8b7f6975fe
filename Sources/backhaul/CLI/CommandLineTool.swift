import Backhaul

/// Runs a command line against the command tree and turns every outcome
/// into output and an exit status.
///
/// - `--help`: the help page on stdout, exit 0.
/// - A usage error: `backhaul: error: <message>`, the usage line and a hint
///   on stderr, exit 2.
/// - A ``CommandFailure`` from a job: `backhaul: error: <message>` on stderr
///   and its status.
enum CommandLineTool {
    static func run(_ arguments: [String], root: CommandSpec) -> ExitStatus {
        let outcome: ParseOutcome
        do {
            outcome = try ArgumentParser.parse(arguments, root: root)
        } catch {
            reportUsage(error.message, command: error.command)
            return .usage
        }
        switch outcome {
        case .help(let c):
            Console.writeStdout(HelpFormatter.help(c))
            return .success
        case .version:
            Console.writeStdout("backhaul \(BackhaulVersion.string)\n")
            return .success
        case .run(let parsed):
            do {
                return try parsed.command.run!(parsed)
            } catch {
                if error.status == .usage {
                    reportUsage(error.message, command: parsed.command)
                } else {
                    Console.writeStderr("backhaul: error: \(error.message)\n")
                }
                return error.status
            }
        }
    }

    private static func reportUsage(_ message: String, command: CommandSpec) {
        Console.writeStderr(
            "backhaul: error: \(message)\n"
                + "Usage: \(HelpFormatter.usage(command))\n"
                + "  See '\(command.fullName) --help' for more information.\n")
    }
}
