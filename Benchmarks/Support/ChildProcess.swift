#if canImport(Glibc)
import Glibc
#endif

/// What a child process used: wall time, CPU time (user + system) and peak
/// resident memory, from `wait4`'s resource usage — the honest way to give
/// peak memory per case (a process's own peak only ever grows).
public struct ChildUsage: Sendable {
    public var exitStatus: Int32
    public var wallSeconds: Double
    public var cpuSeconds: Double
    public var peakResidentBytes: Int
}

/// Runs `arguments[0]` with `arguments` (its own path re-run as a child
/// when `arguments[0]` is `CommandLine.arguments[0]`), passing its standard
/// output and error through, and returns its usage.
public func runChild(_ arguments: [String]) -> ChildUsage? {
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    let start = monotonicSeconds()
    guard posix_spawn(&pid, arguments[0], nil, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { return nil }
    let wall = monotonicSeconds() - start
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let exited = (status & 0x7f) == 0
    return ChildUsage(
        exitStatus: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), wallSeconds: wall,
        cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakResidentBytes: Int(usage.ru_maxrss) * 1024)
}

/// Seconds on the monotonic clock.
public func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
