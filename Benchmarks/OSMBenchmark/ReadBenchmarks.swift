// Reading OpenStreetMap files into road graphs: PBF → graph on the largest
// OSM file we have (Malta), compared in the same run with osmium reading the
// same file; the phases of the two passes; threads; peak memory (measured in
// a child process that reads once); simplification levels (graph size,
// build time, route time); and XML.
//
//     swift run -c release OSMBenchmark [--runs N] [filter]

import BenchmarkSupport
import Foundation
import Routing

/// Reading OpenStreetMap files into road graphs.
func runReadBenchmarks(_ runner: BenchmarkRunner) {
    // A child run: read once and report the peak resident memory.
    if let path = ProcessInfo.processInfo.environment["BACKHAUL_OSM_READ_ONCE"] {
        let before = peakResidentBytes() ?? 0
        let (g, s) = try! OSMGraphReader(profile: .hgv).readWithStatistics(path: path)
        print("peak-rss-bytes \(peakResidentBytes() ?? 0) before \(before) graph \(g.memoryFootprint) table \(s.waySetBytes)")
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        print("phases: ways pass \(format(s.waysPassSeconds)), nodes pass \(format(s.nodesPassSeconds)), assembly \(format(s.assemblySeconds)); "
            + "wall \(format(s.readSeconds + s.assemblySeconds)), CPU (all threads, whole process) \(format(cpu))")
        exit(0)
    }
    // Country scale (only when asked for: `OSMBenchmark synthetic`).
    if let filter = runner.filter, filter.lowercased().hasPrefix("synthetic") {
        runSyntheticCountry(runner)
        return
    }
    guard let malta = sharedDataFile("osm/malta-latest.osm.pbf") else {
        print("OSMBenchmark: malta-latest.osm.pbf is absent; the PBF cases are skipped.")
        return
    }
    let bytes = Double((try? FileManager.default.attributesOfItem(atPath: malta)[.size] as? Int) ?? 0)
    let (graph, stats) = try! OSMGraphReader(profile: .hgv).readWithStatistics(path: malta)
    print("malta-latest.osm.pbf: \(fixed(bytes / 1e6, 2)) MB, \(stats.blobs) blocks (\(stats.nodeBlobs) with nodes, \(stats.skippedBlobs) of them skipped by the ways pass); "
        + "\(stats.nodes) nodes, \(stats.ways) ways, \(stats.relations) relations in the file")
    print("  hgv: \(stats.routableWays) routable ways, \(stats.referencedNodes) nodes on them, "
        + "\(stats.segments) pieces, \(stats.contractedNodes) chain nodes contracted → "
        + "\(graph.nodeCount) nodes, \(graph.edgeCount) edges, \(stats.shapePoints) shape points; "
        + "graph arrays \(fixed(Double(graph.memoryFootprint) / 1e6, 2)) MB, way set \(fixed(Double(stats.waySetBytes) / 1e6, 2)) MB")
    print("  phases (one run): ways pass \(format(stats.waysPassSeconds)), nodes pass \(format(stats.nodesPassSeconds)), "
        + "assembly \(format(stats.assemblySeconds))")

    if runner.selects("phases") {
        var w = 0.0, n = 0.0, a = 0.0
        let k = 20
        for _ in 0..<k {
            let s = try! OSMGraphReader(profile: .hgv, threads: 1).readWithStatistics(path: malta).statistics
            w += s.waysPassSeconds; n += s.nodesPassSeconds; a += s.assemblySeconds
        }
        print("phases, mean of \(k) one-thread reads: ways pass \(format(w / Double(k))), nodes pass \(format(n / Double(k))), assembly \(format(a / Double(k)))")
    }

    // PBF → graph, and osmium on the same file.
    let ours = runner.measure("PBF → graph (Malta, hgv, \(OSMGraphReader.availableCores) threads)", unitsPerRun: bytes / 1e6, unit: "MB") {
        try! OSMGraphReader(profile: .hgv).read(path: malta)
    }
    if let ours {
        print("  = \(formatRate(Double(stats.nodes) / ours.median)) file nodes/s, \(formatRate(Double(stats.ways) / ours.median)) file ways/s")
    }
    runner.measure("PBF → graph (Malta, hgv, 1 thread)", unitsPerRun: bytes / 1e6, unit: "MB") {
        try! OSMGraphReader(profile: .hgv, threads: 1).read(path: malta)
    }
    runner.measure("PBF → graph (Malta, car)", unitsPerRun: bytes / 1e6, unit: "MB") {
        try! OSMGraphReader(profile: .car).read(path: malta)
    }
    compareWithOsmium(runner, malta, bytes: bytes, ours: ours)

    // Peak memory of one read, in a fresh process.
    if runner.selects("peak memory") {
        if let line = runSelf(environment: ["BACKHAUL_OSM_READ_ONCE": malta]) {
            print("peak memory (one PBF → graph read of Malta in a fresh process): \(line)")
        }
    }

    // Simplification levels.
    if runner.selects("simplification") {
        for level in OSMGraphReader.Simplification.allCases {
            let t = runner.measure("simplification \(level.rawValue): PBF → graph", runs: 3) {
                try! OSMGraphReader(profile: .hgv, simplification: level).read(path: malta)
            }
            let g = try! OSMGraphReader(profile: .hgv, simplification: level).read(path: malta)
            let routes = randomRoutes(g, count: 200)
            let r = runner.measure("simplification \(level.rawValue): 200 routes", runs: 3) {
                var search = ShortestPathSearch(graph: g)
                var total = 0
                for (a, b) in routes { total &+= Int(try! search.route(from: .node(a, in: g), to: .node(b, in: g))?.cost.length ?? 0) }
                return total
            }
            print("  \(level.rawValue): \(g.nodeCount) nodes, \(g.edgeCount) edges, \(g.shapeLatitudeE7.count) shape points, "
                + "\(fixed(Double(g.memoryFootprint) / 1e6, 2)) MB"
                + (t.map { "; build \(format($0.median))" } ?? "") + (r.map { "; \(format($0.median / 200)) per route" } ?? ""))
        }
    }

    // XML.
    for name in ["north-bayreuth.osm.gz", "bautzen.osm"] {
        guard runner.selects("XML " + name), let path = sharedDataFile("osm/" + name) else { continue }
        let size = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        let s = try! OSMGraphReader(profile: .hgv).readWithStatistics(path: path).statistics
        runner.measure("XML → graph (\(name))", unitsPerRun: Double(s.nodes + s.ways), unit: "elements") {
            try! OSMGraphReader(profile: .hgv).read(path: path)
        }
        print("  \(name): \(fixed(size / 1e6, 2)) MB on disk, \(s.nodes) nodes, \(s.ways) ways → \(s.graphNodes) graph nodes")
    }
}

