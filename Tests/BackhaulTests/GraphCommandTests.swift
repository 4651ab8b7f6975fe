import Foundation
import Testing
@testable import Backhaul
@testable import backhaul
import Routing

/// A small graph around Valletta with shapes and a one-way island.
private func maltaLikeGraph() throws -> RoadGraph {
    var b = RoadGraphBuilder(metric: .duration, profile: "hgv")
    let pts: [(Int64, Int32, Int32)] = [(1, 358_990_000, 145_140_000), (2, 359_000_000, 145_150_000),
                                        (3, 359_010_000, 145_140_000), (4, 359_500_000, 144_000_000)]
    for (id, la, lo) in pts { b.addNode(originalID: id, latitudeE7: la, longitudeE7: lo) }
    for (u, v) in [(0, 1), (1, 2), (2, 0)] {
        b.addEdge(from: u, to: v, length: 1500, duration: 120, shape: [(latitudeE7: 359_000_000, longitudeE7: 145_140_000)])
        b.addEdge(from: v, to: u, length: 1500, duration: 120, shape: [(latitudeE7: 359_000_000, longitudeE7: 145_140_000)])
    }
    b.addEdge(from: 2, to: 3, length: 90_000, duration: 4000)
    return try b.build()
}

@Suite struct GraphCommandTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test func infoDescribesABinaryGraph() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = path("malta.osm.pbf")
        try Data("not really a map".utf8).write(to: URL(fileURLWithPath: raw))
        let g = try maltaLikeGraph()
        try BinaryGraphFile(graph: g, source: SourceFileStamp(describing: raw)).write(to: path("malta.bhg"))

        var options = GraphInfoJob.Options(graphPath: path("malta.bhg"))
        options.format = .json
        let json = try GraphInfoJob.run(options)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(o["format"] as? String == "bhg")
        #expect(o["format_version"] as? Int == 2)
        #expect(o["nodes"] as? Int == 4)
        #expect(o["edges"] as? Int == 7)
        #expect(o["shape_points"] as? Int == 6)
        #expect(o["profile"] as? String == "hgv")
        #expect(o["metric"] as? String == "duration")
        let scc = try #require(o["largest_scc"] as? [String: Any])
        #expect(scc["nodes"] as? Int == 3)
        #expect(scc["share"] as? Double == 0.75)
        #expect(scc["stored"] as? Bool == true)
        let box = try #require(o["bounding_box"] as? [String: Any])
        #expect(box["min_lat"] as? Double == 35.899)
        #expect(box["max_lat"] as? Double == 35.95)
        #expect(box["min_lon"] as? Double == 14.4)
        #expect(box["max_lon"] as? Double == 14.515)
        let source = try #require(o["source"] as? [String: Any])
        #expect(source["name"] as? String == "malta.osm.pbf")
        #expect(source["bytes"] as? Int == 16)
        #expect(source["status"] as? String == "unchanged")
        #expect(o["memory_bytes"] as? Int == g.memoryFootprint)

        options.format = .text
        let text = try GraphInfoJob.run(options)
        #expect(text.contains("nodes:        4\n"))
        #expect(text.contains("largest SCC:  3 nodes (75.00 % of all)"))
        #expect(text.contains("35.8990000,14.4000000 to 35.9500000,14.5150000"))
        #expect(text.contains("unchanged since the build"))
        #expect(!text.contains("vehicle:"))
        #expect(o["vehicle"] is NSNull)
    }

    /// A graph built for a vehicle says which, with its limits, in both formats.
    @Test func infoNamesTheVehicleTheGraphWasBuiltFor() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var b = RoadGraphBuilder(metric: .duration, profile: "hgv")
        b.addNode(originalID: 1, latitudeE7: 358_990_000, longitudeE7: 145_140_000)
        b.addNode(originalID: 2, latitudeE7: 359_000_000, longitudeE7: 145_150_000)
        b.addEdge(from: 0, to: 1, length: 1500, duration: 120)
        b.vehicle = .euArticulated
        try BinaryGraphFile(graph: try b.build()).write(to: path("v.bhg"))
        var options = GraphInfoJob.Options(graphPath: path("v.bhg"))
        let text = try GraphInfoJob.run(options)
        let v = VehicleDimensions.euArticulated
        #expect(text.contains("vehicle:      \(v.name) (40 t, 4 m high, 2.55 m wide, 16.5 m long"), "\(text)")
        options.format = .json
        let o = try #require(try JSONSerialization.jsonObject(with: Data(try GraphInfoJob.run(options).utf8)) as? [String: Any])
        let vehicle = try #require(o["vehicle"] as? [String: Any])
        #expect(vehicle["name"] as? String == v.name)
        #expect(vehicle["weight_t"] as? Double == v.weightTonnes && vehicle["height_m"] as? Double == v.heightMetres)
        #expect(vehicle["width_m"] as? Double == v.widthMetres && vehicle["length_m"] as? Double == v.lengthMetres)
    }

    @Test func aStaleGraphIsRefusedButDescribed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = path("roads.osm")
        try Data("<osm/>".utf8).write(to: URL(fileURLWithPath: raw))
        try BinaryGraphFile(graph: try maltaLikeGraph(), source: SourceFileStamp(describing: raw)).write(to: path("roads.bhg"))
        _ = try GraphLoader.load(path("roads.bhg"))
        try Data("<osm version='0.6'/>".utf8).write(to: URL(fileURLWithPath: raw))
        let error = try #require(throws: CommandFailure.self) { try GraphLoader.load(path("roads.bhg")) }
        #expect(error.status == .invalidInput)
        #expect(error.message.contains("stale graph"))
        #expect(error.message.contains("backhaul graph build \(raw) -o \(path("roads.bhg"))"))
        let text = try GraphInfoJob.run(GraphInfoJob.Options(graphPath: path("roads.bhg")))
        #expect(text.contains("CHANGED since the build"))
        // Moved away from its source, the graph stands on its own.
        try FileManager.default.removeItem(atPath: raw)
        _ = try GraphLoader.load(path("roads.bhg"))
    }

    @Test func badGraphFilesGiveTheContractsExitStatuses() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try #require(throws: CommandFailure.self) { try GraphInfoJob.run(GraphInfoJob.Options(graphPath: path("absent.bhg"))) }
        #expect(missing.status == .usage)
        try BinaryGraphFile(graph: try maltaLikeGraph()).write(to: path("g.bhg"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path("g.bhg")))
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path("g.bhg")))
        let corrupt = try #require(throws: CommandFailure.self) { try GraphInfoJob.run(GraphInfoJob.Options(graphPath: path("g.bhg"))) }
        #expect(corrupt.status == .invalidInput)
        #expect(corrupt.message.hasPrefix(path("g.bhg") + ": checksum mismatch"))
        // Building from a .bhg is a usage error; nothing is written.
        let again = try #require(throws: CommandFailure.self) {
            try GraphBuildJob.run(GraphBuildJob.Options(inputPath: path("g.bhg"), outputPath: path("out.bhg")))
        }
        #expect(again.status == .usage)
        #expect(!FileManager.default.fileExists(atPath: path("out.bhg")))
        // Through the command line: exit 3 for the corrupt file, 2 for a missing option.
        #expect(CommandLineTool.run(["graph", "info", path("g.bhg")], root: BackhaulCommand.root) == .invalidInput)
        #expect(CommandLineTool.run(["graph", "build", path("g.bhg")], root: BackhaulCommand.root) == .usage)
    }
}

