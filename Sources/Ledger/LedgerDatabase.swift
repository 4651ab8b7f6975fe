#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A savings ledger: an SQLite file that keeps every recorded `match` run,
/// for years, so that coordinators can report per company and month.
///
/// Opening a ledger:
/// - checks that the file is an SQLite database (header) and a backhaul
///   ledger (`application_id`), and refuses a newer schema version;
/// - runs `PRAGMA quick_check` — over the whole file up to
///   ``fullCheckLimitBytes``, over the tables reports read beyond that (the
///   full check of a multi-gigabyte ledger takes longer than a report;
///   the caller names the tables it reads, `checking:`;
///   `backhaul ledger check` runs it on demand);
/// - sets WAL journaling (readers never block the nightly writer, a crash
///   leaves the last committed state), `synchronous=FULL`, and
///   a busy timeout so that concurrent cron jobs wait instead of failing;
/// - migrates an older schema in one transaction.
///
/// Appends are one transaction each (``append(_:replace:afterStatement:)``):
/// a run is fully recorded or not at all, whatever happens to the process
/// or the disk.
public final class LedgerDatabase {
    /// The connection (for queries this type does not offer).
    public let database: Database
    public let path: String
    /// The tables `quick_check` covers at open when the file is too big for
    /// the whole check.
    let checkedTables: [String]

    /// Files up to this size get the full `quick_check` at open (256 MiB).
    public static let fullCheckLimitBytes = 256 << 20

    /// The tables checked at open beyond ``fullCheckLimitBytes`` unless the
    /// caller names others: what appending and the company, month and run
    /// reports read.
    public static let defaultCheckedTables = ["meta", "runs", "run_companies"]

