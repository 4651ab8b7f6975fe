#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An output folder that always holds one complete set of files: every run
/// writes its files into a fresh run folder and then switches the folder
/// to it with one `rename(2)` of a symbolic link.
///
/// Layout, for `--out reports`:
///
///     reports/result.json  -> latest/result.json    one link per file, made once
///     reports/pairs.csv    -> latest/pairs.csv
///     …
///     reports/latest       -> .backhaul-runs/run-20261126T020000Z-k3Qz8a   the current run
///     reports/previous     -> .backhaul-runs/run-20261125T020000Z-Xw71bd   the run before it
///     reports/.backhaul-runs/                       the run folders
///     reports/.backhaul-lock                        the flock(2) file
///
/// A reader of `reports/result.json` and `reports/pairs.csv` always sees
/// the files of one run: both resolve through `latest`, which changes in
/// one atomic rename. Someone reading several files over a longer time
/// resolves `latest` once (`cd reports/latest`, or `readlink`): that run
/// folder stays until two more runs have been published. The previous
/// run stays as `previous`, for comparison.
///
/// Steps of ``publish(_:)``: create the run folder; write, `fsync` and
/// close each file; `fsync` the run folder; point `previous` at the current
/// run; point `latest` at the new one (the commit); `fsync` the folder;
/// remove the run that is neither. A run killed at any step leaves the
/// folder showing the old set or the new one, never a mix; what it left
/// behind is removed by the next run. A folder written by earlier versions
/// (plain files) is taken over without a moment of mixed files: the old
/// files are hard-linked into a run folder first.
///
/// An exclusive `flock(2)` on `.backhaul-lock`, taken when the folder is
/// opened and held until the value is released, keeps two runs from
/// interleaving.
public final class OutputFolder {
    /// The folder as given.
    public let path: String
    /// The files every run writes, in order.
    public let fileNames: [String]
    private let lock: FileLock
    private var tempCounter = 0

    static let runsName = ".backhaul-runs"
    static let lockName = ".backhaul-lock"
    static let tempPrefix = ".backhaul-tmp-"