/// `samples/dimacs/` in the repository.
private let dimacsSamples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/dimacs").path

@Suite struct GraphBuildJobTests {
    @Test func buildsTheMidtownSampleAndEveryGraphUserLoadsIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-graph-build-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gr = dimacsSamples + "/NY-midtown.gr.gz"
        var options = GraphBuildJob.Options(inputPath: gr, outputPath: dir + "/ny.bhg")
        options.loading.dimacsUnit = "dm"
        let summary = try GraphBuildJob.run(options)
        #expect(summary.format == "dimacs")
        #expect(summary.nodes == 4000 && summary.edges == 13358)
        #expect(summary.largestComponentNodes == 4000)
        #expect(summary.text().contains("4000 nodes, 13358 edges, profile dimacs"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["ny.bhg"])
        // The hierarchy is stored by default, and every graph user gets it.
        let stored = try #require(summary.hierarchy)
        #expect(stored.shortcuts > 0 && stored.bytes > 16 * 13358)
        #expect(summary.text().contains("contraction hierarchy: \(stored.shortcuts) shortcuts, \(stored.bytes) bytes"))
        let network = try RoadNetwork.load(dir + "/ny.bhg")
        let h = try #require(network.storedHierarchy)
        #expect(h.shortcutCount == stored.shortcuts && h.storedByteCount == stored.bytes)
        #expect(try network.hierarchy().shortcutCount == stored.shortcuts)
        let infoText = try GraphInfoJob.run(GraphInfoJob.Options(graphPath: dir + "/ny.bhg"))
        #expect(infoText.contains("hierarchy:    stored: \(stored.shortcuts) shortcuts"))

