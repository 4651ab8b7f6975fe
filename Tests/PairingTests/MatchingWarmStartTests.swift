import Testing
@testable import Pairing

/// Solving again from a previous optimum after adding edges gives a
/// certified optimum of the larger graph, equal in weight to a cold solve.
@Suite struct MatchingWarmStartTests {
    /// Random general graphs (many ties, odd cycles, blossoms with positive
    /// duals): solve a random part, add the rest in one or several rounds.
    @Test(arguments: 0..<80)
    func warmStartEqualsColdSolve(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 9_000)
        let n = Int.random(in: 2...120, using: &rng)
        let density = [0.03, 0.1, 0.3, 1.0][seed % 4]
        let weights = [1...3, 1...20, 1...100_000][seed % 3]
        let all = randomEdges(vertexCount: n, density: density, weights: weights, using: &rng).shuffled(using: &rng)
        let rounds = 1 + seed % 4
        var cut = Int(Double(all.count) * Double.random(in: 0.2...0.95, using: &rng))
        var graph = try MatchingGraph(vertexCount: n, edges: all[..<cut])
        var result = graph.maximumWeightMatching()
        for round in 1...rounds {
            let next = round == rounds ? all.count : min(all.count, cut + (all.count - cut) / 2)
            let bigger = try MatchingGraph(vertexCount: n, edges: all[..<next])
            result = bigger.maximumWeightMatching(warmStartingFrom: result, on: graph)
            try result.duals.certify(result.matching, on: bigger)
            #expect(result.matching.totalWeight == bigger.maximumWeightMatching(using: .cubicBlossom).matching.totalWeight)
            graph = bigger
            cut = next
        }
    }

    /// Savings graphs of the kind the certified pairing builds: a k-best
    /// candidate graph first, then every positive pair; also through the
    /// breadth-first renumbering used on large graphs.
    @Test(arguments: [(300, 0), (500, 0), (400, 1)])
    func savingsGraphs(n: Int, forceRenumbering: Int) throws {
        var rng = SplitMix64(seed: UInt64(n) &* 31 &+ UInt64(forceRenumbering))
        let shipments = RandomShipments(count: n, using: &rng)
        let sparse = try shipments.sparseGraph(k: 3)
        let dense = try shipments.denseGraph()
        let first = sparse.maximumWeightMatching()
        let start = dense.warmStart(from: first, on: sparse)
        // Enough roots that the forced renumbering does run.
        #expect(!dense.isSmallRepair(roots: dense.rootCount(start)))
        let (mateEdge, duals) = dense.heapBlossomMatching(warmStart: start, renumberingThreshold: forceRenumbering == 1 ? 0 : .max)
        let matching = Matching(graph: dense, mateEdge: mateEdge)
        try duals.certify(matching, on: dense)
        #expect(matching.totalWeight == dense.maximumWeightMatching().matching.totalWeight)
    }

    /// A start with fewer roots than one vertex in
    /// ``MatchingGraph/smallRepairDivisor`` is a small repair (solved
    /// without renumbering), and its solve is still the optimum: the
    /// optimum of the graph itself as the start has no root; one edge added
    /// to it breaks at most one pair.
    @Test(arguments: 0..<6)
    func aSmallRepairIsSolvedInPlace(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 901)
        let shipments = RandomShipments(count: 400, using: &rng)
        let sparse = try shipments.sparseGraph(k: 2)
        let optimum = sparse.maximumWeightMatching()
        #expect(sparse.isSmallRepair(roots: sparse.rootCount(sparse.warmStart(from: optimum, on: sparse))))
        let dense = try shipments.denseGraph()
        let extra = dense.edges.filter { e in !sparse.edges.contains { ($0.u, $0.v) == (e.u, e.v) || ($0.u, $0.v) == (e.v, e.u) } }
        guard let added = extra.max(by: { $0.weight < $1.weight }) else { return }
        let bigger = try MatchingGraph(vertexCount: sparse.vertexCount, edges: sparse.edges + [added])
        let start = bigger.warmStart(from: optimum, on: sparse)
        #expect(bigger.isSmallRepair(roots: bigger.rootCount(start)))
        let (mateEdge, duals) = bigger.heapBlossomMatching(warmStart: start, renumberingThreshold: 0)
        let matching = Matching(graph: bigger, mateEdge: mateEdge)
        try duals.certify(matching, on: bigger)
        #expect(matching.totalWeight == bigger.maximumWeightMatching(using: .cubicBlossom).matching.totalWeight)
    }

    /// The start itself (step 5 of ``MatchingGraph/warmStart(from:on:)``):
    /// every edge feasible, matched edges tight, exposed duals even; every
    /// exposed vertex with a positive dual has a tight edge (its dual is
    /// the least feasible one) and no tight edge joins two of them (they
    /// would have been matched).
    @Test(arguments: 0..<12)
    func startDualsAreLeastAndGreedilyMatched(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let shipments = RandomShipments(count: 150 + 50 * (seed % 4), using: &rng)
        let sparse = try shipments.sparseGraph(k: 1 + seed % 3)
        let dense = try shipments.denseGraph()
        let start = dense.warmStart(from: sparse.maximumWeightMatching(), on: sparse)
        let u = start.vertexDuals
        var leastSlack = [Int](repeating: .max, count: dense.vertexCount)
        for e in dense.edges {
            let slack = u[e.u] + u[e.v] - 2 * e.weight
            #expect(slack >= 0)
            leastSlack[e.u] = min(leastSlack[e.u], slack)
            leastSlack[e.v] = min(leastSlack[e.v], slack)
            guard slack == 0 else { continue }
            let exposedPositive = { (v: Int) in start.mateEdge[v] < 0 && u[v] > 0 }
            #expect(!(exposedPositive(e.u) && exposedPositive(e.v)), "tight edge between two exposed vertices")
        }
        for v in 0..<dense.vertexCount {
            let k = Int(start.mateEdge[v])
            if k >= 0 {
                let e = dense.edge(k)
                #expect(u[e.u] + u[e.v] == 2 * e.weight)
            } else if u[v] > 0 {
                #expect(u[v] % 2 == 0)
                #expect(leastSlack[v] < 2, "exposed vertex \(v) could lower its dual")
            }
        }
    }

    /// A vertex with several infeasible new edges to matched vertices is the
    /// one raised (one pair broken), not each of its partners: vertex 4
    /// gains heavy edges to 0 and 2, which come first in every edge, so
    /// the rule "raise the first end" would break the pairs (0, 1) and
    /// (2, 3) instead of (4, 5).
    @Test func theEndWithMoreInfeasibleEdgesIsRaised() throws {
        let before = try MatchingGraph(vertexCount: 6, edges: [
            MatchingGraph.Edge(0, 1, weight: 10), MatchingGraph.Edge(2, 3, weight: 10), MatchingGraph.Edge(4, 5, weight: 10),
        ])
        let after = try MatchingGraph(vertexCount: 6, edges: before.edges + [
            MatchingGraph.Edge(0, 4, weight: 30), MatchingGraph.Edge(2, 4, weight: 30),
        ])
        let start = after.warmStart(from: before.maximumWeightMatching(), on: before)
        let matched = (0..<6).filter { start.mateEdge[$0] >= 0 }
        #expect(matched == [0, 1, 2, 3])
        let solved = after.maximumWeightMatching(warmStartingFrom: before.maximumWeightMatching(), on: before)
        try solved.duals.certify(solved.matching, on: after)
        #expect(solved.matching.totalWeight == 40)
    }

    /// Adding nothing changes nothing: the previous optimum is returned
    /// as it was (same weight, certified).
    @Test func noNewEdges() throws {
        var rng = SplitMix64(seed: 5)
        let graph = try RandomShipments(count: 200, using: &rng).sparseGraph(k: 6)
        let first = graph.maximumWeightMatching()
        let again = graph.maximumWeightMatching(warmStartingFrom: first, on: graph)
        try again.duals.certify(again.matching, on: graph)
        #expect(again.matching.totalWeight == first.matching.totalWeight)
    }
}
