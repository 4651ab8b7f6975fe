import CSQLite

/// An error SQLite reported: its (extended) result code, SQLite's message,
/// and what we were doing.
///
/// `description` reads `<context>: <message> (SQLite error <code>: <name>)`,
/// e.g. `savings.db: database disk image is malformed (SQLite error 11: database disk image is malformed)`.
public struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CORRUPT`, `SQLITE_FULL`, …).
    public var code: Int32
    /// `sqlite3_errmsg` at the time of the failure.
    public var message: String
    /// What was being done: a path, or the first words of a statement.
    public var context: String

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// The primary result code (the low 8 bits).
    @inlinable public var primaryCode: Int32 { code & 0xff }

    /// The database file is damaged or is not a database at all.
    public var isCorruption: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }
    /// The disk (or `max_page_count`) is full.
    public var isFull: Bool { primaryCode == SQLITE_FULL }
    /// Another connection holds a lock past the busy timeout.
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }
    /// A UNIQUE, PRIMARY KEY, FOREIGN KEY or CHECK constraint failed.
    public var isConstraint: Bool { primaryCode == SQLITE_CONSTRAINT }

    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        return "\(context): \(message) (SQLite error \(code): \(name))"
    }
}
