// Tours of up to 2, 3 or 4 shipments on real Samgods truck trips, crow-fly.
//
//     swift run -c release TourBenchmark [--write-instances DIR] [--windows] [--spatial] [--threads N] [--seconds S] [filter]
//
// Instances (legs: great-circle × 1.3 in whole metres, 70 km/h, as the
// `match` job's crow-fly model):
//
// - smaland-K: samples/shipments/smaland-samgods.csv (301 loaded trips).
// - national-N-sS-K: N trips resampled (with replacement, seed S) from the
//   loaded rows of ../shared/data/shipments/sweden-samgods-1pct.csv, each end
//   moved by up to 1 km and each window by up to ±30 min (the national
//   generator of issue 11). N ≤ 5,000 uses a dense table; larger N (or any
//   N with --spatial) legs on demand over a ShipmentSpace, the match job's
//   national path, where the bound is proven over every leg.
//
// `--threads N` limits the worker threads (default: every core);
// `--seconds S` gives the tours a time budget of S seconds after the
// pairing (TourOptions.seconds, `match --tour-seconds`).
// Time windows are ignored unless `--windows` is given; the driving rules of
// Regulation 561/2006 always apply. Every case prints the totals, both lower
// bounds, the proven gap, the gain over the optimal pairing, and wall and
// CPU time. `--write-instances DIR` writes DIR/NAME.csv (the shipments) and
// DIR/NAME.tours.json (our plan) for Benchmarks/compare/tours_vroom.py.

import BenchmarkSupport
import Foundation
import Pairing

// MARK: Arguments

var arguments = CommandLine.arguments
var instanceDirectory: String?
var withWindows = false
var forceSpatial = false
if let i = arguments.firstIndex(of: "--spatial") {
    forceSpatial = true
    arguments.remove(at: i)
}
if let i = arguments.firstIndex(of: "--write-instances"), i + 1 < arguments.count {
    instanceDirectory = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
var threads: Int?
if let i = arguments.firstIndex(of: "--threads"), i + 1 < arguments.count {
    threads = Int(arguments[i + 1])
    arguments.removeSubrange(i...(i + 1))
}
var budgetSeconds: Double?
if let i = arguments.firstIndex(of: "--seconds"), i + 1 < arguments.count {
    budgetSeconds = Double(arguments[i + 1])
    arguments.removeSubrange(i...(i + 1))
}
if let i = arguments.firstIndex(of: "--windows") {
    withWindows = true
    arguments.remove(at: i)
}
let runner = BenchmarkRunner(arguments: arguments, runs: 1)

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

// MARK: Data


let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let smalandPath = repository + "/samples/shipments/smaland-samgods.csv"
let nationalPath = repository + "/../../shared/data/shipments/sweden-samgods-1pct.csv"
let sharedNationalPath = "/work/shared/data/shipments/sweden-samgods-1pct.csv"

func readLoaded(_ path: String) -> [Shipment]? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
        return try BatchReader().read([.path(path)]).shipments
    } catch {
        print("cannot read \(path): \(error)")
        return nil
    }
}

func coordinate(_ l: Location) -> (Double, Double) {
    guard case .coordinate(let lat, let lon) = l else { preconditionFailure("crow-fly needs coordinates") }
    return (lat, lon)
}

/// `n` shipments resampled from `rows`, ends moved by up to 1 km, windows by ±30 min.
func resample(_ rows: [Shipment], count n: Int, seed: UInt64) -> [Shipment] {
    var rng = SplitMix64(seed: seed)
    func jitter(_ l: Location) -> Location {
        let (lat, lon) = coordinate(l)
        let dLat = Double.random(in: -1...1, using: &rng) / 111.2
        let dLon = Double.random(in: -1...1, using: &rng) / (111.2 * cos(lat * .pi / 180))
        return .coordinate(latitude: lat + dLat, longitude: lon + dLon)
    }
    return (0..<n).map { k in
        var s = rows[Int.random(in: 0..<rows.count, using: &rng)]
        s.id = "R\(seed)-\(k)"
        s.origin = jitter(s.origin)
        s.destination = jitter(s.destination)
        let shift = Int64.random(in: -1800...1800, using: &rng)
        s.pickupEarliest = s.pickupEarliest?.adding(seconds: shift)
        s.pickupLatest = s.pickupLatest?.adding(seconds: shift)
        s.deliveryLatest = s.deliveryLatest?.adding(seconds: shift)
        return s
    }
}

