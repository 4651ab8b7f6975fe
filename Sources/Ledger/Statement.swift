import CSQLite

/// A compiled statement: bind parameters (1-based, typed), step through
/// rows, read columns (0-based, typed), reset and reuse.
///
/// ```swift
/// let q = try db.prepare("SELECT company, saved_m FROM run_companies WHERE run_id = ?")
/// try q.bind([.int(7)])
/// while try q.step() { print(q.text(0) ?? "", q.int(1)) }
/// ```
public final class Statement {
    let handle: OpaquePointer
    let database: Database
    /// The SQL, for messages.
    public let sql: String

    init(_ handle: OpaquePointer, database: Database, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    private func check(_ rc: Int32) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw database.error(rc, "\(database.path): \(Database.abbreviate(sql))") }
    }

    /// Binds `value` to parameter `index` (1-based).
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let v): try bind(v, at: index)
        case .real(let v): try bind(v, at: index)
        case .text(let v): try bind(v, at: index)
        }
    }

    func bindNull(at index: Int32) throws(SQLiteError) { try check(sqlite3_bind_null(handle, index)) }

    /// Binds an integer.
    public func bind(_ value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds an integer.
    public func bind(_ value: Int, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    /// Binds a double.
    public func bind(_ value: Double, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text (copied by SQLite).
    public func bind(_ value: String, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_text(handle, index, value, -1, backhaul_sqlite_transient()))
    }

    /// Binds text, or NULL for `nil`.
    public func bind(_ value: String?, at index: Int32) throws(SQLiteError) {
        if let value { try bind(value, at: index) } else { try bindNull(at: index) }
    }

    /// Binds `values` to parameters 1, 2, …
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (i, v) in values.enumerated() { try bind(v, at: Int32(i + 1)) }
    }

    /// Advances to the next row: `true` when there is one, `false` when the
    /// statement is done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw database.error(rc, "\(database.path): \(Database.abbreviate(sql))")
    }

    /// Resets the statement for another run and clears its bindings.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Steps once and resets, keeping the bindings: one execution of an
    /// `INSERT` whose parameters were bound one by one (the fast path of a
    /// bulk insert: no array of values per row).
    public func execute() throws(SQLiteError) {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw database.error(rc, "\(database.path): \(Database.abbreviate(sql))")
        }
    }

    /// Binds `values`, steps to the end, resets: one execution of an
    /// `INSERT`, `UPDATE` or `DELETE`.
    public func run(_ values: [SQLiteValue]) throws(SQLiteError) {
        defer { reset() }
        try bind(values)
        while try step() {}
    }

    /// The number of result columns.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of result column `index`.
    public func columnName(_ index: Int32) -> String { String(cString: sqlite3_column_name(handle, index)) }

    /// Column `index` (0-based) as an integer (0 for NULL).
    public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

    /// Column `index` as a double (0 for NULL).
    public func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }

    /// Column `index` as text, or `nil` for NULL.
    public func text(_ index: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, index) else { return nil }
        return String(cString: p)
    }

    /// Whether column `index` is NULL.
    public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }
}
