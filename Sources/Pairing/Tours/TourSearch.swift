/// Chooses the tours: the exact pairing first, then a local search that
/// re-solves small regions of the plan exactly over the cycles of the pool.
///
/// 1. **Start.** A maximum-weight matching over every feasible pair with a
///    positive saving (Edmonds' blossom algorithm, ``MatchingGraph``): the
///    optimal plan of tours of at most 2. With `maxTour == 2` this is the
///    answer, and the same total as ``PairingProblem/pair(options:)``.
/// 2. **A dive** through the relaxation (``TourRelaxation/dive()``), kept
///    when it is better.
/// 3. **Large-neighbourhood search** (Shaw, CP 1998; Pisinger and Ropke,
///    "Large neighborhood search", 2010). For every shipment in turn (in id
///    order, rotated each round), a region of at most ``regionSize``
///    shipments is formed: its own tour, then the tours of the shipments
///    that share the ``frontier`` pool cycles of smallest reduced cost with
///    each region member. The region is then re-partitioned into pool
///    cycles and shipments alone by ``CoverSearch``, an exact branch and
///    bound on reduced costs under the relaxation's duals (feasible on the
///    pool), stopped after ``nodeLimit`` nodes. A better partition replaces
///    the old one; a round that improves nothing ends the search, and a
///    round ends early once its regions have used ``nodesPerShipment``
///    nodes per shipment.
///
/// Every step keeps a feasible plan and never raises the total, so the
/// result is never worse than the optimal pairing.
struct TourSearch {
    /// The most shipments re-solved at once.
    static let regionSize = 40
    /// How many of the cheapest pool cycles through each region member
    /// bring their tours into the region.
    static let frontier = 4
    /// The most branch-and-bound nodes per region.
    static let nodeLimit = 20_000
    /// The most branch-and-bound nodes per round, per shipment on average:
    /// a round ends early when its regions have used them (on large batches
    /// with drifting duals every region ran to ``nodeLimit``).
    static let nodesPerShipment = 2_000
    /// Problems of at most this many shipments are solved to proven
    /// optimality when the exact search finishes within ``provingNodeLimit``.
    static let provingSize = 40
    static let provingNodeLimit = 2_000_000

    let network: TourNetwork
    /// Per shipment, the pool index of its tour, or -1 when it is alone.
    private(set) var tourOf: [Int32]
    /// The empty metres of the plan.
    private(set) var emptyMetres: Int
    /// The empty metres of the optimal pairing (the start).
    private(set) var pairingEmptyMetres: Int
    /// Feasible pairs with a positive saving (edges of the matching).
    private(set) var candidatePairs = 0
    /// Regions improved, over all rounds.
    private(set) var improvements = 0
    /// Rounds run.
    private(set) var rounds = 0
    /// Branch-and-bound nodes, over all regions.
    private(set) var nodes = 0
    /// Whether the time budget stopped ``improve(pool:pi:maxRounds:deadline:)``.
    private(set) var stoppedByBudget = false

    /// The optimal pairing of `network`, its pairs added to `pool`.
    init(network: TourNetwork, pool: inout CyclePool, constraints: inout TourConstraints) {
        self.network = network
        let n = network.count
        var tourOf = [Int32](repeating: -1, count: n)
        var edges: [MatchingGraph.Edge] = []
        var pairIDs: [Int] = []
        for i in 0..<n where network.eligible[i] {
            network.forEachComputedPair(of: i) { j, there, back in
                guard network.rank[j] > network.rank[i], there >= 0, back >= 0 else { return }
                let cost = there + back
                let saving = network.ownMetres[i] + network.ownMetres[j] - cost
                guard saving > 0, let id = pool.add(TourCycle([i, j]), cost: cost, constraints: &constraints) else { return }
                edges.append(MatchingGraph.Edge(network.rank[i], network.rank[j], weight: saving))
                pairIDs.append(id)
            }
        }
        candidatePairs = edges.count
        let graph = MatchingGraph(trustedVertexCount: n, edges: edges)
        let matching = graph.maximumWeightMatching().matching
        var empty = 0
        for i in 0..<n where network.eligible[i] { empty += network.ownMetres[i] }
        for r in 0..<n {
            guard let k = matching.matchedEdge(at: r), let mate = matching.mate(of: r), mate > r else { continue }
            let id = pairIDs[k]
            let c = pool.cycles[id]
            tourOf[c[0]] = Int32(id)
            tourOf[c[1]] = Int32(id)
            empty -= graph.edge(k).weight
        }
        self.tourOf = tourOf
        emptyMetres = empty
        pairingEmptyMetres = empty
    }