// MARK: Crow-fly legs

struct Unit: Sendable {
    var x, y, z: Double
    init(_ l: Location) {
        let (lat, lon) = coordinate(l)
        let a = lat * .pi / 180, o = lon * .pi / 180
        x = cos(a) * cos(o)
        y = cos(a) * sin(o)
        z = sin(a)
    }
    func leg(to o: Unit) -> Leg {
        let dx = x - o.x, dy = y - o.y, dz = z - o.z
        let chord = (dx * dx + dy * dy + dz * dz).squareRoot()
        let metres = (2 * 6_371_008.8 * asin(min(1, chord / 2)) * 1.3).rounded()
        return Leg(metres: Int(metres), seconds: Int((metres / (70 / 3.6)).rounded()))
    }
}

/// The crow-fly legs on demand, as the match job computes them.
struct CrowflyLegs: EmptyLegSource {
    let origins: [Unit]
    let destinations: [Unit]

    func legs(_ arcs: [ShipmentArc]) throws -> [Leg?] {
        arcs.map { destinations[Int($0.from)].leg(to: origins[Int($0.to)]) }
    }
}

/// The problem with a dense table of crow-fly legs (up to 5,000 shipments).
func denseProblem(_ shipments: [Shipment]) throws -> PairingProblem {
    let o = shipments.map { Unit($0.origin) }, d = shipments.map { Unit($0.destination) }
    let table = try EmptyLegTable(count: shipments.count) { i, j in d[i].leg(to: o[j]) }
    return try PairingProblem(shipments: shipments, loadedLegs: shipments.indices.map { o[$0].leg(to: d[$0]) }, emptyLegs: table)
}

/// The problem with legs on demand over a space of the shipments' ends.
func spatialProblem(_ shipments: [Shipment]) throws -> SpatialPairingProblem {
    let o = shipments.map { Unit($0.origin) }, d = shipments.map { Unit($0.destination) }
    func point(_ l: Location) -> GeoPoint {
        let (lat, lon) = coordinate(l)
        return GeoPoint(latitude: lat, longitude: lon)
    }
    let space = ShipmentSpace(
        origins: shipments.map { point($0.origin) }, destinations: shipments.map { point($0.destination) },
        bound: .crowfly(circuity: 1.3))
    return try SpatialPairingProblem(
        shipments: shipments, loadedLegs: shipments.indices.map { o[$0].leg(to: d[$0]) },
        ownReturns: shipments.indices.map { d[$0].leg(to: o[$0]) }, space: space,
        legs: CrowflyLegs(origins: o, destinations: d))
}

// MARK: Running

func km(_ m: Int) -> String { fixed(Double(m) / 1000, 1) }
func percent(_ x: Double) -> String { fixed(100 * x, 2) + " %" }

