import Foundation
import Testing
@testable import Routing

/// `samples/malta/malta-latest.osm.pbf` in the repository (© OpenStreetMap
/// contributors, ODbL 1.0; see samples/malta/README.md).
let maltaSamplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("samples/malta/malta-latest.osm.pbf").path

/// Snapping and the `.bhg` round trip on real road graphs: the DIMACS
/// midtown Manhattan piece and the OpenStreetMap extract of Malta.
@Suite struct SnapRealGraphTests {
    /// Every random point in the midtown box snaps to the segment a scan of
    /// all roads finds nearest.
    @Test func midtownSnapsEqualBruteForce() throws {
        let g = try NewYorkPieceTests.load()
        let snapper = GraphSnapper(graph: g)
        #expect(snapper.snappableNodes.count == g.nodeCount)
        var lines: [(Coordinate, Coordinate)] = []
        for u in 0..<g.nodeCount {
            for e in g.edges(from: u) { lines.append((g.coordinate(of: u)!, g.coordinate(of: Int(g.edgeTarget[e]))!)) }
        }
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<200 {
            let q = Coordinate(latitude: 40.715 + 0.104 * Double(rng.next() % 10_000) / 10_000,
                               longitude: -74.042 + 0.110 * Double(rng.next() % 10_000) / 10_000)
            let best = lines.map { SnapRandomTests.nearest(q, $0.0, $0.1).0 }.min()!
            let p = try snapper.snap(q, maxDistanceMetres: .infinity)
            let s = try #require(p.coordinate)
            let k = cos(q.latitude * .pi / 180)
            let got = (pow((s.longitude - q.longitude) * k, 2) + pow(s.latitude - q.latitude, 2)).squareRoot()
            #expect(abs(got - best) < 1e-11)
            // DIMACS NY roads are two-way almost everywhere: both directions' anchors.
            #expect(p.departures.count == p.positions.count && p.arrivals.count == p.positions.count)
        }
    }

    @Test func midtownRoundTrip() throws {
        let g = try NewYorkPieceTests.load()
        let folder = TemporaryFolder()
        try BinaryGraphFile(graph: g, source: SourceFileStamp(describing: try fixturePath("NY-midtown.gr.gz")))
            .write(to: folder.file("ny.bhg"))
        let loaded = try BinaryGraphFile.read(from: folder.file("ny.bhg"))
        BinaryGraphTests.expectIdentical(g, loaded.graph)
        #expect(loaded.source?.name == "NY-midtown.gr.gz")
        #expect(loaded.largestComponent?.count == 4000)
    }

    /// Malta: the PBF → .bhg → load round trip is exact, and known places
    /// snap where they should.
    @Test func maltaRoundTripAndSnapping() throws {
        guard FileManager.default.fileExists(atPath: maltaSamplePath) else {
            Issue.record("samples/malta/malta-latest.osm.pbf is missing")
            return
        }
        let g = try OSMGraphReader(profile: .hgv).read(path: maltaSamplePath)
        #expect(g.hasShapes)
        // Malta's turn restrictions split junctions; the file keeps the
        // copies, the shape times and the vehicle.
        #expect(!g.splitCopies.isEmpty && g.shapeDuration.count == g.shapeLatitudeE7.count)
        #expect(g.vehicle == .euArticulated)
        let folder = TemporaryFolder()
        try BinaryGraphFile(graph: g, source: SourceFileStamp(describing: maltaSamplePath)).write(to: folder.file("malta.bhg"))
        let file = try BinaryGraphFile.read(from: folder.file("malta.bhg"))
        BinaryGraphTests.expectIdentical(g, file.graph)
        #expect(file.source?.size == 3_861_052)

        let snapper = GraphSnapper(file)
        // Triq Ir-Repubblika, Valletta's main street (pedestrian: the truck
        // profile snaps it to a street about 50 m away), and the Regional Road
        // at Msida; the open sea west of Gozo is refused with its distance.
        let valletta = try snapper.snap(Coordinate(latitude: 35.8978, longitude: 14.5125))
        #expect(valletta.snapDistanceMetres < 150)
        let msida = try snapper.snap(Coordinate(latitude: 35.8925, longitude: 14.4895))
        #expect(msida.snapDistanceMetres < 100)
        for p in [valletta, msida] {
            for a in p.departures + p.arrivals { #expect(snapper.snappableNodes.contains(Int(a.node))) }
        }
        // Midpoints of Malta's one-way streets get only the legal anchors, and
        // those of two-way streets both directions.
        var oneWay = 0, twoWay = 0
        var firstPoint = [Int](repeating: -1, count: snapper.roadCount)
        for (i, p) in snapper.pointPiece.enumerated() where Int(p) < snapper.roadCount && firstPoint[Int(p)] < 0 {
            firstPoint[Int(p)] = i
        }
        for p in stride(from: 0, to: snapper.roadCount, by: 7) {
            let s = firstPoint[p]
            let mid = Coordinate(
                latitude: (Double(snapper.pointLatitudeE7[s]) + Double(snapper.pointLatitudeE7[s + 1])) * 0.5e-7,
                longitude: (Double(snapper.pointLongitudeE7[s]) + Double(snapper.pointLongitudeE7[s + 1])) * 0.5e-7)
            let point = try snapper.snap(mid)
            guard point.positions.first?.edge == snapper.pieceEdge[p] else { continue }  // an overlapping road won
            #expect(point.snapDistanceMetres < 0.01)
            if snapper.pieceReverse[p] == UInt32.max {
                oneWay += 1
                // One departure; one arrival per copy of the road where turn
                // restrictions split its tail.
                #expect(point.departures.count == 1 && point.arrivals.count >= 1)
                #expect(point.departures[0].node == g.edgeTarget[Int(snapper.pieceEdge[p])])
                #expect(point.arrivals[0].node == snapper.pieceTail[p])
                let tailID = g.originalIDs[Int(snapper.pieceTail[p])]
                #expect(point.arrivals.allSatisfy { g.originalIDs[Int($0.node)] == tailID })
            } else {
                twoWay += 1
                #expect(point.departures.count == 2 && point.arrivals.count >= 2)
            }
        }
        #expect(oneWay > 100 && twoWay > 1000)

        let sea = Coordinate(latitude: 36.05, longitude: 14.10)
        let error = try #require(throws: SnapError.self) { try snapper.snap(sea) }
        let d = try #require(error.distanceMetres)
        #expect(d > 5_000 && d < 20_000)
        // The refusal's distance is the distance to the nearest road.
        let far = try snapper.snap(sea, maxDistanceMetres: .infinity)
        #expect(far.snapDistanceMetres == d)
    }
}
