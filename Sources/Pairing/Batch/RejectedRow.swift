/// A batch row that cannot be used, with everything a person needs to fix it.
///
/// Rejected rows are never dropped silently: they go to the output's
/// `rejected` list, and the rest of the batch still runs.
public struct RejectedRow: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (`<stdin>` for standard input).
    public var file: String
    /// The 1-based line the row starts on (for JSON, the line of its `{`).
    public var line: Int
    /// The row's id, when it has one, as messages show it
    /// (``UserText/clipped(_:limit:)`` to ``BatchLimits/maxIdBytes``): an id
    /// that is too long is cut, and control characters are escaped.
    public var id: String?
    /// Every problem found in the row, joined with `"; "`.
    public var reason: String

    public init(file: String, line: Int, id: String?, reason: String) {
        self.file = file
        self.line = line
        self.id = id
        self.reason = reason
    }

    /// `file:line: reason` (the contract's error form).
    public var description: String { "\(file):\(line): \(reason)" }
}
