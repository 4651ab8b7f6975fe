// Contraction hierarchy benchmark on the whole DIMACS New York graph
// (USA-road-d.NY, 264,346 nodes, 733,846 arcs, weights in decimetres):
//
//   build     preprocessing (wall and CPU), shortcuts, bytes
//   save      writing the .bhg with its hierarchy; file and hierarchy bytes
//   load      reading that .bhg, against the same graph stored without one
//   pairs     restricted legs (ContractionHierarchy.costs): 100,000 snapped
//             sources × their 40 nearest of 100,000 snapped targets, with 1
//             and 2 threads, against one-to-many Dijkstra on a sample of the
//             same sources in the same run, and checked against Dijkstra
//   diagonal  100,000 legs between random nodes, one per source (like a
//             batch's loaded legs), against one-to-one queries
//   unpack    10,000 of the pairs legs, and 10,000 legs between random
//             points, as routes (hierarchy paths unpacked into edges), 1 and
//             2 threads, against one Dijkstra route per leg on a sample,
//             checked against Dijkstra
//   matrix    1000×1000 bucket many-to-many, 1 and 2 threads
//   pandana   the legs Benchmarks/compare/hierarchy_pandana.py compares:
//             10,000 node sources × their 40 nearest of 100,000 node
//             targets, and 100,000 random node pairs (one-to-one)
//
//     swift run -c release HierarchyBenchmark [--runs N] [case]
//
// Every case runs once as a warm-up, then `--runs` times (default 3); the
// median wall time is printed with the process CPU time per run (all
// threads) and the load average, since this 2-core machine is shared.
//
// With BACKHAUL_BENCH_EXPORT=DIR, the pandana case writes its legs and
// lengths there for hierarchy_pandana.py: pairs-local.txt and
// pairs-random.txt (DIMACS ids "from to", one leg per line) and
// lengths-local.u32 / lengths-random.u32 (UInt32 little-endian decimetres,
// 4294967295 = unreachable).

import BenchmarkSupport
import Foundation
import Routing

let runner = BenchmarkRunner(runs: 3)
print("load average at start: \(loadAverage())")

guard let grPath = sharedDataFile("dimacs/USA-road-d.NY.gr.gz"),
      let coPath = sharedDataFile("dimacs/USA-road-d.NY.co.gz")
else {
    print("HierarchyBenchmark: the DIMACS New York graph (USA-road-d.NY.gr.gz and .co.gz) is absent; nothing measured.")
    exit(0)
}

let graph = try DIMACS.loadGraph(at: grPath, coordinatesAt: coPath, unit: .decimetres)
print("graph: \(graph.nodeCount) nodes, \(graph.edgeCount) arcs (\(grPath), --dimacs-unit dm)")

/// ``BenchmarkRunner/measure`` plus the CPU time per run (all threads,
/// averaged over the warm-up and the timed runs) and the load average.
@discardableResult
@MainActor func measure<T>(
    _ name: String, runs: Int? = nil, unitsPerRun: Double? = nil, unit: String = "items", _ body: () throws -> T
) rethrows -> (timing: Timing, cpu: Double) {
    let runs = min(runs ?? runner.runs, runner.runs)
    let c0 = processCPUSeconds()
    let t = try runner.measure(name, runs: runs, unitsPerRun: unitsPerRun, unit: unit, body)!
    let cpu = (processCPUSeconds() - c0) / Double(runs + 1)
    print("  CPU \(format(cpu)) per run (all threads); load average \(loadAverage())")
    return (t, cpu)
}

// MARK: Build

