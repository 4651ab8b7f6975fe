import Testing
@testable import Routing

/// Hand-made graphs: nodes at (lat, lon) degrees, edges with optional shapes.
struct TestRoads {
    var builder = RoadGraphBuilder(metric: .distance, profile: "test")

    @discardableResult
    mutating func node(_ id: Int64, _ lat: Double, _ lon: Double) -> Int {
        builder.addNode(originalID: id, latitudeE7: Int32((lat * 1e7).rounded()), longitudeE7: Int32((lon * 1e7).rounded()))
    }

    /// A one-way edge `from → to` through `shape` (degrees).
    mutating func oneWay(_ from: Int, _ to: Int, length: UInt32, duration: UInt32, shape: [(Double, Double)] = []) {
        builder.addEdge(
            from: from, to: to, length: length, duration: duration,
            shape: shape.map { (Int32(($0.0 * 1e7).rounded()), Int32(($0.1 * 1e7).rounded())) }
        )
    }

    /// A two-way road: both edges, the second with the shape reversed.
    mutating func twoWay(_ a: Int, _ b: Int, length: UInt32, duration: UInt32, shape: [(Double, Double)] = []) {
        oneWay(a, b, length: length, duration: duration, shape: shape)
        oneWay(b, a, length: length, duration: duration, shape: shape.reversed())
    }
}

