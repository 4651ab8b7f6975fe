import Foundation
import Pairing
import Routing
import Testing
@testable import Backhaul

/// `--vehicle` and its overrides: a raw OpenStreetMap file is built for the
/// vehicle, a `.bhg` records it, and using a `.bhg` for another vehicle is
/// refused (issue 14).
@Suite struct VehicleOptionTests {
    static let monaco = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples/osm/monaco.osm.pbf").path

    @Test func classesMapToRoutingDimensions() throws {
        let d = try #require(try RoadVehicle(key: "artic-64t").dimensions(profile: "hgv"))
        #expect(d.name == "artic-64t" && d.weightTonnes == 64 && d.lengthMetres == 25.25 && d.axleLoadTonnes == 11.5)
        let forty = try #require(try RoadVehicle(key: "artic-40t").dimensions(profile: "hgv"))
        #expect(forty.sameSize(as: .euArticulated))
        let rigid = try #require(try RoadVehicle(key: "rigid-26t").dimensions(profile: "hgv"))
        #expect(rigid.weightTonnes == 26 && rigid.lengthMetres == 12)
        let tall = try #require(try RoadVehicle(key: "artic-64t", heightMetres: 4.5).dimensions(profile: "hgv"))
        #expect(tall.heightMetres == 4.5 && tall.lengthMetres == 25.25 && tall.name == "artic-64t (custom)")
        #expect(try RoadVehicle().dimensions(profile: "hgv") == nil)
        for (vehicle, profile) in [(RoadVehicle(key: "van-3t"), "hgv"), (RoadVehicle(key: "artic-40t"), "car")] {
            let e = try #require(throws: CommandFailure.self) { try vehicle.dimensions(profile: profile) }
            #expect(e.status == .usage, "\(e.message)")
        }
    }

    @Test func aGraphIsUsedOnlyForTheVehicleItWasBuiltFor() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backhaul-vehicle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bhg = folder.appendingPathComponent("monaco.bhg").path
        var build = GraphBuildJob.Options(inputPath: Self.monaco, outputPath: bhg)
        build.loading = GraphLoader.Options(vehicle: try RoadVehicle(key: "rigid-26t").dimensions(profile: "hgv"))
        _ = try GraphBuildJob.run(build)

        var options = RouteOptions(graphPath: bhg, from: .coordinate(latitude: 43.7384, longitude: 7.4246),
                                   to: .coordinate(latitude: 43.7311, longitude: 7.4197))
        options.vehicle = RoadVehicle(key: "artic-40t")
        let refused = try #require(throws: CommandFailure.self) { try RouteJob.run(options, console: Console(quiet: true)) }
        #expect(refused.status == .usage)
        #expect(refused.message.contains("was built for rigid-26t") && refused.message.contains("--vehicle artic-40t"))

        options.vehicle = RoadVehicle()
        let network = try RoadNetwork.load(bhg)
        let result = try RouteJob.compute(options, network: network)
        #expect(result.route != nil)
        #expect(result.text().contains("vehicle  rigid-26t (26 t, 4.00 m high, 2.55 m wide, 12.00 m long, 11.5 t axle)"))
        let json = result.json().serialized()
        #expect(json.contains("\"vehicle\"") && json.contains("rigid-26t"))

        // The same vehicle is accepted, and a raw file is built for the one asked.
        options.vehicle = RoadVehicle(key: "rigid-26t")
        _ = try RoadNetwork.load(bhg, vehicle: try options.vehicle.dimensions(profile: "hgv"))
        let raw = try RoadNetwork.load(Self.monaco, vehicle: try RoadVehicle(key: "artic-64t").dimensions(profile: "hgv"))
        #expect(raw.graph.vehicle?.name == "artic-64t")
    }

    @Test func unreachableEndsSayWhichEnd() throws {
        var options = RouteOptions(graphPath: Self.monaco, from: .coordinate(latitude: 43.7384, longitude: 7.4246),
                                   to: .coordinate(latitude: 7.4197, longitude: 43.7311))
        let network = try RoadNetwork.load(Self.monaco)
        let result = try RouteJob.compute(options, network: network)
        #expect(result.route == nil)
        let reason = try #require(result.unreachableReason)
        #expect(reason.hasPrefix("destination: ") && reason.contains("latitude and longitude may be swapped"), "\(reason)")
        options.from = .coordinate(latitude: 43.80, longitude: 7.60)
        options.to = .coordinate(latitude: 43.7311, longitude: 7.4197)
        let far = try RouteJob.compute(options, network: network)
        #expect(far.unreachableReason?.hasPrefix("origin: ") == true)
    }
}