    /// The plan of a given pairing (a certified pairing over legs on
    /// demand), its pairs added to `pool`; pairs the constraints refuse (the
    /// driving rules, which the pairing does not know) are split.
    init(network: TourNetwork, pairs: [(Int, Int)], pool: inout CyclePool, constraints: inout TourConstraints) {
        self.network = network
        var tourOf = [Int32](repeating: -1, count: network.count)
        var empty = 0
        for i in 0..<network.count where network.eligible[i] { empty += network.ownMetres[i] }
        for (a, b) in pairs {
            guard let ab = network.leg(a, b), let ba = network.leg(b, a) else { continue }
            let cost = ab.metres + ba.metres
            guard let id = pool.add(TourCycle([a, b]), cost: cost, constraints: &constraints) else { continue }
            tourOf[a] = Int32(id)
            tourOf[b] = Int32(id)
            empty -= network.ownMetres[a] + network.ownMetres[b] - cost
        }
        candidatePairs = pairs.count
        self.tourOf = tourOf
        emptyMetres = empty
        pairingEmptyMetres = empty
    }

    /// Replaces the plan by `plan` (per shipment its pool tour, -1 alone) if
    /// that one has fewer empty metres.
    mutating func adopt(_ plan: [Int32], emptyMetres: Int) {
        guard emptyMetres < self.emptyMetres else { return }
        tourOf = plan
        self.emptyMetres = emptyMetres
    }

    /// Improves the plan by large-neighbourhood search over `pool` with
    /// duals `pi` (feasible on the pool), for at most `maxRounds` rounds or
    /// until `deadline` passes (checked before each region).
    mutating func improve(pool: CyclePool, pi: [Double], maxRounds: Int, deadline: TourDeadline = TourDeadline(seconds: nil)) {
        let n = network.count
        let seeds = network.order.filter { network.eligible[$0] }
        guard !seeds.isEmpty else { return }
        var scratch = RegionScratch(count: n)
        for round in 0..<maxRounds {
            rounds += 1
            var improved = false
            let offset = (round * 7919) % seeds.count
            let budget = nodes + Self.nodesPerShipment * seeds.count
            for s in 0..<seeds.count where nodes < budget {
                if deadline.hasPassed {
                    stoppedByBudget = true
                    return
                }
                let seed = seeds[(s + offset) % seeds.count]
                if improveRegion(around: seed, pool: pool, pi: pi, scratch: &scratch) {
                    improved = true
                    improvements += 1
                }
            }
            if !improved { break }
        }
    }

    /// Re-solves the whole problem at once with a node limit of `nodeLimit`
    /// (for small problems); returns whether that search ran to the end,
    /// so that the plan is the best over `pool`.
    mutating func resolveAll(pool: CyclePool, pi: [Double], nodeLimit: Int) -> Bool {
        var local = [Int32](repeating: -1, count: network.count)
        var complete = false
        if resolve(network.order.filter { network.eligible[$0] }, pool: pool, pi: pi, local: &local, nodeLimit: nodeLimit, complete: &complete) {
            improvements += 1
        }
        return complete
    }

    /// Reusable buffers for one region.
    struct RegionScratch {
        var local: [Int32]
        var members: [Int] = []
        init(count n: Int) { local = [Int32](repeating: -1, count: n) }
    }

    /// The reduced cost of shipment `i`'s current tour (or of it alone).
    @inline(__always)
    private func reducedCost(ofTourOf i: Int, pool: CyclePool, pi: [Double]) -> Double {
        let t = tourOf[i]
        if t < 0 { return Double(network.ownMetres[i]) - pi[i] }
        let c = pool.cycles[Int(t)]
        var rc = Double(pool.costs[Int(t)])
        for k in 0..<c.count { rc -= pi[c[k]] }
        return rc
    }

