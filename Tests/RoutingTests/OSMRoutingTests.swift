import Testing
@testable import Routing

/// Routes over real extracts and hand-made maps behave as the map says.
@Suite struct OSMRoutingTests {
    /// File, from (lat, lon), to (lat, lon), and a description.
    static let trips: [(String, Double, Double, Double, Double, String)] = [
        ("monaco.osm.pbf", 43.7225, 7.4050, 43.7600, 7.4700, "Cap-d'Ail → Roquebrune-Cap-Martin"),
        ("monaco.osm.pbf", 43.7396, 7.4275, 43.7276, 7.4156, "Casino → Stade Louis II"),
        ("andorra.osm.pbf", 42.5063, 1.5218, 42.5425, 1.7333, "Andorra la Vella → Pas de la Casa"),
        ("andorra.osm.pbf", 42.4637, 1.4913, 42.5347, 1.5800, "Sant Julià de Lòria → Encamp"),
        ("bautzen.osm", 51.1872, 14.4079, 51.1919, 14.4160, "across the A4 junction"),
        ("stockholm.osm.pbf", 59.3140, 18.0605, 59.3178, 18.0685, "across Södermalm"),
    ]

    @Test(arguments: trips)
    func routeLengthIsPlausible(file: String, fromLat: Double, fromLon: Double, toLat: Double, toLon: Double, what: String) throws {
        for profile in [VehicleProfile.hgv, .car] {
            let g = try OSMGraphReader(profile: profile).read(path: osmSample(file))
            // Snap onto the largest strongly connected component (the
            // project's snapper) and route with the project's search.
            let snapper = GraphSnapper(graph: g)
            let from = try snapper.snap(Coordinate(latitude: fromLat, longitude: fromLon), maxDistanceMetres: 300)
            let to = try snapper.snap(Coordinate(latitude: toLat, longitude: toLon), maxDistanceMetres: 300)
            var search = ShortestPathSearch(graph: g)
            let route = try #require(try search.route(from: from, to: to), "\(what) (\(profile.name)): no route")
            let metres = Double(route.cost.length) / 10
            let crow = try #require(from.coordinate).distance(to: try #require(to.coordinate))
            #expect(metres >= crow - 0.5, "\(what) (\(profile.name)): \(metres) m < great circle \(crow) m")
            #expect(metres <= 2 * crow, "\(what) (\(profile.name)): \(metres) m > 2 × great circle \(crow) m")
            #expect(crow > 300, "the trip should be worth testing")
            // Cross-check between the nearest nodes of the same component
            // with the reference Dijkstra: the same order of magnitude.
            let scc = largestStronglyConnectedComponent(g)
            let a = nearestNode(g, Coordinate(latitude: fromLat, longitude: fromLon), in: scc)
            let b = nearestNode(g, Coordinate(latitude: toLat, longitude: toLon), in: scc)
            let reference = try #require(ReferenceDijkstra(g, from: a).lengthMetres(to: b))
            #expect(abs(reference - metres) < 0.25 * metres + 400, "\(what): \(reference) m node to node vs \(metres) m")
        }
    }

    /// One-way streets (way nodes in order, from the files): every piece
    /// has an edge along the way and none against it.
    static let onewayStreets: [(String, [Int64], String)] = [
        ("stockholm.osm.pbf", [21652495, 1308089560, 4697510697, 21652494, 1309284825, 7054063], "Wollmar Yxkullsgatan, Södermalm"),
        ("stockholm.osm.pbf", [21662034, 21652495, 21652497], "Björngårdsgatan, Södermalm"),
        ("monaco.osm.pbf", [21912089, 1079750744, 2104793864, 1110560507, 21912093, 21912095, 1079751630, 21912097, 21912099], "Avenue Princesse Alice"),
    ]

    @Test(arguments: onewayStreets)
    func onewayStreetsAreRespected(file: String, nodes: [Int64], name: String) throws {
        let fine = try OSMGraphReader(profile: .car, simplification: .none).read(path: osmSample(file))
        for (a, b) in zip(nodes, nodes.dropFirst()) {
            let u = try #require(fine.node(originalID: a)), v = try #require(fine.node(originalID: b))
            #expect(fine.edges(from: u).contains { Int(fine.edgeTarget[$0]) == v }, "\(name): \(a) → \(b)")
            #expect(!fine.edges(from: v).contains { Int(fine.edgeTarget[$0]) == u }, "\(name): \(b) → \(a) against the one-way")
        }
        // On the routing graph, going back takes longer than going along.
        let g = try OSMGraphReader(profile: .car).read(path: osmSample(file))
        let first = try #require(g.node(originalID: nodes.first!))
        let last = try #require(g.node(originalID: nodes.last!))
        let along = ReferenceDijkstra(g, from: first).dist[last]
        let back = ReferenceDijkstra(g, from: last).dist[first]
        #expect(along != .max && back != .max)
        #expect(back > along, "\(name): \(back) ds back vs \(along) ds along")
        let alongMetres = try #require(ReferenceDijkstra(g, from: first).lengthMetres(to: last))
        let backMetres = try #require(ReferenceDijkstra(g, from: last).lengthMetres(to: first))
        #expect(backMetres > alongMetres)
    }