    /// Opens (and with `create`, creates) the ledger at `path`.
    ///
    /// - Parameters:
    ///   - create: create the file when missing (appending); otherwise a
    ///     missing file is ``LedgerError/missing(path:)``.
    ///   - checking: the tables to check when the file is bigger than
    ///     ``fullCheckLimitBytes``.
    ///   - busyTimeoutMilliseconds: how long to wait for another process's
    ///     write lock.
    /// - Throws: ``LedgerError``.
    public init(
        path: String, create: Bool, checking checkedTables: [String] = LedgerDatabase.defaultCheckedTables,
        busyTimeoutMilliseconds: Int32 = 30_000
    ) throws(LedgerError) {
        self.path = path
        self.checkedTables = checkedTables
        var st = stat()
        let exists = stat(path, &st) == 0
        if !exists && !create { throw .missing(path: path) }
        if exists {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw .corrupt(path: path, detail: "it is a folder") }
            if st.st_size > 0 { try Self.checkHeader(path) }
        }
        do {
            database = try Database(path: path, mode: create ? .readWriteCreate : .readWrite)
        } catch {
            if error.primaryCode == 14 && !create {  // SQLITE_CANTOPEN: maybe read-only
                do { database = try Database(path: path, mode: .readOnly) } catch let e { throw Self.wrap(e, path) }
            } else {
                throw Self.wrap(error, path)
            }
        }
        database.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        try prepareConnection(size: exists ? Int(st.st_size) : 0)
    }

    static func wrap(_ e: SQLiteError, _ path: String) -> LedgerError {
        e.isCorruption ? .corrupt(path: path, detail: e.message) : .sqlite(e)
    }

    /// The first 16 bytes of an SQLite 3 file are `SQLite format 3\0`.
    static func checkHeader(_ path: String) throws(LedgerError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }  // SQLite will report the real error
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        if n < 16 || header != Array("SQLite format 3\0".utf8) {
            throw .corrupt(path: path, detail: n < 16 ? "the file is too short to be an SQLite database" : "not an SQLite database: the file header is wrong")
        }
    }

    private func prepareConnection(size: Int) throws(LedgerError) {
        func run(_ sql: String) throws(LedgerError) {
            do { try database.execute(sql) } catch { throw Self.wrap(error, path) }
        }
        func int(_ sql: String) throws(LedgerError) -> Int {
            do { return try database.scalarInt(sql) ?? 0 } catch { throw Self.wrap(error, path) }
        }
        let tables = try int("SELECT count(*) FROM sqlite_schema")
        let version = try int("PRAGMA user_version")
        let application = try int("PRAGMA application_id")
        if tables > 0 && Int32(truncatingIfNeeded: application) != LedgerSchema.applicationID {
            throw .notALedger(path: path)
        }
        if version > LedgerSchema.currentVersion {
            throw .newerSchema(path: path, found: version, supported: LedgerSchema.currentVersion)
        }
        if tables > 0 { try integrityCheck(full: size <= Self.fullCheckLimitBytes) }
        // Foreign keys are declared (for people and the sqlite3 shell) but not
        // enforced on every insert: the checks cost a B-tree search per row of
        // a 100,000-pair append. `ledger check` runs `foreign_key_check`.
        try run("PRAGMA foreign_keys = OFF")
        // WAL needs write access to the folder; a read-only copy stays as is.
        _ = try? database.execute("PRAGMA journal_mode = WAL")
        try run("PRAGMA synchronous = FULL")
        try run("PRAGMA cache_size = -65536")  // 64 MiB: a 100,000-pair append stays in memory until commit
        if tables == 0 || version < LedgerSchema.currentVersion { try upgrade() }
    }

    /// Creates the schema in an empty file (version 1, then every migration:
    /// one path to the current layout, the one users' files take) or
    /// migrates an older one — in one write transaction that looks again at
    /// the version once it holds the lock, so that cron jobs starting
    /// together on a new file create it once.
    private func upgrade() throws(LedgerError) {
        do {
            try database.transaction {
                let tables = try database.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0
                var version = try database.scalarInt("PRAGMA user_version") ?? 0
                if tables == 0 {
                    try database.execute(LedgerSchema.version1)
                    try database.execute("PRAGMA application_id = \(LedgerSchema.applicationID)")
                    try database.execute("INSERT INTO meta(key, value) VALUES ('application', 'backhaul savings ledger'), ('created_schema_version', '1')")
                    version = 1
                }
                guard version >= 1 else { throw LedgerError.notALedger(path: path) }
                guard version <= LedgerSchema.currentVersion else {
                    throw LedgerError.newerSchema(path: path, found: version, supported: LedgerSchema.currentVersion)
                }
                for v in version..<LedgerSchema.currentVersion {
                    try database.execute(LedgerSchema.migrations[v - 1])
                }
                try database.execute("PRAGMA user_version = \(LedgerSchema.currentVersion)")
            }
        } catch let e as SQLiteError {
            throw Self.wrap(e, path)
        } catch let e as LedgerError {
            throw e
        } catch {
            throw .invalidRun("\(error)")
        }
    }

    /// `PRAGMA quick_check` over the whole file (`full`) or the tables
    /// reports read.
    ///
    /// - Throws: ``LedgerError/corrupt(path:detail:)`` with the first
    ///   problems SQLite lists.
    public func integrityCheck(full: Bool, thorough: Bool = false) throws(LedgerError) {
        let pragma = thorough ? "integrity_check" : "quick_check"
        var problems: [String] = []
        do {
            let existing = Set(try tableNames())
            let targets = full ? [nil] : checkedTables.filter(existing.contains).map(Optional.some)
            for t in targets {
                let s = try database.prepare(t.map { "PRAGMA \(pragma)(\($0))" } ?? "PRAGMA \(pragma)")
                while try s.step() {
                    let line = s.text(0) ?? ""
                    if line != "ok" { problems.append(line) }
                }
            }
        } catch {
            throw Self.wrap(error, path)
        }
        if thorough && problems.isEmpty {
            do {
                let s = try database.prepare("PRAGMA foreign_key_check")
                while try s.step() {
                    problems.append("table \(s.text(0) ?? "?") row \(s.text(1) ?? "?") refers to a missing row of \(s.text(2) ?? "?")")
                }
            } catch {
                throw Self.wrap(error, path)
            }
        }
        if !problems.isEmpty {
            throw .corrupt(path: path, detail: "integrity check: " + problems.prefix(3).joined(separator: "; ")
                + (problems.count > 3 ? "; … \(problems.count - 3) more" : ""))
        }
    }

    func tableNames() throws(SQLiteError) -> [String] {
        let s = try database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
        var names: [String] = []
        while try s.step() { names.append(s.text(0) ?? "") }
        return names
    }

    /// The schema version of the open file.
    public var schemaVersion: Int {
        (try? database.scalarInt("PRAGMA user_version")) ?? 0
    }
}
