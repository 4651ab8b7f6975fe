/// The candidate pairs of a ``PairingProblem`` (feasible, positive saving)
/// as a matching graph over the shipments in id order, with what every
/// shipment's partners looked like — enough to say why it stayed unpaired.
struct PairCandidates {
    /// What one shipment's partners were like.
    struct PartnerSummary: Sendable, Hashable {
        /// Partners (not themselves unreachable) with both cross legs computed.
        var considered: Int32 = 0
        /// … of which both cross legs have a route.
        var reachable: Int32 = 0
        /// … of which the saving is positive.
        var positive: Int32 = 0
        /// … of which every constraint holds.
        var feasible: Int32 = 0
        /// The best-saving partner a constraint excluded: saving, the
        /// partner's rank (id order), the constraint.
        var excludedSaving = Int.min
        var excludedPartnerRank = Int32.max
        var excludedReason: UnpairedReason?

        mutating func exclude(saving: Int, partnerRank: Int32, reason: UnpairedReason) {
            if saving > excludedSaving || (saving == excludedSaving && partnerRank < excludedPartnerRank) {
                excludedSaving = saving
                excludedPartnerRank = partnerRank
                excludedReason = reason
            }
        }
    }

    /// Shipment indices in id order (ties by index); vertex `r` of the
    /// graph is shipment `order[r]`.
    let order: [Int]
    /// The inverse of ``order``.
    let rank: [Int]
    /// Own empty return in metres, or -1 when it has no route.
    let ownReturnMetres: [Int]
    let unreachable: [Bool]
    let summaries: [PartnerSummary]
    let edges: [MatchingGraph.Edge]

    /// Evaluates every pair whose cross legs were both computed.
    ///
    /// - Complexity: O(*n*²) for a dense table, O(*e* log *e*) for a sparse
    ///   one with *e* entries; plus O(*m* log *m*) for the `k`-best filter.
    init(problem: PairingProblem, constraints: PairConstraints) {
        let shipments = problem.shipments
        let table = problem.emptyLegs
        let n = shipments.count
        let order = (0..<n).sorted { a, b in
            let ia = shipments[a].id, ib = shipments[b].id
            return ia != ib ? ia < ib : a < b
        }
        var rank = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }

        var ownReturn = [Int](repeating: -1, count: n)
        var loadedSeconds = [Int](repeating: 0, count: n)
        var unreachable = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let x = table.index(from: i, to: i)
            ownReturn[i] = x >= 0 ? Int(table.metres[x]) : -1
            if let leg = problem.loadedLegs[i] { loadedSeconds[i] = leg.seconds } else { unreachable[i] = true }
            if ownReturn[i] < 0 { unreachable[i] = true }
        }

        var summaries = [PartnerSummary](repeating: PartnerSummary(), count: n)
        var edges: [MatchingGraph.Edge] = []
        var partners: [(rank: Int, ij: Int)] = []
        for ri in 0..<n {
            let i = order[ri]
            if unreachable[i] { continue }
            // The partners after i in id order with (i, j) computed.
            partners.removeAll(keepingCapacity: true)
            if table.isDense {
                for rj in (ri + 1)..<max(ri + 1, n) { partners.append((rj, i * n + order[rj])) }
            } else {
                table.forEachEntry(inRow: i) { j, x in
                    if rank[j] > ri { partners.append((rank[j], x)) }
                }
                partners.sort { $0.rank < $1.rank }
            }
            for (rj, ij) in partners {
                let j = order[rj]
                if unreachable[j] { continue }
                let ji = table.index(from: j, to: i)
                if ji < 0 { continue }
                summaries[i].considered += 1
                summaries[j].considered += 1
                let mij = Int(table.metres[ij]), mji = Int(table.metres[ji])
                if mij < 0 || mji < 0 { continue }
                summaries[i].reachable += 1
                summaries[j].reachable += 1
                let saving = ownReturn[i] + ownReturn[j] - mij - mji
                if saving <= 0 { continue }
                summaries[i].positive += 1
                summaries[j].positive += 1
                let outcome = constraints.evaluate(
                    i, j, loadedA: loadedSeconds[i], loadedB: loadedSeconds[j],
                    abMetres: mij, abSeconds: Int(table.seconds[ij]),
                    baMetres: mji, baSeconds: Int(table.seconds[ji]))
                switch outcome {
                case .feasible:
                    summaries[i].feasible += 1
                    summaries[j].feasible += 1
                    edges.append(MatchingGraph.Edge(ri, rj, weight: saving))
                case .excluded(let reason):
                    summaries[i].exclude(saving: saving, partnerRank: Int32(rj), reason: reason)
                    summaries[j].exclude(saving: saving, partnerRank: Int32(ri), reason: reason)
                }
            }
        }
        if let k = constraints.options.candidatesPerShipment {
            edges = Self.keepBest(k, vertexCount: n, of: edges)
        }
        self.order = order
        self.rank = rank
        self.ownReturnMetres = ownReturn
        self.unreachable = unreachable
        self.summaries = summaries
        self.edges = edges
    }

    /// The edges among the `k` best of at least one of their ends (by
    /// weight, ties by the smaller other end), in their original order.
    static func keepBest(_ k: Int, vertexCount n: Int, of edges: [MatchingGraph.Edge]) -> [MatchingGraph.Edge] {
        guard k >= 0 else { return [] }
        var start = [Int](repeating: 0, count: n + 1)
        for e in edges {
            start[e.u + 1] += 1
            start[e.v + 1] += 1
        }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var incident = [Int](repeating: 0, count: 2 * edges.count)
        for (x, e) in edges.enumerated() {
            incident[fill[e.u]] = x
            fill[e.u] += 1
            incident[fill[e.v]] = x
            fill[e.v] += 1
        }
        var keep = [Bool](repeating: false, count: edges.count)
        for v in 0..<n {
            let list = incident[start[v]..<start[v + 1]]
            if list.count <= k {
                for x in list { keep[x] = true }
                continue
            }
            let best = list.sorted { x, y in
                let ex = edges[x], ey = edges[y]
                if ex.weight != ey.weight { return ex.weight > ey.weight }
                return (ex.u == v ? ex.v : ex.u) < (ey.u == v ? ey.v : ey.u)
            }
            for x in best.prefix(k) { keep[x] = true }
        }
        return edges.indices.compactMap { keep[$0] ? edges[$0] : nil }
    }

    /// Why shipment `i`, left unpaired, was (see ``UnpairedReason``).
    func reason(_ i: Int) -> UnpairedReason {
        if unreachable[i] { return .unreachable }
        let s = summaries[i]
        if s.considered > 0 && s.reachable == 0 { return .unreachable }
        if s.positive == 0 { return .noSaving }
        if s.feasible > 0 { return .partnersTaken }
        return s.excludedReason ?? .noSaving
    }
}
