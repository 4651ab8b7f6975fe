import Testing
@testable import Pairing

/// Both exact solvers against exhaustive search on hundreds of small random
/// graphs, each result also proven by its dual certificate.
@Suite struct MatchingBruteForceTests {
    /// One random instance per seed: n ≤ 12, varied density and weight
    /// ranges (narrow ranges make many ties, wide ones few).
    static func instance(seed: UInt64) -> (n: Int, edges: [MatchingGraph.Edge]) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 0...12, using: &rng)
        let density = [0.15, 0.3, 0.5, 0.8, 1.0][Int.random(in: 0..<5, using: &rng)]
        let ranges: [ClosedRange<Int>] = [1...3, 1...10, 1...1000, -5...20, 1...1_000_000]
        let range = ranges[Int.random(in: 0..<ranges.count, using: &rng)]
        return (n, randomEdges(vertexCount: n, density: density, weights: range, using: &rng))
    }

    @Test(arguments: 0..<600)
    func exactSolversMatchExhaustiveSearch(seed: Int) throws {
        let (n, edges) = Self.instance(seed: UInt64(seed))
        let graph = try MatchingGraph(vertexCount: n, edges: edges)
        let best = bruteForceMaximumMatchingWeight(vertexCount: n, edges: edges)
        for algorithm in [MatchingAlgorithm.blossom, .cubicBlossom] {
            let result = graph.maximumWeightMatching(using: algorithm)
            #expect(result.matching.totalWeight == best, "\(algorithm) on seed \(seed), n = \(n)")
            #expect(throws: Never.self) { try result.duals.certify(result.matching, on: graph) }
        }
        let greedy = graph.greedyMatching()
        #expect(greedy.totalWeight <= best)
        #expect(2 * greedy.totalWeight >= best, "greedy is a 1/2-approximation")
    }

    /// Weights at the edge of 32 bits: the heap solver keeps 32-bit weights
    /// in its arc table and must read the graph's own when one does not fit.
    @Test(arguments: 0..<100)
    func weightsAroundThirtyTwoBitsMatchExhaustiveSearch(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 7_919)
        let n = Int.random(in: 2...12, using: &rng)
        let top = Int(Int32.max)
        let range = [(top - 40)...top, (top - 40)...(top + 40), (top + 1)...(top + 1_000_000)][seed % 3]
        let edges = randomEdges(vertexCount: n, density: 0.6, weights: range, using: &rng)
        let graph = try MatchingGraph(vertexCount: n, edges: edges)
        let best = bruteForceMaximumMatchingWeight(vertexCount: n, edges: edges)
        let result = graph.maximumWeightMatching(using: .blossom)
        #expect(result.matching.totalWeight == best, "seed \(seed), n = \(n)")
        #expect(throws: Never.self) { try result.duals.certify(result.matching, on: graph) }
    }
}
