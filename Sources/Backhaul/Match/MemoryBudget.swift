#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory a run may use, and whether a batch fits before the work
/// starts (exit 7 instead of a fatal allocation error half-way).
///
/// The limit is the smallest of: the memory the kernel says is available
/// (`MemAvailable` in `/proc/meminfo`), the cgroup's `memory.max` less what
/// it already uses (cron jobs in containers), and `--max-memory-gb`.
struct MemoryBudget: Sendable {
    /// Bytes the run may still allocate (`nil`: unknown, no check).
    let availableBytes: Int?
    /// Where the limit comes from, for the message.
    let origin: String

    /// The current budget.
    static func current(userLimitBytes: Int?) -> MemoryBudget {
        var best: (Int, String)?
        func consider(_ bytes: Int?, _ why: String) {
            guard let bytes, bytes > 0 else { return }
            if best == nil || bytes < best!.0 { best = (bytes, why) }
        }
        consider(meminfoAvailable(), "available memory (/proc/meminfo)")
        consider(cgroupHeadroom(), "the cgroup's memory.max")
        consider(userLimitBytes, "--max-memory-gb")
        return MemoryBudget(availableBytes: best?.0, origin: best?.1 ?? "unknown")
    }

    /// Throws exit 7 when `estimate` bytes do not fit.
    func check(_ estimate: Int, what: String) throws(CommandFailure) {
        guard let available = availableBytes, estimate > available else { return }
        throw CommandFailure(
            .tooLarge,
            "\(what) needs about \(Self.gigabytes(estimate)) of memory, more than the \(Self.gigabytes(available)) of \(origin); "
                + "split the batch, run on a larger machine, or raise --max-memory-gb if the estimate is too cautious")
    }

    static func gigabytes(_ bytes: Int) -> String {
        let gb = Double(bytes) / 1e9
        return gb >= 10 ? "\(Int(gb.rounded())) GB" : "\(Double(Int(gb * 10)) / 10) GB"
    }

    static func meminfoAvailable() -> Int? {
        guard let text = readSmallFile("/proc/meminfo") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let digits = line.dropFirst("MemAvailable:".count).filter { $0.isNumber }
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    static func cgroupHeadroom() -> Int? {
        guard let maxText = readSmallFile("/sys/fs/cgroup/memory.max")?.trimmingWhitespace,
            let limit = Int(maxText)
        else { return nil }
        let used = readSmallFile("/sys/fs/cgroup/memory.current").flatMap { Int($0.trimmingWhitespace) } ?? 0
        return max(0, limit - used)
    }

    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            if got <= 0 { break }
            bytes += buffer[0..<got]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    var trimmingWhitespace: String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
