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
        let tmp = try stage(Array(bytes), for: path)
        guard rename(tmp, path) == 0 else {
            let reason = errnoText()
            unlink(tmp)
            throw CommandFailure(.internal, "\(path): cannot replace: \(reason)")
        }
    }

    /// Writes `bytes` to a new temporary file beside `path`, flushed to
    /// disk, and returns its name; nothing is left behind on failure.
    private static func stage(_ data: [UInt8], for path: String) throws(CommandFailure) -> String {
        let (dir, name) = split(path)
        var template = Array((dir + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CommandFailure(.internal, "\(path): cannot create a file in \(dir): \(errnoText())")
        }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < data.count {
            let r = data.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, data.count - written) }
            if r < 0 {
                if errno == EINTR { continue }
                let reason = errnoText()
                close(fd)
                unlink(tmp)
                throw CommandFailure(.internal, "\(path): cannot write: \(reason)")
            }
            written += r
        }
        // mkstemp creates files 0600; give them the usual mode.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = errnoText()
            unlink(tmp)
            throw CommandFailure(.internal, "\(path): cannot write: \(reason)")
        }
        return tmp
    }

    /// Writes several files so that either all of them are replaced or none
    /// is: every temporary file is written and flushed first, and only then
    /// are they renamed into place.
    ///
    /// - Throws: ``CommandFailure`` with status `.internal`; no temporary
    ///   file is left behind and no destination is touched, unless a rename
    ///   itself fails part-way (which POSIX does not let us undo).
    public static func writeAll(_ files: [(path: String, bytes: [UInt8])]) throws(CommandFailure) {
        var staged: [(tmp: String, path: String)] = []
        do {
            for f in files {
                staged.append((try stage(f.bytes, for: f.path), f.path))
            }
        } catch {
            for s in staged { unlink(s.tmp) }
            throw error
        }
        for (k, s) in staged.enumerated() where rename(s.tmp, s.path) != 0 {
            let reason = errnoText()
            for rest in staged[k...] { unlink(rest.tmp) }
            throw CommandFailure(.internal, "\(s.path): cannot replace: \(reason)")
        }
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
