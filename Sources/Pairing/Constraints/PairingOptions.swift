/// How shipments are paired: the strategy, which constraints apply, and
/// how many candidates each shipment keeps.
///
/// Every constraint can be switched off on its own. The defaults follow the
/// contract's `match` options.
public struct PairingOptions: Sendable, Hashable {
    /// ``MatchingAlgorithm/blossom`` (optimal, the default),
    /// ``MatchingAlgorithm/greedy`` (`--strategy greedy`: best saving
    /// first), or ``MatchingAlgorithm/cubicBlossom`` (optimal, the slower
    /// reference).
    public var strategy: MatchingAlgorithm
    /// `--ignore-body-type`: pair regardless of `BodyType.areCompatible`.
    public var ignoreBodyType: Bool
    /// Require equal vehicle classes when both shipments name one.
    public var requireSameVehicle: Bool
    /// `--ignore-time-windows`: pair regardless of pickup and delivery times.
    public var ignoreTimeWindows: Bool
    /// `--handling-min`: the time spent at every loading and every unloading
    /// stop, in seconds (default 45 minutes).
    public var handlingSeconds: Int
    /// `--max-deadhead-km` in metres: the longest repositioning leg (the
    /// empty leg between the two loaded legs) a pair may have; `nil` for no
    /// limit.
    public var maxDeadheadMetres: Int?
    /// With a table of legs (``PairingProblem``): when set, each shipment
    /// keeps only its `k` best feasible partners (by saving, ties by id) and
    /// the matching runs on the union of those lists — not certified over
    /// all pairs. With legs on demand (``SpatialPairingProblem``): how many
    /// partners each shipment starts with before the pricing adds what the
    /// certificate needs (`nil`: ``SpatialPairingProblem/defaultCandidates``);
    /// the result is optimal whatever `k` is, only the work changes.
    public var candidatesPerShipment: Int?
    /// Worker threads for candidate generation and pricing (`nil`: every
    /// core).
    public var threads: Int?
    /// When the pricing of ``SpatialPairingProblem`` stops although pairs
    /// may still be missing (the result then carries a proven gap instead
    /// of a certificate).
    public var pricingBudget: PricingBudget
    /// A re-solve of the certified pairing that starts with at least this
    /// many roots hands out its duals at a checkpoint, and the next pricing
    /// pass runs on them while the solve finishes
    /// (``SolverCheckpoint``). Tests lower it to exercise the overlap on
    /// small batches. 310,000 national rows, 2 threads: 321.6 s wall with
    /// 1,000 (re-solves of 1,000–5,000 roots then overlap too)
    /// against 326.7–327.2 s with 5,000.
    var overlapMinimumRoots = 1_000

    /// Options with the contract's defaults unless given.
    public init(
        strategy: MatchingAlgorithm = .blossom, ignoreBodyType: Bool = false, requireSameVehicle: Bool = true,
        ignoreTimeWindows: Bool = false, handlingSeconds: Int = 45 * 60, maxDeadheadMetres: Int? = nil,
        candidatesPerShipment: Int? = nil, threads: Int? = nil, pricingBudget: PricingBudget = PricingBudget()
    ) {
        self.threads = threads
        self.pricingBudget = pricingBudget
        self.strategy = strategy
        self.ignoreBodyType = ignoreBodyType
        self.requireSameVehicle = requireSameVehicle
        self.ignoreTimeWindows = ignoreTimeWindows
        self.handlingSeconds = handlingSeconds
        self.maxDeadheadMetres = maxDeadheadMetres
        self.candidatesPerShipment = candidatesPerShipment
    }
}

/// Limits on the pricing of the certified pairing. Hitting one ends the run
/// with the best matching found and a proven bound on what is missing.
public struct PricingBudget: Sendable, Hashable {
    /// Pricing passes (each followed by a warm-started solve).
    public var maximumRounds: Int
    /// Pairs whose exact legs may be computed in all (the memory limit:
    /// about 60 bytes each with their matching edge).
    public var maximumEvaluatedPairs: Int
    /// Wall-clock seconds, from the start of the pairing, after which no
    /// new pricing pass starts and a warm-started re-solve under way gives
    /// up, keeping the previous optimum (`nil`: none). The first solve
    /// always finishes.
    public var seconds: Double?
    /// Stop once the proven gap (upper bound minus the saving found) is at
    /// most this fraction of the saving found (`nil`: price to the
    /// certificate). The sensitivity reruns of `match --sensitivity` use
    /// 0.001.
    public var relativeGap: Double?

    public init(maximumRounds: Int = 200, maximumEvaluatedPairs: Int = 200_000_000, seconds: Double? = nil, relativeGap: Double? = nil) {
        self.maximumRounds = maximumRounds
        self.maximumEvaluatedPairs = maximumEvaluatedPairs
        self.seconds = seconds
        self.relativeGap = relativeGap
    }
}
