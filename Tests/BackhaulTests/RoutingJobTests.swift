import Foundation
import Pairing
import Routing
import Testing
@testable import Backhaul
@testable import backhaul

/// `samples/dimacs/` in the repository.
private let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/dimacs").path

private func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("backhaul-routing-jobs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

private func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

@Suite struct PointsFileTests {
    @Test func nodeAndCoordinateHeadersInAnyOrderAndCase() throws {
        let a = try PointsFile.parse(Array("\u{FEFF}ID,Node\r\nx,5\r\n\"y,1\",7\r\n".utf8), path: "p.csv")
        #expect(a.points == [.init(id: "x", location: .node(5), line: 2), .init(id: "y,1", location: .node(7), line: 3)])
        let b = try PointsFile.parse(Array("lon,note,id,lat\n18.07,\"multi\nline\",s,59.33\n\n".utf8), path: "p.csv")
        #expect(b.points == [.init(id: "s", location: .coordinate(latitude: 59.33, longitude: 18.07), line: 2)])
        #expect(b.ignoredColumns == ["note"])
    }

    @Test(arguments: [
        ("", "p.csv: the file is empty"),
        ("id,node\n", "p.csv: no points"),
        ("name,node\nx,1\n", "p.csv:1: the header has no 'id' column"),
        ("id,lat\nx,1\n", "p.csv:1: the header needs 'node' or both 'lat' and 'lon'"),
        ("id,node\nx,1\ny\n", "p.csv:3: expected 2 fields as in the header, found 1"),
        ("id,node\nx,1\nx,2\n", "p.csv:3: id 'x' repeats (first on line 2)"),
        ("id,node\n,1\n", "p.csv:2: empty id"),
        ("id,node\nx,1.5\n", "p.csv:2: node '1.5' is not an integer id"),
        ("id,lat,lon\nx,abc,1\n", "p.csv:2: lat 'abc' is not a number"),
        ("id,lat,lon\nx,1,nan\n", "p.csv:2: lon 'nan' is not a number"),
        ("id,lat,lon\nx,91,1\n", "p.csv:2: lat 91 is out of range ±90"),
        ("id,lat,lon\nx,1,-181\n", "p.csv:2: lon -181 is out of range ±180"),
        ("id,node\n\"x,1\n", "p.csv:2: a quoted field is not closed"),
        ("id,node\nx\"y,1\n", "p.csv:2: a quote inside an unquoted field"),
    ])
    func badPointsFilesNameFileAndLine(text: String, message: String) {
        #expect(throws: CommandFailure.self) { try PointsFile.parse(Array(text.utf8), path: "p.csv") }
        do {
            _ = try PointsFile.parse(Array(text.utf8), path: "p.csv")
        } catch {
            #expect(error.status == .invalidInput)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }
}

@Suite struct MatrixJobTests {
    func network() throws -> RoadNetwork {
        try RoadNetwork.load(samples + "/NY-midtown.gr.gz", dimacsUnit: .decimetres)
    }

    @Test func sampleMatrixAgreesWithRoutesAndKeepsInputOrder() throws {
        let net = try network()
        let file = try PointsFile.read(samples + "/points.csv")
        var options = MatrixOptions(graphPath: net.file, pointsPath: file.path)
        options.threads = 2
        let result = try MatrixJob.compute(points: file, network: net, options: options, console: Console(quiet: true, captureOnly: true))
        let n = file.points.count
        #expect(n >= 5)
        var search = ShortestPathSearch(graph: net.graph)
        for i in 0..<n {
            for j in 0..<n {
                guard case .node(let a) = file.points[i].location, case .node(let b) = file.points[j].location else {
                    Issue.record("sample points are nodes")
                    return
                }
                let r = try search.route(
                    from: .node(net.graph.node(originalID: a)!, in: net.graph),
                    to: .node(net.graph.node(originalID: b)!, in: net.graph))
                #expect(result.distance(from: i, to: j) == r?.cost.metres)
                #expect(result.duration(from: i, to: j) == r?.cost.seconds)
            }
            #expect(result.distance(from: i, to: i) == 0)
        }
        // CSV: header, then n² rows from-major in file order.
        let lines = String(decoding: result.csv(), as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "from,to,distance_m,duration_s")
        #expect(lines.count == 1 + n * n)
        for i in 0..<n {
            for j in 0..<n {
                let fields = lines[1 + i * n + j].split(separator: ",", omittingEmptySubsequences: false)
                #expect(fields[0] == file.points[i].id && fields[1] == file.points[j].id)
                #expect(Int(fields[2]) == result.distance(from: i, to: j))
            }
        }
        let json = try JSONSerialization.jsonObject(with: Data(result.json())) as? [String: Any]
        #expect((json?["graph"] as? [String: Any])?["distance_model"] as? String == "road")
        #expect((json?["distances_m"] as? [[Int]])?.count == n)
    }

    @Test func unknownNodeIsAnInputErrorWithLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("id,node\na,1\nb,999999\n", to: dir + "/p.csv")
        let file = try PointsFile.read(dir + "/p.csv")
        let error = try #require(throws: CommandFailure.self) {
            try MatrixJob.compute(points: file, network: try network(), options: .init(graphPath: nil, pointsPath: file.path), console: Console(quiet: true, captureOnly: true))
        }
        #expect(error.status == .invalidInput)
        #expect(error.message.hasPrefix(dir + "/p.csv:3: point 'b': node 999999 is not in the graph"))
    }

    @Test func coordinatesOnAGraphWithoutCoIsAClearError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: samples + "/NY-midtown.gr.gz", toPath: dir + "/g.gr.gz")
        try write("id,lat,lon\na,40.75,-73.98\n", to: dir + "/p.csv")
        let net = try RoadNetwork.load(dir + "/g.gr.gz", dimacsUnit: .decimetres)
        #expect(!net.graph.hasCoordinates)
        let file = try PointsFile.read(dir + "/p.csv")
        let error = try #require(throws: CommandFailure.self) {
            try MatrixJob.compute(points: file, network: net, options: .init(graphPath: nil, pointsPath: file.path), console: Console(quiet: true, captureOnly: true))
        }
        #expect(error.status == .invalidInput)
        #expect(error.message.contains("p.csv:2:") && error.message.contains(".co file beside it is missing"))
    }

    /// Coordinates are snapped to the nearest road; a point far from every
    /// road is unreachable (empty fields), not an error.
    @Test func coordinatesAreSnappedAndFarPointsAreUnreachable() throws {
        let net = try network()
        let text = "id,lat,lon\nts,40.75800,-73.98550\nbryant,40.75360,-73.98320\nsea,40.70,-73.40\nts2,40.75801,-73.98551\n"
        let file = try PointsFile.parse(Array(text.utf8), path: "p.csv")
        let console = Console(quiet: true, captureOnly: true)
        let result = try MatrixJob.compute(points: file, network: net, options: .init(graphPath: nil, pointsPath: "p.csv"), console: console)
        #expect(result.notes.map(\.point) == [2])
        #expect(console.warnings.count == 1 && console.warnings[0].hasPrefix("p.csv:4: point 'sea'"))
        for k in 0..<4 {
            #expect(result.distance(from: 2, to: k) == nil && result.distance(from: k, to: 2) == nil)
        }
        #expect(result.distance(from: 0, to: 0) == 0)
        #expect(result.snapMetres[0].map { $0 < 50 } == true)
        // Each pair agrees with a one-to-one search between the snapped points.
        var search = ShortestPathSearch(graph: net.graph)
        var placed: [NetworkPoint] = []
        for i in [0, 1, 3] {
            guard case .coordinate(let la, let lo) = file.points[i].location else {
                Issue.record("point \(i) should be a coordinate")
                return
            }
            placed.append(try net.snapper.snap(Coordinate(latitude: la, longitude: lo)))
        }
        for (a, i) in [0, 1, 3].enumerated() {
            for (b, j) in [0, 1, 3].enumerated() {
                #expect(result.distance(from: i, to: j) == (try search.route(from: placed[a], to: placed[b]))?.cost.metres)
            }
        }
        // Two points a metre apart on the same road: a short drive along it.
        #expect((result.distance(from: 0, to: 3) ?? 1000) < 5)
        let csv = String(decoding: result.csv(), as: UTF8.self)
        #expect(csv.contains("\nts,sea,,\n") && csv.contains("\nsea,sea,,\n"))
    }

    @Test func crowflyWithoutAGraph() throws {
        let file = try PointsFile.parse(Array("id,lat,lon\nvxo,56.8777,14.8091\nklr,56.6634,16.3567\n".utf8), path: "p.csv")
        let result = try MatrixJob.compute(
            points: file, network: nil, options: .init(graphPath: nil, pointsPath: "p.csv"), console: Console(quiet: true, captureOnly: true))
        let d = Coordinate(latitude: 56.8777, longitude: 14.8091).distance(to: Coordinate(latitude: 56.6634, longitude: 16.3567))
        #expect(result.distance(from: 0, to: 1) == Int((d * 1.3).rounded()))
        #expect(result.duration(from: 1, to: 0) == Int((d * 1.3 / (70 / 3.6)).rounded()))
        #expect(result.distance(from: 0, to: 0) == 0)
        #expect(result.graph.distanceModel == "crowfly")
        let json = String(decoding: result.json(), as: UTF8.self)
        #expect(json.contains("\"distance_model\":\"crowfly\"") && json.contains("\"circuity\":1.30"))
        // Node ids need a graph.
        let nodes = try PointsFile.parse(Array("id,node\na,1\n".utf8), path: "n.csv")
        let error = try #require(throws: CommandFailure.self) {
            try MatrixJob.compute(points: nodes, network: nil, options: .init(graphPath: nil, pointsPath: "n.csv"), console: Console(quiet: true, captureOnly: true))
        }
        #expect(error.status == .usage)
    }

    @Test func commandLineExitCodes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = BackhaulCommand.root
        let points = samples + "/points.csv"
        let graph = samples + "/NY-midtown.gr.gz"
        #expect(CommandLineTool.run(["matrix", "--graph", graph, "--dimacs-unit", "dm", points, "-o", dir + "/m.csv", "--threads", "2"], root: root) == .success)
        let csv = try String(contentsOfFile: dir + "/m.csv", encoding: .utf8)
        #expect(csv.hasPrefix("from,to,distance_m,duration_s\ntimes-square,times-square,0,0\n"))
        #expect(CommandLineTool.run(["matrix", "--graph", dir + "/none.gr", points, "-o", dir + "/x.csv"], root: root) == .usage)
        #expect(CommandLineTool.run(["matrix", "--graph", graph, dir + "/none.csv"], root: root) == .usage)
        #expect(CommandLineTool.run(["matrix", "--graph", graph, dir], root: root) == .usage)
        #expect(CommandLineTool.run(["matrix", "--graph", graph, "--threads", "0", points], root: root) == .usage)
        #expect(CommandLineTool.run(["matrix", "--grpah", graph, points], root: root) == .usage)
        // A truncated graph: invalid input, and nothing written.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: graph))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: dir + "/cut.gr.gz"))
        #expect(CommandLineTool.run(["matrix", "--graph", dir + "/cut.gr.gz", points, "-o", dir + "/y.csv"], root: root) == .invalidInput)
        #expect(!FileManager.default.fileExists(atPath: dir + "/y.csv"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.csv"))
    }
}

