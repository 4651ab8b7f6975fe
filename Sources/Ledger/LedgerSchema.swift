/// The ledger's tables, version by version, and the migrations between
/// them. docs/ledger.md describes every column for people querying the file
/// with the `sqlite3` shell.
///
/// The version lives in `PRAGMA user_version`; `PRAGMA application_id` marks
/// the file as a backhaul ledger. Opening a file of an older version
/// migrates it, in one transaction; a newer version is refused.
///
/// - Version 1: runs, their parameters and inputs, per-company totals,
///   tours with their shipments and allocations.
/// - Version 2: `run_partners`, per run the saving of each partnership
///   (the set of companies sharing tours) by company, so that
///   `ledger report --by pair` reads a small table; filled from the tours
///   when migrating.
public enum LedgerSchema {
    /// The version this build writes.
    public static let currentVersion = 2

    /// `PRAGMA application_id`: "BHLG".
    public static let applicationID: Int32 = 0x4248_4C47

    /// The figure columns shared by several tables, in the order
    /// ``AllocationFigures`` is bound and read.
    static let figureColumns = [
        "shipments", "tours", "standalone_m", "standalone_s", "saved_m", "saved_s",
        "fuel_saved_ml", "co2e_saved_g_ttw", "co2e_saved_g_wtw", "standalone_cents", "saved_cents",
    ]

    static var figureDDL: String { figureColumns.map { "\($0) INTEGER NOT NULL" }.joined(separator: ", ") }

    /// Version 1, exactly as first released (kept to test the migration).
    public static var version1: String {
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE runs(
            run_id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            run_date TEXT NOT NULL CHECK (run_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            recorded_at TEXT NOT NULL,
            superseded_by INTEGER REFERENCES runs(run_id) DEFERRABLE INITIALLY DEFERRED,
            backhaul_version TEXT NOT NULL,
            split_method TEXT NOT NULL,
            distance_model TEXT NOT NULL,
            currency TEXT,
            input_names TEXT NOT NULL,
            \(figureDDL)
        );
        CREATE UNIQUE INDEX runs_current_fingerprint ON runs(fingerprint) WHERE superseded_by IS NULL;
        CREATE INDEX runs_date ON runs(run_date);
        CREATE TABLE run_parameters(
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            key TEXT NOT NULL, value TEXT,
            PRIMARY KEY(run_id, key)) WITHOUT ROWID;
        CREATE TABLE run_inputs(
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            position INTEGER NOT NULL, name TEXT NOT NULL, bytes INTEGER, sha256 TEXT,
            PRIMARY KEY(run_id, position)) WITHOUT ROWID;
        CREATE TABLE run_companies(
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            company TEXT NOT NULL,
            \(figureDDL),
            PRIMARY KEY(run_id, company)) WITHOUT ROWID;
        CREATE TABLE tours(
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            tour_no INTEGER NOT NULL,
            vehicle TEXT NOT NULL, fuel TEXT NOT NULL,
            \(figureDDL),
            PRIMARY KEY(run_id, tour_no)) WITHOUT ROWID;
        CREATE TABLE tour_shipments(
            run_id INTEGER NOT NULL, tour_no INTEGER NOT NULL, position INTEGER NOT NULL,
            shipment_id TEXT NOT NULL, company TEXT NOT NULL,
            loaded_m INTEGER NOT NULL, return_m INTEGER NOT NULL, weight_kg REAL,
            saved_m INTEGER NOT NULL,
            co2e_g_ttw INTEGER NOT NULL, co2e_g_wtw INTEGER NOT NULL,
            avoided_g_ttw INTEGER NOT NULL, avoided_g_wtw INTEGER NOT NULL,
            PRIMARY KEY(run_id, tour_no, position),
            FOREIGN KEY(run_id, tour_no) REFERENCES tours(run_id, tour_no)) WITHOUT ROWID;
        CREATE TABLE allocations(
            run_id INTEGER NOT NULL, tour_no INTEGER NOT NULL, company TEXT NOT NULL,
            share_m REAL NOT NULL,
            \(figureDDL),
            PRIMARY KEY(run_id, tour_no, company),
            FOREIGN KEY(run_id, tour_no) REFERENCES tours(run_id, tour_no)) WITHOUT ROWID;
        """
    }

    /// Version 1 → 2: the partnership table, filled from the allocations.
    static var migration1to2: String {
        """
        CREATE TABLE run_partners(
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            partners TEXT NOT NULL, company TEXT NOT NULL,
            \(figureDDL),
            PRIMARY KEY(run_id, partners, company)) WITHOUT ROWID;
        INSERT INTO run_partners
        SELECT a.run_id, p.partners, a.company,
               \(figureColumns.map { "SUM(a.\($0))" }.joined(separator: ", "))
        FROM allocations a
        JOIN (SELECT run_id, tour_no, group_concat(company, ' + ') AS partners
              FROM (SELECT run_id, tour_no, company FROM allocations ORDER BY run_id, tour_no, company)
              GROUP BY run_id, tour_no) p USING (run_id, tour_no)
        GROUP BY a.run_id, p.partners, a.company;
        """
    }

    /// The steps from version `v` to `v + 1`, indexed by `v − 1`.
    static var migrations: [String] { [migration1to2] }

    /// Every table, in the order the integrity check and docs list them.
    public static let tables = [
        "meta", "runs", "run_parameters", "run_inputs", "run_companies", "run_partners",
        "tours", "tour_shipments", "allocations",
    ]
}
