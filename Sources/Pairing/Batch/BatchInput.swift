/// Where a batch comes from.
public enum BatchInput: Sendable, Hashable {
    /// A file (`*.csv` or `*.json`; anything else is read as CSV) or a folder
    /// (every `*.csv` and `*.json` directly in it, sorted by name; see
    /// ``BatchReader``).
    case path(String)
    /// CSV on standard input, read to its end; named `<stdin>` in messages.
    case standardInput
    /// Bytes already in memory, named `name` in messages.
    case bytes(name: String, [UInt8], format: BatchFormat)

    /// The input a command-line argument names: `-` is standard input,
    /// anything else a path.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .path(argument)
    }
}
