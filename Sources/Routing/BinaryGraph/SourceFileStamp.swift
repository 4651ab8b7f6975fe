#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw road file a ``BinaryGraphFile`` was built from: its name, size and
/// modification time, so that a `.bhg` next to a raw file that changed since
/// can be recognised as stale.
public struct SourceFileStamp: Sendable, Hashable {
    /// The file's name as given to `graph build` (its last path component).
    public var name: String
    /// Size in bytes.
    public var size: UInt64
    /// Last modification, nanoseconds since 1970-01-01T00:00:00Z.
    public var modificationTime: Int64

    public init(name: String, size: UInt64, modificationTime: Int64) {
        self.name = name
        self.size = size
        self.modificationTime = modificationTime
    }

    /// The stamp of the file at `path` now, or `nil` when it cannot be
    /// `stat`ed.
    public init?(describing path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        let mtime = Int64(st.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(st.st_mtimespec.tv_nsec)
        #else
        let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        #endif
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        self.init(name: name, size: UInt64(max(0, st.st_size)), modificationTime: mtime)
    }

    /// `true` when the file at `path` has the same size and modification
    /// time as this stamp (its name is not compared, so a moved file still
    /// matches).
    public func matchesFile(atPath path: String) -> Bool {
        guard let now = SourceFileStamp(describing: path) else { return false }
        return now.size == size && now.modificationTime == modificationTime
    }

    /// The modification time as an ISO 8601 UTC string
    /// (`2026-11-25T13:55:13Z`), for reports.
    public var modificationTimeISO8601: String {
        var seconds = time_t(modificationTime / 1_000_000_000)
        if modificationTime < 0 && modificationTime % 1_000_000_000 != 0 { seconds -= 1 }
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "" }
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
