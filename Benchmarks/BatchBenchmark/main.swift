// Batch file reading: a generated 1,000,000-row CSV read and validated on one
// core (target ≥ 1 million rows/s), the same rows in the Swedish Excel
// dialect, and the real Samgods national file.
//
//   swift run -c release BatchBenchmark [filter]
//
// The peer measured in the same run is "scan": reading the same file and
// counting its line ends, the floor any reader pays.

import BenchmarkSupport
import Pairing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let runner = BenchmarkRunner(runs: 5)
let rows = 1_000_000


/// `rows` shipments around Sweden with 5-decimal coordinates, pickup windows
/// and body types: the shape of a real TMS export.
func generate(path: String, semicolon: Bool) -> Int {
    guard let f = fopen(path, "w") else {
        print("cannot write \(path)")
        exit(1)
    }
    defer { fclose(f) }
    let sep = semicolon ? ";" : ","
    let point = semicolon ? "," : "."
    let header = ["id", "company", "origin_lat", "origin_lon", "dest_lat", "dest_lon",
                  "pickup_earliest", "pickup_latest", "weight_kg", "body_type"].joined(separator: sep) + "\n"
    var bytes = 0
    var buffer: [UInt8] = Array(header.utf8)
    let bodies = ["dry_van", "tautliner", "reefer", "tipper", "tanker", "container", "flatbed"]
    var rng = SplitMix64(seed: 42)
    func coordinate(_ base: Int, _ spread: Int) -> String {
        let v = base * 100_000 + rng.below(spread * 100_000)
        let frac = String(v % 100_000)
        return "\(v / 100_000)\(point)\(String(repeating: "0", count: 5 - frac.count))\(frac)"
    }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    for i in 0..<rows {
        let h = rng.below(20), m = rng.below(60)
        let line = "SH-\(i + 1)\(sep)Haulier \(i % 97)\(sep)\(coordinate(55, 10))\(sep)\(coordinate(11, 12))"
            + "\(sep)\(coordinate(55, 10))\(sep)\(coordinate(11, 12))"
            + "\(sep)2026-11-26T\(two(h)):\(two(m))\(sep)2026-11-26T\(two(h + 2)):\(two(m))"
            + "\(sep)\(rng.below(25_000))\(sep)\(bodies[rng.below(bodies.count)])\n"
        buffer.append(contentsOf: line.utf8)
        if buffer.count > 1 << 20 {
            bytes += fwrite(buffer, 1, buffer.count, f)
            buffer.removeAll(keepingCapacity: true)
        }
    }
    bytes += fwrite(buffer, 1, buffer.count, f)
    return bytes
}

/// Reads `path` and counts its line ends: the I/O-and-memory floor.
func scan(_ path: String) -> Int {
    guard let f = fopen(path, "r") else { return 0 }
    defer { fclose(f) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var lines = 0
    while true {
        let n = fread(&chunk, 1, chunk.count, f)
        if n == 0 { break }
        for i in 0..<n where chunk[i] == 10 { lines += 1 }
    }
    return lines
}

/// User + system CPU seconds of this process so far: on a shared 2-core
/// machine this moves less with the neighbours' load than wall time does.
func cpuSeconds() -> Double {
    var u = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    #else
    getrusage(RUSAGE_SELF, &u)
    #endif
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

func read(_ path: String) -> Batch {
    do {
        return try BatchReader().read([.path(path)])
    } catch {
        print("read failed: \(error)")
        exit(1)
    }
}

let tmp = "/tmp/backhaul-batch-benchmark-\(getpid())"
for (name, semicolon) in [("csv 1M rows, ',' dialect", false), ("csv 1M rows, ';' + decimal comma", true)]
where runner.selects(name) || runner.selects("scan") {
    let path = tmp + (semicolon ? "-sv.csv" : ".csv")
    let bytes = generate(path: path, semicolon: semicolon)
    defer { unlink(path) }
    let mb = Double(bytes) / 1e6
    print("\(name): \(rows) rows, \(fixed(mb, 1)) MB")
    if let t = runner.measure("scan (\(name))", unitsPerRun: Double(rows), unit: "rows", { scan(path) }) {
        print("  scan: \(fixed(mb / t.median, 0)) MB/s")
    }
    var last: Batch? = nil
    var cpu: [Double] = []
    if let t = runner.measure(name, unitsPerRun: Double(rows), unit: "rows", { () -> Int in
        let c0 = cpuSeconds()
        let b = read(path)
        cpu.append(cpuSeconds() - c0)
        last = b
        return b.shipments.count
    }) {
        let cpuMedian = cpu.dropFirst().sorted()[(cpu.count - 1) / 2]
        print("  read+validate: \(fixed(mb / t.median, 1)) MB/s, \(formatRate(Double(rows) / t.median)) rows/s (wall);"
            + " CPU \(format(cpuMedian)) per run = \(formatRate(Double(rows) / cpuMedian)) rows/s per core")
    }
    if let b = last {
        print("  accepted \(b.shipments.count), rejected \(b.rejected.count), warnings \(b.warnings.count)")
        if b.shipments.count != rows {
            print("  UNEXPECTED: not every generated row was accepted: \(b.rejected.prefix(3))")
            exit(1)
        }
    }
}

let jsonName = "json 200k rows"
if runner.selects(jsonName) {
    let jsonRows = 200_000
    var json: [UInt8] = Array("[\n".utf8)
    var rng = SplitMix64(seed: 7)
    for i in 0..<jsonRows {
        let lat = 55 + Double(rng.below(1_000_000)) / 100_000, lon = 11 + Double(rng.below(1_200_000)) / 100_000
        json += Array(("{\"id\": \"J-\(i)\", \"company\": \"Haulier \(i % 97)\", \"origin_lat\": \(lat), "
            + "\"origin_lon\": \(lon), \"dest_lat\": \(lon + 45), \"dest_lon\": \(lat - 40), "
            + "\"pickup_earliest\": \"2026-11-26T06:00\", \"weight_kg\": \(rng.below(25_000))}"
            + (i + 1 < jsonRows ? ",\n" : "\n]\n")).utf8)
    }
    let mb = Double(json.count) / 1e6
    if let t = runner.measure(jsonName, unitsPerRun: Double(jsonRows), unit: "rows", { () -> Int in
        do {
            return try BatchReader().read([.bytes(name: "bench.json", json, format: .json)]).shipments.count
        } catch {
            print("read failed: \(error)")
            exit(1)
        }
    }) {
        print("  read+validate: \(fixed(mb / t.median, 1)) MB/s (\(fixed(mb, 1)) MB in memory)")
    }
}

let realName = "samgods national 1% (4,508 rows)"
if runner.selects(realName), let path = sharedDataFile("shipments/sweden-samgods-1pct.csv") {
    var st = stat()
    stat(path, &st)
    let mb = Double(st.st_size) / 1e6
    var last: Batch? = nil
    if let t = runner.measure(realName, runs: 21, unitsPerRun: 4508, unit: "rows", { () -> Int in
        let b = read(path)
        last = b
        return b.records
    }) {
        print("  read+validate: \(fixed(mb / t.median, 1)) MB/s")
    }
    if let b = last {
        print("  loaded \(b.shipments.count), observed empty \(b.observedEmpty.count), rejected \(b.rejected.count)")
    }
}
