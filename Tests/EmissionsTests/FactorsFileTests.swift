import Foundation
import Testing
@testable import Emissions

/// A factors file that must be refused, with where and why.
struct BadFactorsFile: Sendable, CustomTestStringConvertible {
    var label: String
    var json: String
    /// The line the error must name (`nil`: no line).
    var line: Int?
    /// The key path the error must name (`nil`: none, e.g. syntax errors).
    var keyPath: String?
    /// A fragment the message must contain.
    var message: String

    var testDescription: String { label }
}

/// A well-formed vehicle entry body, to vary one field at a time.
private func vehicle(_ fields: String) -> String {
    """
    {
      "vehicles": {
        "v": {
    \(fields)
        }
      }
    }
    """
}

private let goodVehicleFields = """
      "payload_kg": 20000,
      "litres_per_100km_empty": 20,
      "litres_per_100km_full": 30,
      "source": "s",
      "year": 2025
"""

let badFactorsFiles: [BadFactorsFile] = [
    BadFactorsFile(
        label: "negative payload",
        json: vehicle(goodVehicleFields.replacingFirst("20000", with: "-5")),
        line: 4, keyPath: "vehicles.v.payload_kg", message: "must not be negative, got -5"),
    BadFactorsFile(
        label: "zero payload",
        json: vehicle(goodVehicleFields.replacingFirst("20000", with: "0")),
        line: 4, keyPath: "vehicles.v.payload_kg", message: "must be between"),
    BadFactorsFile(
        label: "payload as a string",
        json: vehicle(goodVehicleFields.replacingFirst("20000", with: "\"20000\"")),
        line: 4, keyPath: "vehicles.v.payload_kg", message: "expected a number, got a string"),
    BadFactorsFile(
        label: "negative empty consumption",
        json: vehicle(goodVehicleFields.replacingFirst("\"litres_per_100km_empty\": 20", with: "\"litres_per_100km_empty\": -20")),
        line: 5, keyPath: "vehicles.v.litres_per_100km_empty", message: "must not be negative"),
    BadFactorsFile(
        label: "litres per km instead of per 100 km",
        json: vehicle(goodVehicleFields.replacingFirst("\"litres_per_100km_empty\": 20", with: "\"litres_per_100km_empty\": 0.22")),
        line: 5, keyPath: "vehicles.v.litres_per_100km_empty", message: "look like litres per km"),
    BadFactorsFile(
        label: "full below empty",
        json: vehicle(goodVehicleFields.replacingFirst("\"litres_per_100km_full\": 30", with: "\"litres_per_100km_full\": 19.5")),
        line: 6, keyPath: "vehicles.v.litres_per_100km_full", message: "cannot fall as the load rises"),
    BadFactorsFile(
        label: "missing source and year",
        json: vehicle("""
              "payload_kg": 20000,
              "litres_per_100km_empty": 20,
              "litres_per_100km_full": 30
        """),
        line: 3, keyPath: "vehicles.v", message: "missing keys source, year"),
    BadFactorsFile(
        label: "missing payload",
        json: vehicle(goodVehicleFields.replacingFirst("\"payload_kg\": 20000,", with: "")),
        line: 3, keyPath: "vehicles.v", message: "missing key payload_kg"),
    BadFactorsFile(
        label: "misspelt key in an entry",
        json: vehicle(goodVehicleFields.replacingFirst("\"payload_kg\"", with: "\"payload\"")),
        line: 4, keyPath: "vehicles.v.payload", message: "unknown key; allowed keys are name, payload_kg"),
    BadFactorsFile(
        label: "fuel key in a vehicle",
        json: vehicle(goodVehicleFields + ",\n      \"co2e_kg_per_litre_ttw\": 2"),
        line: 9, keyPath: "vehicles.v.co2e_kg_per_litre_ttw", message: "unknown key"),
    BadFactorsFile(
        label: "misspelt section",
        json: "{\n  \"vehicle\": {}\n}",
        line: 2, keyPath: "vehicle", message: "unknown key; allowed keys are vehicles, fuels, comment"),
    BadFactorsFile(
        label: "duplicate entry",
        json: "{\"fuels\": {\n\"f\": {\"co2e_kg_per_litre_ttw\": 1, \"co2e_kg_per_litre_wtw\": 2, \"source\": \"s\", \"year\": 2020},\n"
            + "\"f\": {\"co2e_kg_per_litre_ttw\": 1, \"co2e_kg_per_litre_wtw\": 2, \"source\": \"s\", \"year\": 2020}}}",
        line: 3, keyPath: "fuels.f", message: "duplicate key (first given on line 2)"),
    BadFactorsFile(
        label: "duplicate field",
        json: vehicle(goodVehicleFields + ",\n      \"year\": 2024"),
        line: 9, keyPath: "vehicles.v.year", message: "duplicate key (first given on line 8)"),
    BadFactorsFile(
        label: "well-to-wheel below tank-to-wheel",
        json: "{\"fuels\": {\"f\": {\n\"co2e_kg_per_litre_ttw\": 2.67,\n\"co2e_kg_per_litre_wtw\": 2.5,\n\"source\": \"s\", \"year\": 2020}}}",
        line: 3, keyPath: "fuels.f.co2e_kg_per_litre_wtw", message: "well-to-wheel includes tank-to-wheel"),
    BadFactorsFile(
        label: "grams instead of kilograms",
        json: "{\"fuels\": {\"f\": {\n\"co2e_kg_per_litre_ttw\": 2670,\n\"co2e_kg_per_litre_wtw\": 3240,\n\"source\": \"s\", \"year\": 2020}}}",
        line: 2, keyPath: "fuels.f.co2e_kg_per_litre_ttw", message: "look like grams"),
    BadFactorsFile(
        label: "negative factor (a credit)",
        json: "{\"fuels\": {\"f\": {\n\"co2e_kg_per_litre_ttw\": 0,\n\"co2e_kg_per_litre_wtw\": -0.4,\n\"source\": \"s\", \"year\": 2020}}}",
        line: 3, keyPath: "fuels.f.co2e_kg_per_litre_wtw", message: "must not be negative"),
    BadFactorsFile(
        label: "fractional year",
        json: vehicle(goodVehicleFields.replacingFirst("2025", with: "2025.5")),
        line: 8, keyPath: "vehicles.v.year", message: "must be a whole year"),
    BadFactorsFile(
        label: "year as a string",
        json: vehicle(goodVehicleFields.replacingFirst("2025", with: "\"2025\"")),
        line: 8, keyPath: "vehicles.v.year", message: "expected a number, got a string"),
    BadFactorsFile(
        label: "year out of range",
        json: vehicle(goodVehicleFields.replacingFirst("2025", with: "25")),
        line: 8, keyPath: "vehicles.v.year", message: "between 1900 and 2100"),
    BadFactorsFile(
        label: "empty source",
        json: vehicle(goodVehicleFields.replacingFirst("\"s\"", with: "\"  \"")),
        line: 7, keyPath: "vehicles.v.source", message: "must not be empty"),
    BadFactorsFile(
        label: "source as null",
        json: vehicle(goodVehicleFields.replacingFirst("\"s\"", with: "null")),
        line: 7, keyPath: "vehicles.v.source", message: "expected a string, got null"),
    BadFactorsFile(
        label: "empty name",
        json: vehicle(goodVehicleFields + ",\n      \"name\": \"\""),
        line: 9, keyPath: "vehicles.v.name", message: "must not be empty"),
    BadFactorsFile(
        label: "upper-case key",
        json: "{\"vehicles\": {\n\"Artic 40t\": {}}}",
        line: 2, keyPath: "vehicles", message: "invalid key \"Artic 40t\""),
    BadFactorsFile(
        label: "entry is not an object",
        json: "{\"vehicles\": {\n\"v\": 25000}}",
        line: 2, keyPath: "vehicles.v", message: "expected an object, got a number"),
    BadFactorsFile(
        label: "section is an array",
        json: "{\n\"fuels\": []}",
        line: 2, keyPath: "fuels", message: "expected an object, got an array"),
    BadFactorsFile(
        label: "top level is an array",
        json: "[]", line: 1, keyPath: nil, message: "expected an object, got an array"),
    BadFactorsFile(
        label: "nothing defined",
        json: "{\"comment\": \"nothing\"}", line: 1, keyPath: nil, message: "defines neither"),
    BadFactorsFile(
        label: "comment is not a string",
        json: "{\"comment\": 1, \"fuels\": {}}", line: 1, keyPath: "comment", message: "expected a string, got a number"),
    BadFactorsFile(
        label: "trailing comma",
        json: vehicle(goodVehicleFields + ","), line: 9, keyPath: nil, message: "invalid JSON: expected a quoted key"),
    BadFactorsFile(
        label: "empty file", json: "", line: 1, keyPath: nil, message: "invalid JSON: the file is empty"),
    BadFactorsFile(
        label: "only spaces", json: "\n\n   ", line: 3, keyPath: nil, message: "the file is empty"),
    BadFactorsFile(
        label: "NaN", json: "{\"vehicles\": {\"v\": {\"payload_kg\": NaN}}}", line: 1, keyPath: nil,
        message: "expected a JSON value, found 'N'"),
    BadFactorsFile(
        label: "overflowing number", json: "{\"vehicles\": {\"v\": {\n\"payload_kg\": 1e999}}}", line: 2, keyPath: nil,
        message: "number out of range: 1e999"),
    BadFactorsFile(
        label: "leading zero", json: "{\"vehicles\": {\"v\": {\"payload_kg\": 025000}}}", line: 1, keyPath: nil,
        message: "leading zeros"),
    BadFactorsFile(
        label: "unterminated string", json: "{\"vehicles\": {\"v", line: 1, keyPath: nil, message: "unterminated string"),
    BadFactorsFile(
        label: "raw line break in a string", json: "{\"comment\": \"a\nb\"}", line: 1, keyPath: nil,
        message: "raw line break"),
    BadFactorsFile(
        label: "garbage after the value", json: "{\"fuels\": {}}\n}", line: 2, keyPath: nil,
        message: "unexpected '}' after the JSON value"),
    BadFactorsFile(
        label: "single quotes", json: "{'fuels': {}}", line: 1, keyPath: nil, message: "expected a quoted key"),
    BadFactorsFile(
        label: "lone surrogate", json: "{\"comment\": \"\\ud800\", \"fuels\": {}}", line: 1, keyPath: nil,
        message: "unpaired surrogate"),
    BadFactorsFile(
        label: "deep nesting", json: String(repeating: "[", count: 10_000), line: 1, keyPath: nil,
        message: "nesting deeper than 64"),
]

