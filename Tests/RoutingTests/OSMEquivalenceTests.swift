import Testing
@testable import Routing

/// The same data read from PBF and from XML gives the same graph, whatever
/// the encoder's choices (dense or plain nodes, zlib or raw blobs,
/// granularity and offsets, block sizes, ordering, packed or unpacked
/// fields) or the XML's style.
@Suite struct OSMEquivalenceTests {
    /// A random small road map: nodes scattered around `center`, ways that
    /// wander over them (sharing nodes, sometimes closing loops, sometimes
    /// pointing at nodes the file lacks), with tags drawn from what real
    /// roads carry.
    static func randomMap(seed: UInt64, granularityStep: Int32 = 1) -> TestMap {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func chance(_ p: Double) -> Bool { Double(rng.next() % 1000) < p * 1000 }
        let centers: [(Int32, Int32)] = [(593_300_000, 180_700_000), (437_300_000, 74_200_000), (-337_000_000, -706_000_000)]
        let (clat, clon) = pick(centers)
        var map = TestMap()
        let nodeCount = 20 + Int(rng.next() % 120)
        var id: Int64 = Int64(rng.next() % 1_000_000) + 1
        for _ in 0..<nodeCount {
            id += 1 + Int64(rng.next() % 5)
            var lat = clat + Int32(rng.next() % 200_000) - 100_000
            var lon = clon + Int32(rng.next() % 200_000) - 100_000
            lat -= lat % granularityStep
            lon -= lon % granularityStep
            var tags: [(String, String)] = []
            if chance(0.1) { tags.append(("barrier", "gate")) }
            if chance(0.05) { tags.append(("barrier", "bollard")) }
            if chance(0.03) { tags += [("barrier", "height_restrictor"), ("maxheight", "3.2")] }
            map.nodes.append(.init(id: id, lat: lat, lon: lon, tags: tags))
        }
        let highways = ["motorway", "motorway_link", "trunk", "primary", "secondary", "tertiary", "residential",
                        "unclassified", "service", "living_street", "track", "footway", "road", "cycleway"]
        let extras: [[(String, String)]] = [
            [], [], [], [("oneway", "yes")], [("oneway", "-1")], [("oneway", "no")], [("oneway", "reversible")],
            [("junction", "roundabout")], [("maxspeed", "50")], [("maxspeed", "30 mph")], [("maxspeed", "SE:rural")],
            [("maxspeed", "none")], [("maxspeed:forward", "70"), ("maxspeed:backward", "40")], [("hgv", "no")],
            [("access", "private")], [("access", "destination")], [("motor_vehicle", "no"), ("hgv", "yes")],
            [("goods", "no")], [("maxweight", "3.5")], [("maxheight", "4.5")], [("maxspeed:hgv", "60")],
            [("service", "parking_aisle")], [("area", "yes")], [("name", "Rue \"des\" <Anglais> & 'fils'")],
            [("name", "Götgatan")], [("maxspeed", "walk")], [("access", "no"), ("motor_vehicle", "destination")],
        ]
        var wayID: Int64 = 100
        let wayCount = 5 + Int(rng.next() % 40)
        for _ in 0..<wayCount {
            wayID += 1 + Int64(rng.next() % 3)
            var refs: [Int64] = []
            let length = 2 + Int(rng.next() % 8)
            var k = Int(rng.next() % UInt64(nodeCount))
            for _ in 0..<length {
                refs.append(map.nodes[k].id)
                k = chance(0.3) ? Int(rng.next() % UInt64(nodeCount)) : min(nodeCount - 1, max(0, k + Int(rng.next() % 5) - 2))
            }
            if chance(0.1) { refs.append(refs[0]) }  // closed
            if chance(0.05) { refs.insert(999_999_999, at: refs.count / 2) }  // missing node
            if chance(0.05) { refs.append(refs.last!) }  // repeated node
            var tags: [(String, String)]
            if chance(0.05) {
                tags = [("route", "ferry"), ("motor_vehicle", "yes")]
                if chance(0.5) { tags.append(("duration", "00:25")) }
            } else {
                tags = [("highway", pick(highways))] + pick(extras) + pick(extras)
            }
            if chance(0.1) { tags.append(("building", "yes")) }
            map.ways.append(.init(id: wayID, refs: refs, tags: tags))
        }
        if chance(0.7) {
            map.relations.append(.init(id: 7, members: map.ways.prefix(3).map(\.id), tags: [("type", "route"), ("route", "road")]))
        }
        // Turn restrictions between ways that share a node (valid or not:
        // the reader must treat both formats alike).
        let kinds = ["no_left_turn", "only_straight_on", "no_u_turn", "no_entry", "only_right_turn", "no_right_turn_on_red"]
        for r in 0..<Int(rng.next() % 6) {
            let a = pick(map.ways), b = pick(map.ways)
            guard let shared = a.refs.first(where: { b.refs.contains($0) }) else { continue }
            var members = [TestMap.Member(type: "way", ref: a.id, role: "from")]
            if chance(0.3) {
                let c = pick(map.ways)
                members += [.init(type: "way", ref: b.id, role: "via"), .init(type: "way", ref: c.id, role: "to")]
            } else {
                members += [.init(type: "node", ref: shared, role: "via"), .init(type: "way", ref: b.id, role: "to")]
            }
            var tags = [("type", "restriction"), ("restriction", pick(kinds))]
            if chance(0.2) { tags.append(("except", "hgv")) }
            map.relations.append(.init(id: Int64(20 + r), typedMembers: members, tags: tags))
        }
        return map
    }

