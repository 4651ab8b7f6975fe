extension SpatialPairingProblem {
    /// Chains shipments into tours of at most ``TourOptions/maxTour``
    /// shipments over legs computed on demand, and proves how far the plan
    /// can be from the best one over **every** leg of the batch.
    ///
    /// 1. The certified pairing (``pair(options:progress:)``) is the start;
    ///    with `maxTour == 2` it is the answer (a pair that breaks the
    ///    driving rules, which the pairing does not know, is kept and says so
    ///    in ``Tour/keepsDrivingRules``).
    /// 2. With `maxTour ≥ 3`: candidate arcs from the space (each shipment's
    ///    nearest, then the cheapest by assignment reduced cost), the
    ///    assignment bound certified over every arc the space cannot rule
    ///    out, the cycle relaxation with exact pricing over every arc —
    ///    by the bound first, then with the exact legs of the cycles that
    ///    bound leaves — and the search, as for a table
    ///    (``PairingProblem/tours(options:)``).
    ///
    /// Only legs the candidates, the pricing and the pairing ask for are
    /// computed (``TourStatistics/legsComputed``).
    ///
    /// - Precondition: `options.problem == nil`.
    /// - Throws: ``PairingError`` when legs cannot be computed or the
    ///   pairing's certificate fails.
    /// - Complexity: the pairing's, then O(*n*·*k*) candidate arcs and the
    ///   cycles through them (`docs/tours.md`).
    public func tours(options: TourOptions = TourOptions(), progress: PairingProgress? = nil) throws(PairingError) -> TourResult {
        precondition(options.problem == nil, options.problem ?? "")
        var pairingOptions = options.pairing
        pairingOptions.strategy = .blossom
        let pairing = try pair(options: pairingOptions, progress: progress)
        return try tours(options: options, startingFrom: pairing, progress: progress)
    }

    /// Tours starting from a pairing this problem already computed (the
    /// `match` job keeps the pairing for its certificate): the same as
    /// ``tours(options:progress:)`` without pairing twice.
    ///
    /// A greedy pairing (``PairingOptimality/notOptimal``) is a start
    /// like any other, but proves nothing: with `maxTour == 2` the bound is
    /// then the trivial one (no empty metres at all).
    ///
    /// - Precondition: `options.problem == nil`; `pairing` was computed by
    ///   this problem.
    /// - Throws: ``PairingError/legs(_:)`` when legs cannot be computed.
    public func tours(
        options: TourOptions, startingFrom pairing: PairingResult, progress: PairingProgress? = nil
    ) throws(PairingError) -> TourResult {
        try tours(options: options, startingFrom: pairing, deadline: TourDeadline(seconds: options.seconds), progress: progress)
    }

    /// ``tours(options:startingFrom:progress:)`` with the budget given as a
    /// deadline (tests stop the work after a number of checks).
    func tours(
        options: TourOptions, startingFrom pairing: PairingResult, deadline: TourDeadline, progress: PairingProgress? = nil
    ) throws(PairingError) -> TourResult {
        precondition(options.problem == nil, options.problem ?? "")
        progress?("tours", 0, options.maxTour)
        let network = try TourNetwork(problem: self, options: options, extra: pairing.pairs.map { ($0.a, $0.b) })
        let result = try TourPlanner.plan(network: network, options: options, pairing: pairing, deadline: deadline)
        progress?("tours", options.maxTour, options.maxTour)
        return result
    }
}
