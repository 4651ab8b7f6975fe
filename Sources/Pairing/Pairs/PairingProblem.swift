/// Everything the pairing needs, as values: the shipments, their loaded
/// legs and the empty legs between them.
///
/// `Pairing` does not route. The `match` job computes, for `n` valid loaded
/// shipments (rejected rows and observed empty runs left out):
///
/// - the **loaded leg** of each shipment, origin → destination;
/// - the **empty legs** destination_i → origin_j (``EmptyLegTable``), where
///   `i == j` is shipment `i`'s own empty return, the baseline.
///
/// For shipments a (A→B) and b (C→D) the saving of serving both with one
/// truck (A→B loaded, B→C empty, C→D loaded, D→A empty) is
///
///     saving(a, b) = empty(a, a) + empty(b, b) − empty(a, b) − empty(b, a)
///
/// which is symmetric; only positive savings are candidates. See
/// ``pair(options:)``.
public struct PairingProblem: Sendable {
    /// The valid, loaded shipments of the run (rejected rows and observed
    /// empty runs left out).
    public let shipments: [Shipment]
    /// Per shipment, origin → destination; `nil` when there is no route.
    public let loadedLegs: [Leg?]
    /// Destination_i → origin_j for the pairs that were computed.
    public let emptyLegs: EmptyLegTable

    /// A problem from its three parts, checked for consistency.
    ///
    /// - Throws: ``PairingInputError`` when the counts disagree or a loaded
    ///   leg is out of range.
    public init(shipments: [Shipment], loadedLegs: [Leg?], emptyLegs: EmptyLegTable) throws {
        guard loadedLegs.count == shipments.count, emptyLegs.count == shipments.count else {
            throw PairingInputError(
                "\(shipments.count) shipments, \(loadedLegs.count) loaded legs and an empty-leg table for \(emptyLegs.count)")
        }
        for (i, leg) in loadedLegs.enumerated() {
            if let leg, !leg.isInRange { throw PairingInputError("loaded leg \(i) out of range: \(leg)") }
        }
        self.shipments = shipments
        self.loadedLegs = loadedLegs
        self.emptyLegs = emptyLegs
    }
}
