import Testing
@testable import Routing

@Suite struct ShortestPathSearchTests {
    /// 1 → 2 → 3 one way (5 + 5), 3 → 1 back (100); a cheaper parallel
    /// 1 → 2 (3); a self-loop at 2; zero-length 3 → 6 → 7; node 4 isolated;
    /// node 5 only leaves (5 → 1).
    static func handMade() throws -> RoadGraph {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for id in 1...7 { b.addNode(originalID: Int64(id)) }
        func arc(_ u: Int, _ v: Int, _ w: UInt32, _ t: UInt32) { b.addEdge(from: u - 1, to: v - 1, length: w, duration: t) }
        arc(1, 2, 5, 50)
        arc(2, 3, 5, 50)
        arc(3, 1, 100, 1000)
        arc(1, 2, 3, 70)  // parallel, shorter but slower
        arc(2, 2, 1, 1)  // self-loop
        arc(3, 6, 0, 0)
        arc(6, 7, 0, 0)
        arc(5, 1, 7, 7)
        return try b.build(order: .breadthFirst)
    }

    func node(_ g: RoadGraph, _ id: Int64) -> NetworkPoint {
        .node(g.node(originalID: id)!, in: g)
    }

    @Test(arguments: [
        (1, 3, 8 as UInt32?), (1, 2, 3), (2, 1, 105), (3, 2, 103), (1, 7, 8), (1, 1, 0), (1, 4, nil), (1, 5, nil),
        (5, 7, 15), (4, 4, 0), (4, 1, nil), (7, 1, nil),
    ] as [(Int64, Int64, UInt32?)])
    func handMadeGraphAnswers(from: Int64, to: Int64, expected: UInt32?) throws {
        let g = try Self.handMade()
        var search = ShortestPathSearch(graph: g)
        let route = try search.route(from: node(g, from), to: node(g, to))
        #expect(route?.cost.length == expected)
        if let route {
            // The edges form a path from `from` to `to` and add up.
            let nodes = route.nodes(in: g).map { g.originalID(of: $0) }
            #expect(nodes.first == from && nodes.last == to)
            #expect(sumOver(g, route.edges) == route.cost)
        }
        // The tree and the one-to-many agree.
        try search.searchAll(from: node(g, from))
        #expect(search.cost(to: g.node(originalID: to)!)?.length == expected)
        let many = try search.costs(from: node(g, from), to: SearchTargets([node(g, to)], in: g))
        #expect(many == [route?.cost])
    }

    @Test func parallelArcPicksTheShorterAndCarriesItsDuration() throws {
        let g = try Self.handMade()
        var search = ShortestPathSearch(graph: g)
        let r = try #require(try search.route(from: node(g, 1), to: node(g, 3)))
        #expect(r.cost == PathCost(weight: 8, length: 8, duration: 120))
        #expect(r.edges.count == 2)
    }

    @Test func durationMetricMinimisesTime() throws {
        var b = RoadGraphBuilder(metric: .duration, profile: "test")
        for id in 1...3 { b.addNode(originalID: Int64(id)) }
        b.addEdge(from: 0, to: 2, length: 10, duration: 100)  // short, slow
        b.addEdge(from: 0, to: 1, length: 50, duration: 20)  // long, fast
        b.addEdge(from: 1, to: 2, length: 50, duration: 20)
        let g = try b.build(order: .input)
        var search = ShortestPathSearch(graph: g)
        let r = try #require(try search.route(from: .node(0, in: g), to: .node(2, in: g)))
        #expect(r.cost == PathCost(weight: 40, length: 100, duration: 40))
    }

    /// Hundreds of random graphs: every query type against Bellman–Ford.
    @Test(arguments: 0..<300)
    func randomGraphsMatchBellmanFord(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let n = Int(rng.next() % 40) + 1
        let degree = Int(rng.next() % 4)
        let maxWeight: UInt32 = [1, 3, 100, 100_000][Int(rng.next() % 4)]
        let metric: RoutingMetric = seed % 3 == 0 ? .duration : .distance
        let g = try randomGraph(seed: UInt64(seed), n: n, degree: degree, maxWeight: maxWeight, metric: metric)
        var search = ShortestPathSearch(graph: g)
        let s = Int(rng.next() % UInt64(n))
        let expected = bellmanFord(g, from: [(s, 0)])

        try search.searchAll(from: .node(s, in: g))
        for v in 0..<n {
            let c = search.cost(to: v)
            #expect(c.map { UInt64($0.weight) } == expected[v])
            if let c, let edges = search.edges(to: v) {
                #expect(sumOver(g, edges) == c)
            }
        }

        let targets = (0..<n).map { NetworkPoint.node($0, in: g) }
        let row = try search.costs(from: .node(s, in: g), to: SearchTargets(targets, in: g))
        #expect(row.map { $0.map { UInt64($0.weight) } } == expected)

        for _ in 0..<5 {
            let t = Int(rng.next() % UInt64(n))
            let r = try search.route(from: .node(s, in: g), to: .node(t, in: g))
            #expect(r.map { UInt64($0.cost.weight) } == expected[t])
            if let r {
                #expect(sumOver(g, r.edges) == r.cost)
                let nodes = r.nodes(in: g)
                #expect(nodes.first == s && nodes.last == t)
                // The tree and the one-to-one search found the same path cost.
                #expect(row[t] == r.cost || row[t]?.weight == r.cost.weight)
            }
        }
    }

