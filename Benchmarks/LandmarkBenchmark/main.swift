// ALT landmark bounds (LandmarkDistances, Pairing.LandmarkBounds) on the
// whole DIMACS New York graph (USA-road-d.NY, 264,346 nodes):
//
//   preprocess  landmark selection and the 4·L searches, measured against
//               100,000 snapped sources and 100,000 snapped targets (the
//               ends of a 100,000-shipment batch), L = 4, 8, 16, with 1 and
//               2 threads
//   quality     100,000 nearby pairs (the target a short random drive from
//               the source, ±100 m of jitter, both snapped): the fraction
//               whose landmark bound beats the great-circle bound the
//               pairing uses, and the median ratio bound / exact leg, in
//               metres and seconds, for L = 4, 8, 16; every bound is checked
//               against the exact leg (the hierarchy's)
//
//     swift run -c release LandmarkBenchmark [--runs N] [case]
//
// Reads /tmp/bh-matchjob-bench/ny-hierarchy.bhg when it exists (the graph
// with its hierarchy, as MatchJobBenchmark leaves it), else the DIMACS files
// in ../shared/data/dimacs (building the hierarchy).

import BenchmarkSupport
import Foundation
import Pairing
import Routing

let runner = BenchmarkRunner(runs: 3)
print("load average at start: \(loadAverage())")

let graph: RoadGraph
let ch: ContractionHierarchy
let bhg = "/tmp/bh-matchjob-bench/ny-hierarchy.bhg"
if FileManager.default.fileExists(atPath: bhg), let file = try? BinaryGraphFile.read(from: bhg), let h = file.hierarchy {
    graph = file.graph
    ch = h
    print("graph: \(graph.nodeCount) nodes, \(graph.edgeCount) arcs, hierarchy stored (\(bhg))")
} else if let gr = sharedDataFile("dimacs/USA-road-d.NY.gr.gz"), let co = sharedDataFile("dimacs/USA-road-d.NY.co.gz") {
    graph = try DIMACS.loadGraph(at: gr, coordinatesAt: co, unit: .decimetres)
    ch = try ContractionHierarchy(graph: graph, threads: 2)
    print("graph: \(graph.nodeCount) nodes, \(graph.edgeCount) arcs (\(gr), hierarchy built)")
} else {
    print("LandmarkBenchmark: the DIMACS New York graph is absent; nothing measured.")
    exit(0)
}

var rng = SplitMix64(seed: 2027)
let snapper = GraphSnapper(graph: graph)
@MainActor func jittered(_ node: Int) -> Coordinate {
    let c = graph.coordinate(of: node)!
    let dLat = (Double(rng.next() % 2001) - 1000) / 1000 * 0.0009  // ±100 m
    let dLon = (Double(rng.next() % 2001) - 1000) / 1000 * 0.0012
    return Coordinate(latitude: c.latitude + dLat, longitude: c.longitude + dLon)
}
/// A node a random drive of 5–200 arcs from `node`: a nearby shipment end.
@MainActor func drive(from node: Int) -> Int {
    var v = node
    for _ in 0..<(5 + Int(rng.next() % 196)) {
        let out = graph.edges(from: v)
        guard !out.isEmpty else { break }
        v = Int(graph.edgeTarget[out.lowerBound + Int(rng.next() % UInt64(out.count))])
    }
    return v
}
let count = 100_000
var sourceNodes: [Int] = [], targetNodes: [Int] = []
for _ in 0..<count {
    let s = Int(rng.next() % UInt64(graph.nodeCount))
    sourceNodes.append(s)
    targetNodes.append(drive(from: s))
}
let sources = sourceNodes.map { try! snapper.snap(jittered($0), maxDistanceMetres: 5000) }
let targets = targetNodes.map { try! snapper.snap(jittered($0), maxDistanceMetres: 5000) }
let mask = StronglyConnectedComponents(graph: graph).largestComponentMask()
print("points: \(count) sources and \(count) targets snapped; pair i = source i → target i")

/// The pairing's bounds from the distances (as Backhaul's
/// `LandmarkBounds.init(_:)` does; the benchmark does not link Backhaul).
func bounds(_ d: LandmarkDistances) -> LandmarkBounds {
    func tenths(_ m: LandmarkDistances.Measure) -> LandmarkBounds.Tenths {
        .init(destinationFrom: m.sourceFrom, destinationTo: m.sourceTo, originFrom: m.targetFrom, originTo: m.targetTo)
    }
    return try! LandmarkBounds(
        landmarkCount: d.landmarks.count, count: d.sourceCount, lengths: tenths(d.length), durations: tenths(d.duration),
        destinationSegments: d.sourceEdges, originSegments: d.targetEdges)
}