@MainActor func run(_ name: String, _ shipments: [Shipment], maxTour: Int) throws {
    guard runner.selects(name) else { return }
    var options = TourOptions(maxTour: maxTour)
    options.pairing.ignoreTimeWindows = !withWindows
    options.pairing.threads = threads
    options.seconds = budgetSeconds
    let spatial = forceSpatial || shipments.count > 5_000
    let wall0 = Date(), cpu0 = cpuSeconds()
    let result = spatial ? try spatialProblem(shipments).tours(options: options) : try denseProblem(shipments).tours(options: options)
    let wall = Date().timeIntervalSince(wall0), cpu = cpuSeconds() - cpu0
    let pairingTotal = result.loadedMetres + result.pairingEmptyMetres
    let sizes = (2...4).map { k in result.tours.filter { $0.shipments.count == k }.count }
    print("\(name): n \(shipments.count), maxTour \(maxTour)\(withWindows ? ", windows" : "")\(spatial ? ", legs on demand" : ", dense table"): \(format(wall)) wall, \(format(cpu)) CPU (problem and tours), peak RSS \(fixed(peakRSSMegabytes(), 0)) MB")
    print("  loaded \(km(result.loadedMetres)) km; empty before \(km(result.emptyMetresBefore)), pairs \(km(result.pairingEmptyMetres)), tours \(km(result.emptyMetresAfter)) km")
    print("  total \(km(result.totalMetres)) km = \(percent(Double(pairingTotal - result.totalMetres) / Double(pairingTotal))) below the optimal pairing; tours of 2/3/4: \(sizes)")
    print("  bound: assignment \(km(result.bound.assignmentEmptyMetres)), cycles \(km(result.bound.cycleEmptyMetres)) empty km; total ≥ \(km(result.bound.totalMetres)) km; proven gap \(percent(result.gap))")
    let s = result.statistics
    print("  pairs \(s.candidatePairs), arcs \(s.candidateArcs), legs computed \(s.legsComputed), cycles checked \(s.cyclesChecked) / pool \(s.cyclesInPool), dual steps \(s.dualSteps), negative cycles left \(s.negativeCyclesLeft), search rounds \(s.searchRounds) (\(s.searchImprovements) improvements); bound over \(result.bound.scope.rawValue)\(s.budgetStop.map { "; the \(budgetSeconds ?? 0) s budget stopped the \($0.rawValue)" } ?? "")")
    print("  phases: " + s.phaseSeconds.map { "\($0.phase) \(fixed($0.seconds, 1)) s" }.joined(separator: ", "))
    if let dir = instanceDirectory {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var csv = "id,origin_lat,origin_lon,dest_lat,dest_lon\n"
        for s in shipments {
            let (a, b) = coordinate(s.origin), (c, d) = coordinate(s.destination)
            csv += "\(s.id),\(a),\(b),\(c),\(d)\n"
        }
        try csv.write(toFile: "\(dir)/\(name).csv", atomically: true, encoding: .utf8)
        let tours = result.tours.map { "[" + $0.shipments.map { "\"\(shipments[$0].id)\"" }.joined(separator: ",") + "]" }
        let json = "{\"name\":\"\(name)\",\"max_tour\":\(maxTour),\"total_m\":\(result.totalMetres),\"bound_total_m\":\(result.bound.totalMetres),\"pairing_total_m\":\(pairingTotal),\"seconds\":\(wall),\"tours\":[\(tours.joined(separator: ","))]}\n"
        try json.write(toFile: "\(dir)/\(name).tours.json", atomically: true, encoding: .utf8)
    }
}

if let smaland = readLoaded(smalandPath) {
    for k in 2...4 { try run("smaland-\(k)", smaland, maxTour: k) }
} else {
    print("smaland: \(smalandPath) is missing")
}

if let national = readLoaded(FileManager.default.fileExists(atPath: sharedNationalPath) ? sharedNationalPath : nationalPath) {
    try run("national-all-3", national, maxTour: 3)
    for seed in 1...3 {
        for k in 2...4 { try run("national-1000-s\(seed)-\(k)", resample(national, count: 1000, seed: UInt64(seed)), maxTour: k) }
    }
    for n in [2000, 3000, 5000, 10_000, 20_000, 50_000] { try run("national-\(n)-s1-3", resample(national, count: n, seed: 1), maxTour: 3) }
    try run("national-100000-s1-3", resample(national, count: 100_000, seed: 1), maxTour: 3)
} else {
    print("national: sweden-samgods-1pct.csv is absent (looked in \(sharedNationalPath) and \(nationalPath))")
}
