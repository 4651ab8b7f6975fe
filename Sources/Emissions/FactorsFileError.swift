/// A factors file that cannot be used, with the line and key that are wrong.
///
/// The description follows the contract's error form, `file:line: message`,
/// and the message starts with the key path (`vehicles.artic-40t.payload_kg:
/// must be at least 1, got -5`), so the command line can print `backhaul:
/// error: ` followed by it.
public struct FactorsFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public var path: String
    /// The 1-based line, or `nil` when the problem is the file as a whole.
    public var line: Int?
    /// The key path of the offending value (`vehicles.artic-40t.payload_kg`),
    /// or `nil` for syntax errors and unreadable files.
    public var keyPath: String?
    /// What is wrong, written for the person who has to fix the file.
    public var message: String
    /// `true` when the file could not be read at all (missing, a folder, no
    /// permission): a usage error rather than bad content.
    public var isUnreadable: Bool

    public init(path: String, line: Int? = nil, keyPath: String? = nil, message: String, isUnreadable: Bool = false) {
        self.path = path
        self.line = line
        self.keyPath = keyPath
        self.message = message
        self.isUnreadable = isUnreadable
    }

    public var description: String {
        var s = path
        if let line { s += ":\(line)" }
        s += ": "
        if let keyPath { s += keyPath + ": " }
        return s + message
    }
}
