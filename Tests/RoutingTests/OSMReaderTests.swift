import Testing
@testable import Routing

/// Reading the real extracts in `samples/osm/` (provenance in
/// `samples/osm/README.md`).
@Suite struct OSMReaderTests {
    /// File, nodes, ways, relations: the counts `osmium fileinfo -e` gives
    /// (listed in the data's SOURCES.md).
    static let files: [(String, Int, Int, Int)] = [
        ("monaco.osm.pbf", 180_118, 27_377, 212),
        ("andorra.osm.pbf", 69_644, 2_725, 74),
        ("stockholm.osm.pbf", 3_460, 465, 86),
        ("lund-station-sweden.osm.pbf", 2_494, 343, 115),
        ("bautzen.osm", 781, 97, 0),
        ("stockholm.osm.gz", 3_460, 465, 86),
    ]

    @Test(arguments: files)
    func countsAgreeWithTheFile(name: String, nodes: Int, ways: Int, relations: Int) throws {
        let (graph, stats) = try OSMGraphReader(profile: .car).readWithStatistics(path: osmSample(name))
        #expect(stats.nodes == nodes)
        #expect(stats.ways == ways)
        #expect(stats.relations == relations)
        #expect(stats.missingNodeReferences == 0, "every file passes osmium check-refs")
        #expect(stats.format == (name.hasSuffix(".pbf") ? .pbf : .xml))
        #expect(graph.profile == "car")
        #expect(graph.metric == .duration)
        #expect(graph.hasCoordinates && graph.hasShapes)
        #expect(graph.nodeCount == stats.graphNodes && graph.edgeCount == stats.graphEdges)
        #expect(stats.routableWays > 0 && stats.routableWays <= ways)
        try graph.checkInvariants()
    }

    /// File and the truck speed cap there (km/h).
    @Test(arguments: [("monaco.osm.pbf", 90.0), ("andorra.osm.pbf", 90), ("bautzen.osm", 90), ("stockholm.osm.pbf", 80)])
    func graphIsGeometricallySound(name: String, cap: Double) throws {
        let g = try OSMGraphReader(profile: .hgv).read(path: osmSample(name))
        var slowest = Double.infinity, fastest = 0.0
        for u in 0..<g.nodeCount {
            let cu = g.coordinate(of: u)!
            for e in g.edges(from: u) {
                let v = Int(g.edgeTarget[e])
                // An edge is at least as long as the straight line between its
                // ends, and exactly the length of its polyline.
                var points = [cu] + g.shape(of: e) + [g.coordinate(of: v)!]
                var polyline = 0.0
                for k in 1..<points.count { polyline += points[k - 1].distance(to: points[k]) }
                let metres = Double(g.edgeLength[e]) / 10
                #expect(abs(metres - polyline) <= 0.05 + 1e-6 * polyline, "edge \(e) length \(metres) vs polyline \(polyline)")
                #expect(metres + 0.05 >= cu.distance(to: g.coordinate(of: v)!))
                points.removeAll()
                if g.edgeLength[e] > 2000 && g.edgeDuration[e] > 0 {  // over 200 m: rounding is under 1 %
                    let kmh = Double(g.edgeLength[e]) / Double(g.edgeDuration[e]) * 3.6
                    slowest = min(slowest, kmh)
                    fastest = max(fastest, kmh)
                }
            }
        }
        // Trucks never exceed the cap; nothing crawls below a parking aisle's
        // 5 km/h halved by an access penalty (no ferries here).
        #expect(fastest <= cap * 1.01)
        #expect(slowest >= 2.4)
    }

