// Maximum-weight matching on savings graphs of random shipments.
//
//     swift run -c release MatchingBenchmark [--runs N] [--cubic] [--write-instances DIR] [filter]
//
// Instances: n shipments between uniform random points in a 200 km square,
// crow-fly distances in whole metres, deterministic seeds.
//
// - dense-N: every pair with a positive saving is an edge.
// - sparse20-N: each shipment keeps its 20 best partners among those whose
//   origin lies near its destination (a grid over the origins, searched in
//   the 5 × 5 cells around the destination — the candidates a job would
//   route to), the union of those lists.
// - pairing-*: the whole `PairingProblem.pair` pipeline (savings,
//   constraints with time windows and body types, matching) on such
//   shipments.
//
// `--write-instances DIR` writes each matching instance as `DIR/NAME.edges`
// ("n m" then "u v w" lines) and the result as `DIR/NAME.result`
// ("total_weight seconds"), for Benchmarks/compare/matching_networkx.py.
// `--cubic` also times the O(n³) reference solver on dense-2000 and
// sparse20-20000 (slow: minutes).

import BenchmarkSupport
import Foundation
import Pairing

// MARK: Arguments

var arguments = CommandLine.arguments
var instanceDirectory: String?
var includeSlowCubic = false
if let i = arguments.firstIndex(of: "--write-instances"), i + 1 < arguments.count {
    instanceDirectory = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
if let i = arguments.firstIndex(of: "--cubic") {
    includeSlowCubic = true
    arguments.remove(at: i)
}
let runner = BenchmarkRunner(arguments: arguments)

// MARK: CPU time

/// CPU seconds used by this process so far: on a shared machine the wall
/// time of a single-threaded solver is inflated by other work, its CPU time
/// much less.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The median of the timed runs (the first sample is the warm-up).
func medianOfRuns(_ samples: [Double]) -> Double {
    let s = samples.dropFirst().sorted()
    guard !s.isEmpty else { return samples.first ?? 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// MARK: Instances


/// n shipments between random points of a square, in metres.
struct ShipmentField {
    static let side = 200_000.0
    var ox: [Double] = [], oy: [Double] = [], dx: [Double] = [], dy: [Double] = []

    init(count: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<count {
            ox.append(.random(in: 0..<Self.side, using: &rng))
            oy.append(.random(in: 0..<Self.side, using: &rng))
            dx.append(.random(in: 0..<Self.side, using: &rng))
            dy.append(.random(in: 0..<Self.side, using: &rng))
        }
    }

    var count: Int { ox.count }

    /// Metres from i's destination to j's origin.
    @inline(__always) func empty(_ i: Int, _ j: Int) -> Int {
        let x = dx[i] - ox[j], y = dy[i] - oy[j]
        return Int((x * x + y * y).squareRoot().rounded())
    }

    @inline(__always) func loaded(_ i: Int) -> Int {
        let x = dx[i] - ox[i], y = dy[i] - oy[i]
        return Int((x * x + y * y).squareRoot().rounded())
    }

    @inline(__always) func saving(_ a: Int, _ b: Int) -> Int {
        empty(a, a) + empty(b, b) - empty(a, b) - empty(b, a)
    }

    func denseEdges() -> [MatchingGraph.Edge] {
        var edges: [MatchingGraph.Edge] = []
        for a in 0..<count {
            for b in (a + 1)..<count {
                let s = saving(a, b)
                if s > 0 { edges.append(.init(a, b, weight: s)) }
            }
        }
        return edges
    }

    /// For each shipment, the shipments whose origin is in the 5 × 5 grid
    /// cells around its destination (cells hold about 8 origins).
    func nearbyOrigins() -> [[Int]] {
        let cells = max(1, Int((Double(count) / 8).squareRoot()))
        let size = Self.side / Double(cells)
        func cell(_ x: Double) -> Int { min(cells - 1, max(0, Int(x / size))) }
        var bucket = [[Int]](repeating: [], count: cells * cells)
        for j in 0..<count { bucket[cell(oy[j]) * cells + cell(ox[j])].append(j) }
        return (0..<count).map { i in
            var result: [Int] = []
            let cx = cell(dx[i]), cy = cell(dy[i])
            for y in max(0, cy - 2)...min(cells - 1, cy + 2) {
                for x in max(0, cx - 2)...min(cells - 1, cx + 2) {
                    result.append(contentsOf: bucket[y * cells + x])
                }
            }
            return result
        }
    }

    /// The union of each shipment's `k` best partners among its nearby
    /// origins, edges sorted by (u, v).
    func sparseEdges(k: Int) -> [MatchingGraph.Edge] {
        var keys: [UInt64] = []
        var weight: [UInt64: Int] = [:]
        for (a, near) in nearbyOrigins().enumerated() {
            var best: [(s: Int, b: Int)] = []
            for b in near where b != a {
                let s = saving(a, b)
                if s > 0 { best.append((s, b)) }
            }
            best.sort { $0.s != $1.s ? $0.s > $1.s : $0.b < $1.b }
            for (s, b) in best.prefix(k) {
                let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
                if weight.updateValue(s, forKey: key) == nil { keys.append(key) }
            }
        }
        keys.sort()
        return keys.map { .init(Int($0 >> 32), Int($0 & 0xFFFF_FFFF), weight: weight[$0]!) }
    }
}

// MARK: Matching cases

@MainActor
func writeInstance(_ name: String, _ graph: MatchingGraph, weight: Int, seconds: Double, cpu: Double) {
    guard let dir = instanceDirectory else { return }
    var text = "\(graph.vertexCount) \(graph.edgeCount)\n"
    text.reserveCapacity(graph.edgeCount * 20)
    for e in graph.edges { text += "\(e.u) \(e.v) \(e.weight)\n" }
    do {
        try text.write(toFile: dir + "/" + name + ".edges", atomically: true, encoding: .utf8)
        try "\(weight) \(seconds) \(cpu)\n".write(toFile: dir + "/" + name + ".result", atomically: true, encoding: .utf8)
    } catch {
        print("cannot write \(name) to \(dir): \(error)")
    }
}

@MainActor
func matchingCase(_ name: String, cubic: Bool, runs: Int? = nil, _ edges: () -> [MatchingGraph.Edge], n: Int) {
    guard runner.selects(name) else { return }
    let graph: MatchingGraph
    do {
        graph = try MatchingGraph(vertexCount: n, edges: edges())
    } catch {
        print("\(name): \(error)")
        return
    }
    print("\(name): \(n) vertices, \(graph.edgeCount) edges")
    var optimum = 0
    var cpu: [Double] = []
    let t = runner.measure("\(name) blossom", runs: runs) {
        let c0 = cpuSeconds()
        let m = graph.matching(using: .blossom)
        cpu.append(cpuSeconds() - c0)
        optimum = m.totalWeight
        return m.count
    }
    let blossomCPU = medianOfRuns(cpu)
    print("  blossom CPU time: median \(format(blossomCPU))")
    var greedyWeight = 0
    cpu = []
    let g = runner.measure("\(name) greedy", runs: runs) {
        let c0 = cpuSeconds()
        let m = graph.matching(using: .greedy)
        cpu.append(cpuSeconds() - c0)
        greedyWeight = m.totalWeight
        return m.count
    }
    print("  greedy CPU time: median \(format(medianOfRuns(cpu)))")
    if cubic {
        var cubicWeight = 0
        cpu = []
        if let c = runner.measure("\(name) cubic-blossom", runs: 1, { () -> Int in
            let c0 = cpuSeconds()
            let m = graph.matching(using: .cubicBlossom)
            cpu.append(cpuSeconds() - c0)
            cubicWeight = m.totalWeight
            return m.count
        }), let t {
            let cubicCPU = medianOfRuns(cpu)
            print("  cubic-blossom CPU time: \(format(cubicCPU))")
            print("  cubic-blossom / blossom: \(fixed(c.median / t.median, 1))× wall, \(fixed(cubicCPU / blossomCPU, 1))× CPU; weights equal: \(cubicWeight == optimum)")
        }
    }
    let gap = optimum > 0 ? 100 * Double(optimum - greedyWeight) / Double(optimum) : 0
    print("  optimal weight \(optimum) m; greedy \(greedyWeight) m (\(fixed(gap, 2)) % less)")
    if let t, let g { print("  blossom / greedy time: \(fixed(t.median / g.median, 1))×") }
    if let t { writeInstance(name, graph, weight: optimum, seconds: t.median, cpu: blossomCPU) }
}

let denseSizes = [1_000, 2_000, 5_000]
for n in denseSizes {
    let field = ShipmentField(count: n, seed: UInt64(n))
    matchingCase("dense-\(n)", cubic: n == 1_000 || (n == 2_000 && includeSlowCubic), runs: n >= 5_000 ? 3 : nil, field.denseEdges, n: n)
}
for n in [20_000, 100_000] {
    let field = ShipmentField(count: n, seed: UInt64(n) &+ 1)
    matchingCase("sparse20-\(n)", cubic: includeSlowCubic && n == 20_000, runs: n >= 100_000 ? 3 : nil, { field.sparseEdges(k: 20) }, n: n)
}

// MARK: The whole pairing pipeline

/// Shipments with random time windows over a day and random body types.
func shipments(_ field: ShipmentField, seed: UInt64) -> [Shipment] {
    var rng = SplitMix64(seed: seed)
    let bodies: [BodyType?] = [nil, .dryVan, .tautliner, .reefer, .tanker]
    let day: Int64 = 1_800_000_000
    return (0..<field.count).map { i in
        let pe = day + Int64.random(in: 0..<(12 * 3600), using: &rng)
        return Shipment(
            id: "S\(i)", origin: .node(Int64(2 * i)), destination: .node(Int64(2 * i + 1)),
            pickupEarliest: Timestamp(seconds: pe), pickupLatest: Timestamp(seconds: pe + 4 * 3600),
            deliveryLatest: Timestamp(seconds: pe + 12 * 3600), bodyType: bodies.randomElement(using: &rng)!)
    }
}

/// Crow-fly seconds at 70 km/h.
func seconds(_ metres: Int) -> Int { metres * 18 / 350 }

if runner.selects("pairing-dense-2000") {
    let field = ShipmentField(count: 2_000, seed: 2_000)
    let problem = try PairingProblem(
        shipments: shipments(field, seed: 1),
        loadedLegs: (0..<field.count).map { Leg(metres: field.loaded($0), seconds: seconds(field.loaded($0))) },
        emptyLegs: EmptyLegTable(count: field.count) { i, j in
            let m = field.empty(i, j)
            return Leg(metres: m, seconds: seconds(m))
        })
    var summary = ""
    var cpu: [Double] = []
    runner.measure("pairing-dense-2000 (windows, body types)") { () -> Int in
        let c0 = cpuSeconds()
        defer { cpu.append(cpuSeconds() - c0) }
        let r = problem.pair()
        summary = "\(r.pairs.count) pairs from \(r.candidatePairs) candidates, saved \(r.savedMetres / 1000) of \(r.emptyMetresBefore / 1000) km"
        return r.pairs.count
    }
    print("  CPU time: median \(format(medianOfRuns(cpu)))")
    cpu = []
    runner.measure("pairing-dense-2000 (no constraints)") { () -> Int in
        let c0 = cpuSeconds()
        defer { cpu.append(cpuSeconds() - c0) }
        return problem.pair(options: PairingOptions(ignoreBodyType: true, ignoreTimeWindows: true)).pairs.count
    }
    print("  CPU time: median \(format(medianOfRuns(cpu)))")
    print("  " + summary)
}

if runner.selects("pairing-sparse20-100000") {
    let field = ShipmentField(count: 100_000, seed: 100_001)
    let near = field.nearbyOrigins()
    let rows = (0..<field.count).map { i in
        ([i] + near[i].filter { $0 != i }).map { j in
            (to: j, leg: Optional(Leg(metres: field.empty(i, j), seconds: seconds(field.empty(i, j)))))
        }
    }
    let problem = try PairingProblem(
        shipments: shipments(field, seed: 2),
        loadedLegs: (0..<field.count).map { Leg(metres: field.loaded($0), seconds: seconds(field.loaded($0))) },
        emptyLegs: EmptyLegTable(count: field.count, rows: rows))
    var summary = ""
    var cpu: [Double] = []
    runner.measure("pairing-sparse20-100000 (windows, body types, k = 20)", runs: 3) { () -> Int in
        let c0 = cpuSeconds()
        defer { cpu.append(cpuSeconds() - c0) }
        let r = problem.pair(options: PairingOptions(candidatesPerShipment: 20))
        summary = "\(r.pairs.count) pairs from \(r.candidatePairs) candidates, saved \(r.savedMetres / 1000) of \(r.emptyMetresBefore / 1000) km"
        return r.pairs.count
    }
    print("  CPU time: median \(format(medianOfRuns(cpu)))")
    print("  " + summary)
}
