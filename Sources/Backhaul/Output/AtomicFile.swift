#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a single file so that a reader never sees a partial one.
///
/// The bytes go to a temporary file in the same folder (so the final rename
/// stays on one file system), are flushed with `fsync`, and the temporary
/// file is renamed over the destination (`rename(2)` is atomic on POSIX). On
/// any failure the temporary file is removed and the destination is
/// untouched. For a set of files that must change together, see
/// ``OutputFolder``.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: ``CommandFailure`` naming the path and the system's reason:
    ///   exit 5 for an I/O failure (`ENOSPC`, `EIO`, `EROFS`…), exit 2 when
    ///   the file cannot be created for another reason (a missing folder,
    ///   permissions).
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(CommandFailure) {
        let (dir, name) = split(path)
        var template = Array((dir + "/." + name + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let code = errno
            throw CommandFailure(OutputFolder.status(for: code), "\(path): cannot create a file in \(dir): \(errnoText())")
        }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp creates files 0600; give them the usual mode.
        fchmod(fd, 0o666 & ~currentUmask())
        let out = BufferedWriter(fd: fd, path: path)
        out.write(bytes: bytes)
        var failure: CommandFailure?
        do throws(CommandFailure) { try out.finish() } catch { failure = error }
        if failure == nil && fsync(fd) != 0 { failure = CommandFailure(.ioFailure, "\(path): cannot write: \(errnoText())") }
        if close(fd) != 0 && failure == nil { failure = CommandFailure(.ioFailure, "\(path): cannot write: \(errnoText())") }
        if let failure {
            unlink(tmp)
            throw failure
        }
        guard rename(tmp, path) == 0 else {
            let reason = errnoText()
            unlink(tmp)
            throw CommandFailure(.ioFailure, "\(path): cannot replace: \(reason)")
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

/// The process's file mode creation mask (read by setting it and back).
func currentUmask() -> mode_t {
    let mask = umask(0)
    umask(mask)
    return mask
}
