import Testing
@testable import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Generated graphs: the snapper's answer equals a scan over every segment of
/// every road of the largest strongly connected component.
@Suite struct SnapRandomTests {
    struct Case {
        var graph: RoadGraph
        var queries: [Coordinate]
        var cellsPerSegment: Double
    }

    static func makeCase(seed: Int) throws -> Case {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 17)
        func uniform(_ lo: Double, _ hi: Double) -> Double {
            lo + (hi - lo) * Double(rng.next() >> 11) / Double(1 << 53)
        }
        let centreLat = uniform(-60, 70), centreLon = uniform(-170, 170)
        let spread = uniform(0.001, 0.05)
        func randomPoint() -> (Double, Double) {
            (centreLat + uniform(-spread, spread), centreLon + uniform(-spread, spread))
        }
        var r = TestRoads()
        let n = Int(rng.next() % 40) + 2
        for i in 0..<n {
            let (la, lo) = randomPoint()
            r.node(Int64(i + 1), la, lo)
        }
        let withShapes = seed % 4 != 0  // every fourth graph is straight-line, like DIMACS
        for _ in 0..<(n * 3 / 2 + 1) {
            let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
            let shape = withShapes ? (0..<Int(rng.next() % 4)).map { _ in randomPoint() } : []
            let length = UInt32(rng.next() % 5000), duration = UInt32(rng.next() % 500)
            if rng.next() % 5 < 3 {
                r.twoWay(a, b, length: length, duration: duration, shape: shape)
            } else {
                r.oneWay(a, b, length: length, duration: duration, shape: shape)
            }
        }
        let graph = try r.builder.build()
        // Queries over twice the area, so some fall outside the network's box.
        let queries = (0..<30).map { _ in
            Coordinate(latitude: centreLat + uniform(-2, 2) * spread, longitude: centreLon + uniform(-2, 2) * spread)
        }
        return Case(graph: graph, queries: queries, cellsPerSegment: [0.05, 1, 20][seed % 3])
    }

    /// The polyline of `edge`: tail, shape points, head.
    static func polyline(_ g: RoadGraph, tail: Int, edge: Int) -> [Coordinate] {
        [g.coordinate(of: tail)!] + g.shape(of: edge) + [g.coordinate(of: Int(g.edgeTarget[edge]))!]
    }

    /// Distance (latitude degrees, in the local equirectangular projection at
    /// `q`) from `q` to segment a–b, and the nearest point.
    static func nearest(_ q: Coordinate, _ a: Coordinate, _ b: Coordinate) -> (Double, Coordinate) {
        let k = cos(q.latitude * .pi / 180)
        let ax = (a.longitude - q.longitude) * k, ay = a.latitude - q.latitude
        let bx = (b.longitude - q.longitude) * k, by = b.latitude - q.latitude
        let dx = bx - ax, dy = by - ay
        let len2 = dx * dx + dy * dy
        let t = len2 > 0 ? min(1, max(0, -(ax * dx + ay * dy) / len2)) : 0
        let px = ax + t * dx, py = ay + t * dy
        return ((px * px + py * py).squareRoot(),
                Coordinate(latitude: a.latitude + t * (b.latitude - a.latitude),
                           longitude: a.longitude + t * (b.longitude - a.longitude)))
    }

    @Test(arguments: 0..<300)
    func snapEqualsBruteForce(seed: Int) throws {
        let c = try Self.makeCase(seed: seed)
        let g = c.graph
        let snapper = GraphSnapper(
            graph: g, snappableNodes: StronglyConnectedComponents(graph: g).largestComponentMask(),
            cellsPerSegment: c.cellsPerSegment
        )
        // The snappable nodes are a largest mutual-reachability class.
        let reach = SCCTests.reachability(n: g.nodeCount, start: g.edgeStart, target: g.edgeTarget)
        let mask = snapper.snappableNodes
        let classOf = { (u: Int) in (0..<g.nodeCount).filter { reach[u][$0] && reach[$0][u] } }
        let largest = (0..<g.nodeCount).map { classOf($0).count }.max() ?? 0
        let first = try #require(mask.nodes.first)
        #expect(classOf(Int(first)) == mask.nodes.map(Int.init))
        #expect(mask.count == largest)

        var tails = [Int](repeating: 0, count: g.edgeCount)
        for u in 0..<g.nodeCount { for e in g.edges(from: u) { tails[e] = u } }
        let eligible = (0..<g.edgeCount).filter { mask.contains(tails[$0]) && mask.contains(Int(g.edgeTarget[$0])) }

        for q in c.queries {
            var best = Double.infinity
            for e in eligible {
                let line = Self.polyline(g, tail: tails[e], edge: e)
                for i in 0..<(line.count - 1) { best = min(best, Self.nearest(q, line[i], line[i + 1]).0) }
            }
            guard best < .infinity else {
                #expect(throws: SnapError.self) { try snapper.snap(q) }
                continue
            }
            let p = try snapper.snap(q, maxDistanceMetres: .infinity)
            let snapped = try #require(p.coordinate)
            let k = cos(q.latitude * .pi / 180)
            let got = (((snapped.longitude - q.longitude) * k) * ((snapped.longitude - q.longitude) * k)
                + (snapped.latitude - q.latitude) * (snapped.latitude - q.latitude)).squareRoot()
            #expect(abs(got - best) < 1e-11, "seed \(seed): \(q) snapped at \(got)°, nearest is \(best)°")
            #expect(abs(p.snapDistanceMetres - q.distance(to: snapped)) < 1e-9)

            // The point lies on each of its edges, at its fraction, with consistent anchors.
            #expect(!p.positions.isEmpty && p.positions.count <= 2)
            for position in p.positions {
                let e = Int(position.edge)
                #expect(eligible.contains(e))
                let line = Self.polyline(g, tail: tails[e], edge: e)
                var lengths = [0.0]
                for i in 0..<(line.count - 1) { lengths.append(lengths.last! + line[i].distance(to: line[i + 1])) }
                // The point at that fraction of the polyline's length (linear within
                // a segment) is the snapped point. (Finding the fraction back from the
                // point would be ambiguous: random shapes cross themselves.)
                let total = lengths.last!
                let target = position.fraction * total
                var i = 0
                while i < line.count - 2 && lengths[i + 1] < target { i += 1 }
                let piece = lengths[i + 1] - lengths[i]
                let t = piece > 0 ? (target - lengths[i]) / piece : 0
                let there = Coordinate(
                    latitude: line[i].latitude + t * (line[i + 1].latitude - line[i].latitude),
                    longitude: line[i].longitude + t * (line[i + 1].longitude - line[i].longitude))
                // The fraction is a Float, and haversine length is not quite linear in
                // degrees along a segment: allow 10⁻⁴ of the road.
                #expect(there.distance(to: snapped) <= total * 1e-4 + 1e-6, "seed \(seed)")
                let arrive = try #require(p.arrivals.first { $0.edge == position.edge })
                let leave = try #require(p.departures.first { $0.edge == position.edge })
                #expect(Int(arrive.node) == tails[e] && leave.node == g.edgeTarget[e])
                #expect(arrive.length + leave.length == g.edgeLength[e])
                #expect(arrive.duration + leave.duration == g.edgeDuration[e])
                #expect(arrive.weight == UInt32((Double(g.edgeLength[e]) * position.fraction).rounded()))
            }
            if p.positions.count == 2 {
                let (e, f) = (Int(p.positions[0].edge), Int(p.positions[1].edge))
                #expect(tails[e] == Int(g.edgeTarget[f]) && tails[f] == Int(g.edgeTarget[e]))
                #expect(abs(p.positions[0].fraction + p.positions[1].fraction - 1) < 1e-12)
            }

            // With the default limit of 1000 m (the fine grid searched only that
            // far, the coarse grid for the distance of a refusal), the same answer.
            do {
                let q1000 = try snapper.snap(q)
                #expect(q1000 == p)
            } catch {
                #expect(p.snapDistanceMetres > 1000)
                #expect(error.distanceMetres == p.snapDistanceMetres, "seed \(seed): \(q)")
            }

            // Just below the distance found, the point is refused with that distance.
            if p.snapDistanceMetres > 0.01 {
                #expect {
                    try snapper.snap(q, maxDistanceMetres: p.snapDistanceMetres * 0.999)
                } throws: { error in
                    abs(((error as? SnapError)?.distanceMetres ?? -1) - p.snapDistanceMetres) < 1e-9
                }
            }
        }
    }
}
