import Backhaul
import BenchmarkSupport
import Pairing
import Foundation

// The whole `match` job, phase by phase:
//   swift run -c release MatchJobBenchmark [filter]
//
// 1. `samgods`: the real Swedish Samgods truck trips (Bischoff et al.,
//    MT-ITS 2019) from ../shared/data/shipments/, with the crow-fly estimate
//    (no Swedish road graph is bundled).
// 2. `ny-5000`: 5,000 generated shipments between 300 sites over DIMACS New
//    York (264,346 nodes, 733,846 arcs) as a prebuilt `.bhg` with its stored
//    contraction hierarchy (built once into the temporary folder), ends
//    snapped from coordinates; each run a child process (wall, CPU, peak
//    RSS). Target: ≤ 5 s end to end on 2 cores. `ny-100000` (only when named):
//    100,000 shipments between 6,000 sites, target ≤ 600 s and ≤ 8 GB.

// 3. `national[-N]`: batches of 20,000 … 310,000 rows resampled from the
//    Samgods loaded trips (NationalBatch.swift), crow-fly, each run as a
//    child process so that its peak memory is its own; prints phase times,
//    wall and CPU time, peak RSS and bytes per shipment. Runs only when the
//    filter names it (`national` for every size, `national-100000` for one).
//    Target: 310,000 rows ≤ 300 s wall, ≤ 4 GB, certified, on 2 cores.
//    `--threads N` sets the job's threads (default: every core).

// 4. `sensitivity`: what `--sensitivity` costs against a plain run, in the
//    same session: smaland-samgods.csv and national-20000 (crow-fly), each
//    run three times without and three times with the option, alternating,
//    as child processes; median CPU and wall time of each and their ratio,
//    and how each rerun went (candidates, pricing rounds, legs computed).

if CommandLine.arguments.count >= 3 && CommandLine.arguments[1] == "--child-match" {
    exit(childMatch(Array(CommandLine.arguments.dropFirst(2))))
}

var jobThreads: Int?
var benchmarkArguments = CommandLine.arguments
if let t = benchmarkArguments.firstIndex(of: "--threads"), t + 1 < benchmarkArguments.count {
    jobThreads = Int(benchmarkArguments[t + 1])
    benchmarkArguments.removeSubrange(t...(t + 1))
}
let runner = BenchmarkRunner(arguments: benchmarkArguments, runs: 3)

func printPhases(_ outcome: MatchJob.Outcome, label: String) {
    let total = outcome.timings.reduce(0) { $0 + $1.seconds }
    let phases = outcome.timings.map { "\($0.phase) \(format($0.seconds))" }.joined(separator: ", ")
    let s = outcome.report.summary
    print("  \(label): \(phases); total \(format(total))")
    print("    \(s.valid) shipments, \(s.pairs) pairs, \(fixed(Double(s.savedM) / 1000, 1)) empty km saved of \(fixed(Double(s.emptyBeforeM) / 1000, 1))")
}

func run(_ options: MatchOptions) -> MatchJob.Outcome? {
    do {
        return try MatchJob.run(options, console: Console(quiet: true, captureOnly: true))
    } catch {
        print("  failed: \(error.message)")
        return nil
    }
}

// MARK: - Samgods (crow-fly)

for file in ["shipments/smaland-samgods.csv", "shipments/sweden-samgods-1pct.csv"] where runner.selects("samgods") {
    guard let path = sharedDataFile(file) else { continue }
    var options = MatchOptions(graphPath: nil, batches: [path])
    options.format = .json
    var last: MatchJob.Outcome?
    runner.measure("samgods \(file.split(separator: "/").last!) (crow-fly)") { last = run(options) }
    if let last { printPhases(last, label: "phases") }
}

// MARK: - 5,000 shipments over New York

/// Deterministic generator (SplitMix64).
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// `count` shipments between `sites` random places inside Manhattan, Brooklyn,
/// Queens and the inner suburbs (the NY graph's dense part), with pickup
/// windows through the day and a mix of body types.
func newYorkBatch(count: Int, sites: Int, seed: UInt64) -> String {
    var rng = Random(state: seed)
    let box = (lat: 40.55...40.90, lon: -74.10...(-73.75))
    let places = (0..<sites).map { _ in
        (box.lat.lowerBound + rng.unit() * (box.lat.upperBound - box.lat.lowerBound),
         box.lon.lowerBound + rng.unit() * (box.lon.upperBound - box.lon.lowerBound))
    }
    let bodies = ["dry_van", "tautliner", "reefer", "dry_van", "container", ""]
    var csv = "id,origin_lat,origin_lon,dest_lat,dest_lon,pickup_earliest,pickup_latest,body_type\n"
    for i in 0..<count {
        let a = Int(rng.next() % UInt64(sites))
        var b = Int(rng.next() % UInt64(sites))
        if b == a { b = (b + 1) % sites }
        let start = 5 * 60 + Int(rng.next() % (10 * 60))
        func hhmm(_ m: Int) -> String { String(format: "2026-11-26T%02d:%02d", m / 60, m % 60) }
        csv += "NY-\(String(format: "%05d", i)),\(fixed(places[a].0, 5)),\(fixed(places[a].1, 5)),"
            + "\(fixed(places[b].0, 5)),\(fixed(places[b].1, 5)),\(hhmm(start)),\(hhmm(start + 120)),"
            + bodies[Int(rng.next() % UInt64(bodies.count))] + "\n"
    }
    return csv
}