    /// Opens `path` for one run before any work is done: creates it when
    /// only its last component is missing, checks it, takes the lock
    /// (waiting up to `lockTimeout` seconds) and removes what killed runs
    /// left behind.
    ///
    /// - Throws: ``CommandFailure``: exit 2 when the path cannot be a
    ///   report folder (not a folder, not writable, a folder where a report
    ///   file goes), exit 5 for an I/O failure (`EROFS`, `ENOSPC`, `EIO`),
    ///   exit 6 when another run holds the lock past the timeout.
    public init(path: String, fileNames: [String], lockTimeout: Double) throws(CommandFailure) {
        // `reports/` and `reports` are the same folder; messages and the
        // paths built below name it without a doubled slash.
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
        self.fileNames = fileNames
        let owner = "--out \(path)"
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            let code = errno
            throw CommandFailure(Self.status(for: code), "\(owner): cannot create the folder: \(errnoText())")
        }
        guard Self.kind(path, follow: true) == S_IFDIR else { throw .usage("\(owner): exists and is not a folder") }
        guard access(path, W_OK) == 0 else {
            let code = errno
            throw CommandFailure(code == EROFS ? .ioFailure : .usage, "\(owner): the folder is not writable: \(errnoText())")
        }
        for name in fileNames where Self.kind(path + "/" + name) == S_IFDIR {
            throw .usage("\(owner): \(path)/\(name) is a folder, where backhaul writes a file; move it away")
        }
        for name in ["latest", "previous"] {
            if let k = Self.kind(path + "/" + name), k != S_IFLNK {
                throw .usage("\(owner): \(path)/\(name) is not the link backhaul keeps there; move it away")
            }
        }
        if let k = Self.kind(path + "/" + Self.runsName), k != S_IFDIR {
            throw .usage("\(owner): \(path)/\(Self.runsName) is not a folder; move it away")
        }
        lock = try FileLock(path: path + "/" + Self.lockName, timeout: lockTimeout, owner: owner)
        // A file-size limit (ulimit -f) must become a clear error, not a
        // silent SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        removeLeftovers()
    }

    /// Writes a new run's files and makes them the folder's current set.
    ///
    /// - Parameter write: called once per file name, in order, with a
    ///   writer onto the new file.
    /// - Throws: ``CommandFailure`` with exit 5 naming the path that failed;
    ///   the folder then still shows the previous set.
    public func publish(_ write: (_ name: String, _ out: BufferedWriter) -> Void) throws(CommandFailure) {
        let runs = path + "/" + Self.runsName
        if Self.kind(runs) == nil {
            try step("create the folder", runs) { mkdir(runs, 0o777) }
        }
        let run = try makeRunFolder(prefix: "run-" + Self.compactStamp())
        let runPath = runs + "/" + run
        do throws(CommandFailure) {
            for name in fileNames {
                let file = runPath + "/" + name
                let fd = try step("create", file) { open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
                let out = BufferedWriter(fd: fd, path: file)
                write(name, out)
                do throws(CommandFailure) {
                    try out.finish()
                    try step("flush to disk", file) { fsync(fd) }
                } catch {
                    close(fd)
                    throw error
                }
                try step("close", file) { close(fd) }
            }
            try syncFolder(runPath)
        } catch {
            Self.removeRunFolder(runPath, counted: false)
            throw error
        }
        try adoptPlainFiles()
        try linkStableNames()
        let current = Self.readLink(path + "/latest")
        let oldPrevious = Self.readLink(path + "/previous")
        if let current { try replaceLink("previous", target: current) }
        try replaceLink("latest", target: Self.runsName + "/" + run)
        try syncFolder(path)
        if let old = oldPrevious, old != current, let name = Self.runFolderName(old) {
            Self.removeRunFolder(runs + "/" + name, counted: true)
        }
    }

    // MARK: Steps

    /// Runs one counted file-system step (``FaultInjection``); a negative
    /// result becomes exit 5 naming `path`.
    @discardableResult
    private func step(_ action: String, _ path: String, _ call: () -> Int32) throws(CommandFailure) -> Int32 {
        let injected = FaultInjection.step("\(action) \(path)")
        let result: Int32
        if injected != 0 {
            errno = injected
            result = -1
        } else {
            result = call()
        }
        guard result >= 0 else { throw CommandFailure(.ioFailure, "\(path): cannot \(action): \(errnoText())") }
        return result
    }

    /// A new, empty run folder in `.backhaul-runs` (mode as the umask
    /// allows, not `mkdtemp`'s 0700), by name.
    private func makeRunFolder(prefix: String) throws(CommandFailure) -> String {
        let runs = path + "/" + Self.runsName
        var template = Array((runs + "/" + prefix + "-XXXXXX").utf8CString)
        let display = runs + "/" + prefix + "-XXXXXX"
        try step("create a folder like", display) {
            template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) == nil ? -1 : 0 }
        }
        let made = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        chmod(made, 0o777 & ~currentUmask())
        return String(made.dropFirst(runs.count + 1))
    }

    /// Points the link `name` in the folder at `target`, atomically: a new
    /// link under a temporary name, renamed over the old one.
    private func replaceLink(_ name: String, target: String) throws(CommandFailure) {
        tempCounter += 1
        let temp = path + "/" + Self.tempPrefix + "\(getpid())-\(tempCounter)"
        try step("create the link", temp) { symlink(target, temp) }
        do throws(CommandFailure) {
            try step("rename", path + "/" + name) { rename(temp, path + "/" + name) }
        } catch {
            unlink(temp)
            throw error
        }
    }

    private func syncFolder(_ folder: String) throws(CommandFailure) {
        let fd = try step("open", folder) { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(fd) }
        // Some file systems cannot fsync a folder (EINVAL); the renames are
        // then as durable as that file system makes them.
        try step("flush to disk", folder) { fsync(fd) == 0 || errno == EINVAL ? 0 : -1 }
    }

    /// Makes each report name a link through `latest` (once per folder;
    /// dangling until the first run is published).
    private func linkStableNames() throws(CommandFailure) {
        for name in fileNames where Self.readLink(path + "/" + name) != "latest/" + name {
            try replaceLink(name, target: "latest/" + name)
        }
    }

    /// Takes over plain report files from earlier versions: hard links
    /// (or copies) of them become a run folder, `latest` points at it, and
    /// only then is each plain file replaced by its link, so that every
    /// name shows the same bytes before and after.
    private func adoptPlainFiles() throws(CommandFailure) {
        let plain = fileNames.filter { Self.kind(path + "/" + $0) == S_IFREG }
        guard !plain.isEmpty else { return }
        let legacy = try makeRunFolder(prefix: "adopted")
        let legacyPath = path + "/" + Self.runsName + "/" + legacy
        for name in plain {
            let from = path + "/" + name, to = legacyPath + "/" + name
            try step("link", to) { link(from, to) == 0 ? 0 : (try? copyFile(from, to)) ?? -1 }
        }
        try syncFolder(legacyPath)
        try replaceLink("latest", target: Self.runsName + "/" + legacy)
        for name in plain { try replaceLink(name, target: "latest/" + name) }
    }

    /// Copies a file where hard links are not supported; returns 0 or -1
    /// with `errno` set.
    private func copyFile(_ from: String, _ to: String) throws(CommandFailure) -> Int32 {
        let input = open(from, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return -1 }
        defer { close(input) }
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard output >= 0 else { return -1 }
        defer { close(output) }
        let out = BufferedWriter(fd: output, path: to)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { if n < 0 { return -1 }; break }
            out.write(bytes: chunk[..<n])
        }
        try out.finish()
        return fsync(output)
    }

    /// Removes run folders that neither `latest` nor `previous` points at
    /// (killed runs), and temporary links and files of killed runs
    /// (including `.<name>.tmp-*` of versions that renamed files one by
    /// one). Never touches anything else.
    private func removeLeftovers() {
        let keep = Set(["latest", "previous"].compactMap { Self.readLink(path + "/" + $0).flatMap(Self.runFolderName) })
        let runs = path + "/" + Self.runsName
        for entry in Self.entries(of: runs) where !keep.contains(entry) {
            Self.removeRunFolder(runs + "/" + entry, counted: true)
        }
        let oldTemps = fileNames.map { "." + $0 + ".tmp-" }
        for entry in Self.entries(of: path)
        where entry.hasPrefix(Self.tempPrefix) || oldTemps.contains(where: entry.hasPrefix) {
            let file = path + "/" + entry
            if FaultInjection.step("remove \(file)") == 0 { unlink(file) }
        }
    }

    // MARK: Helpers

    /// Exit 5 for errors of the storage itself, exit 2 for the others
    /// (permissions, a missing parent): a wrong `--out`.
    static func status(for code: Int32) -> ExitStatus {
        [ENOSPC, EIO, EROFS, EDQUOT, EFBIG, ENOMEM].contains(code) ? .ioFailure : .usage
    }

    /// The file type bits of `path` (`S_IFDIR`, `S_IFREG`, `S_IFLNK`…), or
    /// `nil` when nothing is there.
    static func kind(_ path: String, follow: Bool = false) -> mode_t? {
        var st = stat()
        guard (follow ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `run-…` from a link target `.backhaul-runs/run-…`, or `nil` for a
    /// target elsewhere.
    static func runFolderName(_ target: String) -> String? {
        let prefix = runsName + "/"
        guard target.hasPrefix(prefix) else { return nil }
        let name = target.dropFirst(prefix.count)
        return name.isEmpty || name.contains("/") ? nil : String(name)
    }

    /// The names in a folder, without `.` and `..`; empty when unreadable.
    static func entries(of folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a run folder and the files in it (best effort: a failure
    /// leaves it for the next run). `counted` makes each removal a
    /// ``FaultInjection`` step.
    static func removeRunFolder(_ folder: String, counted: Bool) {
        for entry in entries(of: folder) {
            let file = folder + "/" + entry
            if counted && FaultInjection.step("remove \(file)") != 0 { return }
            unlink(file)
        }
        if counted && FaultInjection.step("remove \(folder)") != 0 { return }
        rmdir(folder)
    }

    /// `20261126T020000Z`: the UTC time (``isoNow()`` without separators),
    /// for run folder names only (never inside a report).
    static func compactStamp() -> String {
        String(isoNow().filter { $0 != "-" && $0 != ":" })
    }
}