    @Test func truckSpeedIsCappedAt80InSweden() throws {
        // Motorways and trunk roads would allow more; in Stockholm the cap
        // of a truck with a trailer is 80 km/h.
        var tags = WayTags()
        tags[.highway] = "motorway"
        tags[.maxspeed] = "110"
        let stockholm = Coordinate(latitude: 59.33, longitude: 18.07)
        #expect(VehicleProfile.hgv.speedCapKmh(at: stockholm) == 80)
        let map = TestMap(
            nodes: [.init(id: 1, lat: 593_300_000, lon: 180_700_000), .init(id: 2, lat: 593_400_000, lon: 180_700_000),
                    .init(id: 3, lat: 436_000_000, lon: 74_000_000), .init(id: 4, lat: 436_100_000, lon: 74_000_000)],
            ways: [.init(id: 10, refs: [1, 2], tags: [("highway", "motorway"), ("maxspeed", "110")]),
                   .init(id: 11, refs: [3, 4], tags: [("highway", "motorway"), ("maxspeed", "130")])]
        )
        let g = try withTemporaryFile(map.xml(), suffix: ".osm") { try OSMGraphReader(profile: .hgv).read(path: $0) }
        let car = try withTemporaryFile(map.xml(), suffix: ".osm") { try OSMGraphReader(profile: .car).read(path: $0) }
        func kmh(_ g: RoadGraph, from id: Int64) throws -> Double {
            let u = try #require(g.node(originalID: id))
            let e = try #require(g.edges(from: u).first)
            return Double(g.edgeLength[e]) / Double(g.edgeDuration[e]) * 3.6
        }
        #expect(abs(try kmh(g, from: 1) - 80) < 0.1, "Sweden: 110 × 0.8 = 88, capped at 80")
        #expect(abs(try kmh(g, from: 3) - 90) < 0.1, "France: 130 × 0.8 = 104, capped at 90")
        #expect(abs(try kmh(car, from: 1) - 88) < 0.1)
        #expect(abs(try kmh(car, from: 3) - 104) < 0.1)
    }

    @Test func formatIsToldByContent() throws {
        #expect(try OSMGraphReader.format(ofFileAt: osmSample("monaco.osm.pbf")) == .pbf)
        #expect(try OSMGraphReader.format(ofFileAt: osmSample("bautzen.osm")) == .xml)
        #expect(try OSMGraphReader.format(ofFileAt: osmSample("stockholm.osm.gz")) == .xml)
        // The name does not matter.
        let bytes = try fileBytes(osmSample("stockholm.osm.pbf"))
        let g = try withTemporaryFile(bytes, suffix: ".osm") { try OSMGraphReader().read(path: $0) }
        #expect(g.nodeCount > 0)
    }

    @Test func statisticsDescribeTheTwoPasses() throws {
        let (_, s) = try OSMGraphReader(profile: .hgv).readWithStatistics(path: osmSample("monaco.osm.pbf"))
        #expect(s.blobs > 2)
        #expect(s.nodeBlobs > 0 && s.nodeBlobs < s.blobs, "pass 2 reads only the blocks that hold nodes")
        #expect(s.referencedNodes < s.nodes / 5, "only the nodes of roads are kept")
        #expect(s.writingProgram == "osmconvert 0.7T")
    }

    /// Blobs are decoded and ways cut into pieces in parallel; the parts are
    /// joined in file order, so the graph is the same however many threads.
    @Test(arguments: [2, 3, 7])
    func threadCountDoesNotChangeTheGraph(threads: Int) throws {
        let one = try OSMGraphReader(profile: .hgv, threads: 1).read(path: osmSample("monaco.osm.pbf"))
        let many = try OSMGraphReader(profile: .hgv, threads: threads).read(path: osmSample("monaco.osm.pbf"))
        let same = sameGraph(one, many)
        #expect(same)
    }
}

/// `--graph` on raw OpenStreetMap files goes through ``GraphFile``.
@Suite struct OSMGraphFileTests {
    @Test(arguments: ["stockholm.osm.pbf", "stockholm.osm.gz", "bautzen.osm"])
    func graphFileOpensOSM(name: String) throws {
        let path = osmSample(name)
        #expect(try GraphFile.format(of: path) == (name.hasSuffix(".pbf") ? .osmPBF : .osmXML))
        let hgv = try GraphFile.open(path)
        let car = try GraphFile.open(path, options: .init(profile: .car))
        #expect(hgv.profile == "hgv" && car.profile == "car")
        let direct = try OSMGraphReader(profile: .car).read(path: path)
        let same = sameGraph(car, direct)
        #expect(same)
    }
}
