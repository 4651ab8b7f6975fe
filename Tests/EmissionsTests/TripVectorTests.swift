import Testing
@testable import Emissions

/// One hand-computed trip: the expected figures are worked out in the
/// comment of each row from the contract's table, not by the code under test.
struct TripVector: Sendable, CustomTestStringConvertible {
    var label: String
    var vehicle: String
    var fuel: String
    var distanceKm: Double
    var loadKg: Double?
    var loadFactor: Double
    var litres: Double
    var ttw: Double
    var wtw: Double

    var testDescription: String { label }
}

let tripVectors: [TripVector] = [
    // 100 km × 22.0 l/100km = 22.0 l; × 2.47 = 54.34; × 3.13 = 68.86.
    TripVector(label: "artic-40t empty", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 100, loadKg: nil,
               loadFactor: 0, litres: 22.0, ttw: 54.34, wtw: 68.86),
    // An explicit 0 kg is the same empty run.
    TripVector(label: "artic-40t 0 kg", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 100, loadKg: 0,
               loadFactor: 0, litres: 22.0, ttw: 54.34, wtw: 68.86),
    // Full: 25 000 / 25 000 = 1 → 32.0 l; × 2.47 = 79.04; × 3.13 = 100.16.
    TripVector(label: "artic-40t full", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 100, loadKg: 25_000,
               loadFactor: 1, litres: 32.0, ttw: 79.04, wtw: 100.16),
    // Half: 22 + 10 × 0.5 = 27.0 l; × 2.47 = 66.69; × 3.13 = 84.51.
    TripVector(label: "artic-40t half", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 100, loadKg: 12_500,
               loadFactor: 0.5, litres: 27.0, ttw: 66.69, wtw: 84.51),
    // Above the payload clamps to full.
    TripVector(label: "artic-40t 40 t clamps", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 100, loadKg: 40_000,
               loadFactor: 1, litres: 32.0, ttw: 79.04, wtw: 100.16),
    // A negative weight counts as empty.
    TripVector(label: "negative load is empty", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 100, loadKg: -5,
               loadFactor: 0, litres: 22.0, ttw: 54.34, wtw: 68.86),
    // Zero distance → nothing.
    TripVector(label: "zero distance", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 0, loadKg: 20_000,
               loadFactor: 0.8, litres: 0, ttw: 0, wtw: 0),
    // Each fuel on the 22.0 l empty run:
    // fossil 22 × 2.67 = 58.74, 22 × 3.24 = 71.28.
    TripVector(label: "diesel-fossil", vehicle: "artic-40t", fuel: "diesel-fossil", distanceKm: 100, loadKg: nil,
               loadFactor: 0, litres: 22.0, ttw: 58.74, wtw: 71.28),
    // MK1 22 × 2.45 = 53.9, 22 × 3.17 = 69.74.
    TripVector(label: "diesel-mk1", vehicle: "artic-40t", fuel: "diesel-mk1", distanceKm: 100, loadKg: nil,
               loadFactor: 0, litres: 22.0, ttw: 53.9, wtw: 69.74),
    // HVO100 22 × 0 = 0, 22 × 0.476 = 10.472.
    TripVector(label: "hvo100", vehicle: "artic-40t", fuel: "hvo100", distanceKm: 100, loadKg: nil,
               loadFactor: 0, litres: 22.0, ttw: 0, wtw: 10.472),
    // RME100 22 × 0 = 0, 22 × 1.094 = 24.068.
    TripVector(label: "rme100", vehicle: "artic-40t", fuel: "rme100", distanceKm: 100, loadKg: nil,
               loadFactor: 0, litres: 22.0, ttw: 0, wtw: 24.068),
    // 64 t at 20 t: LF 0.5 → 26 + 16 × 0.5 = 34 l/100km; 200 km → 68 l; × 2.47 = 167.96; × 3.13 = 212.84.
    TripVector(label: "artic-64t half, 200 km", vehicle: "artic-64t", fuel: "diesel-b7", distanceKm: 200, loadKg: 20_000,
               loadFactor: 0.5, litres: 68.0, ttw: 167.96, wtw: 212.84),
    // Rigid at 3 500 kg: LF 0.25 → 27 + 10 × 0.25 = 29.5 l/100km; 40 km → 11.8 l; × 2.45 = 28.91; × 3.17 = 37.406.
    TripVector(label: "rigid-26t quarter, MK1", vehicle: "rigid-26t", fuel: "diesel-mk1", distanceKm: 40, loadKg: 3_500,
               loadFactor: 0.25, litres: 11.8, ttw: 28.91, wtw: 37.406),
    // Växjö → Kalmar loaded with 20 t: LF 0.8 → 30 l/100km; 110 km → 33 l; × 2.47 = 81.51; × 3.13 = 103.29.
    TripVector(label: "Växjö-Kalmar 20 t", vehicle: "artic-40t", fuel: "diesel-b7", distanceKm: 110, loadKg: 20_000,
               loadFactor: 0.8, litres: 33.0, ttw: 81.51, wtw: 103.29),
]