    /// Re-solves the shipments `members` (whole tours) exactly over the pool
    /// cycles inside them (``CoverSearch``, at most `nodeLimit` nodes);
    /// returns whether the plan improved.
    @discardableResult
    mutating func resolve(
        _ members: [Int], pool: CyclePool, pi: [Double], local: inout [Int32], nodeLimit: Int, complete: inout Bool
    ) -> Bool {
        for (x, i) in members.enumerated() { local[i] = Int32(x) }
        defer { for i in members { local[i] = -1 } }
        // The region's current reduced cost and empty metres.
        var current = 0.0, currentCost = 0
        var seen = Set<Int32>()
        for i in members {
            let t = tourOf[i]
            if t < 0 {
                current += Double(network.ownMetres[i]) - pi[i]
                currentCost += network.ownMetres[i]
            } else if seen.insert(t).inserted {
                current += reducedCost(ofTourOf: i, pool: pool, pi: pi)
                currentCost += pool.costs[Int(t)]
            }
        }
        var search = CoverSearch(count: members.count, incumbent: current, nodeLimit: nodeLimit)
        var locals: [Int] = []
        for (x, i) in members.enumerated() {
            search.add(members: [x], reduced: Double(network.ownMetres[i]) - pi[i], id: -1 - Int32(i))
            for id in pool.cycles(through: i) {
                // Each cycle inside the region once, at its first local member.
                let c = pool.cycles[Int(id)]
                locals.removeAll(keepingCapacity: true)
                var inside = true, low = Int.max
                for k in 0..<c.count {
                    let l = Int(local[c[k]])
                    if l < 0 { inside = false; break }
                    locals.append(l)
                    low = min(low, l)
                }
                guard inside, low == x else { continue }
                var rc = Double(pool.costs[Int(id)])
                for k in 0..<c.count { rc -= pi[c[k]] }
                if rc > current { continue }
                search.add(members: locals, reduced: rc, id: id)
            }
        }
        search.run()
        nodes += search.nodes
        complete = search.isComplete
        guard let choice = search.bestChoice else { return false }
        var newCost = 0
        for id in choice { newCost += id < 0 ? network.ownMetres[Int(-1 - id)] : pool.costs[Int(id)] }
        guard newCost < currentCost else { return false }
        for i in members { tourOf[i] = -1 }
        for id in choice where id >= 0 {
            let c = pool.cycles[Int(id)]
            for k in 0..<c.count { tourOf[c[k]] = id }
        }
        emptyMetres -= currentCost - newCost
        return true
    }

    /// Re-solves the region around `seed`: its tour, then the tours meeting
    /// the region in the pool cycles of smallest reduced cost.
    private mutating func improveRegion(
        around seed: Int, pool: CyclePool, pi: [Double], scratch: inout RegionScratch
    ) -> Bool {
        var members = scratch.members
        members.removeAll(keepingCapacity: true)
        func addTour(of i: Int) {
            let t = tourOf[i]
            let tour = t >= 0 ? pool.cycles[Int(t)].members : [i]
            if tour.contains(where: { scratch.local[$0] >= 0 }) { return }
            if members.count + tour.count > Self.regionSize { return }
            for j in tour {
                scratch.local[j] = Int32(members.count)
                members.append(j)
            }
        }
        addTour(of: seed)
        var frontier: [(reduced: Double, id: Int32)] = []
        var expanded = 0
        while expanded < members.count && members.count < Self.regionSize {
            let i = members[expanded]
            expanded += 1
            // The few cheapest pool cycles through i, by insertion into a short list.
            frontier.removeAll(keepingCapacity: true)
            for id in pool.cycles(through: i) {
                let c = pool.cycles[Int(id)]
                var rc = Double(pool.costs[Int(id)])
                for t in 0..<c.count { rc -= pi[c[t]] }
                if frontier.count == Self.frontier, let last = frontier.last, (last.reduced, last.id) <= (rc, id) { continue }
                var x = frontier.count
                frontier.append((rc, id))
                while x > 0 && (frontier[x - 1].reduced, frontier[x - 1].id) > (rc, id) {
                    frontier[x] = frontier[x - 1]
                    x -= 1
                }
                frontier[x] = (rc, id)
                if frontier.count > Self.frontier { frontier.removeLast() }
            }
            for (_, id) in frontier {
                let c = pool.cycles[Int(id)]
                for t in 0..<c.count where scratch.local[c[t]] < 0 { addTour(of: c[t]) }
            }
        }
        for j in members { scratch.local[j] = -1 }
        scratch.members = members
        if members.count < 2 { return false }
        var complete = false
        return resolve(members, pool: pool, pi: pi, local: &scratch.local, nodeLimit: Self.nodeLimit, complete: &complete)
    }
}
