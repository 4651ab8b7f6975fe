extension CertifiedPairingRun {
    /// The pairs of `matching` (each in the order the constraints allow,
    /// the shorter reposition first), every other shipment with its reason,
    /// and the totals.
    mutating func finish(matching: Matching, graph: MatchingGraph, optimality: PairingOptimality) throws(PairingError) -> PairingResult {
        let (pairs, unmatched) = try pairs(of: matching)
        var clock = Lap()
        let reasons = try explain(unmatched)
        statistics.seconds.reasons += clock.lap()
        let (emptyBefore, loaded) = totals()
        let saved = pairs.reduce(0) { $0 + $1.savingMetres }
        finishStatistics(graph: graph)
        var result = PairingResult(
            pairs: pairs, unpaired: zip(unmatched, reasons).map { UnpairedShipment(index: $0, reason: $1) },
            emptyMetresBefore: emptyBefore, emptyMetresAfter: emptyBefore - saved, loadedMetres: loaded,
            candidatePairs: graph.edgeCount)
        result.optimality = optimality
        result.statistics = statistics
        return result
    }

    /// The pairs of `matching` (each in the order the constraints allow, the
    /// shorter reposition first) and the unmatched shipments.
    func pairs(of matching: Matching) throws(PairingError) -> (pairs: [ShipmentPair], unmatched: [Int]) {
        var pairs: [ShipmentPair] = []
        var unmatched: [Int] = []
        for r in 0..<n {
            let i = order[r]
            guard let partner = matching.mate(of: r) else {
                unmatched.append(i)
                continue
            }
            guard partner > r else { continue }
            let a = i, b = order[partner]
            guard let slot = evaluated.slot(a, b), let ab = evaluated.leg(at: slot, from: a),
                let ba = evaluated.leg(at: slot, from: b)
            else {
                throw .certificate(.init("matched pair (\(a), \(b)) was never evaluated"))
            }
            guard case .feasible(let aFirst) = outcome(a, b, ab: ab, ba: ba) else {
                throw .certificate(.init("matched pair (\(a), \(b)) is infeasible"))
            }
            let before = ownReturn[a] + ownReturn[b]
            let after = ab.metres + ba.metres
            pairs.append(ShipmentPair(
                a: a, b: b, first: aFirst ? a : b, savingMetres: before - after,
                emptyMetresBefore: before, emptyMetresAfter: after, repositionMetres: aFirst ? ab.metres : ba.metres))
        }
        return (pairs, unmatched)
    }

    /// Σ own empty return and Σ loaded leg over the shipments with both.
    func totals() -> (emptyBefore: Int, loaded: Int) {
        var emptyBefore = 0, loaded = 0
        for i in 0..<n where problem.loadedLegs[i] != nil && problem.ownReturns[i] != nil {
            emptyBefore += ownReturn[i]
            loaded += problem.loadedLegs[i]!.metres
        }
        return (emptyBefore, loaded)
    }

    /// The statistics known only at the end.
    mutating func finishStatistics(graph: MatchingGraph) {
        statistics.pairsEvaluated = evaluated.count
        let usableCount = statistics.usableShipments
        statistics.pairsRuledOutByBound = max(0, usableCount * (usableCount - 1) / 2 - evaluated.count)
        statistics.bytes = evaluated.bytes + graph.edgeCount * 40 + n * 8
    }

    // MARK: Reasons

    /// The contract's reason for each unmatched shipment (see
    /// ``UnpairedReason``), decided over its partners whose bound allows a
    /// positive saving — at most ``SpatialPairingProblem/reasonPartnerLimit``
    /// of them, the largest bounds first. Their legs are computed where
    /// still missing, in blocks of shipments so memory stays bounded.
    mutating func explain(_ unmatched: [Int]) throws(PairingError) -> [UnpairedReason] {
        var reasons: [UnpairedReason] = []
        reasons.reserveCapacity(unmatched.count)
        let limit = SpatialPairingProblem.reasonPartnerLimit
        let block = 4096
        var start = 0
        while start < unmatched.count {
            let chunk = Array(unmatched[start..<min(unmatched.count, start + block)])
            start += block
            let partners = topPartners(of: chunk, limit: limit)
            // First the most promising few that the bound's legs do not
            // exclude: one feasible partner with a saving settles
            // `partners_taken` whatever the others, and most unpaired
            // shipments have one (only the rest need all their partners).
            var first: [[Int]] = []
            for (i, list) in zip(chunk, partners) {
                var promising: [Int] = []
                for j in list.partners where !excludedWithoutLegs(i, j) {
                    promising.append(j)
                    if promising.count == Self.reasonFirstPartners { break }
                }
                first.append(promising)
            }
            try evaluate(missingPairs(chunk, first), phase: "explaining unpaired shipments")
            let open = zip(chunk, first).map { i, promising in !hasFeasiblePartner(i, promising) }
            try evaluate(missingPairs(chunk, partners.map(\.partners), only: open), phase: "explaining unpaired shipments")
            for (i, list) in zip(chunk, partners) {
                let why = reason(i, partners: list.partners)
                // A feasible partner settles `partners_taken` whatever the
                // partners beyond the cap; other reasons rest on the cap.
                if list.capped && why != .partnersTaken { statistics.reasonsFromTopPartners += 1 }
                reasons.append(why)
            }
        }
        return reasons
    }

    /// Partners evaluated first when explaining an unpaired shipment (the
    /// most promising ones the bound's legs leave feasible).
    static let reasonFirstPartners = 8

    /// The pairs of each shipment (of those flagged in `only`) with its
    /// `partners` whose legs are not yet known, sorted and without repeats.
    func missingPairs(_ shipments: [Int], _ partners: [[Int]], only: [Bool]? = nil) -> [(Int, Int)] {
        var missing: [(Int, Int)] = []
        for (x, i) in shipments.enumerated() where only?[x] ?? true {
            for j in partners[x] where !evaluated.contains(i, j) {
                missing.append((min(i, j), max(i, j)))
            }
        }
        missing.sort { $0 < $1 }
        var unique: [(Int, Int)] = []
        for p in missing where unique.last.map({ $0 != p }) ?? true { unique.append(p) }
        return unique
    }

    /// Whether one of `partners` (evaluated) pairs feasibly with `i` at a
    /// positive saving.
    func hasFeasiblePartner(_ i: Int, _ partners: [Int]) -> Bool {
        partners.contains { j in
            guard let slot = evaluated.slot(i, j), let ij = evaluated.leg(at: slot, from: i),
                  let ji = evaluated.leg(at: slot, from: j),
                  ownReturn[i] + ownReturn[j] - ij.metres - ji.metres > 0 else { return false }
            if case .feasible = outcome(i, j, ab: ij, ba: ji) { return true }
            return false
        }
    }

    /// Each shipment's partners with a positive upper bound on the saving,
    /// the `limit` largest (ties by index), and whether there were more.
    func topPartners(of shipments: [Int], limit: Int) -> [(partners: [Int], capped: Bool)] {
        let space = problem.space, usable = usable, ownReturn = ownReturn, bonus = returnBonus
        let chunks = parallelChunks(count: shipments.count, threads: options.threads, minimumChunk: 16) { range in
            range.map { x -> (partners: [Int], capped: Bool) in
                let i = shipments[x]
                guard usable[i] else { return ([], false) }
                var best: [(ub: Double, j: Int)] = []
                var capped = false
                let ri = Double(ownReturn[i])
                space.forEachPair(with: i, below: ri, bonus: bonus) { j, lb, bound in
                    let ub = ri + Double(ownReturn[j]) - lb
                    guard ub > 0 else { return }
                    best.append((ub, j))
                    if best.count > 2 * limit {
                        best.sort { ($0.ub, $1.j) > ($1.ub, $0.j) }
                        best.removeLast(best.count - limit)
                        capped = true
                        bound = ri - best[limit - 1].ub
                    }
                }
                best.sort { ($0.ub, $1.j) > ($1.ub, $0.j) }
                if best.count > limit {
                    best.removeLast(best.count - limit)
                    capped = true
                }
                return (best.map(\.j), capped)
            }
        }
        return chunks.flatMap { $0 }
    }

    /// The reason for unmatched shipment `i` from its evaluated partners,
    /// in the precedence of ``UnpairedReason``.
    func reason(_ i: Int, partners: [Int]) -> UnpairedReason {
        guard usable[i] else { return .unreachable }
        var reachable = 0, positive = 0, feasible = 0
        var excludedSaving = Int.min, excludedRank = Int.max
        var excludedReason: UnpairedReason?
        for j in partners {
            guard let slot = evaluated.slot(i, j) else { continue }
            guard let ij = evaluated.leg(at: slot, from: i), let ji = evaluated.leg(at: slot, from: j) else { continue }
            reachable += 1
            let saving = ownReturn[i] + ownReturn[j] - ij.metres - ji.metres
            guard saving > 0 else { continue }
            positive += 1
            switch outcome(i, j, ab: ij, ba: ji) {
            case .feasible:
                feasible += 1
            case .excluded(let why):
                if saving > excludedSaving || (saving == excludedSaving && rank[j] < excludedRank) {
                    excludedSaving = saving
                    excludedRank = rank[j]
                    excludedReason = why
                }
            }
        }
        if !partners.isEmpty && reachable == 0 { return .unreachable }
        if positive == 0 { return .noSaving }
        if feasible > 0 { return .partnersTaken }
        return excludedReason ?? .noSaving
    }
}