    static func read(_ bytes: [UInt8], suffix: String, _ reader: OSMGraphReader) throws -> (RoadGraph, OSMReadStatistics)? {
        try withTemporaryFile(bytes, suffix: suffix) { path in
            do throws(InputError) {
                return try reader.readWithStatistics(path: path)
            } catch {
                // A random map may have no usable road at all; both formats
                // must then agree on that.
                #expect(error.message.contains("no road") || error.message.contains("none is a road"), "\(error)")
                return nil
            }
        }
    }

    static let pbfStyles: [(String, TestMap.PBFStyle)] = [
        ("zlib dense", .init()),
        ("raw dense", .init(compress: false)),
        ("plain nodes", .init(dense: false)),
        ("small blocks", .init(blockSize: 7)),
        ("ways first", .init(blockSize: 10, waysFirst: true)),
        ("mixed groups", .init(mixedBlocks: true)),
        ("unpacked fields", .init(dense: false, unpacked: true)),
        ("unknown blob", .init(unknownBlob: true)),
        ("granularity 1000 with offsets", .init(granularity: 1000, latOffset: 1_234_000, lonOffset: -987_000)),
    ]

    @Test(arguments: 0..<40)
    func pbfAndXMLGiveTheSameGraph(seed: Int) throws {
        let step: Int32 = seed % 4 == 3 ? 10 : 1  // granularity 1000 needs coordinates in steps of 10⁻⁶°
        let map = Self.randomMap(seed: UInt64(seed), granularityStep: step)
        let profile: VehicleProfile = seed % 2 == 0 ? .hgv : .car
        let simplification = OSMGraphReader.Simplification.allCases[seed % 3]
        let reader = OSMGraphReader(profile: profile, simplification: simplification, threads: 1 + seed % 3)
        var xmlStyle = TestMap.XMLStyle()
        xmlStyle.singleQuotes = seed % 2 == 1
        xmlStyle.tabs = seed % 3 == 0
        xmlStyle.metadata = seed % 5 != 0
        xmlStyle.crlf = seed % 7 == 0
        xmlStyle.comments = seed % 4 == 0
        xmlStyle.waysFirst = seed % 6 == 0
        let reference = try Self.read(map.xml(xmlStyle), suffix: ".osm", reader)
        let gz = try Self.read(gzipCompress(map.xml(xmlStyle)), suffix: ".osm.gz", reader)
        #expect((reference == nil) == (gz == nil))
        if let reference, let gz {
            let same = sameGraph(reference.0, gz.0)
            #expect(same)
        }

        var styles = Self.pbfStyles.filter { step == 10 || $0.1.granularity == 100 }
        if step == 10 { styles = styles.filter { $0.1.granularity != 100 } + [styles[0]] }
        for (name, style) in styles {
            let pbf = try Self.read(map.pbf(style), suffix: ".osm.pbf", reader)
            #expect((reference == nil) == (pbf == nil), "\(name)")
            guard let reference, let pbf else { continue }
            let same = sameGraph(reference.0, pbf.0)
            #expect(same, "\(name)")
            #expect(pbf.1.nodes == map.nodes.count, "\(name)")
            #expect(pbf.1.ways == map.ways.count, "\(name)")
            #expect(pbf.1.relations == map.relations.count, "\(name)")
            #expect(reference.1.nodes == map.nodes.count && reference.1.ways == map.ways.count)
            #expect(reference.1.relations == map.relations.count)
            #expect(reference.1.missingNodeReferences == pbf.1.missingNodeReferences)
        }
    }

