import Testing
@testable import Pairing

/// The dual certificate on random savings graphs up to 2,000 shipments, and
/// proof that the certificate rejects what is not optimal.
@Suite struct MatchingCertificateTests {
    enum Shape: String, CaseIterable, CustomTestStringConvertible {
        case dense, sparse
        var testDescription: String { rawValue }
    }

    /// Large savings graphs: the fast solver's result is certified; its
    /// weight beats or equals greedy.
    @Test(arguments: [(Shape.dense, 400), (.sparse, 800), (.dense, 1_000), (.sparse, 2_000)])
    func certificateHoldsOnLargeInstances(shape: Shape, n: Int) throws {
        var rng = SplitMix64(seed: UInt64(n) &* 7919 &+ (shape == .dense ? 1 : 2))
        let shipments = RandomShipments(count: n, using: &rng)
        let graph = try shape == .dense ? shipments.denseGraph() : shipments.sparseGraph(k: 20)
        let result = graph.maximumWeightMatching(using: .blossom)
        try result.duals.certify(result.matching, on: graph)
        #expect(result.matching.totalWeight >= graph.greedyMatching().totalWeight)
        #expect(result.matching.count > n / 4)
    }

    /// Large graphs are renumbered breadth-first before solving; force that
    /// path on smaller ones and certify the mapped-back result on the
    /// original graph.
    @Test(arguments: 0..<12)
    func renumberedSolvingMapsBack(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 500)
        let n = Int.random(in: 1...300, using: &rng)
        let graph: MatchingGraph
        if seed % 2 == 0 {
            graph = try RandomShipments(count: n, using: &rng).sparseGraph(k: 8)
        } else {
            graph = try MatchingGraph(vertexCount: n, edges: randomEdges(vertexCount: n, density: 0.05, weights: 1...30, using: &rng))
        }
        let (renumbered, newVertex, oldEdge) = graph.renumberedBreadthFirst()
        #expect(renumbered.edgeCount == graph.edgeCount && Set(newVertex).count == n)
        for k in 0..<renumbered.edgeCount {
            let e = renumbered.edge(k), old = graph.edge(Int(oldEdge[k]))
            #expect(Set([e.u, e.v]) == Set([Int(newVertex[old.u]), Int(newVertex[old.v])]) && e.weight == old.weight)
        }
        let (mateEdge, duals) = graph.heapBlossomMatching(renumberingThreshold: 0)
        let matching = Matching(graph: graph, mateEdge: mateEdge)
        try duals.certify(matching, on: graph)
        #expect(matching.totalWeight == graph.maximumWeightMatching(using: .cubicBlossom).matching.totalWeight)
    }

    /// Random general graphs (not from savings, so with many ties and odd
    /// cycles): both solvers certified and equal.
    @Test(arguments: 0..<40)
    func solversAgreeOnRandomGraphs(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1_000)
        let n = Int.random(in: 20...150, using: &rng)
        let density = [0.03, 0.1, 0.3, 1.0][seed % 4]
        let weights = [1...3, 1...20, 1...100_000][seed % 3]
        let graph = try MatchingGraph(vertexCount: n, edges: randomEdges(vertexCount: n, density: density, weights: weights, using: &rng))
        let fast = graph.maximumWeightMatching(using: .blossom)
        let cubic = graph.maximumWeightMatching(using: .cubicBlossom)
        try fast.duals.certify(fast.matching, on: graph)
        try cubic.duals.certify(cubic.matching, on: graph)
        #expect(fast.matching.totalWeight == cubic.matching.totalWeight)
    }

    /// Small graphs built to force the hard steps of blossom algorithms:
    /// blossoms relabelled, nested, expanded as T-blossoms, augmented
    /// through. Checked against exhaustive search.
    @Test(arguments: Self.knownGraphs)
    func knownHardGraphs(graph spec: KnownGraph) throws {
        let n = (spec.edges.map { max($0.0, $0.1) }.max() ?? -1) + 1
        let graph = try MatchingGraph(vertexCount: n, edges: spec.edges.map { .init($0.0, $0.1, weight: $0.2) })
        for algorithm in [MatchingAlgorithm.blossom, .cubicBlossom] {
            let result = graph.maximumWeightMatching(using: algorithm)
            try result.duals.certify(result.matching, on: graph)
            #expect(result.matching.totalWeight == bruteForceMaximumMatchingWeight(vertexCount: n, edges: graph.edges))
        }
    }

    struct KnownGraph: Sendable, CustomTestStringConvertible {
        var name: String
        var edges: [(Int, Int, Int)]
        var testDescription: String { name }
    }

    static let knownGraphs: [KnownGraph] = [
        KnownGraph(name: "single edge", edges: [(0, 1, 1)]),
        KnownGraph(name: "path prefers the two ends", edges: [(1, 2, 10), (2, 3, 11)]),
        KnownGraph(name: "two ends beat the middle", edges: [(1, 2, 5), (2, 3, 11), (3, 4, 5)]),
        KnownGraph(name: "S-blossom", edges: [(1, 2, 8), (1, 3, 9), (2, 3, 10), (3, 4, 7)]),
        KnownGraph(
            name: "S-blossom, relabel as T", edges: [(1, 2, 8), (1, 3, 9), (2, 3, 10), (3, 4, 7), (1, 6, 5), (4, 5, 6)]),
        KnownGraph(
            name: "nested S-blossom, relabel as S",
            edges: [(1, 2, 9), (1, 3, 9), (2, 3, 10), (2, 4, 8), (3, 5, 8), (4, 5, 10), (5, 6, 6)]),
        KnownGraph(
            name: "S-blossom, relabel as S, augment",
            edges: [(1, 2, 10), (1, 7, 10), (2, 3, 12), (3, 4, 20), (3, 5, 20), (4, 5, 25), (5, 6, 10), (6, 7, 10), (7, 8, 8)]),
        KnownGraph(
            name: "T-blossom expanded through an S-edge",
            edges: [(1, 2, 8), (1, 3, 8), (2, 3, 10), (2, 4, 12), (3, 5, 12), (4, 5, 14), (4, 6, 12), (5, 7, 12), (6, 7, 14), (7, 8, 12)]),
        KnownGraph(
            name: "nested T-blossom expanded",
            edges: [(1, 2, 23), (1, 5, 22), (1, 6, 15), (2, 3, 25), (3, 4, 22), (4, 5, 25), (4, 8, 14), (5, 7, 13)]),
        KnownGraph(
            name: "nested blossom expanded and relabelled",
            edges: [(1, 2, 19), (1, 3, 20), (1, 8, 8), (2, 3, 25), (2, 4, 18), (3, 5, 18), (4, 5, 13), (4, 7, 7), (5, 6, 7)]),
        KnownGraph(
            name: "S-blossom relabelled as T, with a least-slack edge to an expanded blossom",
            edges: [
                (1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 35), (5, 7, 26),
                (9, 10, 5),
            ]),
        KnownGraph(
            name: "nested T-blossom with an inner S-blossom",
            edges: [
                (1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 26), (5, 7, 40),
                (9, 10, 5),
            ]),
        KnownGraph(
            name: "blossom expanded when its base is matched",
            edges: [
                (1, 2, 45), (1, 5, 45), (2, 3, 50), (3, 4, 45), (4, 5, 50), (1, 6, 30), (3, 9, 35), (4, 8, 28), (5, 7, 26),
                (9, 10, 5),
            ]),
        KnownGraph(
            name: "nested, relabelled, least-slack edge",
            edges: [
                (1, 2, 40), (1, 3, 40), (2, 3, 60), (2, 4, 55), (3, 5, 55), (4, 5, 50), (1, 8, 15), (5, 7, 30), (7, 6, 10),
                (8, 10, 10), (4, 9, 30),
            ]),
    ]

    // MARK: The certificate can fail

    /// A small graph with a nontrivial blossom in its optimal duals.
    static func blossomInstance() throws -> (MatchingGraph, CertifiedMatching) {
        let graph = try MatchingGraph(
            vertexCount: 7,
            edges: [(1, 2, 9), (1, 3, 9), (2, 3, 10), (2, 4, 8), (3, 5, 8), (4, 5, 10), (5, 6, 6)].map {
                .init($0.0, $0.1, weight: $0.2)
            })
        return (graph, graph.maximumWeightMatching())
    }

    @Test func rejectsASuboptimalMatching() throws {
        let graph = try MatchingGraph(vertexCount: 4, edges: [.init(0, 1, weight: 5), .init(1, 2, weight: 6), .init(2, 3, weight: 5)])
        let optimal = graph.maximumWeightMatching()
        #expect(optimal.matching.totalWeight == 10)
        // The middle edge alone (weight 6) with the optimal duals.
        let middle = Matching(graph: graph, mateEdge: [-1, 1, 1, -1])
        #expect(throws: MatchingDuals.Violation.self) { try optimal.duals.certify(middle, on: graph) }
        // The greedy matching is that middle edge too.
        #expect(graph.greedyMatching() == middle)
    }

    @Test func rejectsAnInfeasibleVertexDual() throws {
        let (graph, result) = try Self.blossomInstance()
        for v in 0..<graph.vertexCount where result.duals.vertexDuals[v] > 0 {
            var u = result.duals.vertexDuals
            u[v] -= 1
            let d = MatchingDuals(vertexDuals: u, blossomDuals: result.duals.blossomDuals, blossomParents: result.duals.blossomParents, vertexBlossoms: result.duals.vertexBlossoms)
            #expect(throws: MatchingDuals.Violation.self) { try d.certify(result.matching, on: graph) }
        }
    }

    @Test func rejectsBrokenBlossoms() throws {
        let (graph, result) = try Self.blossomInstance()
        let d = result.duals
        try #require(d.blossomDuals.contains { $0 > 0 }, "the instance must have a blossom with positive dual")
        // A negative blossom dual, or no blossoms at all, cannot certify.
        if d.blossomCount > 0 {
            var z = d.blossomDuals
            z[0] = -1
            #expect(throws: MatchingDuals.Violation.self) {
                try MatchingDuals(vertexDuals: d.vertexDuals, blossomDuals: z, blossomParents: d.blossomParents, vertexBlossoms: d.vertexBlossoms).certify(result.matching, on: graph)
            }
        }
        if d.blossomDuals.contains(where: { $0 > 0 }) {
            #expect(throws: MatchingDuals.Violation.self) {
                try MatchingDuals(vertexDuals: d.vertexDuals, blossomDuals: [], blossomParents: [], vertexBlossoms: .init(repeating: -1, count: graph.vertexCount)).certify(result.matching, on: graph)
            }
        }
        // An even "blossom".
        let even = MatchingDuals(vertexDuals: d.vertexDuals, blossomDuals: [0], blossomParents: [-1], vertexBlossoms: [-1, 0, 0, -1, -1, -1, -1])
        #expect(throws: MatchingDuals.Violation.self) { try even.certify(result.matching, on: graph) }
        // A cycle of blossom parents.
        let cyclic = MatchingDuals(vertexDuals: d.vertexDuals, blossomDuals: [0, 0], blossomParents: [1, 0], vertexBlossoms: [-1, 0, 0, 0, -1, -1, -1])
        #expect(throws: MatchingDuals.Violation.self) { try cyclic.certify(result.matching, on: graph) }
    }

    @Test func rejectsAnExposedVertexWithPositiveDual() throws {
        let graph = try MatchingGraph(vertexCount: 3, edges: [.init(0, 1, weight: 4), .init(1, 2, weight: 3)])
        let result = graph.maximumWeightMatching()
        #expect(result.matching.mate(of: 2) == nil)
        var u = result.duals.vertexDuals
        u[2] += 2
        let d = MatchingDuals(vertexDuals: u, blossomDuals: [], blossomParents: [], vertexBlossoms: [-1, -1, -1])
        #expect(throws: MatchingDuals.Violation.self) { try d.certify(result.matching, on: graph) }
    }
}