/// Writes a synthetic country (`BACKHAUL_SYNTHETIC_NODES`, default 100
/// million nodes) to a temporary file and reads it, reporting time per
/// phase and the peak memory of the read (in a fresh process).
private func runSyntheticCountry(_ runner: BenchmarkRunner) {
    let nodes = Int(ProcessInfo.processInfo.environment["BACKHAUL_SYNTHETIC_NODES"] ?? "") ?? 100_000_000
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("backhaul-synthetic-\(nodes).osm.pbf").path
    defer {
        if ProcessInfo.processInfo.environment["BACKHAUL_SYNTHETIC_KEEP"] == nil { try? FileManager.default.removeItem(atPath: path) }
    }
    let t = BenchmarkRunner.time { writeSyntheticCountry(path: path, nodes: nodes) }
    let size = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    print("synthetic country: \(nodes) nodes asked, \(fixed(size / 1e6, 1)) MB written in \(format(t))")
    if let line = runSelf(environment: ["BACKHAUL_OSM_READ_ONCE": path]) {
        print("  one read in a fresh process: \(line)")
    }
    if let line = runSelf(environment: ["BACKHAUL_OSM_READ_ONCE": path], prefix: "phases") {
        print("  (same read) \(line)")
    }
    let (g, s) = try! OSMGraphReader(profile: .hgv).readWithStatistics(path: path)
    print("  \(s.nodes) nodes, \(s.ways) ways; \(s.routableWays) routable ways, \(s.referencedNodes) wanted nodes; "
        + "graph \(g.nodeCount) nodes, \(g.edgeCount) edges, \(s.shapePoints) shape points, \(fixed(Double(g.memoryFootprint) / 1e6, 1)) MB")
    print("  phases: ways pass \(format(s.waysPassSeconds)) (\(s.skippedBlobs) of \(s.nodeBlobs) node blocks skipped), "
        + "nodes pass \(format(s.nodesPassSeconds)), assembly \(format(s.assemblySeconds)); "
        + "total \(format(s.readSeconds + s.assemblySeconds)) = \(fixed(size / 1e6 / (s.readSeconds + s.assemblySeconds), 1)) MB/s, "
        + "\(formatRate(Double(s.nodes) / (s.readSeconds + s.assemblySeconds))) nodes/s")
    if let osmium = findExecutable("osmium") {
        let cpuBefore = childrenCPUSeconds()
        let fileinfo = BenchmarkRunner.time { run(osmium, ["fileinfo", "-e", path]) }
        let cpu = childrenCPUSeconds() - cpuBefore
        print("  osmium fileinfo -e on the same file: \(format(fileinfo)) wall, \(format(cpu)) CPU; "
            + "wall ratio \(fixed((s.readSeconds + s.assemblySeconds) / fileinfo, 2))× (this in-process read)")
    } else {
        print("  osmium: not installed; no comparison.")
    }
}

