import Testing
@testable import Routing

/// The real road graph in the repository: 4,000 nodes of midtown Manhattan
/// cut from DIMACS USA-road-d.NY (see samples/dimacs/README.md).
@Suite struct NewYorkPieceTests {
    static func load() throws -> RoadGraph {
        let gr = try fixturePath("NY-midtown.gr.gz")
        return try DIMACS.loadGraph(at: gr, coordinatesAt: DIMACS.coordinatesPath(besideGraphAt: gr), unit: .decimetres)
    }

    @Test func loadsWithCoordinates() throws {
        let g = try Self.load()
        #expect(g.nodeCount == 4000)
        #expect(g.edgeCount == 13358)
        #expect(g.hasCoordinates)
        for v in 0..<g.nodeCount {
            let c = try #require(g.coordinate(of: v))
            #expect(c.latitude > 40.6 && c.latitude < 40.9 && c.longitude > -74.1 && c.longitude < -73.8)
        }
        // DIMACS weights are great-circle decimetres: every arc is at least
        // 0.7 × its straight line (SOURCES.md: min ratio 7.15 dm per metre).
        for u in 0..<g.nodeCount {
            for e in g.edges(from: u) {
                let d = g.coordinate(of: u)!.distance(to: g.coordinate(of: Int(g.edgeTarget[e]))!)
                #expect(Double(g.edgeLength[e]) >= 7 * d - 1)
            }
        }
    }

    /// Distances computed independently with scipy.sparse.csgraph.dijkstra
    /// on this file (command in samples/dimacs/README.md).
    @Test(arguments: [
        (1, 7, 39878), (1, 4000, 87023), (1000, 1, 30196), (1000, 1234, 91336),
        (2500, 3999, 36135), (4000, 7, 113613), (4000, 4000, 0),
    ] as [(Int64, Int64, UInt32)])
    func distancesAgreeWithScipy(from: Int64, to: Int64, decimetres: UInt32) throws {
        let g = try Self.load()
        var search = ShortestPathSearch(graph: g)
        let s = NetworkPoint.node(g.node(originalID: from)!, in: g)
        let t = NetworkPoint.node(g.node(originalID: to)!, in: g)
        let r = try #require(try search.route(from: s, to: t))
        #expect(r.cost.length == decimetres)
        #expect(r.cost.duration == sumOver(g, r.edges).duration)
    }

    @Test func treesMatchBellmanFord() throws {
        let g = try Self.load()
        var search = ShortestPathSearch(graph: g)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3 {
            let s = Int(rng.next() % UInt64(g.nodeCount))
            let expected = bellmanFord(g, from: [(s, 0)])
            try search.searchAll(from: .node(s, in: g))
            #expect(search.settledCount == g.nodeCount)  // the piece is connected
            #expect((0..<g.nodeCount).map { search.cost(to: $0).map { UInt64($0.weight) } } == expected)
        }
    }

    @Test func matrixIsConsistentAndSymmetric() throws {
        let g = try Self.load()
        var rng = SplitMix64(seed: 11)
        let points: [NetworkPoint] = (0..<40).map { _ in .node(Int(rng.next() % UInt64(g.nodeCount)), in: g) }
        let one = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 1)
        let two = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 2)
        #expect(one.lengths == two.lengths && one.durations == two.durations)
        // Every arc of USA-road-d.NY has its reverse with the same weight.
        for i in 0..<40 {
            for j in 0..<40 { #expect(one[i, j]?.length == one[j, i]?.length) }
        }
    }
}
