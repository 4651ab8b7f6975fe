/// A pair record the savings ledger refuses: an unknown vehicle or fuel key, or
/// a negative saving.
public struct PairRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pair as the record names it.
    public var pairID: String
    /// What is wrong.
    public var message: String

    public init(pairID: String, message: String) {
        self.pairID = pairID
        self.message = message
    }

    public var description: String { "pair \(pairID): \(message)" }
}
