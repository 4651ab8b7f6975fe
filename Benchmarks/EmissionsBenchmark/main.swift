import BenchmarkSupport
import Emissions

// Emissions: per-trip estimates and the savings aggregation the match job
// calls once per chosen pair. Inputs are generated with a fixed seed.
//
//   swift run -c release EmissionsBenchmark [filter]


let runner = BenchmarkRunner()
var rng = SplitMix64(seed: 2026)
let factors = EmissionFactors.defaults

// MARK: Trips

let tripCount = 10_000_000
let distances = (0..<tripCount).map { _ in Double.random(in: 1...1_500, using: &rng) }
let loads = (0..<tripCount).map { _ in Double.random(in: 0...30_000, using: &rng) }
let model = try factors.model(vehicle: "artic-40t", fuel: "diesel-b7")

// Peer: the same loop summing distance × a constant, the floor any estimate
// loop over these arrays can reach.
runner.measure("trips: peer loop (distance × constant), 10M", unitsPerRun: Double(tripCount), unit: "trips") {
    var sum = 0.0
    for i in 0..<tripCount { sum += distances[i] * 0.22 + loads[i] * 1e-9 }
    return sum
}

runner.measure("trips: estimate 10M (resolved model)", unitsPerRun: Double(tripCount), unit: "trips") {
    var litres = 0.0, wtw = 0.0
    for i in 0..<tripCount {
        let e = model.estimate(distanceKm: distances[i], loadKg: loads[i])
        litres += e.litres
        wtw += e.co2eKgWTW
    }
    return litres + wtw
}

let lookupCount = 1_000_000
let vehicleKeys = factors.vehicles.map(\.key), fuelKeys = factors.fuels.map(\.key)
let keyPairs = (0..<lookupCount).map { _ in
    (vehicleKeys.randomElement(using: &rng) ?? "artic-40t", fuelKeys.randomElement(using: &rng) ?? "diesel-b7")
}
runner.measure("trips: estimate 1M, vehicle and fuel looked up by key per trip", unitsPerRun: Double(lookupCount), unit: "trips") {
    var wtw = 0.0
    for i in 0..<lookupCount {
        guard let m = try? factors.model(vehicle: keyPairs[i].0, fuel: keyPairs[i].1) else { continue }
        wtw += m.estimate(distanceKm: distances[i], loadKg: loads[i]).co2eKgWTW
    }
    return wtw
}

// MARK: Savings aggregation

let recordCount = 1_000_000
let companyNames: [String?] = (0..<1_000).map { "Company \($0)" } + [nil]
let records = (0..<recordCount).map { i in
    PairSavingRecord(
        pairID: "s\(2 * i)+s\(2 * i + 1)",
        companyA: companyNames.randomElement(using: &rng) ?? nil,
        companyB: companyNames.randomElement(using: &rng) ?? nil,
        avoidedEmptyMetres: Int.random(in: 0...300_000, using: &rng),
        vehicle: Int.random(in: 0..<10, using: &rng) == 0 ? "artic-64t" : "artic-40t",
        fuel: Int.random(in: 0..<5, using: &rng) == 0 ? "hvo100" : "diesel-b7")
}

runner.measure("savings: aggregate 1M pair records (1001 companies)", unitsPerRun: Double(recordCount), unit: "records") {
    var ledger = SavingsLedger(factors: factors)
    for r in records { try? ledger.add(r) }
    let report = ledger.report()
    return report.total.co2eKgWTW + Double(report.companies.count)
}

// MARK: Factors file

let factorsJSON = Array("""
    {"vehicles": {"artic-40t": {"payload_kg": 26000, "litres_per_100km_empty": 21.0, "litres_per_100km_full": 30.5,
      "source": "Fleet", "year": 2026}, "van-3t": {"payload_kg": 1200, "litres_per_100km_empty": 9,
      "litres_per_100km_full": 11, "source": "Fleet", "year": 2026}},
     "fuels": {"hvo100-x": {"co2e_kg_per_litre_ttw": 0, "co2e_kg_per_litre_wtw": 0.35, "source": "Supplier", "year": 2026}}}
    """.utf8)
runner.measure("factors: read and validate a 3-entry factors file ×10k", unitsPerRun: 10_000, unit: "files") {
    var n = 0
    for _ in 0..<10_000 {
        n += (try? factors.applying(factorsJSON: factorsJSON, file: "f.json"))?.vehicles.count ?? 0
    }
    return n
}
