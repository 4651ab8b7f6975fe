import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny benchmark harness shared by every executable under `Benchmarks/`.
///
/// Each case runs once as a warm-up, then `runs` more times; the median wall
/// time is printed with the minimum and maximum, so that a noisy neighbour on
/// a 2-core machine shows up as spread rather than as a wrong figure. Compare
/// against a peer measured in the same run, never against a number written
/// down on another day.
///
/// Usage: `swift run -c release <BenchmarkName> [filter]`; only cases whose
/// name contains `filter` run.
public struct BenchmarkRunner {
    public let filter: String?
    public let runs: Int

    public init(arguments: [String] = CommandLine.arguments, runs: Int = 5) {
        var filter: String?
        var runs = runs
        var it = arguments.dropFirst().makeIterator()
        while let a = it.next() {
            if a == "--runs", let v = it.next(), let n = Int(v), n > 0 {
                runs = n
            } else if a == "-h" || a == "--help" {
                print("usage: \(arguments.first ?? "benchmark") [--runs N] [filter]")
                exit(0)
            } else {
                filter = a
            }
        }
        self.filter = filter
        self.runs = runs
    }

    /// `true` when the case called `name` is selected by the filter.
    public func selects(_ name: String) -> Bool {
        guard let filter else { return true }
        return name.localizedLowercaseContains(filter)
    }

    /// Times `body`: one warm-up, then `runs` timed repetitions.
    ///
    /// - Returns: the timing, or `nil` when the filter skipped the case.
    @discardableResult
    public func measure<T>(
        _ name: String, runs: Int? = nil, unitsPerRun: Double? = nil, unit: String = "items",
        _ body: () throws -> T
    ) rethrows -> Timing? {
        guard selects(name) else { return nil }
        let runs = runs ?? self.runs
        let warm = try Self.time(body)
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try Self.time(body)) }
        let t = Timing(name: name, warmUp: warm, samples: samples)
        var line = "\(name): warm-up \(format(warm)); median \(format(t.median)) over \(runs) runs"
            + " (min \(format(samples.min()!)), max \(format(samples.max()!)))"
        if let unitsPerRun, t.median > 0 {
            line += "; \(formatRate(unitsPerRun / t.median)) \(unit)/s"
        }
        print(line)
        return t
    }

    /// Wall time of one call in seconds.
    public static func time<T>(_ body: () throws -> T) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let end = DispatchTime.now().uptimeNanoseconds
        blackHole(result)
        return Double(end - start) / 1e9
    }
}

/// The result of ``BenchmarkRunner/measure(_:runs:unitsPerRun:unit:_:)``.
public struct Timing {
    public let name: String
    public let warmUp: Double
    public let samples: [Double]

    /// The median of the timed runs, in seconds.
    public var median: Double {
        let s = samples.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Keeps the optimiser from deleting work whose result is unused.
@inline(never)
public func blackHole<T>(_ x: T) {
    withExtendedLifetime(x) {}
}

/// `1.23 s`, `45.6 ms`, `789 µs`.
public func format(_ seconds: Double) -> String {
    if seconds >= 1 { return fixed(seconds, 3) + " s" }
    if seconds >= 1e-3 { return fixed(seconds * 1e3, 2) + " ms" }
    return fixed(seconds * 1e6, 1) + " µs"
}

/// `1.23 M`, `456 k`, `78.9`.
public func formatRate(_ x: Double) -> String {
    if x >= 1e6 { return fixed(x / 1e6, 2) + " M" }
    if x >= 1e3 { return fixed(x / 1e3, 1) + " k" }
    return fixed(x, 1)
}

/// `x` with `digits` decimals, without Foundation.
public func fixed(_ x: Double, _ digits: Int) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (x * p).rounded()
    let neg = r < 0
    let v = Int64(abs(r))
    let ip = v / Int64(p), fp = v % Int64(p)
    var f = String(fp)
    while f.count < digits { f = "0" + f }
    return (neg ? "-" : "") + String(ip) + (digits > 0 ? "." + f : "")
}

/// Resident set size of this process in bytes (Linux `/proc/self/statm`), or
/// `nil` where it cannot be read.
public func residentMemoryBytes() -> Int? {
    guard let f = fopen("/proc/self/statm", "r") else { return nil }
    defer { fclose(f) }
    var size = 0, resident = 0
    guard withUnsafeMutablePointer(to: &size, { s in
        withUnsafeMutablePointer(to: &resident) { r in fscanfTwo(f, s, r) }
    }) else { return nil }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

private func fscanfTwo(_ f: UnsafeMutablePointer<FILE>, _ a: UnsafeMutablePointer<Int>, _ b: UnsafeMutablePointer<Int>) -> Bool {
    var buf = [CChar](repeating: 0, count: 256)
    guard fgets(&buf, 256, f) != nil else { return false }
    let s = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let parts = s.split(separator: " ")
    guard parts.count >= 2, let x = Int(parts[0]), let y = Int(parts[1]) else { return false }
    a.pointee = x
    b.pointee = y
    return true
}

/// CPU seconds used by the whole process so far (all threads): less
/// sensitive than wall time to other work on a shared machine.
public func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// The machine's load average (`/proc/loadavg`, 1, 5 and 15 minutes),
/// printed with the figures: wall times mean little on a busy machine.
public func loadAverage() -> String {
    guard let f = fopen("/proc/loadavg", "r") else { return "unknown" }
    defer { fclose(f) }
    var buf = [CChar](repeating: 0, count: 128)
    guard fgets(&buf, 128, f) != nil else { return "unknown" }
    let s = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return s.split(separator: " ").prefix(3).joined(separator: " ")
}

/// The shared data folder (`../shared/data` next to the checkout), or `nil`
/// with a message on stdout saying what is absent.
public func sharedDataFile(_ relative: String) -> String? {
    let candidates = ["../shared/data/" + relative, "../../shared/data/" + relative, "/work/shared/data/" + relative]
    for c in candidates where access(c, R_OK) == 0 { return c }
    print("SKIPPED: \(relative) is absent (looked in ../shared/data/ and /work/shared/data/); this benchmark needs it.")
    return nil
}

extension String {
    fileprivate func localizedLowercaseContains(_ other: String) -> Bool {
        lowercased().contains(other.lowercased())
    }
}
