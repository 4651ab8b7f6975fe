import Foundation
import Testing
@testable import Routing

/// The truck-relevant scenarios: OSRM's car features rerun for the `hgv`
/// profile with a lorry's dimensions, plus what only trucks have
/// (`restriction:hgv`, `hgv=*`, axle loads, the Swedish 64 t / 25.25 m
/// combination), the partial-edge time defect of issue 14, and the
/// guarantee that every search agrees on a split graph.
@Suite struct TruckScenarioTests {
    typealias R = OSRMScenario

    static let artic64 = VehicleDimensions(
        name: "artic-64t", weightTonnes: 64, heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 25.25, axleLoadTonnes: 11.5)
    static let rigid26 = VehicleDimensions(
        name: "rigid-26t", weightTonnes: 26, heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 12.0, axleLoadTonnes: 11.5)

    /// physical_limitation.feature and barrier.feature for a 40 t, 4.00 m,
    /// 2.55 m, 16.50 m articulated truck, and the hgv access tags.
    static let truckRows: [RoutabilityRow] = [
        RoutabilityRow([:], both: true),
        RoutabilityRow(["maxheight": "3.9"], both: false), RoutabilityRow(["maxheight": "4"], both: true),
        RoutabilityRow(["maxheight": "4.2 m"], both: true), RoutabilityRow(["maxheight": "13'"], both: false),
        RoutabilityRow(["maxheight:physical": "3.95"], both: false),
        RoutabilityRow(["maxheight": "4.5", "maxheight:physical": "3.8"], both: false),
        RoutabilityRow(["maxheight": "default"], both: true),
        RoutabilityRow(["maxwidth": "2.5"], both: false), RoutabilityRow(["maxwidth": "2.55"], both: true),
        RoutabilityRow(["maxwidth:physical": "2.4"], both: false),
        RoutabilityRow(["width": "2.55"], both: false), RoutabilityRow(["width": "3"], both: true),
        RoutabilityRow(["est_width": "2.5"], both: false), RoutabilityRow(["narrow": "yes"], both: false),
        RoutabilityRow(["width": "narrow"], both: false),
        RoutabilityRow(["maxweight": "30"], both: false), RoutabilityRow(["maxweight": "40"], both: true),
        RoutabilityRow(["maxweight": "7.5 t"], both: false), RoutabilityRow(["maxweight:hgv": "7.5"], both: false),
        RoutabilityRow(["maxweightrating": "38"], both: false), RoutabilityRow(["maxweightrating:hgv": "44"], both: true),
        RoutabilityRow(["maxaxleload": "10"], both: false), RoutabilityRow(["maxaxleload": "11.5"], both: true),
        RoutabilityRow(["maxlength": "12"], both: false), RoutabilityRow(["maxlength": "18.75"], both: true),
        // Access for trucks.
        RoutabilityRow(["hgv": "no"], both: false), RoutabilityRow(["goods": "no"], both: false),
        RoutabilityRow(["goods": "no", "hgv": "yes"], both: true), RoutabilityRow(["motor_vehicle": "no", "hgv": "yes"], both: true),
        RoutabilityRow(["hgv": "destination"], both: true), RoutabilityRow(["hgv": "delivery"], both: true),
        RoutabilityRow(["hgv": "agricultural;destination"], both: true),
        RoutabilityRow(["hgv:forward": "no"], forward: false, backward: true),
        RoutabilityRow(["hgv": "no", "hgv:backward": "yes"], forward: false, backward: true),
        RoutabilityRow(["oneway:hgv": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway": "yes", "oneway:hgv": "no"], forward: true, backward: true),
        RoutabilityRow(["access": "no", "psv": "yes"], both: false), RoutabilityRow(["access": "bus"], both: false),
        RoutabilityRow(["motor_vehicle": "emergency"], both: false), RoutabilityRow(["hgv": "official"], both: false),
        RoutabilityRow(["highway": "track", "hgv": "yes"], both: true), RoutabilityRow(["highway": "track"], both: false),
        // Barriers for trucks.
        RoutabilityRow([:], node: ["barrier": "height_restrictor", "maxheight": "3.5"], both: false),
        RoutabilityRow([:], node: ["barrier": "height_restrictor", "maxheight": "4.5"], both: true),
        RoutabilityRow([:], node: ["barrier": "gate", "maxwidth": "2.4"], both: false),
        RoutabilityRow([:], node: ["barrier": "bollard", "hgv": "yes"], both: true),
        RoutabilityRow([:], node: ["barrier": "lift_gate", "hgv": "no"], both: false),
        RoutabilityRow([:], node: ["barrier": "gate", "access": "private"], both: true),
    ]

    @Test(arguments: truckRows.indices)
    func truckRoutability(row: Int) throws {
        try Self.truckRows[row].check(.hgv, pbf: row % 2 == 0)
    }

    /// Limits a 64 t / 25.25 m combination and a 26 t rigid meet differently
    /// from the 40 t articulated default.
    @Test(arguments: [
        (["maxweight": "60"], true, false, true), (["maxweight": "64"], true, true, true),
        (["maxlength": "24"], true, false, true), (["maxlength": "25.25"], true, true, true),
        (["maxweight": "30"], false, false, true), (["maxlength": "12"], false, false, true),
        (["maxlength": "16"], false, false, true), (["maxweight": "26"], false, false, true),
    ])
    func vehicleSizes(tags: [String: String], artic40: Bool, artic64: Bool, rigid26: Bool) throws {
        for (dims, allowed) in [(VehicleDimensions.euArticulated, artic40), (Self.artic64, artic64), (Self.rigid26, rigid26)] {
            try RoutabilityRow(tags, both: allowed).check(VehicleProfile.hgv.with(dimensions: dims), pbf: true)
        }
    }

    /// `restriction:hgv` binds trucks, not cars; `except=hgv` exempts trucks.
    @Test func truckTurnRestrictions() throws {
        let hgvOnly = OSRMRestrictionTests.junction(
            [R.restriction(from: "cj", via: "j", to: "aj", ["restriction:hgv": "no_straight_on"])])
        try checkRoutes(hgvOnly, OSRMRestrictionTests.rows("cjd", nil, "cjb"), profile: .hgv)
        try checkRoutes(hgvOnly, OSRMRestrictionTests.rows("cjd", "cja", "cjb"), profile: .car)
        let exceptHGV = OSRMRestrictionTests.junction(
            [R.restriction(from: "cj", via: "j", to: "aj", ["restriction": "no_straight_on", "except": "hgv;bus"])])
        try checkRoutes(exceptHGV, OSRMRestrictionTests.rows("cjd", "cja", "cjb"), profile: .hgv)
        try checkRoutes(exceptHGV, OSRMRestrictionTests.rows("cjd", nil, "cjb"), profile: .car)
    }

    /// Issue 14's defect: two 1 km ways at maxspeed 100 and 10 become one
    /// edge; the halves take 45 s (80 km/h, 0.8 × the limit) and 450 s
    /// (8 km/h), not 4:07 each.
    @Test func partialEdgeTimesFollowTheRoads() throws {
        let scenario = R(
            gridMetres: 500, map: "a1b2c",
            ways: [("ab", ["highway": "primary", "maxspeed": "100"]), ("bc", ["highway": "primary", "maxspeed": "10"])])
        for pbf in [true, false] {
            let router = try ScenarioRouter(scenario, profile: .hgv, pbf: pbf)
            #expect(router.graph.nodeCount == 2 && router.graph.edgeCount == 2, "one road a–c, both ways")
            let ab = try #require(try router.route("a", "b")), bc = try #require(try router.route("b", "c"))
            #expect(abs(ab.cost.seconds - 45) <= 1, "\(ab.cost)")
            #expect(abs(bc.cost.seconds - 450) <= 1, "\(bc.cost)")
            let a1 = try #require(try router.route("a", "1")), b2 = try #require(try router.route("2", "c"))
            #expect(abs(Double(a1.cost.duration) - 225) <= 2, "\(a1.cost)")
            #expect(abs(Double(b2.cost.duration) - 2250) <= 2, "\(b2.cost)")
            // Backwards too, and between two points on the one edge.
            let cb = try #require(try router.route("c", "b")), p12 = try #require(try router.route("1", "2"))
            #expect(abs(cb.cost.seconds - 450) <= 1)
            #expect(abs(Double(p12.cost.duration) - 2475) <= 2, "\(p12.cost)")
            let ac = try #require(try router.route("a", "c"))
            #expect(ab.cost.duration + bc.cost.duration == ac.cost.duration)
        }
    }

    /// Destination-only roads for trucks: a dock on `hgv=destination` is
    /// reached, the street is not crossed.
    @Test func truckDestinationOnly() throws {
        try checkRoutes(
            R(map: "a         e\n  b1 c 2d\n\nx         y",
              ways: [("ab", [:]), ("bcd", ["hgv": "destination"]), ("de", [:]), ("axye", [:])]),
            [RouteRow("a", "2", "abc"), RouteRow("a", "e", "axye"), RouteRow("e", "1", "edc"), RouteRow("1", "e", "cde")],
            profile: .hgv)
    }

    /// Ferries carry lorries unless denied (`docs/hgv-profile.md`).
    @Test func truckFerries() throws {
        let map = "a b c\n    d\n    e f g"
        try checkRoutes(R(map: map, ways: [("abc", [:]), ("cde", ["highway": "(nil)", "route": "ferry"]), ("efg", [:])]),
                        [RouteRow("a", "g", "abcdefg")], profile: .hgv)
        try checkRoutes(R(map: map, ways: [("abc", [:]), ("cde", ["highway": "(nil)", "route": "ferry", "hgv": "no"]), ("efg", [:])]),
                        [RouteRow("a", "g", nil)], profile: .hgv)
    }

    /// A split junction keeps `node(originalID:)` meaningful: it returns the
    /// primary, and the node point arrives through every copy.
    @Test func splitNodesShareTheirID() throws {
        let scenario = OSRMRestrictionTests.junction([R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "no_left_turn"])])
        let g = try scenario.graph(.car)
        let j = try #require(g.node(originalID: R.nodeID("j")))
        let all = g.nodes(sharingIDWith: j)
        #expect(all.count == 2 && all[0] == j && !g.isSplitCopy(j) && g.isSplitCopy(all[1]))
        #expect(all.allSatisfy { g.originalID(of: $0) == R.nodeID("j") && g.coordinate(of: $0) == g.coordinate(of: j) })
        let point = NetworkPoint.node(j, in: g)
        #expect(Set(point.arrivals.map { Int($0.node) }) == Set(all))
        // The copy is the state "came from c": it has no edge to d.
        let d = try #require(g.node(originalID: R.nodeID("d")))
        #expect(!g.edges(from: all[1]).contains { Int(g.edgeTarget[$0]) == d })
        #expect(g.edges(from: j).contains { Int(g.edgeTarget[$0]) == d })
    }