/// The New York graph as a `.bhg` with its stored hierarchy, built once
/// into the temporary folder (the targets assume a prebuilt graph).
func newYorkGraph(_ dimacs: String, dir: URL) -> String? {
    let path = dir.appendingPathComponent("ny-hierarchy.bhg").path
    if FileManager.default.fileExists(atPath: path) { return path }
    var options = GraphBuildJob.Options(inputPath: dimacs, outputPath: path)
    options.loading.dimacsUnit = "dm"
    do {
        let summary = try GraphBuildJob.run(options)
        print("built \(path) once: \(summary.nodes) nodes, hierarchy in \(format(summary.hierarchy?.seconds ?? 0))")
        return path
    } catch {
        print("  could not build the New York .bhg: \(error.message)")
        return nil
    }
}

let newYorkCases = [("ny-5000", 5_000, 300, "≤ 5 s"), ("ny-100000", 100_000, 6_000, "≤ 600 s, ≤ 8 GB")]
for (name, count, sites, target) in newYorkCases where runner.selects(name) && (name != "ny-100000" || runner.filter == name) {
    guard let dimacs = sharedDataFile("dimacs/USA-road-d.NY.gr.gz") else { break }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-matchjob-bench")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    guard let graph = newYorkGraph(dimacs, dir: dir) else { break }
    let batch = dir.appendingPathComponent("\(name).csv").path
    try! Data(newYorkBatch(count: count, sites: sites, seed: 2026).utf8).write(to: URL(fileURLWithPath: batch), options: .atomic)
    for threads in name == "ny-5000" ? [1, 2] : [2] {
        print("\(name) over \(graph), \(threads) thread\(threads == 1 ? "" : "s") (target \(target)):")
        guard let usage = runChild([CommandLine.arguments[0], "--child-match", batch, String(threads), graph, "dm"]) else {
            print("  could not start the child process")
            continue
        }
        print("  end to end: wall \(format(usage.wallSeconds)), CPU \(format(usage.cpuSeconds)), peak RSS \(fixed(Double(usage.peakResidentBytes) / 1e9, 2)) GB, "
            + "\(usage.peakResidentBytes / count) bytes per shipment, exit \(usage.exitStatus)")
    }
}

// MARK: - National batches (crow-fly, child processes)

/// The warm-started re-solves of a run: each one from 1,000 roots on a line
/// of its own (the heavy passes), the others summed.
func printResolves(_ resolves: [PricingStatistics.Resolve]) {
    let total = resolves.reduce(0) { $0 + $1.seconds }
    let tails = resolves.reduce(0) { $0 + ($1.secondsAfterCheckpoint ?? 0) }
    print("    re-solves: \(resolves.count) in \(format(total)), \(format(tails)) of it after their checkpoints")
    for r in resolves where r.roots >= 1_000 {
        print("      \(r.roots) roots, \(r.edges) edges (\(r.newEdges) new, \(r.violations) violating): \(format(r.seconds))"
            + (r.secondsAfterCheckpoint.map { ", \(format($0)) after its checkpoint" } ?? ""))
    }
    let light = resolves.filter { $0.roots < 1_000 }
    if !light.isEmpty {
        print("      \(light.count) of fewer than 1,000 roots: \(format(light.reduce(0) { $0 + $1.seconds }))")
    }
}

