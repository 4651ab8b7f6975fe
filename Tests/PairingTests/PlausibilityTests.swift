import Foundation
import Testing
@testable import Pairing

@Suite struct PlausibilityTests {
    /// A box around Malta.
    static let malta = CoordinateBox(minLatitude: 35.786, maxLatitude: 36.082, minLongitude: 14.183, maxLongitude: 14.576)

    static func shipment(_ id: String, _ o: (Double, Double), _ d: (Double, Double), line: Int) -> Shipment {
        Shipment(id: id, origin: .coordinate(latitude: o.0, longitude: o.1),
                 destination: .coordinate(latitude: d.0, longitude: d.1), source: SourceLine(file: "b.csv", line: line))
    }

    static func sample(_ file: String) throws -> [Shipment] {
        let path = BatchFixtures.repositoryRoot.appendingPathComponent("samples/shipments/\(file)").path
        let batch = try BatchReader().read([.path(path)])
        return batch.shipments + batch.observedEmpty
    }

    // MARK: With a road graph

    @Test func swappedEndInsideTheGraphIsNamed() {
        let shipments = [
            Self.shipment("MT-01", (35.817, 14.54), (35.91, 14.426), line: 2),
            Self.shipment("MT-02", (14.426, 35.91), (35.817, 14.54), line: 3),  // origin swapped
            Self.shipment("SICILY", (37.5, 15.09), (35.817, 14.54), line: 4),  // outside, not swapped
        ]
        let warnings = Plausibility.swappedCoordinates(shipments, inside: Self.malta)
        #expect(warnings.map(\.description) == [
            "b.csv:3: MT-02: origin 14.426,35.91 is outside the road graph (lat 35.786…36.082, lon 14.183…14.576), "
                + "but 35.91,14.426 is inside: latitude and longitude swapped?",
        ])
        #expect(warnings.map(\.kind) == [.swappedCoordinates])
        #expect(warnings.first?.end == "origin")
    }

    @Test func pointsInsideOrFarFromTheBoxAreNotSwapped() {
        #expect(!Plausibility.isSwapped(latitude: 35.9, longitude: 14.4, box: Self.malta))  // inside
        #expect(!Plausibility.isSwapped(latitude: 56.9, longitude: 14.8, box: Self.malta))  // Växjö
        #expect(Plausibility.isSwapped(latitude: 14.4, longitude: 35.9, box: Self.malta))
        // Node ids are not coordinates: never judged.
        let nodes = [Shipment(id: "N", origin: .node(1), destination: .node(2))]
        #expect(Plausibility.swappedCoordinates(nodes, inside: Self.malta).isEmpty)
        #expect(Plausibility.farFromBatch(nodes + nodes + nodes).isEmpty)
    }

    // MARK: Without a graph

    @Test(arguments: ["demo-smaland.csv", "demo-malta.csv", "smaland-samgods.csv"])
    func realBatchesRaiseNoWarning(file: String) throws {
        #expect(Plausibility.farFromBatch(try Self.sample(file)).isEmpty)
    }

    @Test func swappedRowInTheSmalandDemoIsNamed() throws {
        var shipments = try Self.sample("demo-smaland.csv")
        guard case .coordinate(let lat, let lon) = shipments[4].destination else { Issue.record("no coordinate"); return }
        shipments[4].destination = .coordinate(latitude: lon, longitude: lat)
        let warnings = Plausibility.farFromBatch(shipments)
        #expect(warnings.count == 1)
        let w = try #require(warnings.first)
        #expect(w.kind == .farFromBatch)
        #expect(w.source == shipments[4].source)
        #expect(w.end == "destination")
        #expect(w.description.hasPrefix("\(shipments[4].source): \(shipments[4].id): destination \(Plausibility.degrees(lon)),\(Plausibility.degrees(lat)) is "))
        #expect(w.description.contains("from the batch's median point"))
        #expect(w.description.hasSuffix("latitude and longitude swapped?"))
    }

    /// Every single swapped end of the Samgods batch (450 real trips over
    /// all of Sweden) is found, and nothing else.
    @Test func everySwappedEndOfTheSamgodsBatchIsFound() throws {
        let shipments = try Self.sample("smaland-samgods.csv")
        var points = shipments.flatMap { s -> [(latitude: Double, longitude: Double)] in
            [s.origin, s.destination].compactMap {
                if case .coordinate(let lat, let lon) = $0 { return (lat, lon) }
                return nil
            }
        }
        #expect(points.count == 900)
        #expect(Plausibility.farPoints(points).isEmpty)
        for k in stride(from: 0, to: points.count, by: 7) {
            let original = points[k]
            points[k] = (original.longitude, original.latitude)
            #expect(Plausibility.farPoints(points) == [k], "point \(k)")
            points[k] = original
        }
    }

    /// Medians withstand many wrong points: with 40 % of a batch's ends
    /// swapped, every one is still flagged and no correct one is.
    @Test func fortyPercentSwappedAreAllFound() throws {
        var rng = SplitMix64(seed: 15)
        var points: [(latitude: Double, longitude: Double)] = (0..<200).map { _ in
            (Double.random(in: 55.5...58.5, using: &rng), Double.random(in: 12.5...17.5, using: &rng))
        }
        let swapped = Array(stride(from: 0, to: 200, by: 5)) + Array(stride(from: 1, to: 200, by: 5))
        for k in swapped { points[k] = (points[k].longitude, points[k].latitude) }
        #expect(Plausibility.farPoints(points) == swapped.sorted())
    }

    @Test func smallOrCompactBatchesAreJudgedFairly() {
        // Too few ends to judge.
        let four = [(56.9, 14.8), (56.7, 16.4), (14.8, 56.9), (57.0, 14.0)].map { (latitude: $0.0, longitude: $0.1) }
        #expect(Plausibility.farPoints(four).isEmpty)
        // A compact batch (Malta) with an ordinary long haul to Sicily (about
        // 200 km) is not flagged: the floor is 1000 km.
        var malta: [(latitude: Double, longitude: Double)] = []
        for i in 0..<20 {
            let lat: Double = 35.8 + Double(i) * 0.01
            let lon: Double = 14.4 + Double(i % 5) * 0.02
            malta.append((lat, lon))
        }
        malta.append((37.5, 15.09))
        #expect(Plausibility.farPoints(malta).isEmpty)
        malta.append((14.45, 35.85))  // swapped: in Chad
        #expect(Plausibility.farPoints(malta) == [21])
    }

    @Test func greatCircle() {
        // Växjö–Kalmar against the spherical law of cosines (an independent
        // formula, accurate at this distance); a quarter of the equator.
        let r = Double.pi / 180
        let (a, b, c, d) = (56.87767 * r, 14.80906 * r, 56.66157 * r, 16.36163 * r)
        let cosines = 6_371_008.8 * acos(sin(a) * sin(c) + cos(a) * cos(c) * cos(d - b))
        #expect(abs(Plausibility.greatCircleMetres(56.87767, 14.80906, 56.66157, 16.36163) - cosines) < 0.01)
        #expect(abs(cosines - 97_600) < 200)
        #expect(abs(Plausibility.greatCircleMetres(0, 0, 0, 90) - 6_371_008.8 * .pi / 2) < 1e-6)
    }
}
