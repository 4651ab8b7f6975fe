// Routing benchmark on the whole DIMACS New York graph (264,346 nodes,
// 733,846 arcs): load time, memory, one-to-all tree, 1000×1000 matrix.
//
//     swift run -c release RoutingBenchmark [--runs N] [filter]
//
// With BACKHAUL_BENCH_EXPORT=DIR set, it also writes the 1000 sources
// (DIMACS ids, one per line) to DIR/sources.txt and the 1000×1000 length
// matrix (UInt32 little-endian decimetres, row-major, 4294967295 =
// unreachable) to DIR/matrix.u32, for Benchmarks/compare/routing_scipy.py.

import BenchmarkSupport
import Foundation
import Routing

let runner = BenchmarkRunner()

/// ``BenchmarkRunner/measure`` plus the CPU time per run (all threads,
/// averaged over the warm-up and the timed runs): close to the wall time of
/// an unloaded core for single-threaded cases, and about twice the wall time
/// when two threads keep two free cores busy.
@discardableResult
@MainActor func measureWithCPU<T>(_ name: String, runs: Int, unitsPerRun: Double, unit: String, _ body: () throws -> T) rethrows -> Timing? {
    guard runner.selects(name) else { return nil }
    let runs = min(runs, runner.runs)  // `--runs N` lowers every case's count
    let c0 = processCPUSeconds()
    let t = try runner.measure(name, runs: runs, unitsPerRun: unitsPerRun, unit: unit, body)
    let cpu = (processCPUSeconds() - c0) / Double(runs + 1)
    print("  \(name): CPU \(format(cpu)) per run (all threads); load average \(loadAverage())")
    return t
}
print("load average at start: \(loadAverage())")

guard let grPath = sharedDataFile("dimacs/USA-road-d.NY.gr.gz"),
      let coPath = sharedDataFile("dimacs/USA-road-d.NY.co.gz")
else {
    print("RoutingBenchmark: the DIMACS New York graph is absent; nothing measured.")
    exit(0)
}

// MARK: Load

let rssBefore = residentMemoryBytes()
measureWithCPU("load NY .gr.gz (no coordinates)", runs: 3, unitsPerRun: 733_846, unit: "arcs") {
    try! DIMACS.loadGraph(at: grPath, unit: .decimetres)
}
measureWithCPU("load NY .gr.gz + .co.gz", runs: 3, unitsPerRun: 733_846, unit: "arcs") {
    try! DIMACS.loadGraph(at: grPath, coordinatesAt: coPath, unit: .decimetres)
}
let graph = try DIMACS.loadGraph(at: grPath, coordinatesAt: coPath, unit: .decimetres)
let rssAfter = residentMemoryBytes()
print(
    "graph: \(graph.nodeCount) nodes, \(graph.edgeCount) arcs; arrays \(graph.memoryFootprint) bytes = "
        + fixed(Double(graph.memoryFootprint) / Double(graph.edgeCount), 1) + " bytes/arc"
        + (rssBefore != nil && rssAfter != nil
            ? "; process RSS after loading " + fixed(Double(rssAfter!) / 1e6, 1) + " MB" : ""))

// MARK: Queries

var rng = SplitMix64(seed: 2026)
/// 1000 distinct DIMACS node ids.
var sourceIDs: [Int64] = []
var seen = Set<Int64>()
while sourceIDs.count < 1000 {
    let id = Int64(rng.next() % UInt64(graph.nodeCount)) + 1
    if seen.insert(id).inserted { sourceIDs.append(id) }
}
let points = sourceIDs.map { NetworkPoint.node(graph.node(originalID: $0)!, in: graph) }

var search = ShortestPathSearch(graph: graph)
var k = 0
measureWithCPU("one-to-all tree (1 thread)", runs: 20, unitsPerRun: Double(graph.nodeCount), unit: "nodes") {
    k = (k + 1) % points.count
    try! search.searchAll(from: points[k])
    return search.settledCount
}
measureWithCPU("one-to-one route, 100 random pairs", runs: 5, unitsPerRun: 100, unit: "routes") {
    var total = 0
    for i in 0..<100 {
        total &+= Int(try! search.route(from: points[i], to: points[999 - i])?.cost.length ?? 0)
    }
    return total
}

let m1 = measureWithCPU("matrix 1000×1000 (1 thread)", runs: 3, unitsPerRun: 1_000_000, unit: "pairs") {
    try! DistanceMatrix(graph: graph, sources: points, targets: points, threads: 1)
}
let m2 = measureWithCPU("matrix 1000×1000 (2 threads)", runs: 3, unitsPerRun: 1_000_000, unit: "pairs") {
    try! DistanceMatrix(graph: graph, sources: points, targets: points, threads: 2)
}
if let m1, let m2 {
    print("matrix speed-up with 2 threads: " + fixed(m1.median / m2.median, 2) + "×")
}

// MARK: The match job's size: 5,000 destinations × 5,000 origins

// Only when asked for by name (`RoutingBenchmark 5000`): minutes, not seconds.
if runner.filter?.contains("5000") == true {
    var rng5 = SplitMix64(seed: 5000)
    func randomPoints(_ k: Int) -> [NetworkPoint] {
        (0..<k).map { _ in NetworkPoint.node(Int(rng5.next() % UInt64(graph.nodeCount)), in: graph) }
    }
    let destinations = randomPoints(5000), origins = randomPoints(5000)
    for threads in [2, 1] {
        // One timed run, no warm-up: each takes a minute or more.
        let t = BenchmarkRunner.time {
            try! DistanceMatrix(graph: graph, sources: destinations, targets: origins, threads: threads)
        }
        print("matrix 5000×5000 (\(threads) thread\(threads > 1 ? "s" : "")): one run \(format(t)); "
            + formatRate(25_000_000 / t) + " pairs/s; " + fixed(t * 1000 / 5000, 1) + " ms per source row")
    }
}

// MARK: Export for the scipy comparison

if let dir = ProcessInfo.processInfo.environment["BACKHAUL_BENCH_EXPORT"] {
    let matrix = try DistanceMatrix(graph: graph, sources: points, targets: points, threads: 2)
    let sequential = try DistanceMatrix(graph: graph, sources: points, targets: points, threads: 1)
    precondition(matrix.lengths == sequential.lengths, "parallel and sequential matrices differ")
    try sourceIDs.map(String.init).joined(separator: "\n").appending("\n")
        .write(toFile: dir + "/sources.txt", atomically: true, encoding: .utf8)
    let bytes = matrix.lengths.withUnsafeBytes { Data($0) }
    try bytes.write(to: URL(fileURLWithPath: dir + "/matrix.u32"))
    print("exported sources and matrix to \(dir)")
}
