/// A parsed JSON value that remembers the line it starts on, so that a factors
/// file can be refused with `file:line: key: message`.
struct JSONNode: Sendable {
    /// One `"key": value` of an object, in file order (duplicates kept so the
    /// reader can refuse them).
    struct Member: Sendable {
        var key: String
        /// The line of the key.
        var line: Int
        var value: JSONNode
    }

    enum Kind: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    var kind: Kind
    /// 1-based line of the value's first character.
    var line: Int

    /// `an object`, `a string`, … for "expected X, got Y" messages.
    var typeDescription: String {
        switch kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