    /// A square: A–B is a short tertiary road, A–C–D–B a long primary
    /// detour. The short road carries `tag`. Routes run from E, south of A,
    /// to F, north of B, so that the short road would be through traffic.
    static func square(_ tag: (String, String)) -> TestMap {
        var m = TestMap()
        // ~1.1 km between A and B; the detour goes ~2 km out and back.
        m.nodes = [
            .init(id: 1, lat: 436_000_000, lon: 74_000_000),  // A
            .init(id: 2, lat: 436_100_000, lon: 74_000_000),  // B
            .init(id: 3, lat: 436_000_000, lon: 74_200_000),  // C
            .init(id: 4, lat: 436_100_000, lon: 74_200_000),  // D
            .init(id: 5, lat: 436_050_000, lon: 74_001_000),  // a bend in the short road
            .init(id: 6, lat: 435_990_000, lon: 74_000_000),  // E
            .init(id: 7, lat: 436_110_000, lon: 74_000_000),  // F
        ]
        m.ways = [
            .init(id: 10, refs: [1, 5, 2], tags: [("highway", "tertiary"), tag]),
            .init(id: 11, refs: [1, 3, 4, 2], tags: [("highway", "primary")]),
            .init(id: 12, refs: [6, 1], tags: [("highway", "primary")]),
            .init(id: 13, refs: [2, 7], tags: [("highway", "primary")]),
        ]
        return m
    }

    /// Tag on the shortcut, whether a truck may use it, whether a car may.
    static let shortcutTags: [((String, String), Bool, Bool)] = [
        (("hgv", "no"), false, true),
        (("goods", "no"), false, true),
        (("maxweight", "3.5"), false, true),
        (("maxheight", "3.2"), false, true),
        (("maxlength", "10"), false, true),
        (("motor_vehicle", "no"), false, false),
        (("access", "private"), false, false),
        (("access", "destination"), false, false),
        (("hgv", "destination"), false, true),
        (("hgv", "designated"), true, true),
        (("name", "Chemin"), true, true),
    ]

    @Test(arguments: shortcutTags, [false, true])
    func restrictedShortcut(expectation: ((String, String), Bool, Bool), asPBF: Bool) throws {
        let (tag, truck, car) = expectation
        let map = Self.square(tag)
        let bytes = asPBF ? map.pbf() : map.xml()
        for (profile, allowed) in [(VehicleProfile.hgv, truck), (.car, car)] {
            let g = try withTemporaryFile(bytes, suffix: asPBF ? ".osm.pbf" : ".osm") {
                try OSMGraphReader(profile: profile).read(path: $0)
            }
            let e = try #require(g.node(originalID: 6)), f = try #require(g.node(originalID: 7))
            let approaches = Coordinate(latitude: 43.599, longitude: 7.4).distance(to: Coordinate(latitude: 43.6, longitude: 7.4))
                + Coordinate(latitude: 43.61, longitude: 7.4).distance(to: Coordinate(latitude: 43.611, longitude: 7.4))
            let metres = try #require(ReferenceDijkstra(g, from: e).lengthMetres(to: f)) - approaches
            let shortcut = Coordinate(latitude: 43.6, longitude: 7.4).distance(to: Coordinate(latitude: 43.605, longitude: 7.4001))
                + Coordinate(latitude: 43.605, longitude: 7.4001).distance(to: Coordinate(latitude: 43.61, longitude: 7.4))
            if allowed {
                #expect(abs(metres - shortcut) < 0.2, "\(profile.name) with \(tag) should take the short road")
            } else {
                #expect(metres > 2 * shortcut, "\(profile.name) with \(tag) must avoid the short road")
            }
        }
    }

    /// Real restrictions in the samples: Avenue Prince Albert Ier de Monaco
    /// (`maxweight=3.5`) and the Carretera dels Cortals in Andorra (CS-320,
    /// `maxweight=2.1`) are driven by cars, never by trucks.
    @Test(arguments: [
        ("monaco.osm.pbf", [Int64(1681877645), 257159360]),
        ("andorra.osm.pbf", [Int64(321682002), 321682000, 321681999, 321681998]),
    ])
    func realWeightLimitedRoadIsAvoidedByTrucks(file: String, nodes: [Int64]) throws {
        let car = try OSMGraphReader(profile: .car, simplification: .none).read(path: osmSample(file))
        let hgv = try OSMGraphReader(profile: .hgv, simplification: .none).read(path: osmSample(file))
        for (a, b) in zip(nodes, nodes.dropFirst()) {
            let u = try #require(car.node(originalID: a)), v = try #require(car.node(originalID: b))
            #expect(car.edges(from: u).contains { Int(car.edgeTarget[$0]) == v }, "car \(a) → \(b)")
            if let u = hgv.node(originalID: a), let v = hgv.node(originalID: b) {
                #expect(!hgv.edges(from: u).contains { Int(hgv.edgeTarget[$0]) == v }, "hgv \(a) → \(b)")
                #expect(!hgv.edges(from: v).contains { Int(hgv.edgeTarget[$0]) == u }, "hgv \(b) → \(a)")
            }
        }
        // The car's fastest route between the ends uses the road; the
        // truck's cannot.
        let carRoute = ReferenceDijkstra(car, from: car.node(originalID: nodes[0])!)
        let carEdges = try #require(carRoute.path(to: car.node(originalID: nodes[1])!))
        #expect(carEdges.count == 1)
    }
}
