import Foundation
import Testing
@testable import Routing

@Suite struct DIMACSTests {
    static let small = """
        c a comment
        p sp 4 5
        a 1 2 10
        a 2 3 20
        a 3 1 5
        a 1 2 7
        a 4 4 0
        """

    @Test func readsArcsInMetresByDefault() throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("g.gr", Self.small)
        let g = try DIMACS.loadGraph(at: gr)
        #expect(g.nodeCount == 4)
        #expect(g.edgeCount == 5)
        #expect(!g.hasCoordinates)
        #expect(g.metric == .distance)
        #expect(g.profile == "dimacs")
        var arcs: [String] = []
        for u in 0..<g.nodeCount {
            for e in g.edges(from: u) {
                arcs.append("\(g.originalID(of: u))>\(g.originalID(of: Int(g.edgeTarget[e]))):\(g.edgeLength[e])/\(g.edgeDuration[e])")
            }
        }
        // metres × 10 = decimetres; 60 km/h: 100 m = 6 s = 60 ds.
        #expect(arcs.sorted() == ["1>2:100/6", "1>2:70/4", "2>3:200/12", "3>1:50/3", "4>4:0/0"])
    }

    @Test func decimetresAreTakenAsIs() throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("g.gr", "p sp 2 1\na 1 2 1000\n")
        let g = try DIMACS.loadGraph(at: gr, unit: .decimetres)
        #expect(g.edgeLength == [1000])
        #expect(g.edgeDuration == [60])  // 100 m at 60 km/h = 6 s
    }

    @Test(arguments: [
        (0, 0), (8, 0), (9, 1), (1000, 60), (UInt32.max, 257_698_038),
    ] as [(UInt32, UInt32)])
    func durationIsLengthAt60KilometresPerHour(length: UInt32, duration: UInt32) {
        let m = DIMACS.measures(weight: Int64(length), unit: .decimetres)
        #expect(m?.length == length)
        #expect(m?.duration == duration)
    }

    @Test func coordinatesComeFromTheCoFile() throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("g.gr", "p sp 2 2\na 1 2 3\na 2 1 3\n")
        let co = try dir.write("g.co", "c x = lon, y = lat\np aux sp co 2\nv 2 -73985652 40758037\nv 1 18068581 59329323\n")
        #expect(DIMACS.coordinatesPath(besideGraphAt: gr) == co)
        let g = try DIMACS.loadGraph(at: gr, coordinatesAt: co)
        let one = try #require(g.node(originalID: 1)), two = try #require(g.node(originalID: 2))
        #expect(g.latitudeE7[one] == 593_293_230 && g.longitudeE7[one] == 180_685_810)
        #expect(g.latitudeE7[two] == 407_580_370 && g.longitudeE7[two] == -739_856_520)
    }

    @Test func coordinatesFileBesideTheGraphIsFound() throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("x.gr.gz", [])
        #expect(DIMACS.coordinatesPath(besideGraphAt: gr) == nil)
        let co = try dir.write("x.co", [])
        #expect(DIMACS.coordinatesPath(besideGraphAt: gr) == co)
        let cogz = try dir.write("x.co.gz", [])
        #expect(DIMACS.coordinatesPath(besideGraphAt: gr) == cogz)
        #expect(DIMACS.coordinatesPath(besideGraphAt: dir.path + "/x.gr") == co)
        #expect(DIMACS.coordinatesPath(besideGraphAt: dir.path + "/x.txt") == nil)
    }

    @Test func crlfBlankLinesAndMissingFinalNewlineAreAccepted() throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("g.gr", "c x\r\n\r\np sp 2 1\r\n\r\na 1 2 5")
        let g = try DIMACS.loadGraph(at: gr)
        #expect(g.edgeLength == [50])
    }

    /// Every malformed file is an `InputError` naming the file and the line.
    @Test(arguments: [
        ("p sp 3 2\na 1 2 1\n", 1, "announces 2 arcs but the file has 1"),
        ("p sp 3 1\na 1 2 1\na 2 3 1\n", 3, "more arcs than the 1 announced"),
        ("p sp 3 1\na 1 x 1\n", 2, "integer fields"),
        ("p sp 3 1\na 1 2 1.5\n", 2, "integer fields"),
        ("p sp 3 1\na 1 2\n", 2, "integer fields"),
        ("p sp 3 1\na 1 2 3 4\n", 2, "integer fields"),
        ("p sp 3 1\na 0 2 1\n", 2, "tail node 0 is out of range 1…3"),
        ("p sp 3 1\na 1 4 1\n", 2, "head node 4 is out of range 1…3"),
        ("p sp 3 1\na 1 2 -1\n", 2, "negative arc weight"),
        ("p sp 3 1\na 1 2 999999999999\n", 2, "too long"),
        ("p sp 3 1\na 1 2 429496730\n", 2, "too long"),  // × 10 > 2³² − 1
        ("a 1 2 1\np sp 3 1\n", 1, "before the 'p sp"),
        ("c ok\np sp 3 1\np sp 3 1\n", 3, "second problem line"),
        ("p xx 3 1\n", 1, "expected the problem line"),
        ("p sp three 1\n", 1, "expected the problem line"),
        ("p sp 0 0\n", 1, "node count 0 is out of range"),
        ("p sp 4000000000 1\n", 1, "node count 4000000000 is out of range 1…134217727"),
        ("p sp 3 -1\n", 1, "arc count -1 is out of range"),
        ("p sp 3 1\nx 1 2 1\n", 2, "unexpected line"),
        ("p sp 3 1\nab 1 2 1\n", 2, "unexpected line"),
        ("c nothing here\n", nil, "no 'p sp"),
        ("", nil, "no 'p sp"),
    ] as [(String, Int?, String)])
    func malformedGraphFilesNameFileAndLine(text: String, line: Int?, message: String) throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("bad.gr", text)
        let error = try #require(throws: InputError.self) { try DIMACS.loadGraph(at: gr) }
        #expect(error.path == gr)
        #expect(error.line == line)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test(arguments: [
        ("p aux sp co 2\nv 1 0 0\n", 1, "only 1 of 2 nodes have a coordinate (node 2 has none)"),
        ("p aux sp co 3\nv 1 0 0\n", 1, "for 3 nodes but the graph has 2"),
        ("p aux sp co 2\nv 1 0 0\nv 1 0 0\n", 3, "second coordinate"),
        ("p aux sp co 2\nv 3 0 0\n", 2, "out of range 1…2"),
        ("p aux sp co 2\nv 1 0 x\n", 2, "integer fields"),
        ("p aux sp co 2\nv 1 181000000 0\n", 2, "longitude"),
        ("p aux sp co 2\nv 1 0 -91000000\n", 2, "latitude"),
        ("v 1 0 0\n", 1, "before the 'p aux sp co"),
        ("p sp 2\n", 1, "expected the problem line 'p aux sp co"),
        ("c empty\n", nil, "no 'p aux sp co"),
    ] as [(String, Int?, String)])
    func malformedCoordinateFilesNameFileAndLine(text: String, line: Int?, message: String) throws {
        let dir = try TemporaryDirectory()
        let gr = try dir.write("g.gr", "p sp 2 1\na 1 2 1\n")
        let co = try dir.write("g.co", text)
        let error = try #require(throws: InputError.self) { try DIMACS.loadGraph(at: gr, coordinatesAt: co) }
        #expect(error.path == co)
        #expect(error.line == line)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func missingFileIsAnInputError() throws {
        let error = try #require(throws: InputError.self) {
            try DIMACS.loadGraph(at: "/nonexistent/backhaul/none.gr")
        }
        #expect(error.description.hasPrefix("/nonexistent/backhaul/none.gr: cannot open"))
    }

    /// The real piece of New York: size, coordinates, and a truncated copy
    /// cut at many points, which must fail cleanly (never crash or hang).
    @Test func truncatedGzipIsRefusedAtEveryCut() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try fixturePath("NY-midtown.gr.gz"))))
        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: 42)
        var cuts = [2, 10, 20, bytes.count / 2, bytes.count - 8, bytes.count - 1]
        for _ in 0..<20 { cuts.append(Int(rng.next() % UInt64(bytes.count - 2)) + 2) }
        for cut in cuts {
            let path = try dir.write("cut.gr.gz", Array(bytes[..<cut]))
            let error = try #require(throws: InputError.self) { try DIMACS.loadGraph(at: path, unit: .decimetres) }
            #expect(error.path == path)
        }
    }

    @Test func graphFileDispatchesOnNameAndContent() throws {
        let dir = try TemporaryDirectory()
        #expect(GraphFile.format(ofName: "a/b.GR.gz") == .dimacs)
        #expect(GraphFile.format(ofName: "x.osm.pbf") == .osmPBF)
        #expect(GraphFile.format(ofName: "x.osm.gz") == .osmXML)
        #expect(GraphFile.format(ofName: "x.bhg") == .backhaulGraph)
        #expect(GraphFile.format(ofName: "x.txt") == nil)
        let unnamed = try dir.write("graph.txt", "c no extension\np sp 2 1\na 1 2 4\n")
        #expect(try GraphFile.format(of: unnamed) == .dimacs)
        #expect(try GraphFile.open(unnamed).edgeLength == [40])
        #expect(try GraphFile.open(unnamed, options: .init(dimacsUnit: .decimetres)).edgeLength == [4])
        let xml = try dir.write("map.data", "<?xml version='1.0'?><osm></osm>")
        #expect(try GraphFile.format(of: xml) == .osmXML)
        let junk = try dir.write("junk.bin", [0, 1, 2, 3])
        #expect(throws: InputError.self) { try GraphFile.open(junk) }
        let pbf = try dir.write("x.osm.pbf", [0])
        let error = try #require(throws: InputError.self) { try GraphFile.open(pbf) }
        #expect(error.message.contains("not an OpenStreetMap file"))
    }
}