var built: ContractionHierarchy?
if runner.selects("build") {
    let rssBefore = residentMemoryBytes()
    let r = measure("build NY hierarchy (2 threads for the first priorities)") {
        built = try! ContractionHierarchy(graph: graph, threads: 2)
    }
    let rssAfter = residentMemoryBytes()
    print("RESULT build wall=\(r.timing.median) cpu=\(r.cpu)")
    if let rssBefore, let rssAfter {
        print("  process RSS \(fixed(Double(rssBefore) / 1e6, 1)) → \(fixed(Double(rssAfter) / 1e6, 1)) MB (high-water mark)")
    }
}
let ch = try built ?? ContractionHierarchy(graph: graph, threads: 2)
print(
    "hierarchy: \(ch.arcCount) arcs, \(ch.shortcutCount) shortcuts ("
        + fixed(Double(ch.shortcutCount) / Double(graph.edgeCount) * 100, 1) + " % of the graph's arcs); "
        + "\(ch.storedByteCount) bytes stored (" + fixed(Double(ch.storedByteCount) / 1e6, 1) + " MB), "
        + fixed(Double(ch.memoryFootprint) / 1e6, 1) + " MB in memory")

// MARK: Save and load

let folder = NSTemporaryDirectory() + "backhaul-hierarchy-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let withPath = folder + "/ny.bhg", withoutPath = folder + "/ny-no-hierarchy.bhg"
let component = StronglyConnectedComponents(graph: graph).largestComponentMask()
let withFile = BinaryGraphFile(graph: graph, source: nil, largestComponent: component, hierarchy: ch)
let withoutFile = BinaryGraphFile(graph: graph, source: nil, largestComponent: component)
try withoutFile.write(to: withoutPath)
if runner.selects("save") {
    measure("save NY .bhg with its hierarchy") { try! withFile.write(to: withPath) }
} else {
    try withFile.write(to: withPath)
}
func fileSize(_ path: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
print("RESULT bytes file=\(fileSize(withPath)) without=\(fileSize(withoutPath)) hierarchy=\(ch.storedByteCount)")
print("  .bhg \(fileSize(withPath)) bytes with the hierarchy, \(fileSize(withoutPath)) without (+"
      + fixed(Double(fileSize(withPath) - fileSize(withoutPath)) / 1e6, 1) + " MB)")
if runner.selects("load") {
    let without = measure("load NY .bhg without hierarchy (page cache warm)", runs: 5) { try! BinaryGraphFile.read(from: withoutPath) }
    let with = measure("load NY .bhg with hierarchy (page cache warm)", runs: 5) { try! BinaryGraphFile.read(from: withPath) }
    print("RESULT load with=\(with.timing.median) without=\(without.timing.median)")
    print("  the hierarchy adds \(format(with.timing.median - without.timing.median)) to the load; building it takes seconds")
    let loaded = try BinaryGraphFile.read(from: withPath).hierarchy!
    guard loaded.storedByteCount == ch.storedByteCount, loaded.shortcutCount == ch.shortcutCount else {
        print("FAILED: the loaded hierarchy differs from the one saved"); exit(1)
    }
}

// MARK: Points

extension SplitMix64 {
    /// A random node of New York.
    mutating func node() -> Int { below(graph.nodeCount) }
}
var rng = SplitMix64(seed: 2026)  // the same pseudo-random numbers every run

/// For each source, the indices of its `k` nearest targets by straight-line
/// distance (a uniform grid of about 1 km cells, searched ring by ring):
/// the spatially local legs a match job asks for.
func nearest(_ k: Int, of sources: [Coordinate], among targets: [Coordinate]) -> [IndexPair] {
    let cell = 0.01  // degrees
    func key(_ c: Coordinate) -> (Int, Int) { (Int((c.latitude / cell).rounded(.down)), Int((c.longitude / cell).rounded(.down))) }
    var grid: [Int: [Int]] = [:]
    func hash(_ a: Int, _ b: Int) -> Int { a &* 1_000_003 &+ b }
    for (j, t) in targets.enumerated() { let (a, b) = key(t); grid[hash(a, b), default: []].append(j) }
    var pairs: [IndexPair] = []
    pairs.reserveCapacity(sources.count * k)
    for (i, s) in sources.enumerated() {
        let (a, b) = key(s)
        var found: [(Double, Int)] = []
        var ring = 0
        // One ring beyond the first that yields k, so that nearer targets in
        // the next ring are not missed.
        var extra = -1
        while extra < 1 && ring < 400 {
            for da in -ring...ring {
                for db in -ring...ring where max(abs(da), abs(db)) == ring {
                    for j in grid[hash(a + da, b + db)] ?? [] { found.append((s.distance(to: targets[j]), j)) }
                }
            }
            if found.count >= k { extra += 1 }
            ring += 1
        }
        found.sort { $0 < $1 }
        for (_, j) in found.prefix(k) { pairs.append(IndexPair(source: i, target: j)) }
    }
    return pairs
}

@MainActor func jittered(_ node: Int) -> Coordinate {
    let c = graph.coordinate(of: node)!
    let dLat = (Double(rng.next() % 2001) - 1000) / 1000 * 0.0009  // ±100 m
    let dLon = (Double(rng.next() % 2001) - 1000) / 1000 * 0.0012
    return Coordinate(latitude: c.latitude + dLat, longitude: c.longitude + dLon)
}

// MARK: Restricted legs

@MainActor func dijkstraPeer(
    _ label: String, sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair], sampleSources: Int,
    legsPerSource: Int
) {
    // One-to-many Dijkstra per source, stopping when its own targets are
    // settled: what routing only the needed legs costs without a hierarchy.
    var search = ShortestPathSearch(graph: graph)
    let c0 = processCPUSeconds()
    let t = BenchmarkRunner.time {
        for i in 0..<sampleSources {
            let mine = pairs[(i * legsPerSource)..<((i + 1) * legsPerSource)].map { targets[Int($0.target)] }
            blackHole(try! search.costs(from: sources[i], to: SearchTargets(mine, in: graph)))
        }
    }
    let cpu = processCPUSeconds() - c0
    print("  peer: Dijkstra one-to-many (ShortestPathSearch, stops at its \(legsPerSource) targets), \(sampleSources) sources, "
          + "1 thread: \(format(t / Double(sampleSources))) wall, \(format(cpu / Double(sampleSources))) CPU per source; "
          + "all \(sources.count) sources ≈ \(format(t / Double(sampleSources) * Double(sources.count))) (\(label))")
}