    /// Dijkstra routes, the many-to-many matrix and the contraction
    /// hierarchy agree exactly on graphs with turn restrictions, barriers
    /// and destination-only roads (random maps, points snapped anywhere).
    @Test(arguments: 0..<12)
    func everySearchAgreesOnSplitGraphs(seed: Int) throws {
        let map = Self.restrictedGrid(seed: UInt64(seed))
        let g = try withTemporaryFile(map.pbf(), suffix: ".osm.pbf") {
            try OSMGraphReader(profile: .hgv, threads: 1).read(path: $0)
        }
        #expect(!g.splitCopies.isEmpty || seed % 4 == 3)
        let snapper = GraphSnapper(graph: g)
        var rng = SplitMix64(seed: UInt64(seed) + 77)
        var points: [NetworkPoint] = []
        while points.count < 14 {
            let lat = 1.0 + Double(rng.next() % 10_000) * 1e-6, lon = 1.0 + Double(rng.next() % 10_000) * 1e-6
            if let p = try? snapper.snap(Coordinate(latitude: lat, longitude: lon), maxDistanceMetres: 5000) { points.append(p) }
            if rng.next() % 3 == 0 {
                let v = Int(rng.next() % UInt64(g.nodeCount))
                if snapper.snappableNodes.contains(v), !g.isSplitCopy(v) { points.append(.node(v, in: g)) }
            }
        }
        let dijkstra = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 1)
        let hierarchy = try ContractionHierarchy(graph: g, threads: 1).matrix(sources: points, targets: points, threads: 1)
        var search = ShortestPathSearch(graph: g)
        for i in points.indices {
            for j in points.indices {
                let route = try search.route(from: points[i], to: points[j])
                #expect(dijkstra[i, j]?.duration == hierarchy[i, j]?.duration, "\(i)→\(j)")
                #expect(dijkstra[i, j]?.duration == route?.cost.duration, "\(i)→\(j) route")
            }
        }
    }

    /// A grid of streets 100 m apart around 1° N 1° E, some one-way, some
    /// destination-only, with random turn restrictions at its junctions and
    /// a few bollards.
    static func restrictedGrid(seed: UInt64) -> TestMap {
        var rng = SplitMix64(seed: seed)
        var m = TestMap()
        let n = 9
        func id(_ x: Int, _ y: Int) -> Int64 { Int64(1 + y * n + x) }
        for y in 0..<n {
            for x in 0..<n {
                var tags: [(String, String)] = []
                if rng.next() % 40 == 0 { tags = [("barrier", "bollard")] }
                m.nodes.append(.init(id: id(x, y), lat: 10_000_000 + Int32(y * 9_000), lon: 10_000_000 + Int32(x * 9_000), tags: tags))
            }
        }
        var wayID: Int64 = 1000
        var segments: [(Int64, Int64, Int64)] = []  // (way, from, to)
        for y in 0..<n {
            for x in 0..<n {
                for (dx, dy) in [(1, 0), (0, 1)] where x + dx < n && y + dy < n {
                    wayID += 1
                    var tags: [(String, String)] = [("highway", ["residential", "tertiary", "primary"][Int(rng.next() % 3)])]
                    switch rng.next() % 10 {
                    case 0: tags.append(("oneway", "yes"))
                    case 1: tags.append(("oneway", "-1"))
                    case 2: tags.append(("access", "destination"))
                    case 3: tags.append(("maxspeed", "30"))
                    default: break
                    }
                    m.ways.append(.init(id: wayID, refs: [id(x, y), id(x + dx, y + dy)], tags: tags))
                    segments.append((wayID, id(x, y), id(x + dx, y + dy)))
                }
            }
        }
        // Turn restrictions at random junctions between two of its ways.
        let kinds = ["no_left_turn", "no_right_turn", "no_straight_on", "only_straight_on", "no_u_turn", "only_left_turn"]
        for r in 0..<Int(seed % 4 == 3 ? 0 : 12) {
            let a = segments[Int(rng.next() % UInt64(segments.count))]
            let via = rng.next() % 2 == 0 ? a.1 : a.2
            let others = segments.filter { ($0.1 == via || $0.2 == via) }
            let b = others[Int(rng.next() % UInt64(others.count))]
            var members = [TestMap.Member(type: "way", ref: a.0, role: "from")]
            if rng.next() % 4 == 0, let c = segments.first(where: { ($0.1 == b.1 || $0.1 == b.2 || $0.2 == b.1 || $0.2 == b.2) && $0.0 != b.0 && $0.0 != a.0 }) {
                members += [.init(type: "way", ref: b.0, role: "via"), .init(type: "way", ref: c.0, role: "to")]
            } else {
                members += [.init(type: "node", ref: via, role: "via"), .init(type: "way", ref: b.0, role: "to")]
            }
            m.relations.append(.init(
                id: Int64(100 + r), typedMembers: members,
                tags: [("type", "restriction"), ("restriction", kinds[Int(rng.next() % UInt64(kinds.count))])]))
        }
        return m
    }
}
