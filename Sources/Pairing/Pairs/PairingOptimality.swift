/// What is proven about a pairing.
public enum PairingOptimality: Sendable, Hashable {
    /// A maximum total saving over **every** pair of the batch: the
    /// matching's dual certificate holds on the pairs evaluated, and the
    /// great-circle bound proves that no pair left out could improve it.
    case certified
    /// The pricing stopped at a budget with pairs possibly missing; the
    /// optimum's total saving is at most `maximumSavingMetres` (a valid dual
    /// solution of the whole problem), so the gap is proven.
    case bounded(maximumSavingMetres: Int)
    /// Best saving first: no optimality claim.
    case notOptimal

    /// `certified`, `bounded` or `not_optimal`, as reports write it.
    public var name: String {
        switch self {
        case .certified: "certified"
        case .bounded: "bounded"
        case .notOptimal: "not_optimal"
        }
    }
}

/// What the certified pairing did: the figures a report gives beside its
/// certificate.
public struct PricingStatistics: Sendable, Hashable {
    /// Shipments that could be paired at all (routes and coordinates).
    public var usableShipments = 0
    /// Pairs in the first candidate set (each shipment's best partners by
    /// bound).
    public var initialCandidatePairs = 0
    /// Pricing passes over all shipments.
    public var pricingRounds = 0
    /// Of those, passes run beside a re-solve, on its checkpoint duals.
    public var pricingRoundsBesideSolves = 0
    /// Of those, focused passes that found so few pairs that the rest of
    /// the pass, under the same duals, came before the re-solve.
    public var pricingRoundsCompletedBeforeSolves = 0
    /// Pairs the pricing found that the bound could not rule out.
    public var pairsPriced = 0
    /// Of those, pairs whose exact saving violated the duals (each forced
    /// a warm-started solve).
    public var violations = 0
    /// Pairs whose exact legs were computed, in all (candidates, priced,
    /// and those examined to explain unpaired shipments).
    public var pairsEvaluated = 0
    /// Empty legs computed (two per evaluated pair).
    public var legsComputed = 0
    /// `n(n − 1)/2` over the usable shipments minus ``pairsEvaluated``: the
    /// pairs the bound alone proved irrelevant.
    public var pairsRuledOutByBound = 0
    /// Unpaired shipments whose reason was decided over only their
    /// ``SpatialPairingProblem/reasonPartnerLimit`` most promising partners.
    public var reasonsFromTopPartners = 0
    /// The budget that stopped the pricing, if one did.
    public var stoppedBy: String?
    /// Bytes of the evaluated-pair table and matching graph at the end.
    public var bytes = 0
    /// Wall seconds spent finding candidates, computing legs, solving the
    /// matching (first and warm-started), pricing, and explaining the
    /// unpaired shipments.
    public var seconds = Seconds()
    /// One record per warm-started re-solve, in order: where the solver's
    /// time went, pass by pass (`MatchJobBenchmark` prints them).
    public var resolves: [Resolve] = []

    /// One warm-started re-solve of the certified pairing.
    public struct Resolve: Sendable, Hashable {
        /// Edges of the graph it solved.
        public var edges = 0
        /// Of those, edges new since the previous solve, and how many of
        /// them violated its duals.
        public var newEdges = 0
        public var violations = 0
        /// Exposed vertices with a positive dual in the warm start: the
        /// trees the solver grew.
        public var roots = 0
        /// Wall seconds of the solve once its warm start is built (a
        /// pricing pass beside it excluded).
        public var seconds = 0.0
        /// Of those, the seconds after its checkpoint handed out the duals
        /// (``PairingOptions/overlapMinimumRoots``), or `nil` when it took
        /// none: the last trees, which the pricing runs beside.
        public var secondsAfterCheckpoint: Double?
    }

    /// Wall seconds per part of the certified pairing.
    public struct Seconds: Sendable, Hashable {
        public var candidates = 0.0
        public var legs = 0.0
        public var firstSolve = 0.0
        public var warmSolves = 0.0
        public var pricing = 0.0
        public var reasons = 0.0
    }
}

/// Why the certified pairing could not finish.
public enum PairingError: Error, Sendable, CustomStringConvertible {
    /// The legs could not be computed (the source's error, as text).
    case legs(String)
    /// The inputs disagree (counts, a shipment with legs but no place).
    case input(PairingInputError)
    /// The final matching failed its own dual certificate — a bug; never
    /// reported as a result.
    case certificate(MatchingDuals.Violation)

    public var description: String {
        switch self {
        case .legs(let message): "computing empty legs: \(message)"
        case .input(let error): error.description
        case .certificate(let violation): violation.description
        }
    }
}
