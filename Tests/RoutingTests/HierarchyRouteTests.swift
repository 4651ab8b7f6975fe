import Testing
@testable import Routing
import Synchronization

/// One-to-one queries and routes unpacked from hierarchy paths
/// (``HierarchyQuery``, ``ContractionHierarchy/routes(from:to:pairs:threads:progress:)``).
@Suite struct HierarchyRouteTests {
    /// Checks that `route` is a drivable path from `source` to `target`
    /// that costs what it says: consecutive edges meet, it leaves through a
    /// departure anchor of the source and arrives through an arrival anchor
    /// of the target, and the anchors plus the edges sum to its cost.
    static func expectValid(
        _ route: Route, _ g: RoadGraph, from source: NetworkPoint, to target: NetworkPoint,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if route.isOnOneEdge {
            let same = source.sameEdgeCost(to: target, in: g)
            #expect(same.map { PathCost(weight: $0.weight, length: $0.length, duration: $0.duration) } == route.cost,
                    sourceLocation: sourceLocation)
            #expect(route.edges.isEmpty, sourceLocation: sourceLocation)
            return
        }
        guard let dep = route.departure, let arr = route.arrival else {
            Issue.record("a route through the network has both anchors", sourceLocation: sourceLocation)
            return
        }
        #expect(source.departures.contains(dep) && target.arrivals.contains(arr), sourceLocation: sourceLocation)
        var at = Int(dep.node)
        var weight = UInt64(dep.weight), length = UInt64(dep.length), duration = UInt64(dep.duration)
        for e in route.edges {
            #expect(g.tail(of: e) == at, "edge \(e) starts where the last ended", sourceLocation: sourceLocation)
            at = Int(g.edgeTarget[e])
            weight += UInt64(g.weight(of: e))
            length += UInt64(g.edgeLength[e])
            duration += UInt64(g.edgeDuration[e])
        }
        #expect(at == Int(arr.node), sourceLocation: sourceLocation)
        weight += UInt64(arr.weight)
        length += UInt64(arr.length)
        duration += UInt64(arr.duration)
        #expect(
            PathCost(weight: UInt32(weight), length: UInt32(length), duration: UInt32(duration)) == route.cost,
            sourceLocation: sourceLocation)
    }

    /// Random graphs with every awkward arc (parallel, zero-length,
    /// self-loops, one-way, disconnected), nodes and points on edges: the
    /// one-to-one cost has the restricted query's and Dijkstra's weight;
    /// the route costs exactly the query's cost and is a valid edge path.
    @Test(arguments: 0..<150)
    func routesAreValidAndCostTheQueryCost(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 31 &+ 11)
        let n = Int(rng.next() % 50) + 1
        let maxWeight: UInt32 = [1, 3, 100, 100_000][Int(rng.next() % 4)]
        let metric: RoutingMetric = seed % 2 == 0 ? .duration : .distance
        let g = try randomGraph(seed: UInt64(seed) &+ 900, n: n, degree: Int(rng.next() % 5), maxWeight: maxWeight, metric: metric)
        let ch = try ContractionHierarchy(graph: g)
        let sources = HierarchyTests.points(g, count: 8, rng: &rng)
        let targets = HierarchyTests.points(g, count: 8, rng: &rng)
        let pairs = HierarchyPairTests.randomPairs(sources: 8, targets: 8, count: 30, rng: &rng)
        let costs = try ch.costs(from: sources, to: targets, pairs: pairs, threads: 1)
        let routes = try ch.routes(from: sources, to: targets, pairs: pairs, threads: 2)
        var query = HierarchyQuery(hierarchy: ch)
        var search = ShortestPathSearch(graph: g)
        for (k, p) in pairs.enumerated() {
            let s = sources[Int(p.source)], t = targets[Int(p.target)]
            let cost = try query.cost(from: s, to: t)
            #expect(cost?.weight == costs[k]?.weight, "leg \(k)")
            #expect(try search.route(from: s, to: t)?.cost.weight == cost?.weight, "leg \(k) against Dijkstra")
            #expect(routes[k]?.cost == cost, "leg \(k)")
            #expect(try query.route(from: s, to: t) == routes[k])
            if let r = routes[k] { Self.expectValid(r, g, from: s, to: t) }
        }
    }

    /// Where the shortest path is unique, the unpacked route is Dijkstra's
    /// route, edge for edge, and draws the same line (graphs with
    /// coordinates and widely spread positive weights).
    @Test(arguments: 0..<20)
    func uniqueRoutesEqualDijkstrasRoute(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 4242)
        let metric: RoutingMetric = seed % 2 == 0 ? .duration : .distance
        let g = try randomGraph(seed: UInt64(seed) &+ 77, n: 60, degree: 3, maxWeight: 1_000_000, metric: metric, withCoordinates: true)
        let ch = try ContractionHierarchy(graph: g)
        let points = HierarchyTests.points(g, count: 12, rng: &rng)
        var search = ShortestPathSearch(graph: g)
        var query = HierarchyQuery(hierarchy: ch)
        var compared = 0
        for s in points {
            let reference = HierarchyTests.dijkstra(g, from: s.departures)
            for t in points {
                guard let expected = HierarchyTests.reference(g, reference, from: s, to: t), expected.2 else { continue }
                let route = try #require(try query.route(from: s, to: t))
                let dijkstra = try #require(try search.route(from: s, to: t))
                #expect(route == dijkstra)
                #expect(route.coordinates(in: g, from: s, to: t) == dijkstra.coordinates(in: g, from: s, to: t))
                compared += 1
            }
        }
        #expect(compared >= 40)
    }

    /// The midtown Manhattan piece: 400 legs between points on edges (both
    /// directions, as snapping gives); routes are valid, cost what the query
    /// says and equal Dijkstra's length; unique ones equal Dijkstra's route.
    @Test func newYorkPieceRoutes() throws {
        let (g, ch) = try HierarchyTests.newYork.get()
        var rng = SplitMix64(seed: 31)
        let sources = HierarchyTests.points(g, count: 20, rng: &rng)
        let targets = HierarchyTests.points(g, count: 20, rng: &rng)
        let pairs = (0..<20).flatMap { i in (0..<20).map { IndexPair(source: i, target: $0) } }
        let routes = try ch.routes(from: sources, to: targets, pairs: pairs, threads: 2)
        #expect(try ch.routes(from: sources, to: targets, pairs: pairs, threads: 1) == routes)
        let costs = try ch.costs(from: sources, to: targets, pairs: pairs)
        var search = ShortestPathSearch(graph: g)
        var same = 0
        for (k, p) in pairs.enumerated() {
            let s = sources[Int(p.source)], t = targets[Int(p.target)]
            let dijkstra = try search.route(from: s, to: t)
            #expect(routes[k]?.cost.length == dijkstra?.cost.length, "leg \(k)")
            #expect(routes[k]?.cost.weight == costs[k]?.weight)
            guard let r = routes[k] else { continue }
            Self.expectValid(r, g, from: s, to: t)
            if r.edges == dijkstra?.edges { same += 1 }
        }
        // Ties on length are rare on real roads: most routes are Dijkstra's own.
        #expect(same > pairs.count * 3 / 4)
    }

    @Test func progressAndEmptyInputs() throws {
        let (g, ch) = try HierarchyTests.newYork.get()
        #expect(try ch.routes(from: [], to: [], pairs: []).isEmpty)
        var rng = SplitMix64(seed: 8)
        let points = HierarchyTests.points(g, count: 10, rng: &rng)
        let pairs = HierarchyPairTests.randomPairs(sources: 10, targets: 10, count: 300, rng: &rng)
        let seen = Mutex<[Int]>([])
        _ = try ch.routes(from: points, to: points, pairs: pairs, threads: 2) { k in seen.withLock { $0.append(k) } }
        #expect(seen.withLock { $0.max() } == 300)
        let nowhere = NetworkPoint(departures: [], arrivals: [])
        #expect(try ch.route(from: nowhere, to: points[0]) == nil)
        #expect(try ch.cost(from: points[0], to: points[0]) == .zero)
    }
}
