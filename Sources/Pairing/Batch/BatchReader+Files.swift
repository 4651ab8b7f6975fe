#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension BatchReader {
    /// What a path names.
    enum PathKind {
        case file
        case folder
        /// Neither, with the reason in words.
        case unusable(String)
    }

    static func kind(of path: String) -> PathKind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .unusable(String(cString: strerror(errno))) }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG, S_IFIFO, S_IFCHR: return .file
        default: return .unusable("not a file or a folder")
        }
    }

    /// The batch files directly inside `folder`: names ending in `.csv` or
    /// `.json` (any case), not hidden (no leading `.`, which also skips
    /// macOS `._name.csv` resource forks), sorted by their UTF-8 bytes.
    static func batchFiles(in folder: String) -> Result<[String], BatchError.Problem> {
        guard let dir = opendir(folder) else {
            return .failure(.init(file: folder, message: "cannot open folder: \(String(cString: strerror(errno)))"))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let lower = name.lowercased()
            guard !name.hasPrefix("."), lower.hasSuffix(".csv") || lower.hasSuffix(".json") else { continue }
            let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            if case .file = kind(of: full) { names.append(full) }
        }
        return .success(names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// The whole content of `path`, or of standard input when `path` is `nil`.
    ///
    /// - Complexity: O(size); one buffer, grown geometrically for pipes.
    static func readAll(path: String?) throws(BatchError.Problem) -> [UInt8] {
        let name = path ?? "<stdin>"
        let fd: Int32
        if let path {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw BatchError.Problem(file: name, message: "cannot open: \(String(cString: strerror(errno)))")
            }
        } else {
            fd = 0
        }
        defer { if path != nil { close(fd) } }
        var st = stat()
        var capacity = 1 << 16
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { capacity = max(Int(st.st_size) + 1, 1) }
        var bytes: [UInt8] = []
        var failure: Int32 = 0
        while true {
            if bytes.count == bytes.capacity { bytes.reserveCapacity(max(capacity, bytes.capacity * 2)) }
            let room = bytes.capacity - bytes.count
            let before = bytes.count
            var got = 0
            bytes.append(contentsOf: repeatElement(0, count: room))
            bytes.withUnsafeMutableBytes { raw in
                while true {
                    let r = systemRead(fd, raw.baseAddress! + before, room)
                    if r < 0 && errno == EINTR { continue }
                    if r < 0 { failure = errno } else { got = r }
                    return
                }
            }
            bytes.removeLast(room - got)
            if failure != 0 {
                throw BatchError.Problem(file: name, message: "read failed: \(String(cString: strerror(failure)))")
            }
            if got == 0 { return bytes }
        }
    }
}

@inline(__always)
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    read(fd, p, n)
}