@MainActor func checkAgainstDijkstra(
    _ label: String, costs: PairCosts, sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair], sample: Int
) {
    var search = ShortestPathSearch(graph: graph)
    var differ = 0
    for k in stride(from: 0, to: pairs.count, by: max(1, pairs.count / sample)) {
        let p = pairs[k]
        let d = try! search.route(from: sources[Int(p.source)], to: targets[Int(p.target)])
        if d?.cost.length != costs[k]?.length { differ += 1 }
    }
    print("  check \(label): \(min(sample, pairs.count)) legs against Dijkstra routes: "
          + (differ == 0 ? "lengths (the metric) equal" : "\(differ) DIFFER"))
    if differ > 0 { exit(1) }
}

var snappedLegs: (sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair])?
@MainActor func snappedWorkload() -> (sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair]) {
    if let snappedLegs { return snappedLegs }
    let snapper = GraphSnapper(graph: graph)
    let sourceCoordinates = (0..<100_000).map { _ in jittered(rng.node()) }
    let targetCoordinates = (0..<100_000).map { _ in jittered(rng.node()) }
    let sources = sourceCoordinates.map { try! snapper.snap($0, maxDistanceMetres: 5000) }
    let targets = targetCoordinates.map { try! snapper.snap($0, maxDistanceMetres: 5000) }
    let pairs = nearest(40, of: sourceCoordinates, among: targetCoordinates)
    snappedLegs = (sources, targets, pairs)
    return (sources, targets, pairs)
}

