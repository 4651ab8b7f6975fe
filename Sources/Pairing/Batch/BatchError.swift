/// A batch that cannot be used as a whole.
///
/// Row problems are not errors: they become ``RejectedRow``s. A `BatchError`
/// is for inputs that cannot be read at all, files that cannot be
/// interpreted (missing required columns, broken JSON), and a run left with
/// no valid shipment. Every such problem of the run is listed, not only the
/// first.
public struct BatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Hashable {
        /// A path that does not exist or cannot be read (a usage error).
        case unreadable
        /// A file that cannot be interpreted: missing or repeated required
        /// columns, JSON that is not a batch.
        case invalidFile
        /// Every input was read, but not one row is a valid shipment.
        case noValidShipment
    }

    /// One problem, in the contract's `file:line: message` form.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String

        public init(file: String, line: Int? = nil, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }

        public var description: String {
            if let line { return "\(file):\(line): \(message)" }
            return "\(file): \(message)"
        }
    }

    public var kind: Kind
    /// At least one problem.
    public var problems: [Problem]

    public init(kind: Kind, problems: [Problem]) {
        self.kind = kind
        self.problems = problems
    }

    /// The contract's exit code: `2` (usage error) for an unreadable input,
    /// `3` (invalid input as a whole) otherwise.
    public var exitCode: Int32 { kind == .unreadable ? 2 : 3 }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