    /// A real pair: `stockholm.osm.gz` is `osmium cat stockholm.osm.pbf` (see
    /// `samples/osm/README.md`).
    @Test(arguments: [VehicleProfile.hgv, .car], OSMGraphReader.Simplification.allCases)
    func realPairGivesTheSameGraph(profile: VehicleProfile, simplification: OSMGraphReader.Simplification) throws {
        let reader = OSMGraphReader(profile: profile, simplification: simplification)
        let pbf = try reader.read(path: osmSample("stockholm.osm.pbf"))
        let xml = try reader.read(path: osmSample("stockholm.osm.gz"))
        let same = sameGraph(pbf, xml)
            #expect(same)
        #expect(pbf.nodeCount > 20)
    }

    /// XML as hand editors and old tools write it.
    @Test func tolerantXML() throws {
        let text = """
            <?xml version='1.0' encoding='UTF-8'?>
            <!DOCTYPE osm [ <!ENTITY x "y"> ]>
            <osm version='0.6'>
            \t<bounds minlat='51.18' minlon='14.40' maxlat='51.19' maxlon='14.41'/>
            <!-- a comment
                 over two lines -->
            \t<node id='1' lat='51.1800000' lon='14.4000000'/>
            \t<node\tid="2"\r\n lat = "51.181" lon="14.401" ></node>
            \t<node id='3' lat='51.182' lon='14.4020000'><tag k='highway' v='traffic_signals'/></node>
            \t<node id='4' action='delete' lat='0' lon='0'/>
            \t<way id='10'>
            \t\t<nd ref='1'/><nd ref="2"/>
            \t\t<nd ref='3'/>
            \t\t<tag k='highway' v='residential'/>
            \t\t<tag k='name' v='A &amp; B &#x3C;&#60;&gt; \"q\" &apos;'/>
            \t</way>
            \t<way id='11' action='delete'><nd ref='1'/><nd ref='3'/><tag k='highway' v='primary'/></way>
            <![CDATA[ <way id='12'> ]]>
            </osm>
            """
        let (g, s) = try withTemporaryFile(Array(text.utf8), suffix: ".osm") {
            try OSMGraphReader(profile: .car, simplification: .none).readWithStatistics(path: $0)
        }
        #expect(s.nodes == 3 && s.ways == 1)
        #expect(g.nodeCount == 3)
        #expect(g.edgeCount == 4)
        let n2 = try #require(g.node(originalID: 2))
        #expect(g.latitudeE7[n2] == 511_810_000 && g.longitudeE7[n2] == 144_010_000)
    }

    @Test func characterReferences() {
        let raw = Array("A &amp; B &#x3C;&#60;&gt; &quot;q&quot; &apos; &bogus; & end".utf8)
        let s = raw.withUnsafeBytes { XMLScanner.decodeReferences($0) }
        #expect(s == "A & B <<> \"q\" ' &bogus; & end")
    }

    @Test(arguments: [
        ("59.3172475", 593_172_475), ("-33.7", -337_000_000), ("0", 0), ("18.06", 180_600_000),
        ("59.31724755", 593_172_476), ("-59.31724755", -593_172_476), ("59.31724754", 593_172_475),
        ("+1.5", 15_000_000), ("1.5e1", 150_000_000), (".5", 5_000_000),
    ] as [(String, Int64)])
    func fixedPointCoordinates(text: String, e7: Int64) throws {
        let xml = "<osm><node id='1' lat='\(text)' lon='\(text)'/><way id='2'><nd ref='1'/><nd ref='3'/><tag k='highway' v='primary'/></way><node id='3' lat='1' lon='1'/></osm>"
        let g = try withTemporaryFile(Array(xml.utf8), suffix: ".osm") {
            try OSMGraphReader(profile: .car).read(path: $0)
        }
        let n = try #require(g.node(originalID: 1))
        #expect(Int64(g.latitudeE7[n]) == e7)
    }
}
