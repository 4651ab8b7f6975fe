import Emissions
import Foundation
import Testing
@testable import Backhaul
@testable import backhaul

private let root: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

private func object(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(value as? [String: Any])
}

private func failure(_ job: EmissionsJob) -> CommandFailure? {
    do {
        _ = try job.output()
        return nil
    } catch {
        return error
    }
}

@Suite struct EmissionsJobTests {
    @Test func tripJSONHasTheContractKeysFirst() throws {
        let text = try EmissionsJob(mode: .trip(distanceKm: 100, loadKg: nil), format: .json).output()
        #expect(text.hasPrefix("{\n  \"litres\": 22.000,\n  \"co2e_kg_ttw\": 54.340,\n  \"co2e_kg_wtw\": 68.860,\n"
            + "  \"load_factor\": 0.000,\n  \"vehicle\": \"artic-40t\",\n  \"fuel\": \"diesel-b7\",\n"))
        let o = try object(text)
        #expect(o["distance_km"] as? Double == 100)
        #expect(o["load_kg"] is NSNull)
        #expect((o["basis"] as? String)?.hasPrefix("EN 16258") == true)
        #expect((o["fuel_source"] as? String)?.contains("EN 16258:2012") == true)
    }

    @Test func tripWithLoadVehicleAndFuel() throws {
        // artic-64t at 30 t: LF 0.75 → 26 + 16 × 0.75 = 38 l/100km; 250 km → 95 l;
        // MK1: 95 × 2.45 = 232.75 TTW, 95 × 3.17 = 301.15 WTW.
        let o = try object(EmissionsJob(
            mode: .trip(distanceKm: 250, loadKg: 30_000), vehicle: "artic-64t", fuel: "Diesel-MK1", format: .json
        ).output())
        #expect(o["litres"] as? Double == 95)
        #expect(o["co2e_kg_ttw"] as? Double == 232.75)
        #expect(o["co2e_kg_wtw"] as? Double == 301.15)
        #expect(o["load_factor"] as? Double == 0.75)
        #expect(o["vehicle"] as? String == "artic-64t")
        #expect(o["fuel"] as? String == "diesel-mk1")
    }

    @Test func tripTextAndClampWarning() throws {
        let console = Console(quiet: true, captureOnly: true)
        let text = try EmissionsJob(mode: .trip(distanceKm: 110, loadKg: 30_000)).output(console: console)
        #expect(text.contains("35.200 l"))  // 110 × 32 / 100
        #expect(text.contains("load factor 1.000 (clamped: above the payload)"))
        #expect(text.contains("EN 16258"))
        #expect(console.warnings == ["load 30000 kg exceeds the payload of artic-40t (25000 kg); load factor clamped to 1"])
    }

    @Test func unknownVehicleOrFuelIsAUsageErrorListingKeys() {
        let v = failure(EmissionsJob(mode: .trip(distanceKm: 1, loadKg: nil), vehicle: "artic-50t"))
        #expect(v?.status == .usage)
        #expect(v?.message == "unknown vehicle 'artic-50t'; known vehicles: artic-40t, artic-64t, rigid-26t")
        let f = failure(EmissionsJob(mode: .trip(distanceKm: 1, loadKg: nil), fuel: "petrol"))
        #expect(f?.status == .usage)
        #expect(f?.message.contains("known fuels: diesel-b7, diesel-fossil, diesel-mk1, hvo100, rme100") == true)
    }

    @Test func badTripValuesAndListOptionsAreUsageErrors() {
        #expect(failure(EmissionsJob(mode: .trip(distanceKm: -1, loadKg: nil)))?.status == .usage)
        #expect(failure(EmissionsJob(mode: .trip(distanceKm: .nan, loadKg: nil)))?.status == .usage)
        #expect(failure(EmissionsJob(mode: .trip(distanceKm: 1, loadKg: -5)))?.status == .usage)
        #expect(failure(EmissionsJob(mode: .list, vehicle: "artic-40t"))?.status == .usage)
    }

    @Test func factorsFileErrorsMapToExitStatuses() {
        let missing = failure(EmissionsJob(mode: .list, factorsFile: root + "/samples/none.json"))
        #expect(missing?.status == .usage)
        #expect(missing?.message == root + "/samples/none.json: no such file")
        // Package.swift is a file but not JSON: invalid input, with a line.
        let invalid = failure(EmissionsJob(mode: .list, factorsFile: root + "/Package.swift"))
        #expect(invalid?.status == .invalidInput)
        #expect(invalid?.message.hasPrefix(root + "/Package.swift:1: invalid JSON: ") == true)
    }

    @Test func listShowsEveryEntryWithItsSource() throws {
        let text = try EmissionsJob(mode: .list).output()
        for v in EmissionFactors.defaults.vehicles { #expect(text.contains(v.key) && text.contains(v.source.description)) }
        for f in EmissionFactors.defaults.fuels { #expect(text.contains(f.key) && text.contains(f.source.description)) }
        #expect(text.contains("  artic-40t       25000          22.00         32.00\n"))
        #expect(text.contains("  hvo100         0.000  0.476\n"))
    }

    @Test func listWithFactorsFileMarksTheFile() throws {
        let path = root + "/samples/factors-example.json"
        let text = try EmissionsJob(mode: .list, factorsFile: path).output()
        #expect(text.contains("rigid-18t-city"))
        #expect(text.contains("Example fleet: telematics average, illustrative (2026) [from \(path)]"))
        let o = try object(EmissionsJob(mode: .list, format: .json, factorsFile: path).output())
        let vehicles = try #require(o["vehicles"] as? [String: Any])
        let artic = try #require(vehicles["artic-40t"] as? [String: Any])
        #expect(artic["payload_kg"] as? Double == 26_000)
        #expect(artic["comment"] as? String == "from \(path)")
    }

    /// `--list --format json` is itself a factors file that reads back to the
    /// same catalogue (sources aside, which then name the file).
    @Test func listJSONReadsBackAsAFactorsFile() throws {
        let path = root + "/samples/factors-example.json"
        let original = try EmissionFactors.defaults.applying(factorsFile: path)
        let listed = EmissionsJob.listJSON(original).serialized()
        let reread = try EmissionFactors.defaults.applying(factorsJSON: Array(listed.utf8), file: "listed.json")
        func strip(_ s: FactorSource) -> FactorSource { FactorSource(citation: s.citation, year: s.year) }
        #expect(reread.vehicles.map { v in var v = v; v.source = strip(v.source); return v }
            == original.vehicles.map { v in var v = v; v.source = strip(v.source); return v })
        #expect(reread.fuels.map { f in var f = f; f.source = strip(f.source); return f }
            == original.fuels.map { f in var f = f; f.source = strip(f.source); return f })
    }

    @Test(arguments: [0.476, 22.0, 25_000, 3.125, 0.1 + 0.2, 1e-7])
    func exactNumbersReadBack(_ x: Double) {
        let text = EmissionsJob.exact(x).serialized(pretty: false)
        #expect(Double(text) == x, "\(x) → \(text)")
    }

    @Test func commandLineRefusesMissingOrConflictingOptions() throws {
        let cases: [([String], String)] = [
            (["emissions"], "missing expected option '--distance-km <km>' (or --list)"),
            (["emissions", "--list", "--distance-km", "3"], "--list takes no trip"),
            (["emissions", "--distance-km", "-3"], "invalid value '-3' for '--distance-km <km>'"),
            (["emissions", "--distance-km", "3", "--load-kg", "heavy"], "invalid value 'heavy' for '--load-kg <kg>'"),
        ]
        for (words, message) in cases {
            guard case .run(let parsed) = try ArgumentParser.parse(words, root: BackhaulCommand.root) else {
                Issue.record("\(words) did not parse to a run")
                continue
            }
            do {
                _ = try parsed.command.run?(parsed)
                Issue.record("\(words) ran")
            } catch {
                #expect(error.status == .usage)
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
        #expect(throws: UsageError.self) {
            try ArgumentParser.parse(["emissions", "--distance-km", "3", "--format", "xml"], root: BackhaulCommand.root)
        }
    }
}
