// Contraction hierarchy benchmark on the whole DIMACS New York graph
// (264,346 nodes, 733,846 arcs): preprocessing time, shortcuts, memory;
// 1000×1000 and 5000×5000 random-node matrices with 1 and 2 threads, against
// Dijkstra (ShortestPathSearch / DistanceMatrix) on a sample of rows in the
// same run; a check that sampled rows equal Dijkstra's.
//
//     swift run -c release HierarchyBenchmark [--runs N] [filter]
//
// Filters: "preprocess", "1000", "5000", "dijkstra".

import BenchmarkSupport
import Foundation
import Routing

#if canImport(Glibc)
import Glibc
#endif

/// CPU time of the whole process (all threads), in seconds: less sensitive
/// than wall time to other work on a shared machine.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let runner = BenchmarkRunner(runs: 3)

guard let grPath = sharedDataFile("dimacs/USA-road-d.NY.gr.gz"),
      let coPath = sharedDataFile("dimacs/USA-road-d.NY.co.gz")
else {
    print("HierarchyBenchmark: the DIMACS New York graph is absent; nothing measured.")
    exit(0)
}

let graph = try DIMACS.loadGraph(at: grPath, coordinatesAt: coPath, unit: .decimetres)
print("graph: \(graph.nodeCount) nodes, \(graph.edgeCount) arcs")

// MARK: Preprocessing

let rssBefore = residentMemoryBytes()
var hierarchy: ContractionHierarchy?
if runner.selects("preprocess") {
    // Minutes-scale work: timed without a warm-up, `--runs` times.
    var samples: [Double] = []
    let runs = max(1, min(runner.runs, 3))
    let cpu0 = processCPUSeconds()
    for _ in 0..<runs {
        samples.append(BenchmarkRunner.time { hierarchy = try! ContractionHierarchy(graph: graph) })
    }
    let cpu = (processCPUSeconds() - cpu0) / Double(runs)
    samples.sort()
    print("preprocess NY: median \(format(samples[samples.count / 2])) over \(samples.count) runs"
          + " (min \(format(samples.first!)), max \(format(samples.last!))); CPU \(format(cpu)) per run")
}
let ch = try hierarchy ?? ContractionHierarchy(graph: graph)
let rssAfter = residentMemoryBytes()
print(
    "hierarchy: \(ch.arcCount) arcs (\(ch.shortcutCount) shortcuts = "
        + fixed(Double(ch.shortcutCount) / Double(graph.edgeCount) * 100, 1) + " % of the graph's arcs); "
        + "arrays \(fixed(Double(ch.memoryFootprint) / 1e6, 1)) MB = "
        + fixed(Double(ch.memoryFootprint) / Double(graph.nodeCount), 1) + " bytes/node"
        + (rssBefore != nil && rssAfter != nil
            ? "; process RSS " + fixed(Double(rssBefore!) / 1e6, 1) + " → " + fixed(Double(rssAfter!) / 1e6, 1) + " MB"
            : ""))

// MARK: Points

/// The same pseudo-random nodes every run (S. Vigna's SplitMix64).
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
var rng = SplitMix64(state: 2026)
@MainActor func randomPoints(_ count: Int) -> [NetworkPoint] {
    (0..<count).map { _ in NetworkPoint.node(Int(rng.next() % UInt64(graph.nodeCount)), in: graph) }
}
let sources = randomPoints(5000)
let targets = randomPoints(5000)
let sources1k = Array(sources.prefix(1000)), targets1k = Array(targets.prefix(1000))

// MARK: Dijkstra on a sample of rows (the peer)

let sampleRows = 20
var perRowDijkstra: Double?
if runner.selects("dijkstra") || runner.selects("1000") || runner.selects("5000") {
    // The peer runs whenever a matrix case does, whatever the filter.
    var search = ShortestPathSearch(graph: graph)
    try search.searchAll(from: sources[sampleRows])  // warm-up
    let cpu0 = processCPUSeconds()
    let t = try BenchmarkRunner.time {
        for k in 0..<sampleRows { try search.searchAll(from: sources[k]) }
    }
    let cpu = processCPUSeconds() - cpu0
    perRowDijkstra = t / Double(sampleRows)
    print("Dijkstra one-to-all (ShortestPathSearch.searchAll), \(sampleRows) rows, 1 thread: \(format(t)) = "
          + "\(format(t / Double(sampleRows))) per row; CPU \(format(cpu / Double(sampleRows))) per row")
}

// MARK: Matrices

@MainActor func matrixCase(_ s: [NetworkPoint], _ t: [NetworkPoint], threads: Int, runs: Int) {
    let name = "CH matrix \(s.count)×\(t.count) (\(threads) thread\(threads == 1 ? "" : "s"))"
    let cpu0 = processCPUSeconds()
    guard let timing = runner.measure(name, runs: runs, unitsPerRun: Double(s.count * t.count), unit: "pairs", {
        try! ch.matrix(sources: s, targets: t, threads: threads)
    }) else { return }
    print("  CPU \(format((processCPUSeconds() - cpu0) / Double(runs + 1))) per run (all threads)")
    if let perRowDijkstra {
        let dijkstra = perRowDijkstra * Double(s.count)
        print("  vs Dijkstra one-to-all × \(s.count) rows, 1 thread (estimated from the sample: \(format(dijkstra))): "
              + fixed(dijkstra / timing.median, 1) + "× faster")
    }
}

if runner.selects("1000") {
    matrixCase(sources1k, targets1k, threads: 1, runs: runner.runs)
    matrixCase(sources1k, targets1k, threads: 2, runs: runner.runs)
}
if runner.selects("5000") {
    matrixCase(sources, targets, threads: 1, runs: runner.runs)
    matrixCase(sources, targets, threads: 2, runs: runner.runs)
}

// MARK: Check against Dijkstra

do {
    let rows = Array(sources.prefix(sampleRows))
    let expected = try DistanceMatrix(graph: graph, sources: rows, targets: targets1k, threads: 2)
    let got = try ch.matrix(sources: rows, targets: targets1k, threads: 2)
    // DIMACS graphs minimise length: lengths are the metric.
    let lengthsEqual = got.lengths == expected.lengths
    let durationDiffs = zip(got.durations, expected.durations).filter { $0 != $1 }.count
    let maxDiff = zip(got.durations, expected.durations).map { $0 > $1 ? $0 - $1 : $1 - $0 }.max() ?? 0
    print("check \(sampleRows)×\(targets1k.count) against DistanceMatrix (Dijkstra): lengths (the metric) "
          + (lengthsEqual ? "equal" : "DIFFER")
          + ", durations differ in \(durationDiffs) cells (ties on length; largest difference \(maxDiff) ds)")
    if !lengthsEqual { exit(1) }
}
