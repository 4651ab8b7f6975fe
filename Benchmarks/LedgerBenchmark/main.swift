import Backhaul
import BenchmarkSupport
import Emissions
import Ledger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The savings split and the SQLite ledger (issue 13). Inputs are generated
// with a fixed seed; wall and CPU time are both printed (the machine is
// shared: compare ratios against the peers measured in the same run).
//
//   swift run -c release LedgerBenchmark [--runs N] [allocate|append|report]
//
// Targets: allocation of 100,000 tours of ≤ 4 companies ≤ 1 s; append of a
// run of 100,000 pairs ≤ 3 s; a ledger of 365 nightly runs × 10,000 pairs
// reported by company and by month ≤ 2 s each. The 365-run ledger is built
// once (a few minutes) in $TMPDIR and reused.


let runner = BenchmarkRunner(runs: 5)

/// Process CPU time (user + system) in seconds.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

/// Wall and CPU time of `body`: one warm-up, then the median of `runs`.
@MainActor
func measure(_ name: String, runs: Int? = nil, _ body: () throws -> Void) rethrows {
    guard runner.selects(name) else { return }
    let runs = runs ?? runner.runs
    try body()
    var wall: [Double] = [], cpu: [Double] = []
    for _ in 0..<runs {
        let c0 = cpuSeconds()
        wall.append(try BenchmarkRunner.time(body))
        cpu.append(cpuSeconds() - c0)
    }
    func median(_ a: [Double]) -> Double { let s = a.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
    print("\(name): median wall \(format(median(wall))), CPU \(format(median(cpu))) over \(runs) runs (wall min \(format(wall.min()!)), max \(format(wall.max()!)))")
}

let factors = EmissionFactors.defaults
let models = [try factors.model(vehicle: "artic-40t", fuel: "diesel-b7"), try factors.model(vehicle: "artic-40t", fuel: "hvo100")]
let modelKeys = [(vehicle: "artic-40t", fuel: "diesel-b7"), (vehicle: "artic-40t", fuel: "hvo100")]

/// `count` tours of `sizes` shipments on random points of a 300 km square,
/// companies drawn from `companies` (each tour ≤ 4 distinct). Like the tours
/// a matching chooses, each shipment's destination lies within 20 km of the
/// next shipment's origin, so the tour saves most of the empty returns.
func tours(_ count: Int, sizes: ClosedRange<Int>, companies: Int, seed: UInt64) -> [TourCostMatrix] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let n = Int.random(in: sizes, using: &rng)
        func point() -> (Double, Double) { (Double.random(in: 0...300, using: &rng), Double.random(in: 0...300, using: &rng)) }
        let o = (0..<n).map { _ in point() }
        let d = (0..<n).map { i in
            (o[(i + 1) % n].0 + Double.random(in: -14...14, using: &rng), o[(i + 1) % n].1 + Double.random(in: -14...14, using: &rng))
        }
        func leg(_ a: (Double, Double), _ b: (Double, Double)) -> TravelCost {
            let km = ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot() * 1.2
            return TravelCost(metres: Int(km * 1000), seconds: Int(km * 55))
        }
        var empty: [TravelCost?] = []
        for i in 0..<n { for j in 0..<n { empty.append(leg(d[i], o[j])) } }
        return try! TourCostMatrix(
            companies: (0..<n).map { _ in Int.random(in: 0..<companies, using: &rng) },
            loaded: (0..<n).map { leg(o[$0], d[$0]) }, empty: empty, model: Int.random(in: 0...1, using: &rng))
    }
}

func companyNames(_ n: Int) -> [String] { (0..<n).map { "Company \($0)" } }

/// A run of `pairs` pairs as `match --ledger` records it.
func ledgerRun(pairs: Int, companies: Int, seed: UInt64, date: String) -> LedgerRun {
    let list = tours(pairs, sizes: 2...2, companies: companies, seed: seed)
    let rates = (0..<companies).map { CostRates(perKm: 12 + Double($0 % 5), perHour: 400 + Double($0 % 7) * 10) }
    let allocation = try! SavingsAllocator.allocate(SavingsAllocationInput(
        companies: companyNames(companies), models: models, tours: list, method: .shapley, rates: rates))
    var k = 0
    let info = list.map { t in t.companies.map { _ -> LedgerRunBuilder.ShipmentInfo in k += 1; return .init(id: "\(date)-\(k)", weightKg: 12_000) } }
    return LedgerRun(
        fingerprint: SHA256.hex(Array("bench \(seed) \(date)".utf8)), runDate: date, backhaulVersion: BackhaulVersion.string,
        splitMethod: "shapley", distanceModel: "road", currency: "SEK", parameters: [.init("seed", String(seed))],
        inputs: [.init(name: "incoming/\(date).csv", bytes: nil, sha256: nil)],
        companies: LedgerRunBuilder.companies(allocation),
        tours: LedgerRunBuilder.tours(allocation: allocation, matrices: list, shipments: info, models: models, modelKeys: modelKeys),
        totals: allocation.total)
}

