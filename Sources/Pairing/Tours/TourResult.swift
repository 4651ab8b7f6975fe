/// The outcome of ``PairingProblem/tours(options:)``: every shipment
/// exactly once, in a tour or alone, with what is proven about the plan.
public struct TourResult: Sendable, Hashable {
    /// The tours, ordered by the smallest id among their shipments.
    public let tours: [Tour]
    /// The shipments alone (their own return), ordered by id, and why.
    public let unpaired: [UnpairedShipment]
    /// The shipments in tours shorter than `maxTour`, ordered by id, and why
    /// no longer tour took them (`no_saving`: no longer tour through it
    /// saves anything; `partners_taken`: a feasible one does, but the plan
    /// saves more as it is; otherwise the constraint that excluded the
    /// best-saving longer tour).
    public let inShorterTours: [UnpairedShipment]
    /// Σ own empty return over the shipments that are not `unreachable`.
    public let emptyMetresBefore: Int
    /// The empty metres of the plan.
    public let emptyMetresAfter: Int
    /// Σ loaded leg over the shipments that are not `unreachable`.
    public let loadedMetres: Int
    /// The empty metres of the optimal pairing, where the search started.
    public let pairingEmptyMetres: Int
    /// Lower bounds on every plan's metres.
    public let bound: TourBound
    /// The longest tour allowed.
    public let maxTour: Int
    /// How the result was found.
    public let statistics: TourStatistics

    /// `emptyMetresBefore − emptyMetresAfter`.
    public var savedMetres: Int { emptyMetresBefore - emptyMetresAfter }
    /// Loaded and empty metres of the plan.
    public var totalMetres: Int { loadedMetres + emptyMetresAfter }
    /// The proven gap: how far the plan's total metres can be above the best
    /// plan's, as a fraction of the plan's (0 when proven optimal).
    public var gap: Double {
        totalMetres == 0 ? 0 : Double(totalMetres - bound.totalMetres) / Double(totalMetres)
    }
}

/// Counts that describe how a tour plan was found.
public struct TourStatistics: Sendable, Hashable {
    /// Feasible pairs with a positive saving (the matching's edges).
    public var candidatePairs = 0
    /// Candidate arcs the cycles were generated from.
    public var candidateArcs = 0
    /// Cycles checked against the constraints, and feasible ones kept.
    public var cyclesChecked = 0
    public var cyclesInPool = 0
    /// Coordinate steps of the relaxation.
    public var dualSteps = 0
    /// Arcs the assignment bound's pricing added beyond the candidates.
    public var assignmentArcsAdded = 0
    /// Feasible cycles with negative reduced cost the final pricing found
    /// (they lower the cycle bound through `m(i)`; 0: the duals are optimal).
    public var negativeCyclesLeft = 0
    /// Empty legs computed on demand (0 with a table).
    public var legsComputed = 0
    /// Local-search rounds and regions improved.
    public var searchRounds = 0
    public var searchImprovements = 0
    /// Where the time budget (``TourOptions/seconds``) first stopped the
    /// work; `nil` when it did not (or there was none).
    public var budgetStop: TourBudgetStop?
    /// Wall-clock seconds of each phase after the pairing, in order
    /// (`network`, `assignment`, `relaxation`, `dive`, `search`, `tours`,
    /// `reasons`): where a budget went.
    public var phaseSeconds: [(phase: String, seconds: Double)] = []

    public init() {}

    public static func == (a: TourStatistics, b: TourStatistics) -> Bool {
        a.candidatePairs == b.candidatePairs && a.candidateArcs == b.candidateArcs && a.cyclesChecked == b.cyclesChecked
            && a.cyclesInPool == b.cyclesInPool && a.dualSteps == b.dualSteps
            && a.assignmentArcsAdded == b.assignmentArcsAdded && a.negativeCyclesLeft == b.negativeCyclesLeft
            && a.legsComputed == b.legsComputed && a.searchRounds == b.searchRounds
            && a.searchImprovements == b.searchImprovements && a.budgetStop == b.budgetStop
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(candidatePairs)
        hasher.combine(cyclesInPool)
        hasher.combine(legsComputed)
    }
}
