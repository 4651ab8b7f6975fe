/// How a `backhaul` run ended, as the contract's exit codes.
public enum ExitStatus: Int32, Sendable, Hashable {
    /// Success (some rows may still have been rejected; they are listed).
    case success = 0
    /// The job ran, but `--strict` was given and some rows were rejected.
    case rejectedRows = 1
    /// A usage error: a bad flag, a missing file.
    case usage = 2
    /// Input unreadable or invalid as a whole (corrupt graph, no valid
    /// shipment at all).
    case invalidInput = 3
    /// A bug or an environment failure (cannot write the output).
    case `internal` = 4
}

/// A job that could not run, with the exit status the contract gives it and a
/// message for stderr (`backhaul: error: <message>`).
///
/// Messages about a place in a file start with `file:line: `.
public struct CommandFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A usage error (exit 2).
    public static func usage(_ message: String) -> CommandFailure { CommandFailure(.usage, message) }
    /// Invalid input as a whole (exit 3).
    public static func invalidInput(_ message: String) -> CommandFailure { CommandFailure(.invalidInput, message) }

    public var description: String { message }
}
