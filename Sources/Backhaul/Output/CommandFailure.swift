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
    /// A bug, or a result that failed its own check (for example a matching
    /// whose dual certificate does not hold).
    case `internal` = 4
    /// Reading or writing a file failed at the operating-system level
    /// (`ENOSPC`, `EIO`, `EROFS`, …); the message names the path.
    case ioFailure = 5
    /// Another run holds the lock on the output folder and did not release
    /// it within `--lock-timeout`.
    case locked = 6
    /// The work cannot fit the memory this machine has; refused before it
    /// starts, with the estimate and the limit in the message.
    case tooLarge = 7
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