var computed: [Int: LandmarkDistances] = [:]
if runner.selects("preprocess") {
    for l in [4, 8, 16] {
        for threads in [1, 2] {
            let c0 = processCPUSeconds()
            var d: LandmarkDistances?
            let t = runner.measure("landmarks L=\(l), \(threads) thread\(threads == 1 ? "" : "s")") {
                d = LandmarkDistances(
                    graph: graph, sources: sources, targets: targets, landmarkCount: l, component: mask, threads: threads)
            }!
            let cpu = (processCPUSeconds() - c0) / Double(runner.runs + 1)
            computed[l] = d
            print("  CPU \(format(cpu)) per run (all threads); \(d!.landmarks.count) landmarks; "
                  + "\(fixed(Double(LandmarkBounds.estimatedBytes(shipments: count, landmarks: l)) / 1e6, 1)) MB of bounds; "
                  + "load average \(loadAverage())")
            print("RESULT preprocess L=\(l) threads=\(threads) wall=\(t.median) cpu=\(cpu)")
        }
    }
}

if runner.selects("quality") {
    let pairs = (0..<count).map { IndexPair(source: $0, target: $0) }
    let legs = try ch.costs(from: sources, to: targets, pairs: pairs, threads: 2)
    let gc = graph.greatCircleLowerBound()!
    func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
    for l in [4, 8, 16] {
        let d = computed[l] ?? LandmarkDistances(graph: graph, sources: sources, targets: targets, landmarkCount: l, component: mask, threads: 2)
        let b = bounds(d)
        var better = 0, betterSeconds = 0, n = 0, invalid = 0
        var ratioL: [Double] = [], ratioG: [Double] = [], ratioLS: [Double] = [], ratioGS: [Double] = []
        var exactKm: [Double] = []
        for i in 0..<count {
            guard let leg = legs[i], leg.metres > 0, leg.seconds > 0 else { continue }
            let lm = b.emptyLeg(from: i, to: i)
            let circle = max(0, gc.factor * sources[i].coordinate!.distance(to: targets[i].coordinate!) - gc.slackMetres)
            let circleS = max(0, circle * gc.secondsPerMetre - gc.slackSeconds)
            if lm.metres > leg.metres || lm.seconds > leg.seconds { invalid += 1 }
            if Double(lm.metres) > circle.rounded(.down) { better += 1 }
            if Double(lm.seconds) > circleS.rounded(.down) { betterSeconds += 1 }
            ratioL.append(Double(lm.metres) / Double(leg.metres))
            ratioG.append(circle.rounded(.down) / Double(leg.metres))
            ratioLS.append(Double(lm.seconds) / Double(leg.seconds))
            ratioGS.append(circleS.rounded(.down) / Double(leg.seconds))
            exactKm.append(Double(leg.metres) / 1000)
            n += 1
        }
        print("quality L=\(l): \(n) routed nearby pairs (median leg \(fixed(median(exactKm), 2)) km); "
              + "landmark beats great circle: metres \(fixed(100 * Double(better) / Double(n), 1)) %, "
              + "seconds \(fixed(100 * Double(betterSeconds) / Double(n), 1)) %")
        print("  median bound / exact: metres landmark \(fixed(median(ratioL), 3)), great circle \(fixed(median(ratioG), 3)); "
              + "seconds landmark \(fixed(median(ratioLS), 3)), great circle \(fixed(median(ratioGS), 3))")
        print("  mean bound / exact: metres landmark \(fixed(ratioL.reduce(0, +) / Double(n), 3)), great circle \(fixed(ratioG.reduce(0, +) / Double(n), 3)); "
              + "seconds landmark \(fixed(ratioLS.reduce(0, +) / Double(n), 3)), great circle \(fixed(ratioGS.reduce(0, +) / Double(n), 3))")
        print("  bounds above the exact leg: \(invalid)")
        if invalid > 0 { print("FAILED: invalid landmark bounds"); exit(1) }
    }
}
print("load average at end: \(loadAverage())")
