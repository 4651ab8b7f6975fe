/// The saving of one pair, as listed in a ``SavingsReport``.
public struct PairSaving: Sendable, Hashable {
    /// The record as it was added.
    public var record: PairSavingRecord
    /// What the pair saves, counted once.
    public var saving: Saving

    public init(record: PairSavingRecord, saving: Saving) {
        self.record = record
        self.saving = saving
    }

    /// `true` when the pair joins two companies; its whole saving is then
    /// listed under each of them (no allocation between companies).
    public var isShared: Bool { record.isShared }
}
