import CSQLite

/// One connection to an SQLite database: a thin, honest wrapper over the C
/// API in the style of swift-system — every call maps to one SQLite call,
/// errors carry SQLite's code and message, nothing is hidden.
///
/// A connection is used by one thread at a time (it is not `Sendable`);
/// open one per thread or process. The connection closes when the last
/// reference goes away.
///
/// ```swift
/// let db = try Database(path: "savings.db")
/// try db.execute("CREATE TABLE IF NOT EXISTS t(x INTEGER)")
/// let insert = try db.prepare("INSERT INTO t(x) VALUES (?)")
/// try db.transaction { try insert.run(42) }
/// ```
public final class Database {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read and write; create the file when missing.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Read only.
        case readOnly
    }

    /// The raw handle, for calls this wrapper does not cover.
    public let handle: OpaquePointer
    /// The path as given.
    public let path: String

    /// Opens `path`.
    ///
    /// - Throws: ``SQLiteError`` when SQLite cannot open it (missing file in
    ///   a read mode, no permission, not a directory …).
    public init(path: String, mode: Mode = .readWriteCreate) throws(SQLiteError) {
        var flags: Int32 = SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, context: path)
        }
        sqlite3_extended_result_codes(db, 1)
        self.handle = db
        self.path = path
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The error SQLite holds for this connection after a failed call.
    func error(_ rc: Int32, _ context: String) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle) == 0 ? rc : sqlite3_extended_errcode(handle),
                    message: String(cString: sqlite3_errmsg(handle)), context: context)
    }

    /// Runs one or more statements that return no rows (DDL, PRAGMAs that
    /// set something, `BEGIN`/`COMMIT`).
    ///
    /// - Complexity: as the SQL.
    public func execute(_ sql: String) throws(SQLiteError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, "\(path): \(Self.abbreviate(sql))") }
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, "\(path): \(Self.abbreviate(sql))") }
        return Statement(stmt, database: self, sql: sql)
    }

    /// The first column of the first row of `sql` as an integer, or `nil`
    /// when there is no row or it is NULL.
    public func scalarInt(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int? {
        let s = try prepare(sql)
        try s.bind(values)
        guard try s.step() else { return nil }
        return s.isNull(0) ? nil : s.int(0)
    }

    /// The first column of the first row of `sql` as text.
    public func scalarText(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> String? {
        let s = try prepare(sql)
        try s.bind(values)
        guard try s.step() else { return nil }
        return s.text(0)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` (the write lock is taken
    /// at the start, so a concurrent writer waits for the busy timeout rather
    /// than failing halfway); any error rolls everything back and is
    /// rethrown.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Waits up to `milliseconds` for locks held by other connections.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// The rowid of the last `INSERT`.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// `true` outside a transaction.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// The SQLite library version (`3.40.1`).
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    static func abbreviate(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}