@Suite struct RouteJobTests {
    @Test func routeBetweenNodesHasGeometryAlongTheRoads() throws {
        let net = try RoadNetwork.load(samples + "/NY-midtown.gr.gz", dimacsUnit: .decimetres)
        let options = RouteOptions(graphPath: net.file, from: .node(1), to: .node(4000))
        let result = try RouteJob.compute(options, network: net)
        // scipy.sparse.csgraph.dijkstra on this file: 87,023 dm.
        #expect(result.route?.cost.length == 87_023)
        #expect(result.metres == 8702)
        #expect(result.nodeIDs.first == 1 && result.nodeIDs.last == 4000)
        // DIMACS edges are straight: the geometry is the nodes' coordinates.
        #expect(result.geometry.count == result.nodeIDs.count)
        #expect(result.geometry.first == net.graph.coordinate(of: net.graph.node(originalID: 1)!))
        let geo = result.geoJSON().serialized()
        let object = try JSONSerialization.jsonObject(with: Data(geo.utf8)) as? [String: Any]
        let features = object?["features"] as? [[String: Any]]
        #expect(features?.count == 3)
        let line = (features?.first?["geometry"] as? [String: Any])?["coordinates"] as? [[Double]]
        #expect(line?.count == result.geometry.count)
        #expect(result.text().contains("distance 8.702 km"))
        let json = result.json()
        #expect(json.serialized().contains("\"reachable\": true"))
    }