/// Child mode: `--child-match BATCH THREADS [GRAPH DIMACS-UNIT] [--sensitivity]`
/// runs the job in this process and prints its phases and certificate.
func childMatch(_ arguments: [String]) -> Int32 {
    let args = arguments.filter { $0 != "--sensitivity" }
    var options = MatchOptions(graphPath: args.count >= 4 ? args[2] : nil, batches: [args[0]])
    options.sensitivity = arguments.contains("--sensitivity")
    options.threads = Int(args[1]).flatMap { $0 > 0 ? $0 : nil }
    if args.count >= 4 { options.dimacsUnit = args[3] }
    options.format = .json
    do {
        let outcome = try MatchJob.run(options, console: Console(quiet: true, captureOnly: true))
        printPhases(outcome, label: "phases")
        let c = outcome.report.certificate
        print("    optimality \(c.optimality); \(c.initialCandidatePairs) candidate pairs, \(c.pairsPriced) priced in \(c.pricingRounds) rounds, "
            + "\(c.violations) improving, \(c.pairsEvaluated) evaluated, \(c.pairsRuledOutByBound) ruled out by the bound")
        if let t = outcome.pairingStatistics?.seconds {
            print("    pairing: candidates \(format(t.candidates)), legs \(format(t.legs)), first solve \(format(t.firstSolve)), "
                + "pricing \(format(t.pricing)), warm solves \(format(t.warmSolves)), reasons \(format(t.reasons))")
        }
        if let resolves = outcome.pairingStatistics?.resolves, !resolves.isEmpty {
            printResolves(resolves)
        }
        for (name, s) in outcome.sensitivityStatistics {
            let t = s.seconds
            print("    rerun \(name): \(s.initialCandidatePairs) candidate pairs, \(s.pricingRounds) pricing rounds, \(s.violations) improving, "
                + "\(s.legsComputed) legs computed; candidates \(format(t.candidates)), legs \(format(t.legs)), "
                + "first solve \(format(t.firstSolve)), pricing \(format(t.pricing)), warm solves \(format(t.warmSolves))")
        }
        return 0
    } catch {
        print("  failed (exit \(error.status.rawValue)): \(error.message)")
        return error.status.rawValue
    }
}

if let filter = runner.filter, filter.lowercased().hasPrefix("national"),
    let source = sharedDataFile("shipments/sweden-samgods-1pct.csv"), let national = NationalBatch(path: source)
{
    let sizes = [20_000, 50_000, 100_000, 200_000, 310_000].filter { filter == "national" || filter == "national-\($0)" }
    // A kept batch goes where the docs say; otherwise each run has its own
    // folder, so that two runs at once never delete each other's batch.
    let keep = ProcessInfo.processInfo.environment["BACKHAUL_KEEP_BATCH"] != nil
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
        keep ? "bh-national-bench" : "bh-national-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
    print("national batches from \(national.trips.count) loaded Samgods trips; job threads: \(jobThreads.map(String.init) ?? "every core")")
    for n in sizes {
        let path = dir.appendingPathComponent("national-\(n).csv").path
        try! Data(national.csv(count: n, seed: 2026).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        print("national-\(n):")
        guard let usage = runChild([CommandLine.arguments[0], "--child-match", path, String(jobThreads ?? 0)]) else {
            print("  could not start the child process")
            continue
        }
        print("  wall \(format(usage.wallSeconds)), CPU \(format(usage.cpuSeconds)), peak RSS \(fixed(Double(usage.peakResidentBytes) / 1e9, 2)) GB, "
            + "\(usage.peakResidentBytes / n) bytes per shipment, exit \(usage.exitStatus)")
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }
}

// MARK: The cost of --sensitivity

if let filter = runner.filter, filter.lowercased().hasPrefix("sensitivity") {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-sensitivity-bench")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var batches: [(String, String)] = []
    if let smaland = sharedDataFile("shipments/smaland-samgods.csv") { batches.append(("smaland-samgods", smaland)) }
    if let source = sharedDataFile("shipments/sweden-samgods-1pct.csv"), let national = NationalBatch(path: source) {
        let path = dir.appendingPathComponent("national-20000.csv").path
        try! Data(national.csv(count: 20_000, seed: 2026).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        batches.append(("national-20000", path))
    }
    for (name, path) in batches {
        var plain: [ChildUsage] = [], with: [ChildUsage] = []
        for round in 0..<3 {
            for sensitivity in [false, true] {
                print("\(name), round \(round + 1), \(sensitivity ? "--sensitivity" : "plain"):")
                let args = [CommandLine.arguments[0], "--child-match", path, String(jobThreads ?? 0)] + (sensitivity ? ["--sensitivity"] : [])
                guard let usage = runChild(args), usage.exitStatus == 0 else { print("  child failed"); continue }
                if sensitivity { with.append(usage) } else { plain.append(usage) }
            }
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        guard !plain.isEmpty, !with.isEmpty else { continue }
        let (pc, wc) = (median(plain.map(\.cpuSeconds)), median(with.map(\.cpuSeconds)))
        let (pw, ww) = (median(plain.map(\.wallSeconds)), median(with.map(\.wallSeconds)))
        print("\(name): plain CPU \(format(pc)), wall \(format(pw)); --sensitivity CPU \(format(wc)), wall \(format(ww)); "
            + "ratio CPU \(fixed(wc / pc, 2)), wall \(fixed(ww / pw, 2)); peak RSS \(fixed(Double(plain.map(\.peakResidentBytes).max()!) / 1e6, 0)) MB "
            + "vs \(fixed(Double(with.map(\.peakResidentBytes).max()!) / 1e6, 0)) MB")
    }
}
