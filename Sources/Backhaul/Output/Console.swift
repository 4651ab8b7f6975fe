import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a job reports warnings and progress: standard error.
///
/// Warnings are always printed (`backhaul: warning: …`), because a nightly job
/// must leave a trace of what it refused. Progress lines (phase names and
/// counts) appear only when standard error is a terminal and `--quiet` was
/// not given, so cron mails stay empty on success.
public final class Console: Sendable {
    /// Whether progress lines are shown.
    public let showsProgress: Bool
    private let state = Mutex(State())

    private struct State {
        var lastDraw: UInt64 = 0
        var lineOpen = false
        var warnings: [String] = []
    }

    /// - Parameters:
    ///   - quiet: `--quiet`: no progress even on a terminal.
    ///   - captureOnly: collect warnings without printing (tests).
    public init(quiet: Bool, captureOnly: Bool = false) {
        self.showsProgress = !quiet && !captureOnly && isatty(2) == 1
        self.captureOnly = captureOnly
        self.quiet = quiet
    }

    private let captureOnly: Bool
    private let quiet: Bool

    /// The warnings issued so far, in order.
    public var warnings: [String] { state.withLock { $0.warnings } }

    /// Prints `backhaul: warning: <message>` to standard error.
    public func warning(_ message: String) {
        state.withLock { s in
            s.warnings.append(message)
            guard !captureOnly else { return }
            if s.lineOpen { Console.writeStderr("\n"); s.lineOpen = false }
            Console.writeStderr("backhaul: warning: \(message)\n")
        }
    }

    /// Prints `backhaul: note: <message>` to standard error, unless quiet:
    /// information a person at the terminal or reading a log wants, which
    /// a `--quiet` cron job does not.
    public func note(_ message: String) {
        guard !quiet, !captureOnly else { return }
        state.withLock { s in
            if s.lineOpen { Console.writeStderr("\n"); s.lineOpen = false }
            Console.writeStderr("backhaul: note: \(message)\n")
        }
    }

    /// Shows `phase` with a count, at most ten times a second; the final call
    /// of a phase (`done == total`) is always drawn.
    public func progress(_ phase: String, done: Int, total: Int? = nil) {
        guard showsProgress else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        state.withLock { s in
            let final = total.map { done >= $0 } ?? false
            guard final || now &- s.lastDraw > 100_000_000 else { return }
            s.lastDraw = now
            var line = "\r\u{1B}[K\(phase): \(done)"
            if let total { line += "/\(total)" }
            Console.writeStderr(line)
            s.lineOpen = true
            if final {
                Console.writeStderr("\n")
                s.lineOpen = false
            }
        }
    }

    /// Shows that `phase` has begun (for phases without counts).
    public func phase(_ phase: String) {
        guard showsProgress else { return }
        state.withLock { s in
            if s.lineOpen { Console.writeStderr("\n") }
            Console.writeStderr("\(phase)…\n")
            s.lineOpen = false
        }
    }

    /// Ends an open progress line.
    public func finish() {
        guard showsProgress else { return }
        state.withLock { s in
            if s.lineOpen { Console.writeStderr("\n"); s.lineOpen = false }
        }
    }

    /// Writes `text` to standard error, unbuffered.
    public static func writeStderr(_ text: String) { write(text, to: 2) }

    /// Writes `text` to standard output, unbuffered.
    public static func writeStdout(_ text: String) { write(text, to: 1) }

    /// Writes all of `text` to `fd`, retrying on `EINTR` and short writes.
    private static func write(_ text: String, to fd: Int32) {
        var t = text
        t.withUTF8 { b in
            var off = 0
            while off < b.count {
                let r = systemWrite(fd, b.baseAddress! + off, b.count - off)
                if r <= 0 { if errno == EINTR { continue }; return }
                off += r
            }
        }
    }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, p, n)
    #elseif canImport(Musl)
    Musl.write(fd, p, n)
    #else
    Darwin.write(fd, p, n)
    #endif
}
