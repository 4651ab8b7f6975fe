import Backhaul
import Emissions
import Ledger

/// A run of `tours` random tours among `companies` companies, allocated
/// and converted as `match --ledger` does.
func syntheticRun(seed: UInt64, tours: Int, companies: Int = 5, date: String = "2026-11-25",
                  method: SplitMethod = .shapley, money: Bool = true) -> LedgerRun {
    let input = SavingsAllocatorTests.randomRun(seed: seed, tours: tours, companies: companies, method: method, money: money)
    let allocation = try! SavingsAllocator.allocate(input)
    var n = 0
    let info = input.tours.map { t in
        t.companies.map { _ -> LedgerRunBuilder.ShipmentInfo in
            n += 1
            return .init(id: "S\(seed)-\(n)", weightKg: n % 3 == 0 ? nil : Double(8000 + n % 17 * 1000))
        }
    }
    let keys = [(vehicle: "artic-40t", fuel: "diesel-b7"), (vehicle: "rigid-26t", fuel: "hvo100")]
    return LedgerRun(
        fingerprint: SHA256.hex(Array("synthetic \(seed) \(date) \(method)".utf8)), runDate: date,
        backhaulVersion: "test", splitMethod: method.rawValue, distanceModel: "road", currency: money ? "SEK" : nil,
        parameters: [.init("seed", String(seed)), .init("split", method.rawValue)],
        inputs: [.init(name: "batch-\(seed).csv", bytes: 1234, sha256: SHA256.hex(Array("\(seed)".utf8)))],
        companies: LedgerRunBuilder.companies(allocation),
        tours: LedgerRunBuilder.tours(allocation: allocation, matrices: input.tours, shipments: info,
                                      models: SavingsAllocatorTests.models, modelKeys: keys),
        totals: allocation.total)
}

/// Row counts of the tables a run fills.
func counts(_ path: String) throws -> [String: Int] {
    let db = try Database(path: path, mode: .readOnly)
    var out: [String: Int] = [:]
    for t in ["runs", "run_parameters", "run_inputs", "run_companies", "run_partners", "tours", "tour_shipments", "allocations"] {
        out[t] = try db.scalarInt("SELECT count(*) FROM \(t)") ?? -1
    }
    return out
}
