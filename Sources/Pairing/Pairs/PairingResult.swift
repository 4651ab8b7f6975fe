/// Two shipments served by one truck.
public struct ShipmentPair: Sendable, Hashable {
    /// The shipment with the smaller id (an index into
    /// ``PairingProblem/shipments``).
    public let a: Int
    /// The other shipment.
    public let b: Int
    /// `a` or `b`: the one loaded first. The other's origin is reached over
    /// the repositioning leg.
    public let first: Int
    /// `emptyMetresBefore − emptyMetresAfter`, > 0.
    public let savingMetres: Int
    /// The two own empty returns: `empty(a, a) + empty(b, b)`.
    public let emptyMetresBefore: Int
    /// The two cross legs: `empty(a, b) + empty(b, a)`.
    public let emptyMetresAfter: Int
    /// The empty leg between the two loaded legs in the chosen order.
    public let repositionMetres: Int

    /// A pair with its figures (the pairing computes them; see
    /// ``PairingProblem/pair(options:)``).
    public init(
        a: Int, b: Int, first: Int, savingMetres: Int, emptyMetresBefore: Int, emptyMetresAfter: Int,
        repositionMetres: Int
    ) {
        self.a = a
        self.b = b
        self.first = first
        self.savingMetres = savingMetres
        self.emptyMetresBefore = emptyMetresBefore
        self.emptyMetresAfter = emptyMetresAfter
        self.repositionMetres = repositionMetres
    }
}

/// A shipment left without a partner, and why.
public struct UnpairedShipment: Sendable, Hashable {
    /// An index into ``PairingProblem/shipments``.
    public let index: Int
    /// Why it has no partner.
    public let reason: UnpairedReason

    /// The shipment at `index`, unpaired for `reason`.
    public init(index: Int, reason: UnpairedReason) {
        self.index = index
        self.reason = reason
    }
}

/// The outcome of ``PairingProblem/pair(options:)``: every shipment exactly
/// once, in ``pairs`` or in ``unpaired``.
public struct PairingResult: Sendable, Hashable {
    /// The pairs, ordered by the id of `a`.
    public let pairs: [ShipmentPair]
    /// The shipments without a partner, ordered by id.
    public let unpaired: [UnpairedShipment]
    /// Σ own empty return over the shipments that are not `unreachable`.
    public let emptyMetresBefore: Int
    /// ``emptyMetresBefore`` minus the savings of the pairs.
    public let emptyMetresAfter: Int
    /// Σ loaded leg over the shipments that are not `unreachable`.
    public let loadedMetres: Int
    /// The number of candidate pairs the matching chose from (feasible, with
    /// a positive saving, after the `k`-best filter).
    public let candidatePairs: Int

    /// What is proven about the result: optimal over every pair, within a
    /// bound, or not at all (greedy).
    public internal(set) var optimality: PairingOptimality = .certified
    /// How the certified pairing got there (`nil` for a table of legs).
    public internal(set) var statistics: PricingStatistics?

    /// `emptyMetresBefore − emptyMetresAfter`.
    public var savedMetres: Int { emptyMetresBefore - emptyMetresAfter }
}
