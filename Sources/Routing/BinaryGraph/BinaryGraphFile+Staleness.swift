#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension BinaryGraphFile {
    /// Reads the `.bhg` at `path` as `--graph` does: ``read(from:)``, then
    /// ``checkNotStale(graphPath:)``.
    ///
    /// - Throws: ``InputError`` for an unreadable, corrupt or stale file.
    public static func load(graphAt path: String) throws(InputError) -> BinaryGraphFile {
        let file = try read(from: path)
        try file.checkNotStale(graphPath: path)
        return file
    }

    /// The raw file this graph was built from, when a file of that name sits
    /// in the same folder as the graph at `graphPath`.
    public func sourcePath(besideGraphAt graphPath: String) -> String? {
        guard let name = source?.name, !name.isEmpty, !name.contains("/") else { return nil }
        let folder = graphPath.lastIndex(of: "/").map { String(graphPath[...$0]) } ?? ""
        let raw = folder + name
        return access(raw, F_OK) == 0 ? raw : nil
    }

    /// Refuses a graph whose source file sits beside it and has changed
    /// (size or modification time) since the graph was built, so that a
    /// re-downloaded map is not silently ignored. A graph whose source is
    /// not beside it is self-contained and accepted.
    ///
    /// - Throws: ``InputError`` naming both files and the command that
    ///   rebuilds the graph.
    public func checkNotStale(graphPath: String) throws(InputError) {
        guard let source, let raw = sourcePath(besideGraphAt: graphPath),
              let now = SourceFileStamp(describing: raw), !source.matchesFile(atPath: raw)
        else { return }
        throw InputError(
            path: graphPath,
            message: "stale graph: it was built from \(source.name) (\(source.size) bytes, modified "
                + "\(source.modificationTimeISO8601)), which has changed since (\(now.size) bytes, modified "
                + "\(now.modificationTimeISO8601)); rebuild it with `backhaul graph build \(raw) -o \(graphPath)`"
        )
    }
}
