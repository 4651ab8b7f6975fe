import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A test hook into every file-system step of writing output: each
/// `write(2)` of a report, every `open`, `fsync`, `mkdir`, `symlink`,
/// `rename` and `unlink` of ``OutputFolder``.
///
/// Off unless the environment variable `BACKHAUL_FAULT_STEP` is set when
/// the process starts:
/// - `BACKHAUL_FAULT_STEP=N` kills the process with `SIGKILL` just before
///   step N (1-based), as a power cut or `kill -9` would;
/// - `BACKHAUL_FAULT_STEP=N:ENOSPC` (or `EIO`, `EROFS`, `EDQUOT`) makes step
///   N fail with that error instead of running it;
/// - `BACKHAUL_FAULT_STEP=trace` lists the steps on standard error.
///
/// The crash-injection tests kill a real `backhaul match --out` at every
/// step and check that the folder always holds one complete set.
enum FaultInjection {
    private enum Plan {
        case trace
        case kill(at: Int)
        case fail(at: Int, errno: Int32)
    }

    private static let plan: Plan? = {
        guard let raw = getenv("BACKHAUL_FAULT_STEP").map({ String(cString: $0) }), !raw.isEmpty else { return nil }
        if raw == "trace" { return .trace }
        let parts = raw.split(separator: ":", maxSplits: 1)
        guard let n = Int(parts[0]), n > 0 else { return nil }
        guard parts.count == 2 else { return .kill(at: n) }
        let codes: [Substring: Int32] = ["ENOSPC": ENOSPC, "EIO": EIO, "EROFS": EROFS, "EDQUOT": EDQUOT]
        return codes[parts[1]].map { .fail(at: n, errno: $0) }
    }()

    private static let counter = Atomic<Int>(0)

    /// Counts one step named `name`; returns the error number it must fail
    /// with, or 0 to run it. Kills the process at the planned step.
    static func step(_ name: @autoclosure () -> String) -> Int32 {
        guard let plan else { return 0 }
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        switch plan {
        case .trace:
            Console.writeStderr("backhaul: fault step \(n): \(name())\n")
            return 0
        case .kill(let at):
            if n == at { kill(getpid(), SIGKILL) }
            return 0
        case .fail(let at, let code):
            return n == at ? code : 0
        }
    }
}