@Suite struct FactorsFileTests {
    @Test(arguments: badFactorsFiles)
    func refusedWithLineAndKey(_ bad: BadFactorsFile) {
        do {
            let f = try EmissionFactors.defaults.applying(factorsJSON: Array(bad.json.utf8), file: "bad.json")
            Issue.record("accepted: \(f.vehicles.map(\.key)) \(f.fuels.map(\.key))")
        } catch {
            #expect(error.path == "bad.json")
            #expect(error.line == bad.line, "\(error)")
            #expect(error.keyPath == bad.keyPath, "\(error)")
            #expect(error.message.contains(bad.message), "\(error)")
            #expect(!error.isUnreadable)
            let prefix = "bad.json" + (bad.line.map { ":\($0)" } ?? "") + ": " + (bad.keyPath.map { $0 + ": " } ?? "")
            #expect(error.description.hasPrefix(prefix), "\(error)")
        }
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array("{\"comment\": \"x\", \"fuels\": {}}".utf8)
        bytes[13] = 0xFF
        #expect(throws: FactorsFileError.self) {
            try EmissionFactors.defaults.applying(factorsJSON: bytes, file: "bad.json")
        }
    }

    @Test func overrideReplacesTheWholeEntryAndKeepsOrderAndName() throws {
        let json = """
            {"vehicles": {"artic-40t": {"payload_kg": 26000, "litres_per_100km_empty": 21,
              "litres_per_100km_full": 30.5, "source": "Fleet data", "year": 2025}}}
            """
        let f = try EmissionFactors.defaults.applying(factorsJSON: Array(json.utf8), file: "mine.json")
        #expect(f.vehicles.map(\.key) == ["artic-40t", "artic-64t", "rigid-26t"])
        let v = try f.vehicle("artic-40t")
        #expect(v.payloadKg == 26_000 && v.litresPer100kmEmpty == 21 && v.litresPer100kmFull == 30.5)
        #expect(v.name == EmissionFactors.defaults.vehicles[0].name)
        #expect(v.source == FactorSource(citation: "Fleet data", year: 2025, file: "mine.json"))
        #expect(f.vehicles[1] == EmissionFactors.defaults.vehicles[1])
        #expect(f.fuels == EmissionFactors.defaults.fuels)
        // 100 km at 13 000 kg: LF 0.5 → 25.75 l.
        let e = try f.model(vehicle: "artic-40t", fuel: "diesel-b7").estimate(distanceKm: 100, loadKg: 13_000)
        #expect(close(e.litres, 25.75))
    }

    @Test func additionsAppendInFileOrder() throws {
        let json = """
            {
              "fuels": {
                "b100-x": {"co2e_kg_per_litre_ttw": 0, "co2e_kg_per_litre_wtw": 0.9, "source": "S", "year": 2026},
                "a-fuel": {"name": "A", "co2e_kg_per_litre_ttw": 1, "co2e_kg_per_litre_wtw": 1, "source": "S", "year": 2026}
              },
              "vehicles": {
                "van_3t": {"payload_kg": 1200, "litres_per_100km_empty": 9, "litres_per_100km_full": 11,
                           "source": "S", "year": 2026, "comment": "small"}
              }
            }
            """
        let f = try EmissionFactors.defaults.applying(factorsJSON: Array(json.utf8), file: "add.json")
        #expect(f.fuels.map(\.key).suffix(2) == ["b100-x", "a-fuel"])
        #expect(f.vehicles.last?.key == "van_3t")
        #expect(try f.fuel("b100-x").name == "b100-x")
        #expect(try f.fuel("a-fuel").name == "A")
        // 50 km full van: 11 l/100km → 5.5 l; on a-fuel 5.5 kg both ways.
        let e = try f.model(vehicle: "van_3t", fuel: "a-fuel").estimate(distanceKm: 50, loadKg: 1_200)
        #expect(close(e.litres, 5.5) && close(e.co2eKgTTW, 5.5) && close(e.co2eKgWTW, 5.5))
        // Equal empty and full is allowed (a load-insensitive figure).
        #expect(try f.fuel("a-fuel").kgCO2ePerLitreTTW == 1)
    }

    @Test func equalEmptyAndFullIsAccepted() throws {
        let json = """
            {"vehicles": {"flat": {"payload_kg": 10000, "litres_per_100km_empty": 25, "litres_per_100km_full": 25,
              "source": "S", "year": 2026}}, "fuels": {}}
            """
        let f = try EmissionFactors.defaults.applying(factorsJSON: Array(json.utf8), file: "x.json")
        let m = try f.model(vehicle: "flat", fuel: "diesel-b7")
        #expect(m.estimate(distanceKm: 100, loadKg: 0).litres == m.estimate(distanceKm: 100, loadKg: 10_000).litres)
    }

    @Test func bomAndCRLFAreRead() throws {
        let json = "\u{FEFF}{\r\n\"fuels\": {\r\n\"x\": {\"co2e_kg_per_litre_ttw\": 1e0, \"co2e_kg_per_litre_wtw\": 1.5E+0,"
            + " \"source\": \"Ünïcödé \\u00e9 \\ud83d\\ude9a\", \"year\": 2.026e3}}}"
        let f = try EmissionFactors.defaults.applying(factorsJSON: Array(json.utf8), file: "x.json")
        let x = try f.fuel("x")
        #expect(x.kgCO2ePerLitreWTW == 1.5)
        #expect(x.source.citation == "Ünïcödé é 🚚")
        #expect(x.source.year == 2026)
    }

    @Test func sampleFileInTheRepositoryIsValid() throws {
        let f = try EmissionFactors.defaults.applying(factorsFile: repositoryRoot + "/samples/factors-example.json")
        #expect(f.vehicles.map(\.key) == ["artic-40t", "artic-64t", "rigid-26t", "rigid-18t-city"])
        #expect(f.fuels.last?.key == "hvo100-supplier")
        #expect(try f.vehicle("artic-40t").source.file == repositoryRoot + "/samples/factors-example.json")
    }

    @Test func missingFileAndFolderAreUnreadable() {
        for path in [repositoryRoot + "/samples/no-such-factors.json", repositoryRoot + "/samples"] {
            do {
                _ = try EmissionFactors.defaults.applying(factorsFile: path)
                Issue.record("read \(path)")
            } catch {
                #expect(error.isUnreadable)
                #expect(error.line == nil)
                #expect(error.description.hasPrefix(path + ": "))
            }
        }
    }

    /// Generated: mutating bytes of a valid file never crashes or hangs; it
    /// is either read or refused with a line inside the file.
    @Test func mutatedFilesAreReadOrRefusedCleanly() throws {
        let valid = Array(try String(contentsOfFile: repositoryRoot + "/samples/factors-example.json", encoding: .utf8).utf8)
        let lines = valid.count { $0 == UInt8(ascii: "\n") } + 1
        var g = SeededGenerator(seed: 42)
        let alphabet = Array("{}[]\":,0123456789.-eE \n\\tuafnl".utf8) + [0x00, 0xC3, 0xFF]
        var accepted = 0
        for _ in 0..<3_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let i = Int.random(in: 0..<bytes.count, using: &g)
                switch Int.random(in: 0..<3, using: &g) {
                case 0: bytes[i] = alphabet.randomElement(using: &g) ?? 0
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &g) ?? 0, at: i)
                }
            }
            do {
                let f = try EmissionFactors.defaults.applying(factorsJSON: bytes, file: "m.json")
                f._checkInvariants()
                accepted += 1
            } catch {
                if let line = error.line { #expect((1...lines + 3).contains(line), "\(error)") }
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted < 3_000)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
