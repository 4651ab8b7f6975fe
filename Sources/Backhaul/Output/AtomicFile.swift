#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader never sees a partial one.
///
/// The bytes go to a temporary file in the same folder (so the final rename
/// stays on one file system), are flushed with `fsync`, and the temporary
/// file is renamed over the destination (`rename(2)` is atomic on POSIX). On
/// any failure the temporary file is removed and the destination is
/// untouched.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: ``CommandFailure`` with status `.internal` naming the path
    ///   and the system's reason (exit 4: the job ran but its result could not
    ///   be stored).
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(CommandFailure) {
        let (dir, name) = split(path)
        var template = Array((dir + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CommandFailure(.internal, "\(path): cannot create a file in \(dir): \(errnoText())")
        }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        let data = Array(bytes)
        var written = 0
        while written < data.count {
            let r = data.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, data.count - written) }
            if r < 0 {
                if errno == EINTR { continue }
                let reason = errnoText()
                close(fd)
                throw CommandFailure(.internal, "\(path): cannot write: \(reason)")
            }
            written += r
        }
        // Files are created 0600 by mkstemp; give them the usual mode.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if fsync(fd) != 0 || close(fd) != 0 {
            throw CommandFailure(.internal, "\(path): cannot write: \(errnoText())")
        }
        guard rename(tmp, path) == 0 else {
            throw CommandFailure(.internal, "\(path): cannot replace: \(errnoText())")
        }
        ok = true
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws(CommandFailure) {
        try write(Array(text.utf8), to: path)
    }

    private static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
