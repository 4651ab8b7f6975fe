/// Why a ledger could not be opened, read or appended to.
///
/// Every case names the file.
public enum LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// SQLite failed (disk full, busy past the timeout, I/O error, …).
    case sqlite(SQLiteError)
    /// No ledger at the path (reading commands do not create one).
    case missing(path: String)
    /// The file is damaged: not an SQLite file, or the integrity check found
    /// problems (the first few are listed).
    case corrupt(path: String, detail: String)
    /// An SQLite database, but not a backhaul ledger.
    case notALedger(path: String)
    /// Written by a newer backhaul: its schema version is above what this
    /// version understands.
    case newerSchema(path: String, found: Int, supported: Int)
    /// A run that is not consistent (figures that do not add up, a bad date).
    case invalidRun(String)

    public var description: String {
        switch self {
        case .sqlite(let e):
            e.isCorruption ? "\(e.context): the ledger file is damaged: \(e.message)" : e.description
        case .missing(let path):
            "\(path): no such ledger (it is created by 'backhaul match … --ledger \(path)')"
        case .corrupt(let path, let detail):
            "\(path): the ledger file is damaged (\(detail)); restore it from a backup, or open it with the sqlite3 shell's .recover"
        case .notALedger(let path):
            "\(path): an SQLite database, but not a backhaul savings ledger"
        case .newerSchema(let path, let found, let supported):
            "\(path): the ledger has schema version \(found), written by a newer backhaul; this version reads versions up to \(supported). Upgrade backhaul to read it"
        case .invalidRun(let message):
            "invalid run: \(message)"
        }
    }
}
