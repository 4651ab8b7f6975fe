// What turn restrictions, barriers and destination-only roads cost: graph
// size, build time and query time with turn restrictions applied and
// without (barriers and destination-only roads are applied in both), on the
// OpenStreetMap extracts in /work/shared/data/osm.
//
//     swift run -c release OSMBenchmark --runs 5 restrictions
//
// New York (DIMACS) has no OSM tags and no relations: nothing to apply.

import BenchmarkSupport
import Foundation
import Routing

func runRestrictionBenchmarks(_ runner: BenchmarkRunner) {
    guard runner.selects("restrictions") else { return }
    let files = ["malta-latest.osm.pbf", "monaco.osm.pbf", "andorra.osm.pbf", "stockholm.osm.pbf", "north-bayreuth.osm.gz"]
    for name in files {
        guard let path = sharedDataFile("osm/" + name) else {
            print("restrictions: \(name) is absent; skipped")
            continue
        }
        var graphs: [Bool: RoadGraph] = [:]
        for applied in [false, true] {
            var reader = OSMGraphReader(profile: .hgv, threads: 1)
            reader.turnRestrictions = applied
            let (g, s) = try! reader.readWithStatistics(path: path)
            graphs[applied] = g
            let label = "\(name), restrictions \(applied ? "on " : "off")"
            let cpu0 = processCPUSeconds()
            let build = runner.measure("\(label): PBF/XML → graph, 1 thread", runs: runner.runs) { try! reader.read(path: path) }
            let buildCPU = (processCPUSeconds() - cpu0) / Double(runner.runs + 1)
            print("  \(label): \(s.turnRestrictions) restrictions read, \(s.appliedTurnRestrictions) applied, "
                + "\(s.barriers) barriers, \(s.destinationOnlyEdges) destination-only edges, \(s.splitNodes) split nodes; "
                + "\(g.nodeCount) nodes, \(g.edgeCount) edges, \(fixed(Double(g.memoryFootprint) / 1e6, 3)) MB"
                + (build.map { "; build \(format($0.median)) wall, \(format(buildCPU)) CPU per run" } ?? ""))
        }
        // The same OSM node pairs in both graphs.
        let on = graphs[true]!, off = graphs[false]!
        let pairs = sharedRoutes(on, off, count: 200)
        for (applied, g) in [(false, off), (true, on)] {
            let label = "\(name), restrictions \(applied ? "on " : "off")"
            let ends = pairs.map { (g.node(originalID: $0.0)!, g.node(originalID: $0.1)!) }
            var search = ShortestPathSearch(graph: g)
            var settled = 0
            let cpu0 = processCPUSeconds()
            let t = runner.measure("\(label): \(ends.count) Dijkstra routes", runs: runner.runs) {
                var total = 0
                settled = 0
                for (a, b) in ends {
                    total &+= Int(try! search.route(from: .node(a, in: g), to: .node(b, in: g))?.cost.duration ?? 0)
                    settled += search.settledCount
                }
                return total
            }
            let cpu = (processCPUSeconds() - cpu0) / Double(runner.runs + 1)
            if let t {
                print("  \(label): \(format(t.median / Double(ends.count))) per route wall, \(format(cpu / Double(ends.count))) CPU, "
                    + "\(settled / ends.count) nodes settled per route")
            }
        }
        guard name == "malta-latest.osm.pbf" else { continue }
        for (applied, g) in [(false, off), (true, on)] {
            let label = "\(name), restrictions \(applied ? "on " : "off")"
            var ch: ContractionHierarchy?
            let cpu0 = processCPUSeconds()
            let build = BenchmarkRunner.time { ch = try! ContractionHierarchy(graph: g, threads: 1) }
            let buildCPU = processCPUSeconds() - cpu0
            let points = pairs.prefix(100).map { NetworkPoint.node(g.node(originalID: $0.0)!, in: g) }
            let m = runner.measure("\(label): hierarchy 100 × 100", runs: runner.runs) {
                try! ch!.matrix(sources: points, targets: points, threads: 1)
            }
            print("  \(label): hierarchy built in \(format(build)) wall, \(format(buildCPU)) CPU, \(ch!.shortcutCount) shortcuts"
                + (m.map { "; 100 × 100 in \(format($0.median))" } ?? ""))
        }
    }
}

/// `count` pairs of OSM node ids that are primary graph nodes in the
/// largest strongly connected component of both graphs.
private func sharedRoutes(_ a: RoadGraph, _ b: RoadGraph, count: Int) -> [(Int64, Int64)] {
    let ma = StronglyConnectedComponents(graph: a).largestComponentMask()
    let mb = StronglyConnectedComponents(graph: b).largestComponentMask()
    var ids: [Int64] = []
    for v in 0..<a.nodeCount where ma.contains(v) && !a.isSplitCopy(v) {
        let id = a.originalID(of: v)
        if let w = b.node(originalID: id), mb.contains(w) { ids.append(id) }
    }
    var state: UInt64 = 14
    func next() -> Int64 { ids[Int(truncatingIfNeeded: splitMix64(&state) % UInt64(ids.count))] }
    return ids.isEmpty ? [] : (0..<count).map { _ in (next(), next()) }
}

/// CPU time (user + system) of this process so far, all threads.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
