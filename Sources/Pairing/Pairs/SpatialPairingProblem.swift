/// The pairing of a whole batch — county or country — without an *n* × *n*
/// table: empty legs are computed only for the pairs that could matter, and
/// the result is still the **certified** optimum over every pair.
///
/// The inputs are the shipments, their loaded legs and own empty returns,
/// a ``ShipmentSpace`` over their ends and an ``EmptyLegSource`` that
/// computes exact legs on demand. ``pair(options:progress:)`` then runs
/// a column-generation scheme for the matching linear program (pricing over
/// the dual, as in Dantzig–Wolfe; for matching see Applegate & Cook,
/// "Solving large-scale matching problems", DIMACS 1993):
///
/// 1. **Candidates.** For every shipment, its `k` best partners by the
///    admissible upper bound on the saving,
///    `ub(i, j) = r_i + r_j − lb(i → j) − lb(j → i) > 0`
///    (`r` own empty returns, `lb` the great-circle bound of the space),
///    found by branch and bound in the space without looking at the other
///    pairs. Pairs that break a constraint needing no travel times (body
///    type, vehicle, the deadhead limit by bound) are never candidates.
/// 2. **Exact legs** of the candidates (both directions) from the source;
///    feasible pairs with a positive saving become edges.
/// 3. **Matching** with its optimal duals `y` (Edmonds' blossom algorithm,
///    ``MatchingGraph/maximumWeightMatching(using:)``).
/// 4. **Pricing.** A pair not yet evaluated can improve the matching only
///    if its saving exceeds `y_i + y_j`; since its saving is at most
///    `ub(i, j)`, the space enumerates exactly the pairs with
///    `lb(i → j) + lb(j → i) < (r_i − y_i) + (r_j − y_j)` — near each
///    other, because the duals of well-paired shipments are large. Their
///    exact legs are computed; if any violates the duals, it joins the
///    graph and the matching is solved again **warm-started** from the
///    previous optimum (``MatchingGraph/maximumWeightMatching(warmStartingFrom:on:)``),
///    and pricing repeats.
/// 5. When a pass finds no violation, every pair is accounted for: the
///    evaluated ones by the dual certificate (checked with
///    ``MatchingDuals/certify(_:on:)``, in release builds too), the rest by
///    the bound. The result is ``PairingOptimality/certified``. If a
///    ``PricingBudget`` stops the loop first, raising each shipment's dual by
///    its largest remaining violation gives a feasible dual of the whole
///    problem, hence a proven upper bound (``PairingOptimality/bounded(maximumSavingMetres:)``).
///
/// Unpaired shipments get the contract's reasons, decided over their
/// partners with a positive bound (at most ``reasonPartnerLimit`` of them,
/// the most promising first; the statistics count where that cap applied).
///
/// The vertices of the matching are the shipments in id order, so the
/// result does not depend on the order of the input rows.
public struct SpatialPairingProblem: Sendable {
    /// The valid, loaded shipments.
    public let shipments: [Shipment]
    /// Per shipment, origin → destination (`nil`: no route).
    public let loadedLegs: [Leg?]
    /// Per shipment, its own empty return destination → origin (`nil`: no
    /// route).
    public let ownReturns: [Leg?]
    /// The shipments' ends, for the bounds.
    public let space: ShipmentSpace
    /// Exact empty legs on demand.
    public let legs: any EmptyLegSource
    /// Landmark lower bounds on the empty legs (road graphs), tighter than
    /// the space's great-circle bound; `nil` when there are none. Both are
    /// valid, so the larger of the two may be used wherever a bound is
    /// (``LandmarkBounds/refined(_:from:to:)``).
    public let landmarks: LandmarkBounds?

    /// Partners per shipment in the first candidate set when the options
    /// name none. The result does not depend on it; measured on Samgods
    /// batches it balances the first solve against the pricing rounds
    /// (`docs/benchmarks/match-job.md`).
    public static let defaultCandidates = 10
    /// Partners examined at most to explain why a shipment stayed unpaired.
    public static let reasonPartnerLimit = 256

    /// An upper estimate of the bytes ``pair(options:progress:)`` holds at
    /// its peak for `n` shipments starting from `k` candidates each: the
    /// space and per-shipment arrays (~300 bytes), and per candidate pair
    /// its legs, table slot, matching edge and solver state (~260 bytes),
    /// with room for the pricing to double the pairs.
    public static func estimatedBytes(shipments n: Int, candidates k: Int) -> Int {
        n * 300 + 2 * n * k * 260
    }

    /// A problem from its parts.
    ///
    /// - Throws: ``PairingInputError`` when the counts disagree, a leg is out
    ///   of range, or a shipment with both legs has no place in the space.
    public init(
        shipments: [Shipment], loadedLegs: [Leg?], ownReturns: [Leg?], space: ShipmentSpace, legs: any EmptyLegSource,
        landmarks: LandmarkBounds? = nil
    ) throws(PairingInputError) {
        let n = shipments.count
        guard loadedLegs.count == n, ownReturns.count == n, space.count == n else {
            throw PairingInputError(
                "\(n) shipments, \(loadedLegs.count) loaded legs, \(ownReturns.count) own returns and a space of \(space.count)")
        }
        for i in 0..<n {
            if let l = loadedLegs[i], !l.isInRange { throw PairingInputError("loaded leg \(i) out of range: \(l)") }
            if let l = ownReturns[i], !l.isInRange { throw PairingInputError("own return \(i) out of range: \(l)") }
            if loadedLegs[i] != nil && ownReturns[i] != nil && !space.contains(i) {
                throw PairingInputError("shipment \(i) has routes but no coordinates for the bounds")
            }
        }
        if let landmarks, landmarks.count != n {
            throw PairingInputError("\(n) shipments and landmark bounds for \(landmarks.count)")
        }
        self.shipments = shipments
        self.loadedLegs = loadedLegs
        self.ownReturns = ownReturns
        self.space = space
        self.legs = legs
        self.landmarks = landmarks
    }

    /// Pairs the shipments for the largest total saving over every pair
    /// (or best saving first with ``MatchingAlgorithm/greedy``, over the
    /// candidate pairs), under the constraints of `options`.
    ///
    /// - Parameter progress: called with a phase name and counts as the work
    ///   goes on (from worker threads).
    /// - Throws: ``PairingError`` when the legs cannot be computed or the
    ///   final certificate fails.
    /// - Complexity: O(*n* log *n* + *n*·*k* + priced pairs) queries and
    ///   legs, and the matching of the candidate graph; memory O(*n*·*k*).
    public func pair(
        options: PairingOptions = PairingOptions(), progress: PairingProgress? = nil
    ) throws(PairingError) -> PairingResult {
        var run = CertifiedPairingRun(problem: self, options: options, progress: progress)
        return try run.execute()
    }
}

/// Progress of a long pairing: the phase, and how much of it is done.
public typealias PairingProgress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void