        // --graph ny.bhg (route, matrix, match) gives the graph the raw file gives.
        let raw = try RoadNetwork.load(gr, dimacsUnit: .decimetres).graph
        let built = try RoadNetwork.load(dir + "/ny.bhg").graph
        #expect(built.edgeStart == raw.edgeStart && built.edgeTarget == raw.edgeTarget)
        #expect(built.edgeLength == raw.edgeLength && built.originalIDs == raw.originalIDs)
        #expect(built.latitudeE7 == raw.latitudeE7 && built.longitudeE7 == raw.longitudeE7)

        // graph info on the raw file builds it on the spot and says so.
        var info = GraphInfoJob.Options(graphPath: gr)
        info.loading.dimacsUnit = "dm"
        info.format = .json
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try GraphInfoJob.run(info).utf8)) as? [String: Any])
        #expect(json["format"] as? String == "dimacs")
        #expect(json["format_version"] is NSNull)
        #expect(json["nodes"] as? Int == 4000)
        #expect((json["hierarchy"] as? [String: Any])?["stored"] as? Bool == false)

        // --no-hierarchy: a smaller file that says it has none; a run that
        // wants one builds it (once) and gets the same costs.
        options.outputPath = dir + "/ny-small.bhg"
        options.hierarchy = false
        let small = try GraphBuildJob.run(options)
        #expect(small.hierarchy == nil && small.outputBytes + UInt64(stored.bytes) <= summary.outputBytes)
        #expect(small.text().contains("contraction hierarchy: not stored (--no-hierarchy)"))
        info = GraphInfoJob.Options(graphPath: dir + "/ny-small.bhg")
        info.format = .json
        let smallJSON = try #require(try JSONSerialization.jsonObject(with: Data(try GraphInfoJob.run(info).utf8)) as? [String: Any])
        #expect((smallJSON["hierarchy"] as? [String: Any])?["stored"] as? Bool == false)
        let bare = try RoadNetwork.load(dir + "/ny-small.bhg")
        #expect(bare.storedHierarchy == nil)
        let onDemand = try bare.hierarchy(threads: 1, console: Console(quiet: true))
        let points = (0..<30).map { NetworkPoint.node($0 * 131, in: bare.graph) }
        let pairs = (0..<30).flatMap { i in (0..<30).map { IndexPair(source: i, target: $0) } }
        #expect(try onDemand.costs(from: points, to: points, pairs: pairs) == h.costs(from: points, to: points, pairs: pairs))
        let again = try bare.hierarchy()
        #expect(again.storedByteCount == onDemand.storedByteCount)  // cached, not rebuilt

        // The output may not be the input.
        let same = try #require(throws: CommandFailure.self) {
            try GraphBuildJob.run(GraphBuildJob.Options(inputPath: gr, outputPath: dimacsSamples + "/../dimacs/NY-midtown.gr.gz"))
        }
        #expect(same.status == .usage)
        // A file that is no road graph: exit 3, nothing written.
        let junk = dir + "/junk.gr"
        try Data("p sp 2 1\na 1 3 5\n".utf8).write(to: URL(fileURLWithPath: junk))
        let bad = try #require(throws: CommandFailure.self) {
            try GraphBuildJob.run(GraphBuildJob.Options(inputPath: junk, outputPath: dir + "/junk.bhg"))
        }
        #expect(bad.status == .invalidInput)
        #expect(bad.message.hasPrefix(junk + ":2: "))
        #expect(!FileManager.default.fileExists(atPath: dir + "/junk.bhg"))
    }
}
