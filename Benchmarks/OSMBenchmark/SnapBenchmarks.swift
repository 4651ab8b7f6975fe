import BenchmarkSupport
import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Benchmarks of the `.bhg` graph file and of snapping (issue 4), run from
/// this executable's `main.swift`:
///
/// - building the graph from the raw file (DIMACS NY; the Malta PBF when the
///   OSM reader is available) against saving and loading its `.bhg`, with the
///   ratio (target: `.bhg` load ≥ 10× faster than building from PBF);
/// - the largest strongly connected component and the snapping index;
/// - snapping 100,000 random points of the graph's bounding box on one core
///   (target ≥ 200,000 points/s).
///
/// `swift run -c release OSMBenchmark snap` runs only these.
func runSnapBenchmarks(_ runner: BenchmarkRunner) {
    if let gr = sharedDataFile("dimacs/USA-road-d.NY.gr.gz") {
        graphFileAndSnapping(runner, label: "DIMACS NY", rawPath: gr) {
            try DIMACS.loadGraph(at: gr, coordinatesAt: DIMACS.coordinatesPath(besideGraphAt: gr), unit: .decimetres)
        }
    }
    if let pbf = sharedDataFile("osm/malta-latest.osm.pbf") {
        graphFileAndSnapping(runner, label: "Malta PBF (hgv)", rawPath: pbf) {
            try OSMGraphReader(profile: .hgv).read(path: pbf)
        }
    }
}