    /// Points part-way along edges (as snapping makes them), including two
    /// on the same edge, against the reference.
    @Test(arguments: 0..<150)
    func pointsOnEdgesMatchTheReference(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = Int(rng.next() % 30) + 2
        let g = try randomGraph(seed: UInt64(seed) &+ 1000, n: n, degree: 3, maxWeight: 1000)
        guard g.edgeCount > 0 else { return }
        var search = ShortestPathSearch(graph: g)
        func randomPoint() -> NetworkPoint {
            if rng.next() % 4 == 0 { return .node(Int(rng.next() % UInt64(n)), in: g) }
            return pointOnEdge(
                g, edge: Int(rng.next() % UInt64(g.edgeCount)), fraction: Double(rng.next() % 1001) / 1000)
        }
        var points = (0..<6).map { _ in randomPoint() }
        // Two points on one edge, in both orders.
        let e = Int(rng.next() % UInt64(g.edgeCount))
        points.append(pointOnEdge(g, edge: e, fraction: 0.25))
        points.append(pointOnEdge(g, edge: e, fraction: 0.75))
        let matrix = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 1)
        for (i, p) in points.enumerated() {
            for (j, q) in points.enumerated() {
                let expected = referenceCost(g, from: p, to: q)
                let r = try search.route(from: p, to: q)
                #expect(r.map { UInt64($0.cost.weight) } == expected, "route \(i) → \(j)")
                #expect(matrix[i, j].map { UInt64($0.weight) } == expected, "matrix \(i) → \(j)")
                if let r, !r.isOnOneEdge, let dep = r.departure, let arr = r.arrival {
                    var c = sumOver(g, r.edges)
                    c.weight += dep.weight + arr.weight
                    c.length += dep.length + arr.length
                    c.duration += dep.duration + arr.duration
                    #expect(c == r.cost)
                }
            }
        }
    }

    @Test func searchesReuseScratchMemoryAcrossQueries() throws {
        // A long chain: after a query from the far end, a query from the
        // near end must not see stale costs.
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<100 { b.addNode(originalID: Int64(i + 1)) }
        for i in 0..<99 { b.addEdge(from: i, to: i + 1, length: 1, duration: 1) }
        let g = try b.build(order: .input)
        var search = ShortestPathSearch(graph: g)
        try search.searchAll(from: .node(0, in: g))
        #expect(search.cost(to: 99)?.length == 99)
        try search.searchAll(from: .node(50, in: g))
        #expect(search.cost(to: 99)?.length == 49)
        #expect(search.cost(to: 10) == nil)
        #expect(search.settledCount == 50)
        let r = try search.route(from: .node(0, in: g), to: .node(3, in: g))
        #expect(r?.cost.length == 3)
        #expect(search.settledCount <= 5)  // stopped early
        #expect(search.cost(to: 2) == nil)  // not a tree query
    }

    @Test func costOverflowIsAnErrorNotAWrongAnswer() throws {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<4 { b.addNode(originalID: Int64(i + 1)) }
        b.addEdge(from: 0, to: 1, length: 3_000_000_000, duration: 1)
        b.addEdge(from: 1, to: 2, length: 3_000_000_000, duration: 1)
        let g = try b.build(order: .input)
        var search = ShortestPathSearch(graph: g)
        let (n0, n1, n2) = (NetworkPoint.node(0, in: g), NetworkPoint.node(1, in: g), NetworkPoint.node(2, in: g))
        #expect(throws: CostOverflowError.self) { try search.route(from: n0, to: n2) }
        #expect(throws: CostOverflowError.self) { try search.searchAll(from: n0) }
        #expect(throws: CostOverflowError.self) {
            try DistanceMatrix(graph: g, sources: [n0], targets: [n2], threads: 1)
        }
        // The last stretch of an arrival anchor can overflow too.
        let late = NetworkPoint(departures: [], arrivals: [.init(node: 1, weight: 1_500_000_000)])
        #expect(throws: CostOverflowError.self) { try search.route(from: n0, to: late) }
        #expect(throws: CostOverflowError.self) {
            try DistanceMatrix(graph: g, sources: [n0], targets: [late], threads: 1)
        }
        // Answers that fit are still given, and node 3 is honestly unreachable.
        #expect(try search.route(from: n0, to: n1)?.cost.length == 3_000_000_000)
        #expect(try search.route(from: .node(3, in: g), to: n0) == nil)
        #expect(try DistanceMatrix(graph: g, sources: [n0], targets: [n1], threads: 1)[0, 0]?.length == 3_000_000_000)
    }

    @Test func aTooLongDetourDoesNotSpoilTheShortPath() throws {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<4 { b.addNode(originalID: Int64(i + 1)) }
        b.addEdge(from: 0, to: 1, length: 1, duration: 1)
        b.addEdge(from: 1, to: 2, length: 1, duration: 1)
        b.addEdge(from: 0, to: 3, length: 4_000_000_000, duration: 1)
        b.addEdge(from: 3, to: 2, length: 4_000_000_000, duration: 1)
        let g = try b.build(order: .input)
        var search = ShortestPathSearch(graph: g)
        try search.searchAll(from: .node(0, in: g))
        #expect(search.cost(to: 2)?.length == 2)
        #expect(search.cost(to: 3)?.length == 4_000_000_000)
    }

    @Test func tailOfEveryEdge() throws {
        for seed in 0..<20 {
            let g = try randomGraph(seed: UInt64(seed), n: 30, degree: 2)
            for u in 0..<g.nodeCount {
                for e in g.edges(from: u) { #expect(g.tail(of: e) == u) }
            }
        }
    }
}