@Suite struct SnapTests {
    /// A point 50 m north of 30 % of a 1 km east–west two-way road.
    @Test func middleOfALongTwoWayEdge() throws {
        var r = TestRoads()
        let a = r.node(1, 59.0, 18.0)
        let lonB = 18.0 + 1000 / (111_195.08 * 0.5150380749)  // ~1 km east at 59°N
        let b = r.node(2, 59.0, lonB)
        r.twoWay(a, b, length: 10_000, duration: 600)
        let g = try r.builder.build()
        let snapper = GraphSnapper(graph: g)
        let lon = 18.0 + 0.3 * (lonB - 18.0)
        let query = Coordinate(latitude: 59.0 + 50 / 111_195.08, longitude: lon)
        let p = try snapper.snap(query)

        let snapped = try #require(p.coordinate)
        #expect(abs(snapped.latitude - 59.0) < 1e-9)
        #expect(abs(snapped.longitude - lon) < 1e-9)
        #expect(abs(p.snapDistanceMetres - 50) < 0.01)

        let na = try #require(g.node(originalID: 1)), nb = try #require(g.node(originalID: 2))
        let ab = try #require(g.edges(from: na).first), ba = try #require(g.edges(from: nb).first)
        // Reached from a for 30 % of a→b, leaves to b for 70 %; the reverse edge mirrors it.
        #expect(Set(p.arrivals) == [
            .init(node: UInt32(na), edge: UInt32(ab), weight: 3000, length: 3000, duration: 180),
            .init(node: UInt32(nb), edge: UInt32(ba), weight: 7000, length: 7000, duration: 420),
        ])
        #expect(Set(p.departures) == [
            .init(node: UInt32(nb), edge: UInt32(ab), weight: 7000, length: 7000, duration: 420),
            .init(node: UInt32(na), edge: UInt32(ba), weight: 3000, length: 3000, duration: 180),
        ])
        let fractions = Dictionary(uniqueKeysWithValues: p.positions.map { ($0.edge, $0.fraction) })
        #expect(abs(try #require(fractions[UInt32(ab)]) - 0.3) < 1e-6)
        #expect(abs(try #require(fractions[UInt32(ba)]) - 0.7) < 1e-6)
    }

    /// An L-shaped road: the fraction counts the length of the shape, not the
    /// straight line between the nodes.
    @Test func fractionFollowsTheShape() throws {
        var r = TestRoads()
        let a = r.node(1, 0.0, 0.0)
        let b = r.node(2, 0.01, 0.02)
        // a → (0, 0.02) → b: 0.02° east then 0.01° north; two-thirds of the way is the corner.
        r.twoWay(a, b, length: 3000, duration: 300, shape: [(0.0, 0.02)])
        let g = try r.builder.build()
        let snapper = GraphSnapper(graph: g)
        // Just east of the northern leg, halfway up it.
        let p = try snapper.snap(Coordinate(latitude: 0.005, longitude: 0.0201))
        let snapped = try #require(p.coordinate)
        #expect(abs(snapped.latitude - 0.005) < 1e-9 && abs(snapped.longitude - 0.02) < 1e-9)
        let leg1 = Coordinate(latitude: 0, longitude: 0).distance(to: Coordinate(latitude: 0, longitude: 0.02))
        let leg2 = Coordinate(latitude: 0, longitude: 0.02).distance(to: Coordinate(latitude: 0.01, longitude: 0.02))
        let half2 = Coordinate(latitude: 0, longitude: 0.02).distance(to: snapped)
        let fraction = (leg1 + half2) / (leg1 + leg2)
        let na = try #require(g.node(originalID: 1))
        let ab = try #require(g.edges(from: na).first)
        let fromA = try #require(p.arrivals.first { $0.edge == UInt32(ab) })
        #expect(fromA.node == UInt32(na))
        #expect(fromA.length == UInt32((3000 * fraction).rounded()))
        #expect(fromA.duration == UInt32((300 * fraction).rounded()))
        let toB = try #require(p.departures.first { $0.edge == UInt32(ab) })
        #expect(toB.length + fromA.length == 3000)
        #expect(abs(p.snapDistanceMetres - Coordinate(latitude: 0.005, longitude: 0.0201).distance(to: snapped)) < 1e-9)
    }

    /// A one-way triangle: the point may only leave towards the head and be
    /// reached from the tail.
    @Test func oneWayGivesOnlyLegalAnchors() throws {
        var r = TestRoads()
        let a = r.node(1, 50.0, 8.0), b = r.node(2, 50.0, 8.01), c = r.node(3, 50.01, 8.005)
        r.oneWay(a, b, length: 700, duration: 60)
        r.oneWay(b, c, length: 1200, duration: 90)
        r.oneWay(c, a, length: 1200, duration: 90)
        let g = try r.builder.build()
        let p = try GraphSnapper(graph: g).snap(Coordinate(latitude: 49.9999, longitude: 8.0025))
        let na = UInt32(try #require(g.node(originalID: 1))), nb = UInt32(try #require(g.node(originalID: 2)))
        #expect(p.departures.count == 1 && p.arrivals.count == 1 && p.positions.count == 1)
        #expect(p.departures[0].node == nb)
        #expect(p.arrivals[0].node == na)
        #expect(p.arrivals[0].length == 175)  // a quarter of the way
        #expect(p.departures[0].length == 525)
        #expect(abs(p.positions[0].fraction - 0.25) < 1e-6)
    }

    /// Near a one-way street whose reverse is a different road (a dual
    /// carriageway), the point gets only the anchors of the nearer side.
    @Test func reverseEdgeWithOtherGeometryIsNotATwin() throws {
        var r = TestRoads()
        let a = r.node(1, 50.0, 8.0), b = r.node(2, 50.0, 8.01)
        r.oneWay(a, b, length: 700, duration: 60)
        r.oneWay(b, a, length: 710, duration: 61, shape: [(50.001, 8.005)])
        let g = try r.builder.build()
        let p = try GraphSnapper(graph: g).snap(Coordinate(latitude: 49.9999, longitude: 8.005))
        #expect(p.departures.map(\.node) == [UInt32(try #require(g.node(originalID: 2)))])
        #expect(p.positions.count == 1)
    }

    /// A small island of roads right next to the point: the point goes to
    /// the main network instead.
    @Test func islandIsSkippedForTheLargestComponent() throws {
        var r = TestRoads()
        // Main network: a two-way square of ~1.1 km sides.
        let m = [r.node(1, 0, 0), r.node(2, 0, 0.01), r.node(3, 0.01, 0.01), r.node(4, 0.01, 0)]
        for i in 0..<4 { r.twoWay(m[i], m[(i + 1) % 4], length: 1100, duration: 80) }
        // Island: a two-way road 100 m east of the square, not connected.
        let i1 = r.node(10, 0.004, 0.011), i2 = r.node(11, 0.006, 0.011)
        r.twoWay(i1, i2, length: 220, duration: 20)
        // A one-way spur out of the square toward the query: reachable but no way back.
        let s = r.node(20, 0.005, 0.0105)
        r.oneWay(m[1], s, length: 560, duration: 40)
        let g = try r.builder.build()
        let snapper = GraphSnapper(graph: g)
        #expect(snapper.snappableNodes.count == 4)
        let query = Coordinate(latitude: 0.005, longitude: 0.0109)
        let p = try snapper.snap(query)
        let snapped = try #require(p.coordinate)
        #expect(abs(snapped.longitude - 0.01) < 1e-9 && abs(snapped.latitude - 0.005) < 1e-9)
        let squareNodes = Set(try [2, 3].map { UInt32(try #require(g.node(originalID: $0))) })
        #expect(Set(p.departures.map(\.node)) == squareNodes)
        #expect(Set(p.arrivals.map(\.node)) == squareNodes)
        #expect(abs(p.snapDistanceMetres - query.distance(to: snapped)) < 1e-9)
        #expect(p.snapDistanceMetres > 99 && p.snapDistanceMetres < 101)
    }

    @Test func tooFarIsRefusedWithTheDistance() throws {
        var r = TestRoads()
        let a = r.node(1, 0, 0), b = r.node(2, 0, 0.01)
        r.twoWay(a, b, length: 1100, duration: 80)
        let snapper = GraphSnapper(graph: try r.builder.build())
        let query = Coordinate(latitude: 0.02, longitude: 0.005)  // ~2.2 km north
        let expected = query.distance(to: Coordinate(latitude: 0, longitude: 0.005))
        do {
            _ = try snapper.snap(query)
            Issue.record("a point 2.2 km away was snapped")
        } catch {
            let d = try #require(error.distanceMetres)
            #expect(abs(d - expected) < 0.01)
            #expect(error.reason == .tooFar(distanceMetres: d, maxDistanceMetres: 1000))
            #expect(error.description.contains("2,224 m"))
        }
        // With a larger limit the same point is accepted.
        let p = try snapper.snap(query, maxDistanceMetres: 3000)
        #expect(abs(p.snapDistanceMetres - expected) < 0.01)
        // Far outside the network's bounding box, on the other side of the world.
        #expect(throws: SnapError.self) { try snapper.snap(Coordinate(latitude: -45, longitude: 170)) }
    }

    @Test func invalidCoordinatesAndGraphsWithoutRoads() throws {
        var r = TestRoads()
        let a = r.node(1, 0, 0), b = r.node(2, 0, 0.01)
        r.twoWay(a, b, length: 1100, duration: 80)
        let snapper = GraphSnapper(graph: try r.builder.build())
        for bad in [Coordinate(latitude: .nan, longitude: 0), Coordinate(latitude: 91, longitude: 0),
                    Coordinate(latitude: 0, longitude: -180.5), Coordinate(latitude: .infinity, longitude: 0)] {
            #expect {
                try snapper.snap(bad)
            } throws: { error in
                (error as? SnapError)?.reason == .invalidCoordinate
            }
        }
        // A graph without coordinates (a DIMACS .gr without its .co).
        var plain = RoadGraphBuilder(metric: .distance, profile: "dimacs")
        plain.addNode(originalID: 1); plain.addNode(originalID: 2)
        plain.addEdge(from: 0, to: 1, length: 5, duration: 5)
        plain.addEdge(from: 1, to: 0, length: 5, duration: 5)
        let q = Coordinate(latitude: 1, longitude: 1)
        #expect(throws: SnapError(coordinate: q, reason: .noRoads).self) {
            try GraphSnapper(graph: try plain.build()).snap(q)
        }
        // A graph whose largest component is a single node with no edge.
        var lonely = TestRoads()
        lonely.node(1, 0, 0)
        #expect(throws: SnapError(coordinate: q, reason: .noRoads).self) {
            try GraphSnapper(graph: try lonely.builder.build()).snap(q)
        }
    }

    @Test func durationMetricSplitsDurationAsWeight() throws {
        var r = TestRoads()
        r.builder = RoadGraphBuilder(metric: .duration, profile: "hgv")
        let a = r.node(1, 0, 0), b = r.node(2, 0, 0.01)
        r.twoWay(a, b, length: 1113, duration: 401)
        let g = try r.builder.build()
        let p = try GraphSnapper(graph: g).snap(Coordinate(latitude: 0.0001, longitude: 0.005))
        for anchor in p.departures + p.arrivals {
            #expect(anchor.weight == anchor.duration)
        }
        #expect(p.positions.count == 2)
        for position in p.positions {
            // Arriving and leaving on the same edge add up to the whole edge.
            let arrive = try #require(p.arrivals.first { $0.edge == position.edge })
            let leave = try #require(p.departures.first { $0.edge == position.edge })
            #expect(arrive.duration + leave.duration == 401)
            #expect(arrive.length + leave.length == 1113)
        }
    }
}

@Suite struct SnapBinaryGraphTests {
    /// A snapper over a loaded `.bhg` uses the stored component and answers
    /// as one over the original graph.
    @Test func snapperFromAFileMatchesTheGraphs() throws {
        let folder = TemporaryFolder()
        for seed in 0..<20 {
            let c = try SnapRandomTests.makeCase(seed: seed)
            try BinaryGraphFile(graph: c.graph).write(to: folder.file("g.bhg"))
            let file = try BinaryGraphFile.read(from: folder.file("g.bhg"))
            let fromFile = GraphSnapper(file)
            let direct = GraphSnapper(graph: c.graph)
            #expect(fromFile.snappableNodes == direct.snappableNodes)
            for q in c.queries {
                #expect((try? fromFile.snap(q, maxDistanceMetres: .infinity)) == (try? direct.snap(q, maxDistanceMetres: .infinity)))
            }
        }
    }
}