if runner.selects("pairs") {
    let (sources, targets, pairs) = snappedWorkload()
    let anchors = Double(sources.map(\.departures.count).reduce(0, +)) / Double(sources.count)
    print("pairs: \(sources.count) sources × their 40 nearest of \(targets.count) targets = \(pairs.count) legs "
          + "(points snapped from node coordinates ±100 m; \(fixed(anchors, 2)) departure anchors per source)")
    var costs: PairCosts?
    for threads in [1, 2] {
        let r = measure("pairs 100,000 × 40 nearby (\(threads) thread\(threads == 1 ? "" : "s"))",
                        unitsPerRun: Double(pairs.count), unit: "legs") {
            costs = try! ch.costs(from: sources, to: targets, pairs: pairs, threads: threads)
        }
        print("RESULT pairs threads=\(threads) wall=\(r.timing.median) cpu=\(r.cpu)")
    }
    let reachable = costs!.lengths.filter { $0 != .max }.count
    print("  \(reachable) of \(pairs.count) legs reachable")
    dijkstraPeer("estimated", sources: sources, targets: targets, pairs: pairs, sampleSources: 200, legsPerSource: 40)
    checkAgainstDijkstra("pairs", costs: costs!, sources: sources, targets: targets, pairs: pairs, sample: 300)
}

// MARK: One leg per source, far apart (a batch's loaded legs)

if runner.selects("diagonal") {
    let sources = (0..<100_000).map { _ in NetworkPoint.node(rng.node(), in: graph) }
    let targets = (0..<100_000).map { _ in NetworkPoint.node(rng.node(), in: graph) }
    let pairs = (0..<100_000).map { IndexPair(source: $0, target: $0) }
    var costs: PairCosts?
    let r = measure("diagonal 100,000 legs between random nodes, one per source (1 thread)",
                    unitsPerRun: Double(pairs.count), unit: "legs") {
        costs = try! ch.costs(from: sources, to: targets, pairs: pairs, threads: 1)
    }
    print("RESULT diagonal wall=\(r.timing.median) cpu=\(r.cpu)")
    let q = measure("diagonal, the same legs as one-to-one queries (HierarchyQuery, 1 thread)",
                    unitsPerRun: Double(pairs.count), unit: "legs") {
        var query = HierarchyQuery(hierarchy: ch)
        return pairs.map { try! query.cost(from: sources[Int($0.source)], to: targets[Int($0.target)]) }
    }
    print("RESULT diagonal-one-to-one wall=\(q.timing.median) cpu=\(q.cpu)")
    checkAgainstDijkstra("diagonal", costs: costs!, sources: sources, targets: targets, pairs: pairs, sample: 100)
}

// MARK: Unpacking routes

@MainActor func unpackCase(
    _ label: String, sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair], sample: Int
) {
    var routes: [Route?] = []
    for threads in [1, 2] {
        let r = measure("unpack 10,000 \(label) routes (\(threads) thread\(threads == 1 ? "" : "s"))",
                        unitsPerRun: Double(pairs.count), unit: "routes") {
            routes = try! ch.routes(from: sources, to: targets, pairs: pairs, threads: threads)
        }
        print("RESULT unpack-\(label) threads=\(threads) wall=\(r.timing.median) cpu=\(r.cpu)")
    }
    let edges = routes.reduce(0) { $0 + ($1?.edges.count ?? 0) }
    print("  \(edges) edges in all, \(fixed(Double(edges) / Double(pairs.count), 1)) per route")
    // The peer: one Dijkstra route per leg (what drawing legs cost before).
    var search = ShortestPathSearch(graph: graph)
    let c0 = processCPUSeconds()
    var dijkstra: [Route?] = []
    let t = BenchmarkRunner.time {
        for k in 0..<sample {
            dijkstra.append(try! search.route(from: sources[Int(pairs[k].source)], to: targets[Int(pairs[k].target)]))
        }
    }
    print("  peer: Dijkstra route per leg (ShortestPathSearch.route), \(sample) legs, 1 thread: "
          + "\(format(t / Double(sample))) wall, \(format((processCPUSeconds() - c0) / Double(sample))) CPU per route; "
          + "10,000 ≈ \(format(t / Double(sample) * 10_000))")
    var sameCost = 0, sameEdges = 0
    for k in 0..<sample {
        if routes[k]?.cost.length == dijkstra[k]?.cost.length { sameCost += 1 }
        if routes[k]?.edges == dijkstra[k]?.edges { sameEdges += 1 }
    }
    print("  check: \(sameCost) of \(sample) route lengths equal Dijkstra's; \(sameEdges) identical edge lists (others tie on length)")
    if sameCost != sample { exit(1) }
}