    @Test func routeBetweenCoordinatesStartsAndEndsOnTheRoad() throws {
        let net = try RoadNetwork.load(samples + "/NY-midtown.gr.gz", dimacsUnit: .decimetres)
        let options = RouteOptions(
            graphPath: net.file, from: .coordinate(latitude: 40.7580, longitude: -73.9855),
            to: .coordinate(latitude: 40.7484, longitude: -73.9857))
        let result = try RouteJob.compute(options, network: net)
        let route = try #require(result.route)
        #expect(route.cost.metres > 1000 && route.cost.metres < 2500)
        #expect(result.geometry.first == result.fromPoint?.coordinate)
        #expect(result.geometry.last == result.toPoint?.coordinate)
        // The line runs through every node of the route, in order.
        let nodes = route.nodes(in: net.graph).compactMap { net.graph.coordinate(of: $0) }
        var k = 0
        for c in result.geometry where k < nodes.count && c == nodes[k] { k += 1 }
        #expect(k == nodes.count)
        // Far out at sea: unreachable, exit 0.
        var far = options
        far.to = .coordinate(latitude: 40.5, longitude: -73.0)
        let none = try RouteJob.compute(far, network: net)
        #expect(none.route == nil)
        #expect(none.unreachableReason?.hasPrefix("destination: ") == true)
        #expect(none.json().serialized().contains("\"reachable\": false"))
    }

    @Test func routeCommandLine() throws {
        let root = BackhaulCommand.root
        let graph = samples + "/NY-midtown.gr.gz"
        #expect(CommandLineTool.run(["route", "--graph", graph, "--dimacs-unit", "dm", "--from-node", "1", "--to-node", "7", "--format", "text"], root: root) == .success)
        #expect(CommandLineTool.run(["route", "--graph", graph, "--from-node", "1"], root: root) == .usage)
        #expect(CommandLineTool.run(["route", "--graph", graph, "--from-node", "1", "--from", "1,2", "--to-node", "2"], root: root) == .usage)
        #expect(CommandLineTool.run(["route", "--graph", graph, "--from-node", "x", "--to-node", "2"], root: root) == .usage)
        #expect(CommandLineTool.run(["route", "--graph", graph, "--from-node", "1", "--to-node", "99999"], root: root) == .invalidInput)
        #expect(CommandLineTool.run(["route", "--graph", graph, "--from-node", "1", "--to-node", "2", "--format", "kml"], root: root) == .usage)
    }
}
