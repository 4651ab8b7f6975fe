import Testing
@testable import Routing

/// Contracting the map's geometry never changes a route: between any two
/// nodes all three levels keep, the fastest time and its length agree up to
/// the rounding of each edge to 0.1 s and 0.1 m.
@Suite struct OSMSimplificationTests {
    struct Levels {
        let none: RoadGraph, intersections: RoadGraph, chains: RoadGraph
    }

    static func levels(_ path: String, _ profile: VehicleProfile) throws -> Levels {
        func read(_ s: OSMGraphReader.Simplification) throws -> RoadGraph {
            try OSMGraphReader(profile: profile, simplification: s).read(path: path)
        }
        return Levels(none: try read(.none), intersections: try read(.intersections), chains: try read(.chains))
    }

    /// Compares fastest times from `sources` to every OSM node of `coarse`
    /// between the two graphs. A route leaves an OSM node from its primary
    /// graph node and reaches it at any of its split copies.
    static func compare(_ fine: RoadGraph, _ coarse: RoadGraph, sources: [Int64]) throws {
        /// The fastest arrival at `node`'s OSM node, and its edge count.
        func arrival(_ g: RoadGraph, _ d: ReferenceDijkstra, _ node: Int) -> (UInt64, Int) {
            g.nodes(sharingIDWith: node).map { (d.dist[$0], d.hops[$0]) }.min { $0.0 < $1.0 }!
        }
        for id in sources {
            let sf = try #require(fine.node(originalID: id))
            let sc = try #require(coarse.node(originalID: id))
            let df = ReferenceDijkstra(fine, from: sf)
            let dc = ReferenceDijkstra(coarse, from: sc)
            for v in 0..<coarse.nodeCount where !coarse.isSplitCopy(v) {
                let vf = try #require(fine.node(originalID: coarse.originalID(of: v)))
                let (a, hops) = arrival(fine, df, vf), (b, _) = arrival(coarse, dc, v)
                #expect((a == .max) == (b == .max), "reachability \(id) → \(coarse.originalID(of: v))")
                guard a != .max, b != .max else { continue }
                // Each edge of the finer path rounds by at most 0.05 s.
                let edges = UInt64(hops)
                #expect(a <= b + edges && b <= a + edges, "time \(id) → \(coarse.originalID(of: v)): \(a) vs \(b)")
            }
        }
    }

    @Test(arguments: ["bautzen.osm", "stockholm.osm.pbf", "lund-station-sweden.osm.pbf", "andorra.osm.pbf"])
    func routesDoNotChange(name: String) throws {
        let l = try Self.levels(osmSample(name), .hgv)
        #expect(l.chains.nodeCount <= l.intersections.nodeCount)
        #expect(l.intersections.nodeCount < l.none.nodeCount)
        // Every node of a coarser level is a node of the finer ones.
        for v in 0..<l.chains.nodeCount { #expect(l.intersections.node(originalID: l.chains.originalID(of: v)) != nil) }
        for v in 0..<l.intersections.nodeCount { #expect(l.none.node(originalID: l.intersections.originalID(of: v)) != nil) }
        // The same road, metre for metre: total length agrees up to rounding
        // (each road counted once, from its primary tail: split copies
        // repeat roads).
        func total(_ g: RoadGraph) -> Double {
            var dm = 0.0
            for u in 0..<g.nodeCount where !g.isSplitCopy(u) {
                for e in g.edges(from: u) { dm += Double(g.edgeLength[e]) }
            }
            return dm / 10
        }
        #expect(abs(total(l.none) - total(l.chains)) <= Double(l.none.edgeCount) * 0.05)
        #expect(abs(total(l.intersections) - total(l.chains)) <= Double(l.intersections.edgeCount) * 0.05)
        // Shapes keep every point: the coarse graph's points are the fine
        // graph's nodes.
        #expect(l.chains.nodeCount * 2 + l.chains.shapeLatitudeE7.count >= l.none.nodeCount)
        let sources = stride(from: 0, to: l.chains.nodeCount, by: max(1, l.chains.nodeCount / 6)).map { l.chains.originalID(of: $0) }
        try Self.compare(l.none, l.chains, sources: sources)
        try Self.compare(l.intersections, l.chains, sources: sources)
    }

    @Test(arguments: 100..<130)
    func randomMapsRouteTheSame(seed: Int) throws {
        let map = OSMEquivalenceTests.randomMap(seed: UInt64(seed))
        try withTemporaryFile(map.xml(), suffix: ".osm") { path in
            let l = try Self.levels(path, seed % 2 == 0 ? .hgv : .car)
            let sources = (0..<l.chains.nodeCount).map { l.chains.originalID(of: $0) }
            try Self.compare(l.none, l.chains, sources: sources)
            try Self.compare(l.intersections, l.chains, sources: sources)
        }
    }

    /// A hand-made chain: a two-way road of three ways end to end, with one
    /// one-way piece in the middle that must stop the contraction.
    @Test func chainsStopWhereDirectionsChange() throws {
        var map = TestMap()
        for i in 0..<8 { map.nodes.append(.init(id: Int64(i + 1), lat: 436_000_000 + Int32(i) * 10_000, lon: 74_000_000 + Int32(i % 2) * 3_000)) }
        map.ways = [
            .init(id: 1, refs: [1, 2, 3], tags: [("highway", "primary")]),
            .init(id: 2, refs: [3, 4], tags: [("highway", "primary"), ("maxspeed", "50")]),
            .init(id: 3, refs: [4, 5, 6], tags: [("highway", "primary"), ("oneway", "yes")]),
            .init(id: 4, refs: [6, 7, 8], tags: [("highway", "primary")]),
        ]
        let g = try withTemporaryFile(map.xml(), suffix: ".osm") {
            try OSMGraphReader(profile: .car, simplification: .chains).read(path: $0)
        }
        // Node 3 joins two two-way ways: contracted. Nodes 4 and 6 change the
        // allowed directions: kept.
        #expect(Set(g.originalIDs) == [1, 4, 6, 8])
        let n1 = try #require(g.node(originalID: 1)), n4 = try #require(g.node(originalID: 4))
        let e = try #require(g.edges(from: n1).first { Int(g.edgeTarget[$0]) == n4 })
        #expect(g.shape(of: e).count == 2)  // nodes 2 and 3
        // Length: exact sum of the three pieces, rounded once.
        var metres = 0.0
        for i in 1..<4 {
            let a = map.nodes[i - 1], b = map.nodes[i]
            metres += Coordinate(fixedLatitude: a.lat, fixedLongitude: a.lon).distance(to: Coordinate(fixedLatitude: b.lat, fixedLongitude: b.lon))
        }
        #expect(g.edgeLength[e] == UInt32((metres * 10).rounded()))
        // Duration: primary at 65 km/h for 1→3, 50 × 0.8 = 40 km/h for 3→4.
        let d13 = (0..<2).reduce(0.0) { acc, i in
            let a = map.nodes[i], b = map.nodes[i + 1]
            return acc + Coordinate(fixedLatitude: a.lat, fixedLongitude: a.lon).distance(to: Coordinate(fixedLatitude: b.lat, fixedLongitude: b.lon))
        }
        let expected = d13 / (65 / 3.6) + (metres - d13) / (40 / 3.6)
        #expect(g.edgeDuration[e] == UInt32((expected * 10).rounded()))
        // The one-way piece has no reverse edge.
        let n6 = try #require(g.node(originalID: 6))
        #expect(g.edges(from: n4).contains { Int(g.edgeTarget[$0]) == n6 })
        #expect(!g.edges(from: n6).contains { Int(g.edgeTarget[$0]) == n4 })
    }
}
