import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` lock on a file, held until the value is
/// released (or the process ends: the kernel drops the lock of a killed
/// process, so a crash never leaves a folder locked).
///
/// The holder writes its process id into the file, so that a run that
/// gives up can say who holds the lock.
final class FileLock {
    private let fd: Int32

    /// Takes the lock on `path` (created when missing), waiting up to
    /// `timeout` seconds for another holder to release it.
    ///
    /// - Parameter owner: what the lock protects, for messages (`--out DIR`).
    /// - Throws: ``CommandFailure`` with exit 6 (`locked`) after the
    ///   timeout, exit 5 when the file cannot be opened for an I/O reason,
    ///   exit 2 when it cannot be opened otherwise (permissions).
    init(path: String, timeout: Double, owner: String) throws(CommandFailure) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let code = errno
            throw CommandFailure(OutputFolder.status(for: code), "\(owner): cannot open the lock file \(path): \(errnoText())")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var pause: UInt64 = 5_000_000
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK || code == EAGAIN else {
                close(fd)
                throw CommandFailure(OutputFolder.status(for: code), "\(owner): cannot lock \(path): \(errnoText())")
            }
            let waited = DispatchTime.now().uptimeNanoseconds - start
            let limit = UInt64(max(0, timeout) * 1e9)
            guard waited < limit else {
                let holder = FileLock.holder(fd).map { " (process \($0))" } ?? ""
                close(fd)
                throw CommandFailure(
                    .locked,
                    "\(owner): another backhaul run\(holder) holds the lock \(path); gave up after "
                        + "\(JSONValue.format(timeout, decimals: timeout < 10 ? 1 : 0)) s (--lock-timeout)")
            }
            usleep(useconds_t(min(pause, limit - waited) / 1000))
            pause = min(pause * 2, 200_000_000)
        }
        self.fd = fd
        let note = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
    }

    deinit {
        ftruncate(fd, 0)
        close(fd)
    }

    /// The process id the holder wrote, if readable and still running
    /// (a lock held by another program leaves a killed run's id behind).
    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 24)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0, let pid = Int32(String(decoding: bytes[..<n], as: UTF8.self).split(separator: "\n").first ?? ""),
              pid > 0, kill(pid, 0) == 0 || errno == EPERM
        else { return nil }
        return pid
    }
}