/// `osmium fileinfo -e` and `osmium cat -f opl` on the same file, with the
/// ratio to our reading.
private func compareWithOsmium(_ runner: BenchmarkRunner, _ path: String, bytes: Double, ours: Timing?) {
    guard runner.selects("osmium") || runner.selects("PBF → graph") else { return }
    guard let osmium = findExecutable("osmium") else {
        print("osmium: not installed (apt-get install -y osmium-tool); the comparison with osmium is skipped.")
        return
    }
    let fileinfo = runner.measure("osmium fileinfo -e (Malta)", unitsPerRun: bytes / 1e6, unit: "MB") {
        run(osmium, ["fileinfo", "-e", path])
    }
    let opl = runner.measure("osmium cat -f opl -o /dev/null (Malta)", unitsPerRun: bytes / 1e6, unit: "MB") {
        run(osmium, ["cat", "-f", "opl", "-o", "/dev/null", "--overwrite", path])
    }
    if let ours {
        if let fileinfo { print("ratio PBF → graph / osmium fileinfo -e: \(fixed(ours.median / fileinfo.median, 2))× (target ≤ 3×)") }
        if let opl { print("ratio PBF → graph / osmium cat -f opl: \(fixed(ours.median / opl.median, 2))×") }
    }
}

/// `count` pairs of nodes of the largest strongly connected component.
private func randomRoutes(_ g: RoadGraph, count: Int) -> [(Int, Int)] {
    let nodes = StronglyConnectedComponents(graph: g).largestComponentMask().nodes
    var state: UInt64 = 2026
    func next() -> Int { Int(truncatingIfNeeded: splitMix64(&state) % UInt64(nodes.count)) }
    return (0..<count).map { _ in (Int(nodes[next()]), Int(nodes[next()])) }
}

/// The next number of a SplitMix64 sequence (G. L. Steele, D. Lea and C. H.
/// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// CPU time (user + system) of the finished child processes.
private func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// The peak resident set size of this process (Linux `VmHWM`).
func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first
        return kb.map { $0 * 1024 }
    }
    return nil
}

private func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

@discardableResult
private func run(_ executable: String, _ arguments: [String]) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try! p.run()
    p.waitUntilExit()
    return p.terminationStatus
}

/// Runs this executable again with `environment` added and returns the
/// line of its output that starts with `peak-rss-bytes`.
private func runSelf(environment: [String: String], prefix: String = "peak-rss-bytes") -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    p.standardOutput = pipe
    try! p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix(prefix) })
    else { return nil }
    if prefix != "peak-rss-bytes" { return String(line) }
    let parts = line.split(separator: " ")
    guard parts.count >= 8, let peak = Double(parts[1]), let before = Double(parts[3]), let graph = Double(parts[5]), let table = Double(parts[7])
    else { return String(line) }
    return "\(fixed(peak / 1e6, 1)) MB peak RSS (\(fixed(before / 1e6, 1)) MB before reading); graph arrays \(fixed(graph / 1e6, 1)) MB, way set \(fixed(table / 1e6, 1)) MB"
}
