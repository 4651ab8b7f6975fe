extension PairingProblem {
    /// Chooses which shipments share a truck so that the total saving is as
    /// large as possible (or, with ``MatchingAlgorithm/greedy``, best saving
    /// first), under the constraints of `options`.
    ///
    /// 1. Every pair whose cross legs were computed is evaluated: a pair
    ///    with a route both ways, a positive saving and every constraint met
    ///    (``PairingOptions``: body types, vehicles, time windows, deadhead)
    ///    is a candidate. With ``PairingOptions/candidatesPerShipment`` only
    ///    each shipment's best `k` candidates are kept (their union).
    /// 2. A maximum-weight matching of the candidate graph, weights the
    ///    savings in metres, picks the pairs (Edmonds' blossom algorithm;
    ///    see ``MatchingAlgorithm``). The graph's vertices are the shipments
    ///    in id order, so the result does not depend on the input order.
    /// 3. Each pair's order (who goes first) is the one the constraints
    ///    allow with the shorter repositioning leg, `a` first on a tie; every
    ///    other shipment gets its ``UnpairedReason``.
    ///
    /// - Complexity: O(*n*²) to evaluate a dense table, then the matching:
    ///   about a second for 5,000 dense shipments (see
    ///   `docs/benchmarks/matching.md`).
    public func pair(options: PairingOptions = PairingOptions()) -> PairingResult {
        let constraints = PairConstraints(shipments: shipments, options: options)
        let candidates = PairCandidates(problem: self, constraints: constraints)
        let n = shipments.count
        let graph = MatchingGraph(trustedVertexCount: n, edges: candidates.edges)
        let matching = graph.matching(using: options.strategy)

        var pairs: [ShipmentPair] = []
        var unpaired: [UnpairedShipment] = []
        for r in 0..<n {
            let i = candidates.order[r]
            guard let partner = matching.mate(of: r) else {
                unpaired.append(UnpairedShipment(index: i, reason: candidates.reason(i)))
                continue
            }
            guard partner > r else { continue }
            let a = i, b = candidates.order[partner]
            let ab = emptyLegs.index(from: a, to: b), ba = emptyLegs.index(from: b, to: a)
            let abMetres = Int(emptyLegs.metres[ab]), baMetres = Int(emptyLegs.metres[ba])
            let outcome = constraints.evaluate(
                a, b, loadedA: loadedLegs[a]?.seconds ?? 0, loadedB: loadedLegs[b]?.seconds ?? 0,
                abMetres: abMetres, abSeconds: Int(emptyLegs.seconds[ab]),
                baMetres: baMetres, baSeconds: Int(emptyLegs.seconds[ba]))
            let aFirst: Bool
            if case .feasible(let f) = outcome {
                aFirst = f
            } else {
                assertionFailure("a matched pair is infeasible")
                aFirst = true
            }
            let before = candidates.ownReturnMetres[a] + candidates.ownReturnMetres[b]
            let after = abMetres + baMetres
            pairs.append(
                ShipmentPair(
                    a: a, b: b, first: aFirst ? a : b, savingMetres: before - after,
                    emptyMetresBefore: before, emptyMetresAfter: after,
                    repositionMetres: aFirst ? abMetres : baMetres))
        }
        var emptyBefore = 0, loaded = 0
        for i in 0..<n where !candidates.unreachable[i] {
            emptyBefore += candidates.ownReturnMetres[i]
            loaded += loadedLegs[i]?.metres ?? 0
        }
        let saved = pairs.reduce(0) { $0 + $1.savingMetres }
        return PairingResult(
            pairs: pairs, unpaired: unpaired, emptyMetresBefore: emptyBefore, emptyMetresAfter: emptyBefore - saved,
            loadedMetres: loaded, candidatePairs: graph.edgeCount)
    }
}
