/// An input file that cannot be used, with the place in it that is wrong.
///
/// The description follows the contract's error form, `file:line: message`,
/// so that the command line can print `backhaul: error: ` followed by it.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var path: String
    /// The 1-based line (text formats) or `nil` when the problem is not tied
    /// to one line (binary formats, missing files).
    public var line: Int?
    /// What is wrong, written for the person who has to fix the file.
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
