/// A vehicle or fuel key that the catalogue does not define.
///
/// The description names the key and lists the known ones, for example
/// `unknown vehicle 'artic-50t'; known vehicles: artic-40t, artic-64t, rigid-26t`.
/// The command line treats it as a usage error (exit 2).
public struct UnknownFactorKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which table was searched.
    public enum Kind: String, Sendable, Hashable {
        case vehicle
        case fuel
    }

    public var kind: Kind
    /// The key as it was given.
    public var key: String
    /// Every key of that table, in catalogue order.
    public var knownKeys: [String]

    public init(kind: Kind, key: String, knownKeys: [String]) {
        self.kind = kind
        self.key = key
        self.knownKeys = knownKeys
    }

    public var description: String {
        "unknown \(kind.rawValue) '\(key)'; known \(kind.rawValue)s: \(knownKeys.joined(separator: ", "))"
    }
}
