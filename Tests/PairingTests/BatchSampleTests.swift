import Foundation
import Testing
@testable import Pairing

/// The real batches in `samples/shipments/` read with zero rejections, and
/// every value agrees with a naive `String.split` reading of these simple
/// (unquoted, comma-separated) files.
@Suite struct BatchSampleTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var file: String, loaded: Int, empty: Int, sameOriginDestination: Int, unknownColumns: [String]
        var testDescription: String { file }
    }

    static let samples = [
        Sample(file: "demo-smaland.csv", loaded: 9, empty: 0, sameOriginDestination: 0, unknownColumns: []),
        Sample(file: "demo-malta.csv", loaded: 10, empty: 0, sameOriginDestination: 0, unknownColumns: []),
        Sample(file: "smaland-samgods.csv", loaded: 301, empty: 149, sameOriginDestination: 7,
               unknownColumns: ["vehicleType", "origin_samgods_node", "dest_samgods_node", "origin_county",
                                "dest_county", "matsim_person_id"]),
    ]

    static func path(_ file: String) -> String {
        BatchFixtures.repositoryRoot.appendingPathComponent("samples/shipments/\(file)").path
    }

    @Test(arguments: samples)
    func readsWithoutRejections(_ sample: Sample) throws {
        let path = Self.path(sample.file)
        let batch = try BatchReader().read([.path(path)])
        #expect(batch.rejected.isEmpty, "\(batch.rejected.prefix(3))")
        #expect(batch.shipments.count == sample.loaded)
        #expect(batch.observedEmpty.count == sample.empty)
        var expectedWarnings: [String] = []
        if !sample.unknownColumns.isEmpty {
            expectedWarnings.append("\(path): unknown columns ignored: \(sample.unknownColumns.joined(separator: ", "))")
        }
        if sample.sameOriginDestination > 0 {
            expectedWarnings.append("\(sample.sameOriginDestination) shipments have their origin equal to the destination "
                + "(zone-internal trips): valid, but there is no empty return to save")
        }
        #expect(batch.warnings == expectedWarnings)

        // Cross-check every row against a naive reading.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let all = (batch.shipments + batch.observedEmpty).sorted { $0.source.line < $1.source.line }
        #expect(all.count == lines.count - 1)
        for (row, s) in zip(lines.dropFirst(), all) {
            let v = Dictionary(uniqueKeysWithValues: zip(header, row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
            #expect(s.id == v["id"])
            #expect(s.origin == .coordinate(latitude: Double(v["origin_lat"]!)!, longitude: Double(v["origin_lon"]!)!))
            #expect(s.destination == .coordinate(latitude: Double(v["dest_lat"]!)!, longitude: Double(v["dest_lon"]!)!))
            #expect(s.pickupEarliest == Timestamp(iso8601: v["pickup_earliest"]!))
            #expect(s.pickupLatest == Timestamp(iso8601: v["pickup_latest"]!))
            #expect(s.weightKg == v["weight_kg"].flatMap { Double($0) })
            #expect(s.bodyType == v["body_type"].flatMap { BodyType(rawValue: $0) })
            #expect(s.loadStatus == (v["load_status"] == "empty" ? .empty : .loaded))
            #expect(s.company == v["company"].flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    @Test func samgodsPickupWindowsAreTwoHours() throws {
        let batch = try BatchReader().read([.path(Self.path("smaland-samgods.csv"))])
        for s in batch.shipments + batch.observedEmpty {
            let e = try #require(s.pickupEarliest), l = try #require(s.pickupLatest)
            #expect(l.seconds - e.seconds == 7200)
            #expect(e.utcOffsetSeconds == nil)
        }
    }
}
