/// The shipments of one run, read from every input, with what was refused.
///
/// Every data record of every input is in exactly one of ``shipments``,
/// ``observedEmpty`` and ``rejected`` (checked in debug builds by
/// ``_checkInvariants()``). Order follows the inputs, then the lines.
public struct Batch: Sendable, Hashable {
    /// Valid rows with `load_status` `loaded` (or none): the loads to pair.
    public var shipments: [Shipment]
    /// Valid rows with `load_status=empty`: observed empty runs, counted and
    /// reported, never matched.
    public var observedEmpty: [Shipment]
    /// Rows that cannot be used, in input order.
    public var rejected: [RejectedRow]
    /// Things a person should know that did not stop a row: unknown columns,
    /// encoding guesses, zone-internal trips, mixed time offsets.
    public var warnings: [String]
    /// One entry per file read, in input order.
    public var files: [BatchFileSummary]

    public init(
        shipments: [Shipment] = [], observedEmpty: [Shipment] = [], rejected: [RejectedRow] = [],
        warnings: [String] = [], files: [BatchFileSummary] = []
    ) {
        self.shipments = shipments
        self.observedEmpty = observedEmpty
        self.rejected = rejected
        self.warnings = warnings
        self.files = files
    }

    /// Data records over all files.
    public var records: Int { files.reduce(0) { $0 + $1.records } }

    /// Checks that every data record is accounted for exactly once and that
    /// ids are unique.
    ///
    /// - Complexity: O(*n*) expected, with *n* the number of records.
    public func _checkInvariants() {
        var accepted = 0, empty = 0, rejectedCount = 0
        for f in files {
            assert(f.records == f.accepted + f.observedEmpty + f.rejected, "\(f.file): records not accounted for")
            accepted += f.accepted
            empty += f.observedEmpty
            rejectedCount += f.rejected
        }
        assert(accepted == shipments.count, "accepted count differs from shipments")
        assert(empty == observedEmpty.count, "observed-empty count differs")
        assert(rejectedCount == rejected.count, "rejected count differs")
        assert(shipments.allSatisfy { $0.loadStatus == .loaded })
        assert(observedEmpty.allSatisfy { $0.loadStatus == .empty })
        var ids = Set<String>(minimumCapacity: shipments.count + observedEmpty.count)
        for s in shipments { assert(ids.insert(s.id).inserted, "duplicate id \(s.id) accepted") }
        for s in observedEmpty { assert(ids.insert(s.id).inserted, "duplicate id \(s.id) accepted") }
    }
}