/// The cases for one raw file.
private func graphFileAndSnapping(
    _ runner: BenchmarkRunner, label: String, rawPath: String, build: () throws -> RoadGraph
) {
    let cases = ["build from raw file", ".bhg save", ".bhg load", "largest SCC (Tarjan)",
                 "snapping index (mask given)", "snap 100,000 random points, one core", "RoadGraph.init from arrays, sorting ids"]
    guard cases.contains(where: { runner.selects("snap: \(label) \($0)") }) else { return }
    let graph: RoadGraph
    do { graph = try build() } catch {
        print("SKIPPED: \(label): \(error)")
        return
    }
    print("\(label): \(graph.nodeCount) nodes, \(graph.edgeCount) edges, \(graph.shapeLatitudeE7.count) shape points")
    let folder = "/tmp/backhaul-snap-benchmark-\(getpid())"
    mkdir(folder, 0o755)
    let bhg = folder + "/graph.bhg"
    defer {
        unlink(bhg)
        rmdir(folder)
    }

    let rawTime = runner.measure("snap: \(label) build from raw file", runs: 3) { () -> Int in
        (try? build())?.edgeCount ?? 0
    }
    let stored = BinaryGraphFile(graph: graph, source: SourceFileStamp(describing: rawPath))
    runner.measure("snap: \(label) .bhg save") { () -> Bool in
        (try? stored.write(to: bhg)) != nil
    }
    if (try? stored.write(to: bhg)) == nil {
        print("SKIPPED: cannot write \(bhg)")
        return
    }
    let loadTime = runner.measure("snap: \(label) .bhg load") { () -> Int in
        (try? BinaryGraphFile.read(from: bhg))?.graph.edgeCount ?? 0
    }
    // What loading would cost if the file did not store the id index:
    // RoadGraph's public initialiser sorts the ids.
    runner.measure("snap: \(label) RoadGraph.init from arrays, sorting ids") { () -> Int in
        (try? RoadGraph(
            edgeStart: graph.edgeStart, edgeTarget: graph.edgeTarget, edgeLength: graph.edgeLength,
            edgeDuration: graph.edgeDuration, latitudeE7: graph.latitudeE7, longitudeE7: graph.longitudeE7,
            originalIDs: graph.originalIDs, shapeStart: graph.shapeStart, shapeLatitudeE7: graph.shapeLatitudeE7,
            shapeLongitudeE7: graph.shapeLongitudeE7, metric: graph.metric, profile: graph.profile))?.nodeCount ?? 0
    }
    if let rawTime, let loadTime {
        print("snap: \(label) .bhg load is \(fixed(rawTime.median / loadTime.median, 1))× faster than building from the raw file")
    }
    var fileSize = stat()
    stat(bhg, &fileSize)
    print("snap: \(label) .bhg is \(fixed(Double(fileSize.st_size) / 1e6, 1)) MB; graph arrays \(fixed(Double(graph.memoryFootprint) / 1e6, 1)) MB")

    let sccTime = runner.measure("snap: \(label) largest SCC (Tarjan)") { () -> Int in
        StronglyConnectedComponents(graph: graph).largestComponentSize
    }
    let mask = StronglyConnectedComponents(graph: graph).largestComponentMask()
    print("snap: \(label) largest SCC \(mask.count) of \(graph.nodeCount) nodes")
    let indexTime = runner.measure("snap: \(label) snapping index (mask given)") { () -> Int in
        GraphSnapper(graph: graph, snappableNodes: mask).segmentCount
    }
    if runner.selects("snap: \(label) snapping index (mask given)") {
        let cpu = medianCPUSeconds { GraphSnapper(graph: graph, snappableNodes: mask).segmentCount }
        print("snap: \(label) snapping index, CPU time: median \(format(cpu))")
    }
    if let sccTime, let loadTime, let indexTime {
        print("snap: \(label) storing the SCC mask saves \(format(sccTime.median)) per start"
            + " (load \(format(loadTime.median)) + index \(format(indexTime.median)))")
    }
    let snapper = GraphSnapper(graph: graph, snappableNodes: mask)
    print("snap: \(label) index: \(snapper.roadCount) roads, \(snapper.segmentCount) segments, \(fixed(Double(snapper.memoryFootprint) / 1e6, 1)) MB")

    // 100,000 random points in the bounding box.
    var minLat = Int32.max, maxLat = Int32.min, minLon = Int32.max, maxLon = Int32.min
    for i in 0..<graph.nodeCount {
        minLat = min(minLat, graph.latitudeE7[i]); maxLat = max(maxLat, graph.latitudeE7[i])
        minLon = min(minLon, graph.longitudeE7[i]); maxLon = max(maxLon, graph.longitudeE7[i])
    }
    var rng = BenchmarkRandom(seed: 42)
    let points = (0..<100_000).map { _ in
        Coordinate(
            latitude: (Double(minLat) + rng.unit() * Double(Int(maxLat) - Int(minLat))) * 1e-7,
            longitude: (Double(minLon) + rng.unit() * Double(Int(maxLon) - Int(minLon))) * 1e-7
        )
    }
    var refused = 0
    var totalDistance = 0.0
    let snapCase = "snap: \(label) snap 100,000 random points, one core"
    runner.measure(snapCase, unitsPerRun: Double(points.count), unit: "points") { () -> Double in
        refused = 0
        totalDistance = 0
        for p in points {
            do {
                totalDistance += try snapper.snap(p).snapDistanceMetres
            } catch {
                refused += 1
            }
        }
        return totalDistance
    }
    let accepted = points.count - refused
    // The machine is shared: CPU time of this thread, beside the wall time
    // above, says what one idle core would do.
    if runner.selects(snapCase) {
        let cpu = medianCPUSeconds {
            var sink = 0.0
            for p in points { sink += (try? snapper.snap(p).snapDistanceMetres) ?? 0 }
            return sink
        }
        print("snap: \(label) snapping on one core, CPU time: median \(format(cpu)) per 100,000 points; \(formatRate(Double(points.count) / cpu)) points/s")
    }
    print("snap: \(label) \(accepted) snapped (mean distance \(fixed(totalDistance / Double(max(1, accepted)), 1)) m), \(refused) farther than 1000 m")
}

/// SplitMix64 for reproducible benchmark inputs.
private struct BenchmarkRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// The median CPU time of this thread over five calls of `body`, after one
/// warm-up call.
private func medianCPUSeconds<T>(_ body: () -> T) -> Double {
    blackHole(body())
    var samples: [Double] = []
    for _ in 0..<5 {
        let c0 = threadCPUSeconds()
        blackHole(body())
        samples.append(threadCPUSeconds() - c0)
    }
    return samples.sorted()[2]
}

/// CPU time consumed by the calling thread, in seconds.
private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