if runner.selects("unpack") {
    let (sources, targets, all) = snappedWorkload()
    // 10,000 of the local legs, spread evenly over the batch.
    let local = stride(from: 0, to: all.count, by: all.count / 10_000).prefix(10_000).map { all[$0] }
    unpackCase("local", sources: sources, targets: targets, pairs: local, sample: 300)
    // 10,000 legs between random points: long routes across New York.
    let random = (0..<10_000).map { _ in
        IndexPair(source: Int(rng.next() % UInt64(sources.count)), target: Int(rng.next() % UInt64(targets.count)))
    }
    unpackCase("random", sources: sources, targets: targets, pairs: random, sample: 40)
}

// MARK: Bucket matrix (for comparison with earlier figures)

if runner.selects("matrix") {
    let points = (0..<1000).map { _ in NetworkPoint.node(rng.node(), in: graph) }
    for threads in [1, 2] {
        let r = measure("matrix 1000×1000 (\(threads) thread\(threads == 1 ? "" : "s"))",
                        unitsPerRun: 1e6, unit: "cells") {
            try! ch.matrix(sources: points, targets: points, threads: threads)
        }
        print("RESULT matrix threads=\(threads) wall=\(r.timing.median) cpu=\(r.cpu)")
    }
}

// MARK: The legs pandana is compared on

if runner.selects("pandana") {
    let sourceNodes = (0..<10_000).map { _ in rng.node() }
    let targetNodes = (0..<100_000).map { _ in rng.node() }
    let sources = sourceNodes.map { NetworkPoint.node($0, in: graph) }
    let targets = targetNodes.map { NetworkPoint.node($0, in: graph) }
    let local = nearest(40, of: sourceNodes.map { graph.coordinate(of: $0)! }, among: targetNodes.map { graph.coordinate(of: $0)! })
    var localCosts: PairCosts?
    let r1 = measure("pandana-local 10,000 × 40 nearby nodes (1 thread)", unitsPerRun: Double(local.count), unit: "legs") {
        localCosts = try! ch.costs(from: sources, to: targets, pairs: local, threads: 1)
    }
    print("RESULT pandana-local legs=\(local.count) wall=\(r1.timing.median) cpu=\(r1.cpu)")
    let random = (0..<100_000).map { _ in IndexPair(source: Int(rng.next() % 10_000), target: Int(rng.next() % 100_000)) }
    var randomCosts: [PathCost?] = []
    let r2 = measure("pandana-random 100,000 one-to-one queries, random nodes (HierarchyQuery, 1 thread)",
                     unitsPerRun: Double(random.count), unit: "queries") {
        var query = HierarchyQuery(hierarchy: ch)
        randomCosts = random.map { try! query.cost(from: sources[Int($0.source)], to: targets[Int($0.target)]) }
    }
    print("RESULT pandana-random legs=\(random.count) wall=\(r2.timing.median) cpu=\(r2.cpu)")
    if let dir = ProcessInfo.processInfo.environment["BACKHAUL_BENCH_EXPORT"] {
        func export(_ name: String, _ pairs: [IndexPair], _ lengths: [UInt32]) throws {
            let text = pairs.map {
                "\(graph.originalID(of: sourceNodes[Int($0.source)])) \(graph.originalID(of: targetNodes[Int($0.target)]))"
            }.joined(separator: "\n") + "\n"
            try text.write(toFile: dir + "/pairs-\(name).txt", atomically: true, encoding: .utf8)
            try lengths.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: dir + "/lengths-\(name).u32")) }
        }
        try export("local", local, localCosts!.lengths)
        try export("random", random, randomCosts.map { $0?.length ?? .max })
        print("exported the legs and lengths to \(dir)")
    }
}
print("load average at end: \(loadAverage())")
