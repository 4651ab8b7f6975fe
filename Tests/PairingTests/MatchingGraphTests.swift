import Testing
@testable import Pairing

/// The matching graph's validation and the simple cases of the solvers.
@Suite struct MatchingGraphTests {
    @Test func invalidGraphsAreRejected() {
        #expect(throws: MatchingGraph.Error.self) { try MatchingGraph(vertexCount: -1, edges: []) }
        #expect(throws: MatchingGraph.Error.self) { try MatchingGraph(vertexCount: 2, edges: [.init(0, 2, weight: 1)]) }
        #expect(throws: MatchingGraph.Error.self) { try MatchingGraph(vertexCount: 2, edges: [.init(-1, 1, weight: 1)]) }
        #expect(throws: MatchingGraph.Error.self) { try MatchingGraph(vertexCount: 2, edges: [.init(1, 1, weight: 1)]) }
        #expect(throws: MatchingGraph.Error.self) {
            try MatchingGraph(vertexCount: 2, edges: [.init(0, 1, weight: MatchingGraph.maximumWeight + 1)])
        }
    }

    @Test func nonPositiveEdgesAreDroppedAndParallelOnesKept() throws {
        let graph = try MatchingGraph(
            vertexCount: 3, edges: [.init(0, 1, weight: 0), .init(1, 2, weight: -4), .init(0, 2, weight: 3), .init(2, 0, weight: 5)])
        #expect(graph.edgeCount == 2)
        #expect(graph.edges == [.init(0, 2, weight: 3), .init(2, 0, weight: 5)])
        #expect(graph.degree(of: 0) == 2 && graph.degree(of: 1) == 0)
        let m = graph.matching()
        #expect(m.totalWeight == 5 && m.matchedEdge(at: 0) == 1 && m.mate(of: 1) == nil)
    }

    @Test(arguments: MatchingAlgorithm.allCases)
    func emptyAndEdgelessGraphs(algorithm: MatchingAlgorithm) throws {
        for n in [0, 1, 5] {
            let graph = try MatchingGraph(vertexCount: n, edges: [])
            let m = graph.matching(using: algorithm)
            #expect(m.count == 0 && m.totalWeight == 0 && m.pairs.isEmpty)
        }
    }

    /// A path where the heaviest edge is in the middle: greedy takes it and
    /// blocks both ends; the optimum takes the two ends.
    @Test func greedyIsWorseThanOptimalOnAPath() throws {
        let graph = try MatchingGraph(
            vertexCount: 4, edges: [.init(0, 1, weight: 6), .init(1, 2, weight: 7), .init(2, 3, weight: 6)])
        let greedy = graph.matching(using: .greedy)
        #expect(greedy.totalWeight == 7 && greedy.pairs.map { [$0.0, $0.1] } == [[1, 2]])
        for algorithm in [MatchingAlgorithm.blossom, .cubicBlossom] {
            let optimal = graph.matching(using: algorithm)
            #expect(optimal.totalWeight == 12 && optimal.pairs.map { [$0.0, $0.1] } == [[0, 1], [2, 3]])
        }
    }

    /// On a triangle only one edge fits: every strategy takes the heaviest;
    /// a pendant edge makes greedy wrong again.
    @Test func triangleWithAPendant() throws {
        let triangle: [MatchingGraph.Edge] = [.init(0, 1, weight: 10), .init(1, 2, weight: 9), .init(0, 2, weight: 8)]
        let t = try MatchingGraph(vertexCount: 3, edges: triangle)
        for algorithm in MatchingAlgorithm.allCases { #expect(t.matching(using: algorithm).totalWeight == 10) }
        let pendant = try MatchingGraph(vertexCount: 4, edges: triangle + [.init(1, 3, weight: 5)])
        #expect(pendant.matching(using: .greedy).totalWeight == 10)
        #expect(pendant.matching().totalWeight == 8 + 5)
    }

    @Test func greedyBreaksTiesBySmallerVertices() throws {
        let graph = try MatchingGraph(
            vertexCount: 4, edges: [.init(3, 2, weight: 5), .init(1, 2, weight: 5), .init(0, 3, weight: 5), .init(0, 1, weight: 5)])
        #expect(graph.greedyMatching().pairs.map { [$0.0, $0.1] } == [[0, 1], [2, 3]])
    }

    /// An exposed vertex's dual must reach 0 even when its best edge is
    /// heavy: a star, where only one spoke can be matched.
    @Test func starLeavesAllButOneSpokeExposed() throws {
        let graph = try MatchingGraph(vertexCount: 6, edges: (1...5).map { .init(0, $0, weight: 10 * $0) })
        for algorithm in [MatchingAlgorithm.blossom, .cubicBlossom] {
            let result = graph.maximumWeightMatching(using: algorithm)
            try result.duals.certify(result.matching, on: graph)
            #expect(result.matching.totalWeight == 50 && result.matching.mate(of: 0) == 5)
            for v in 1...4 { #expect(result.duals.vertexDuals[v] == 0) }
        }
    }

    /// Extending a graph with more edges, as the pricing loop does each
    /// pass, gives exactly the graph built from the whole list: the same
    /// edge numbers (non-positive edges dropped in both parts) and each
    /// vertex's arcs in endpoint order — over several extensions in a row.
    @Test(arguments: 0..<20)
    func anExtendedGraphIsTheGraphOfTheWholeList(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 1...60, using: &rng)
        var edges: [MatchingGraph.Edge] = []
        var graph = MatchingGraph(trustedVertexCount: n, edges: [])
        for _ in 0..<4 {
            let before = edges.count
            for _ in 0..<Int.random(in: 0...80, using: &rng) where n > 1 {
                let u = Int.random(in: 0..<n, using: &rng)
                var v = Int.random(in: 0..<(n - 1), using: &rng)
                if v >= u { v += 1 }
                edges.append(.init(u, v, weight: Int.random(in: -3...40, using: &rng)))
            }
            graph = MatchingGraph(extending: graph, with: edges[before...])
            let whole = MatchingGraph(trustedVertexCount: n, edges: edges)
            #expect(graph._isSame(as: whole))
            #expect(graph.edges == edges.filter { $0.weight > 0 })
            // The adjacency as specified: at each vertex, the other end of
            // each of its endpoints, in endpoint order.
            for v in 0..<n {
                let expected = (0..<(2 * graph.edgeCount)).filter { graph.endpointVertex($0) == v }.map { Int32($0 ^ 1) }
                #expect(Array(graph.adjacency[graph.adjacencyStart[v]..<graph.adjacencyStart[v + 1]]) == expected)
            }
        }
    }
}