let temporary = String(cString: getenv("TMPDIR") ?? strdup("/tmp"))

// MARK: Allocation

if runner.selects("allocate") {
    let input = SavingsAllocationInput(
        companies: companyNames(40), models: models, tours: tours(100_000, sizes: 2...4, companies: 40, seed: 1), method: .shapley,
        rates: (0..<40).map { _ in CostRates(perKm: 14, perHour: 420) })
    let players = input.tours.reduce(0) { $0 + Set($1.companies).count }
    print("allocate: 100,000 tours of 2–4 shipments, \(players) company places (≤ 4 companies per tour)")
    measure("allocate: peer, coalition games only") {
        var s = 0
        for t in input.tours { s &+= try! CoalitionGame(tour: t).savingMetres }
        blackHole(s)
    }
    for method in SplitMethod.allCases {
        var i = input
        i.method = method
        measure("allocate: 100,000 tours, \(method.rawValue)") { blackHole(try! SavingsAllocator.allocate(i)) }
    }
}

// MARK: Append

if runner.selects("append") {
    let run = ledgerRun(pairs: 100_000, companies: 60, seed: 2, date: "2026-11-25")
    print("append: one run of 100,000 pairs (200,000 shipments, \(run.tours.reduce(0) { $0 + $1.allocations.count }) allocations, 60 companies)")
    var n = 0
    measure("append: peer, same run into an in-memory ledger") {
        n += 1
        _ = try! LedgerDatabase(path: ":memory:", create: true).append(run)
    }
    measure("append: 100,000 pairs to a new ledger file (WAL, synchronous=FULL)") {
        n += 1
        let path = "\(temporary)/backhaul-ledger-bench-append-\(getpid())-\(n).db"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        _ = try! LedgerDatabase(path: path, create: true).append(run)
    }
}

// MARK: Reports over a year

if runner.selects("report") {
    let path = "\(temporary)/backhaul-ledger-bench-365x10000.db"
    let existing = (try? LedgerDatabase(path: path, create: false).runs().count) ?? 0
    if existing != 365 {
        for s in ["", "-wal", "-shm"] { unlink(path + s) }
        print("report: building \(path): 365 nightly runs × 10,000 pairs (once)…")
        let start = BenchmarkRunner.time {
            let db = try! LedgerDatabase(path: path, create: true)
            for day in 0..<365 {
                let (m, d) = monthDay(day)
                _ = try! db.append(ledgerRun(pairs: 10_000, companies: 60, seed: UInt64(100 + day), date: "2025-\(two(m))-\(two(d))"))
            }
        }
        print("report: built in \(format(start))")
    }
    var st = stat()
    stat(path, &st)
    print("report: ledger \(path), \(st.st_size / 1_000_000) MB, 365 runs, 3,650,000 tours")
    measure("report: peer, open the ledger only (checks included)") { blackHole(try! LedgerDatabase(path: path, create: false)) }
    for grouping in LedgerQuery.Grouping.allCases {
        measure("report: open + by \(grouping.rawValue), whole year") {
            let tables = LedgerDatabase.defaultCheckedTables + (grouping == .pair ? ["run_partners"] : [])
            let db = try! LedgerDatabase(path: path, create: false, checking: tables)
            blackHole(LedgerReportJob.render(try! db.report(LedgerQuery(grouping: grouping)), .md, path: path))
        }
    }
    measure("report: open + by month, one company") {
        let db = try! LedgerDatabase(path: path, create: false)
        blackHole(try! db.report(LedgerQuery(grouping: .month, company: "Company 7")))
    }
}

func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }

/// Month and day of day-of-year `n` (0-based) in a non-leap year.
func monthDay(_ n: Int) -> (Int, Int) {
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    var d = n
    for (m, l) in lengths.enumerated() {
        if d < l { return (m + 1, d + 1) }
        d -= l
    }
    return (12, 31)
}