@Suite struct TripVectorTests {
    @Test(arguments: tripVectors)
    func handComputed(_ v: TripVector) throws {
        let model = try EmissionFactors.defaults.model(vehicle: v.vehicle, fuel: v.fuel)
        let e = model.estimate(distanceKm: v.distanceKm, loadKg: v.loadKg)
        #expect(close(e.loadFactor, v.loadFactor), "load factor \(e.loadFactor)")
        #expect(close(e.litres, v.litres), "litres \(e.litres)")
        #expect(close(e.co2eKgTTW, v.ttw), "TTW \(e.co2eKgTTW)")
        #expect(close(e.co2eKgWTW, v.wtw), "WTW \(e.co2eKgWTW)")
        #expect(e.distanceKm == v.distanceKm)
    }

    @Test func emptyRunOfMetresMatchesKilometres() throws {
        let model = try EmissionFactors.defaults.model(vehicle: "artic-40t", fuel: "diesel-b7")
        let e = model.emptyRun(metres: 100_000)
        #expect(close(e.litres, 22.0))
        #expect(close(e.co2eKgTTW, 54.34))
        #expect(close(e.co2eKgWTW, 68.86))
        #expect(e.loadFactor == 0)
    }

    @Test func loadFactorClampsAndIgnoresNaN() throws {
        let v = try EmissionFactors.defaults.vehicle("artic-40t")
        #expect(v.loadFactor(weightKg: nil) == 0)
        #expect(v.loadFactor(weightKg: .nan) == 0)
        #expect(v.loadFactor(weightKg: -1) == 0)
        #expect(v.loadFactor(weightKg: 5_000) == 0.2)
        #expect(v.loadFactor(weightKg: 1e12) == 1)
        #expect(v.litresPer100km(loadFactor: .nan) == 22)
        #expect(v.litresPer100km(loadFactor: 7) == 32)
        #expect(v.litresPer100km(loadFactor: -7) == 22)
    }

    @Test func contractDefaultTables() throws {
        let f = EmissionFactors.defaults
        #expect(f.vehicles.map(\.key) == ["artic-40t", "artic-64t", "rigid-26t"])
        #expect(f.fuels.map(\.key) == ["diesel-b7", "diesel-fossil", "diesel-mk1", "hvo100", "rme100"])
        let rows = f.vehicles.map { [$0.payloadKg, $0.litresPer100kmEmpty, $0.litresPer100kmFull] }
        #expect(rows == [[25_000, 22, 32], [40_000, 26, 42], [14_000, 27, 37]])
        let fuels = f.fuels.map { [$0.kgCO2ePerLitreTTW, $0.kgCO2ePerLitreWTW] }
        #expect(fuels == [[2.47, 3.13], [2.67, 3.24], [2.45, 3.17], [0, 0.476], [0, 1.094]])
        for source in f.vehicles.map(\.source) + f.fuels.map(\.source) {
            #expect(!source.citation.isEmpty)
            #expect((2000...2026).contains(source.year))
            #expect(source.file == nil)
        }
        #expect(EmissionFactors.defaultVehicleKey == "artic-40t")
        #expect(EmissionFactors.defaultFuelKey == "diesel-b7")
    }

    @Test(arguments: ["artic-40t", "ARTIC-40T", "  Artic-40t ", "artic-40t\t"])
    func keysMatchWithoutCaseOrSpaces(_ key: String) throws {
        #expect(try EmissionFactors.defaults.vehicle(key).key == "artic-40t")
    }

    @Test func unknownKeysListTheKnownOnes() {
        #expect(throws: UnknownFactorKeyError.self) { try EmissionFactors.defaults.vehicle("artic-50t") }
        do {
            _ = try EmissionFactors.defaults.fuel("petrol")
            Issue.record("petrol should be unknown")
        } catch {
            #expect(error.kind == .fuel)
            #expect(error.description == "unknown fuel 'petrol'; known fuels: diesel-b7, diesel-fossil, diesel-mk1, hvo100, rme100")
        }
        do {
            _ = try EmissionFactors.defaults.model(vehicle: "van", fuel: "petrol")
            Issue.record("van should be unknown")
        } catch {
            #expect(error.kind == .vehicle)
            #expect(error.description.contains("known vehicles: artic-40t, artic-64t, rigid-26t"))
        }
    }
}
