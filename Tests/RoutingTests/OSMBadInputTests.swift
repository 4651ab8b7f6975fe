import Testing
@testable import Routing

/// Bad input is an ``InputError`` naming the file (and the line, for XML),
/// never a crash or a hang.
@Suite struct OSMBadInputTests {
    static func error(_ bytes: [UInt8], suffix: String, profile: VehicleProfile = .hgv) throws -> InputError? {
        try withTemporaryFile(bytes, suffix: suffix) { path in
            do throws(InputError) {
                _ = try OSMGraphReader(profile: profile).read(path: path)
                return nil
            } catch {
                #expect(error.path == path)
                return error
            }
        }
    }

    static func expectError(_ bytes: [UInt8], suffix: String, containing text: String, line: Int? = nil) throws {
        let e = try #require(try error(bytes, suffix: suffix), "expected an error containing '\(text)'")
        #expect(e.message.contains(text), "\(e)")
        if let line { #expect(e.line == line, "\(e)") }
    }

    @Test func missingFile() {
        #expect(throws: InputError.self) { try OSMGraphReader().read(path: "/nonexistent/x.osm.pbf") }
    }

    @Test(arguments: [".osm.pbf", ".osm", ".osm.gz"])
    func emptyFile(suffix: String) throws {
        try Self.expectError([], suffix: suffix, containing: "empty")
    }

    @Test(arguments: 0..<20)
    func garbage(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let bytes = (0..<(1 + Int(rng.next() % 5000))).map { _ in UInt8(truncatingIfNeeded: rng.next()) | (seed % 2 == 0 ? 0 : 0x80) }
        let e = try #require(try Self.error(bytes, suffix: ".osm.pbf"))
        #expect(!e.message.isEmpty)
    }

    @Test func notOSMAtAll() throws {
        try Self.expectError(Array("hello, world\n".utf8), suffix: ".osm.pbf", containing: "not an OpenStreetMap file")
        try Self.expectError(Array("<html><body/></html>".utf8), suffix: ".osm", containing: "not <osm>", line: 1)
        try Self.expectError(gzipCompress(Array("id,lat,lon\n1,2,3\n".utf8)), suffix: ".osm.gz", containing: "not an OpenStreetMap file")
    }

    /// Cutting a real PBF file anywhere gives an error, at every kind of
    /// boundary: inside the length, the header, the blob.
    @Test(arguments: [1, 3, 4, 5, 10, 14, 100, 120, 1000, 40_000, 73_000, 73_264])
    func truncatedPBF(length: Int) throws {
        let bytes = try fileBytes(osmSample("stockholm.osm.pbf"))
        try #require(length < bytes.count)
        let e = try #require(try Self.error(Array(bytes[0..<length]), suffix: ".osm.pbf"))
        #expect(e.message.contains("truncated") || e.message.contains("not an OpenStreetMap file"), "\(e)")
    }

    @Test func truncatedGzip() throws {
        let bytes = try fileBytes(osmSample("stockholm.osm.gz"))
        try Self.expectError(Array(bytes[0..<(bytes.count / 2)]), suffix: ".osm.gz", containing: "truncated")
    }

    @Test(arguments: [10, 500, 50_000, 99_000])
    func truncatedXML(length: Int) throws {
        let bytes = try fileBytes(osmSample("bautzen.osm"))
        let e = try #require(try Self.error(Array(bytes[0..<length]), suffix: ".osm"))
        #expect(e.line != nil || e.message.contains("no road"), "\(e)")
    }

    @Test func xmlWithoutWays() throws {
        let xml = "<?xml version='1.0'?><osm version='0.6'><node id='1' lat='1' lon='2'/></osm>"
        try Self.expectError(Array(xml.utf8), suffix: ".osm", containing: "has no ways")
        try Self.expectError(Array("<osm/>".utf8), suffix: ".osm", containing: "has no ways")
    }

    @Test func xmlWithoutRoads() throws {
        let xml = """
            <osm version="0.6">
            <node id="1" lat="1" lon="2"/><node id="2" lat="1.001" lon="2"/>
            <way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>
            <way id="4"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="hgv" v="no"/></way>
            </osm>
            """
        try Self.expectError(Array(xml.utf8), suffix: ".osm", containing: "none is a road the hgv profile may use")
        #expect(try Self.error(Array(xml.utf8), suffix: ".osm", profile: .car) == nil)
    }

    @Test func roadsWithoutNodes() throws {
        let xml = "<osm><way id='3'><nd ref='1'/><nd ref='2'/><tag k='highway' v='primary'/></way></osm>"
        try Self.expectError(Array(xml.utf8), suffix: ".osm", containing: "has coordinates")
    }

    /// Malformed XML: message and line.
    static let malformed: [(String, String, Int)] = [
        ("<osm>\n<node id='1' lat='1' lon='2'\n", "ends inside a tag", 2),
        ("<osm>\n\n<node id='x' lat='1' lon='2'/></osm>", "invalid id", 3),
        ("<osm>\n<node id='1' lat='91' lon='2'/></osm>", "invalid latitude", 2),
        ("<osm>\n<node id='1' lat='abc' lon='2'/></osm>", "invalid latitude", 2),
        ("<osm>\n<node id='1' lon='2'/></osm>", "no lat/lon", 2),
        ("<osm>\n<node id='1' lat=1 lon='2'/></osm>", "not quoted", 2),
        ("<osm>\n<node id='1' lat '1' lon='2'/></osm>", "expected '='", 2),
        ("<osm>\n<node id='1' lat='1 lon='2'/></osm>", "ends inside a tag", 2),
        ("<osm>\n<way id='1'>\n<nd/></way></osm>", "no valid ref", 3),
        ("<osm>\n<way id='1'>\n<tag k='highway'/></way></osm>", "lacks k or v", 3),
        ("<osm>\n<!-- never closed", "unterminated", 2),
        ("<osm version='0.5'></osm>", "version 0.5", 1),
        ("<osmChange version='0.6'></osmChange>", "osmChange", 1),
        ("<osm>\n<way id='1'>\n<nd ref='1'/>", "ends inside way 1", 2),
        ("<osm>\n<node <id='1'/></osm>", "'<' inside a tag", 2),
        ("<osm>\n<way id='7'>\n<nd ref='1'/>\n<way id='8'></way></osm>", "way 7 is not closed before <way> on line 4", 2),
    ]

    @Test(arguments: malformed)
    func malformedXML(xml: String, message: String, line: Int) throws {
        try Self.expectError(Array(xml.utf8), suffix: ".osm", containing: message, line: line)
    }

    @Test func unsupportedRequiredFeature() throws {
        var map = OSMRoutingTests.square(("name", "x"))
        map.relations = []
        var style = TestMap.PBFStyle()
        style.requiredFeatures = ["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]
        try Self.expectError(map.pbf(style), suffix: ".osm.pbf", containing: "HistoricalInformation")
        style.requiredFeatures = ["OsmSchema-V0.6", "Sort.Geographic.Frobnicated"]
        try Self.expectError(map.pbf(style), suffix: ".osm.pbf", containing: "Sort.Geographic.Frobnicated")
        // The supported ones are fine.
        style.requiredFeatures = ["OsmSchema-V0.6", "DenseNodes"]
        #expect(try Self.error(map.pbf(style), suffix: ".osm.pbf") == nil)
    }

    @Test(arguments: [(4, "LZMA"), (6, "LZ4"), (7, "zstd"), (5, "bzip2")])
    func unsupportedCompression(field: Int, name: String) throws {
        // A header blob, then a data blob compressed with something else.
        let map = OSMRoutingTests.square(("name", "x"))
        var file = Array(map.pbf(.init(compress: false)).prefix { _ in true })
        var blob = PB()
        blob.varint(2, 100)
        blob.bytes(field, [1, 2, 3, 4])
        var header = PB()
        header.string(1, "OSMData")
        header.varint(3, UInt64(blob.bytes.count))
        let n = header.bytes.count
        file += [0, 0, UInt8(n >> 8), UInt8(n & 0xff)] + header.bytes + blob.bytes
        try Self.expectError(file, suffix: ".osm.pbf", containing: name)
    }

    @Test func firstBlockMustBeTheHeader() throws {
        var blob = PB()
        blob.bytes(1, [])
        var header = PB()
        header.string(1, "OSMData")
        header.varint(3, UInt64(blob.bytes.count))
        let n = header.bytes.count
        let file = [0, 0, 0, UInt8(n)] + header.bytes + blob.bytes
        try Self.expectError(file, suffix: ".osm.pbf", containing: "not an OpenStreetMap file")
        // Named OSMHeader but the framing says otherwise later on.
        var ok = PB()
        ok.string(1, "OSMHeader")
        ok.varint(3, 1_000_000)
        let m = ok.bytes.count
        try Self.expectError([0, 0, 0, UInt8(m)] + ok.bytes + [1, 2, 3], suffix: ".osm.pbf", containing: "truncated")
    }

    @Test func hugeDeclaredSizesAreRefusedBeforeAllocating() throws {
        var h = PB()
        h.string(1, "OSMHeader")
        h.varint(3, 2_000_000_000)
        let n = h.bytes.count
        try Self.expectError([0, 0, 0, UInt8(n)] + h.bytes + [0], suffix: ".osm.pbf", containing: "outside 0…32 MiB")
        try Self.expectError([0x7f, 0xff, 0xff, 0xff] + Array("\n\tOSMHeader".utf8) + [1, 2, 3, 4, 5], suffix: ".osm.pbf", containing: "not an OpenStreetMap file")
    }

    /// Random truncations and byte flips of a real PBF file never crash:
    /// each read either succeeds (a flipped coordinate is still a file) or
    /// fails with an ``InputError``.
    @Test(arguments: 0..<8)
    func fuzzPBF(seed: Int) throws {
        let original = try fileBytes(osmSample("stockholm.osm.pbf"))
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        var failures = 0
        for round in 0..<25 {
            var bytes = original
            switch (seed + round) % 3 {
            case 0:
                bytes = Array(bytes[0..<Int(rng.next() % UInt64(bytes.count))])
            case 1:
                for _ in 0..<(1 + rng.next() % 4) {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    bytes[i] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
                }
            default:
                // Flip inside the first 200 bytes, where the framing and
                // header lengths are.
                let i = Int(rng.next() % 200)
                bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            if let e = try Self.error(bytes, suffix: ".osm.pbf") {
                failures += 1
                #expect(!e.message.isEmpty)
            }
        }
        #expect(failures > 0)
    }

    @Test(arguments: 0..<4)
    func fuzzXML(seed: Int) throws {
        let original = try fileBytes(osmSample("bautzen.osm"))
        var rng = SplitMix64(seed: UInt64(seed) &+ 99)
        for _ in 0..<15 {
            var bytes = original
            for _ in 0..<(1 + rng.next() % 6) {
                let i = Int(rng.next() % UInt64(bytes.count))
                bytes[i] = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), 0, 0xff, UInt8(ascii: "&"), UInt8(ascii: "/")][Int(rng.next() % 8)]
            }
            if let e = try Self.error(bytes, suffix: ".osm") { #expect(!e.message.isEmpty) }
        }
    }
}
