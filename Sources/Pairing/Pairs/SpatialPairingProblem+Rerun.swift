/// What a certified pairing leaves for reruns of the same shipments under
/// other assumptions (`match --sensitivity`): the pairs it evaluated with
/// their exact legs, the edges of its final candidate graph, and its
/// optimal matching with the duals that prove it.
///
/// Opaque: made by ``SpatialPairingProblem/pairKeepingRestart(options:progress:)``,
/// used by ``SpatialPairingProblem/rerun(options:from:reusingLegs:progress:)``.
///
/// - Complexity: memory that of the run's evaluated pairs and candidate
///   graph (about 60 bytes per evaluated pair).
public struct PairingRestart: Sendable {
    /// The shipment ids in the order of the matching's vertices: a rerun
    /// must have the same, so that the matching means the same pairs.
    let ids: [String]
    /// Every pair evaluated, with its legs.
    let evaluated: EvaluatedPairs
    /// The final candidate graph's edges as shipment pairs `(a, b)`, `a < b`,
    /// sorted.
    let edgePairs: [(Int, Int)]
    /// The final matching and duals (`nil` when the run was greedy).
    let solved: CertifiedMatching?
    /// The run's first candidate set (each shipment's best partners by the
    /// bound), its shipments and options: a rerun with the same shipments,
    /// legs and constraints has the same first candidates.
    let initialCandidates: [(Int, Int)]
    let shipments: [Shipment]
    let options: PairingOptions

    /// Whether a rerun of `problem` under `options` searches exactly these
    /// first candidates: same shipments (windows included), same leg bound,
    /// and the same options but for the strategy and the pricing budget.
    func hasSameCandidates(problem: SpatialPairingProblem, options o: PairingOptions) -> Bool {
        var same = o
        same.strategy = options.strategy
        same.pricingBudget = options.pricingBudget
        return same == options && problem.space.bound == boundOfRun && problem.shipments == shipments
    }
    /// The leg bound of the run.
    let boundOfRun: LegLowerBound

    /// Pairs whose legs a rerun reusing them need not compute.
    public var evaluatedPairs: Int { evaluated.count }
    /// Pairs a rerun starts its candidate set with.
    public var candidatePairs: Int { edgePairs.count }
}

/// A rerun's outcome: the pairs and totals of ``PairingResult`` without
/// the reasons of the unpaired shipments, which a sensitivity run does not
/// report (and which cost a search per unpaired shipment).
public struct PairingRerunResult: Sendable, Hashable {
    /// The pairs, ordered by the id of `a`.
    public let pairs: [ShipmentPair]
    /// Σ own empty return over the shipments with routes.
    public let emptyMetresBefore: Int
    /// ``emptyMetresBefore`` minus the savings of the pairs.
    public let emptyMetresAfter: Int
    /// Σ loaded leg over the shipments with routes.
    public let loadedMetres: Int
    /// What is proven (as for ``PairingResult/optimality``).
    public let optimality: PairingOptimality
    /// How the rerun went: its candidate pairs (initial set), pricing rounds,
    /// legs computed (those taken from the restart are not counted), time.
    public let statistics: PricingStatistics

    /// `emptyMetresBefore − emptyMetresAfter`.
    public var savedMetres: Int { emptyMetresBefore - emptyMetresAfter }
}

extension SpatialPairingProblem {
    /// ``pair(options:progress:)``, also returning what reruns under other
    /// options can start from. The result is the same.
    public func pairKeepingRestart(
        options: PairingOptions = PairingOptions(), progress: PairingProgress? = nil
    ) throws(PairingError) -> (result: PairingResult, restart: PairingRestart) {
        var run = CertifiedPairingRun(problem: self, options: options, progress: progress)
        run.keepsCandidates = true
        let (matching, graph, optimality, solved) = try run.solve()
        let edgePairs = run.edgePairs(of: graph)
        let result = try run.finish(matching: matching, graph: graph, optimality: optimality)
        let restart = PairingRestart(
            ids: run.order.map { shipments[$0].id }, evaluated: run.evaluated, edgePairs: edgePairs, solved: solved,
            initialCandidates: run.firstCandidates, shipments: shipments, options: options, boundOfRun: space.bound)
        return (result, restart)
    }

    /// Pairs the shipments again under `options`, started from a previous
    /// run of the same shipments (same ids; their windows, the options and
    /// the legs may differ), and returns the pairs and totals without the
    /// reasons of unpaired shipments.
    ///
    /// The result is what ``pair(options:progress:)`` would find — the
    /// certified optimum, or with greedy the same greedy matching — only
    /// the work differs:
    ///
    /// 1. with `reusingLegs` (the problem has the restart's leg source and
    ///    shipment ends, so every leg is the same), legs of pairs the
    ///    previous run evaluated are taken from it, not from ``legs``;
    /// 2. the first candidate set is the previous run's first candidates
    ///    and final candidate graph, without a new search: the pricing
    ///    starts where the previous run ended, drops what the new options
    ///    exclude and adds what they admit. Greedy, whose result depends on
    ///    its candidates, searches its own (each shipment's best partners
    ///    under the new options), or takes the previous run's when only the
    ///    strategy differs;
    /// 3. the first matching is warm-started from the previous optimum
    ///    (``MatchingGraph/maximumWeightMatching(warmStartingFrom:on:)``):
    ///    duals raised where an edge is new or heavier, pairs kept where
    ///    still tight, the rest repaired by the solver (only with
    ///    ``MatchingAlgorithm/blossom``).
    ///
    /// Pairs that the new options make infeasible drop out when evaluated,
    /// exactly as in a fresh run; the pricing loop and the final dual
    /// certificate are unchanged, so nothing about the result rests on the
    /// previous run. (``PricingBudget/relativeGap`` lets the rerun stop
    /// with a proven gap instead, as any run can.)
    ///
    /// - Throws: ``PairingError/input(_:)`` when the shipments' ids differ
    ///   from the restart's; otherwise as ``pair(options:progress:)``.
    public func rerun(
        options: PairingOptions, from restart: PairingRestart, reusingLegs: Bool, progress: PairingProgress? = nil
    ) throws(PairingError) -> PairingRerunResult {
        var run = CertifiedPairingRun(problem: self, options: options, progress: progress)
        guard run.order.count == restart.ids.count, zip(run.order, restart.ids).allSatisfy({ shipments[$0.0].id == $0.1 }) else {
            throw .input(PairingInputError("a rerun needs the shipments of the run it starts from (\(restart.ids.count) ids; here \(shipments.count))"))
        }
        run.restart = restart
        run.reusesLegs = reusingLegs
        run.evaluated = EvaluatedPairs(capacity: restart.evaluated.count)
        let (matching, graph, optimality, _) = try run.solve()
        let (pairs, _) = try run.pairs(of: matching)
        let (before, loaded) = run.totals()
        run.finishStatistics(graph: graph)
        let saved = pairs.reduce(0) { $0 + $1.savingMetres }
        return PairingRerunResult(
            pairs: pairs, emptyMetresBefore: before, emptyMetresAfter: before - saved, loadedMetres: loaded,
            optimality: optimality, statistics: run.statistics)
    }
}

extension CertifiedPairingRun {
    /// The edges of `graph` as sorted shipment pairs `(a, b)`, `a < b`.
    func edgePairs(of graph: MatchingGraph) -> [(Int, Int)] {
        var pairs = graph.edges.map { e -> (Int, Int) in
            let a = order[e.u], b = order[e.v]
            return (min(a, b), max(a, b))
        }
        pairs.sort { $0 < $1 }
        return pairs
    }
}
