import Emissions

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LedgerDatabase {
    /// What ``append(_:replace:afterStatement:)`` did.
    public enum AppendOutcome: Sendable, Hashable {
        /// The run is now recorded as `runID`; `superseded` lists the runs it
        /// replaced (`--ledger-replace`).
        case recorded(runID: Int, superseded: [Int])
        /// A current run with the same fingerprint exists; nothing changed.
        case alreadyRecorded(runID: Int)
    }

    /// Records `run` in one transaction.
    ///
    /// Idempotent: when a current (not superseded) run has the same
    /// fingerprint, nothing is written and ``AppendOutcome/alreadyRecorded(runID:)``
    /// is returned — unless `replace` is set. With `replace`, the new run
    /// supersedes every current run with the same fingerprint, or with the
    /// same run date and the same input file names (a corrected batch for
    /// the same night); superseded runs stay in the file, marked
    /// `superseded_by`, and no report counts them.
    ///
    /// The transaction takes the write lock first (`BEGIN IMMEDIATE`), so a
    /// concurrent writer waits up to the busy timeout. Any failure — an
    /// SQLite error such as a full disk, or an error thrown by
    /// `afterStatement` — rolls everything back; a process killed in the
    /// middle leaves the file as it was before, since SQLite's write-ahead
    /// log only counts committed transactions.
    ///
    /// - Parameters:
    ///   - afterStatement: called after each statement with the number of
    ///     statements executed so far; for fault-injection tests (it may
    ///     throw, or kill the process).
    /// - Throws: ``LedgerError``.
    /// - Complexity: O(t + s + c) rows for t tours, s shipments, c companies.
    public func append(
        _ run: LedgerRun, replace: Bool = false, afterStatement: ((Int) throws -> Void)? = nil
    ) throws(LedgerError) -> AppendOutcome {
        try validate(run)
        var statements = 0
        func step() throws {
            statements += 1
            try afterStatement?(statements)
        }
        do {
            return try database.transaction { () throws -> AppendOutcome in
                let existing = try database.scalarInt(
                    "SELECT run_id FROM runs WHERE fingerprint = ? AND superseded_by IS NULL", [.text(run.fingerprint)])
                if let existing, !replace { return .alreadyRecorded(runID: existing) }
                let inputNames = run.inputs.map(\.name).joined(separator: "\n")
                var superseded: [Int] = []
                if replace {
                    let q = try database.prepare("""
                        SELECT run_id FROM runs WHERE superseded_by IS NULL
                          AND (fingerprint = ? OR (run_date = ? AND input_names = ?)) ORDER BY run_id
                        """)
                    try q.bind([.text(run.fingerprint), .text(run.runDate), .text(inputNames)])
                    while try q.step() { superseded.append(q.int(0)) }
                }
                let runID = (try database.scalarInt("SELECT COALESCE(MAX(run_id), 0) + 1 FROM runs")) ?? 1
                if !superseded.isEmpty {
                    let u = try database.prepare("UPDATE runs SET superseded_by = ? WHERE run_id = ?")
                    for old in superseded { try u.run([.int(runID), .int(old)]); try step() }
                }
                let figures = LedgerSchema.figureColumns.joined(separator: ", ")
                let marks = LedgerSchema.figureColumns.map { _ in "?" }.joined(separator: ", ")
                try database.prepare("""
                    INSERT INTO runs(run_id, fingerprint, run_date, recorded_at, backhaul_version, split_method,
                                     distance_model, currency, input_names, \(figures))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \(marks))
                    """).run([
                        .int(runID), .text(run.fingerprint), .text(run.runDate), .text(Self.utcNow()),
                        .text(run.backhaulVersion), .text(run.splitMethod), .text(run.distanceModel),
                        .optional(run.currency), .text(inputNames),
                    ] + Self.values(run.totals))
                try step()
                let parameter = try database.prepare("INSERT INTO run_parameters(run_id, key, value) VALUES (?, ?, ?)")
                for p in run.parameters { try parameter.run([.int(runID), .text(p.key), .optional(p.value)]); try step() }
                let input = try database.prepare("INSERT INTO run_inputs(run_id, position, name, bytes, sha256) VALUES (?, ?, ?, ?, ?)")
                for (k, i) in run.inputs.enumerated() {
                    try input.run([.int(runID), .int(k), .text(i.name), i.bytes.map(SQLiteValue.int) ?? .null, .optional(i.sha256)])
                    try step()
                }
                let company = try database.prepare("INSERT INTO run_companies(run_id, company, \(figures)) VALUES (?, ?, \(marks))")
                for c in run.companies { try company.run([.int(runID), .text(c.name)] + Self.values(c.figures)); try step() }

                let tour = try database.prepare("INSERT INTO tours(run_id, tour_no, vehicle, fuel, \(figures)) VALUES (?, ?, ?, ?, \(marks))")
                let shipment = try database.prepare("""
                    INSERT INTO tour_shipments(run_id, tour_no, position, shipment_id, company, loaded_m, return_m, weight_kg,
                                               saved_m, co2e_g_ttw, co2e_g_wtw, avoided_g_ttw, avoided_g_wtw)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let allocation = try database.prepare(
                    "INSERT INTO allocations(run_id, tour_no, company, share_m, \(figures)) VALUES (?, ?, ?, ?, \(marks))")
                var partners: [PartnerKey: AllocationFigures] = [:]
                for (t, r) in run.tours.enumerated() {
                    try tour.bind(runID, at: 1); try tour.bind(t, at: 2)
                    try tour.bind(r.vehicle, at: 3); try tour.bind(r.fuel, at: 4)
                    try Self.bind(r.figures, to: tour, from: 5)
                    try tour.execute()
                    try step()
                    for (k, s) in r.shipments.enumerated() {
                        try shipment.bind(runID, at: 1); try shipment.bind(t, at: 2); try shipment.bind(k, at: 3)
                        try shipment.bind(s.id, at: 4); try shipment.bind(s.company, at: 5)
                        try shipment.bind(s.loadedMetres, at: 6); try shipment.bind(s.returnMetres, at: 7)
                        if let w = s.weightKg { try shipment.bind(w, at: 8) } else { try shipment.bind(nil as String?, at: 8) }
                        try shipment.bind(s.savedMetres, at: 9)
                        try shipment.bind(s.co2eGramsTTW, at: 10); try shipment.bind(s.co2eGramsWTW, at: 11)
                        try shipment.bind(s.avoidedGramsTTW, at: 12); try shipment.bind(s.avoidedGramsWTW, at: 13)
                        try shipment.execute()
                        try step()
                    }
                    let key = r.partners
                    for a in r.allocations {
                        try allocation.bind(runID, at: 1); try allocation.bind(t, at: 2)
                        try allocation.bind(a.company, at: 3); try allocation.bind(a.shareMetres, at: 4)
                        try Self.bind(a.figures, to: allocation, from: 5)
                        try allocation.execute()
                        try step()
                        partners[PartnerKey(partners: key, company: a.company), default: .zero] += a.figures
                    }
                }
                let partner = try database.prepare(
                    "INSERT INTO run_partners(run_id, partners, company, \(figures)) VALUES (?, ?, ?, \(marks))")
                for (k, f) in partners.sorted(by: { ($0.key.partners, $0.key.company) < ($1.key.partners, $1.key.company) }) {
                    try partner.run([.int(runID), .text(k.partners), .text(k.company)] + Self.values(f))
                    try step()
                }
                return .recorded(runID: runID, superseded: superseded)
            }
        } catch let e as SQLiteError {
            throw Self.wrap(e, path)
        } catch let e as LedgerError {
            throw e
        } catch {
            throw .invalidRun("append stopped: \(error)")
        }
    }

    /// Binds the figure columns to parameters `from …` of `statement`.
    static func bind(_ f: AllocationFigures, to statement: Statement, from first: Int32) throws(SQLiteError) {
        let values = [f.shipments, f.tours, f.standaloneMetres, f.standaloneSeconds, f.savedMetres, f.savedSeconds,
                      f.fuelSavedMillilitres, f.co2eSavedGramsTTW, f.co2eSavedGramsWTW, f.standaloneCents, f.savedCents]
        for (k, v) in values.enumerated() { try statement.bind(v, at: first + Int32(k)) }
    }

    struct PartnerKey: Hashable {
        var partners: String
        var company: String
    }

    /// Refuses a run whose figures do not add up or whose date is malformed.
    func validate(_ run: LedgerRun) throws(LedgerError) {
        let d = Array(run.runDate.utf8)
        let digits = d.count == 10 && d[4] == UInt8(ascii: "-") && d[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { d[$0] >= 48 && d[$0] <= 57 }
        guard digits else { throw .invalidRun("run date '\(run.runDate)' is not YYYY-MM-DD") }
        guard run.fingerprint.count == 64 else { throw .invalidRun("the fingerprint must be 64 hex digits") }
        var sum = run.companies.reduce(AllocationFigures.zero) { $0 + $1.figures }
        sum.tours = run.totals.tours
        guard sum == run.totals else { throw .invalidRun("company figures do not add up to the run totals") }
        for (t, tour) in run.tours.enumerated() {
            let cells = tour.allocations.reduce(AllocationFigures.zero) { $0 + $1.figures }
            guard cells.savedMetres == tour.figures.savedMetres, cells.savedCents == tour.figures.savedCents,
                  cells.co2eSavedGramsWTW == tour.figures.co2eSavedGramsWTW
            else { throw .invalidRun("tour \(t): allocations do not add up to the tour") }
        }
    }

    /// The figure columns' values in ``LedgerSchema/figureColumns`` order.
    static func values(_ f: AllocationFigures) -> [SQLiteValue] {
        [
            .int(f.shipments), .int(f.tours), .int(f.standaloneMetres), .int(f.standaloneSeconds), .int(f.savedMetres),
            .int(f.savedSeconds), .int(f.fuelSavedMillilitres), .int(f.co2eSavedGramsTTW), .int(f.co2eSavedGramsWTW),
            .int(f.standaloneCents), .int(f.savedCents),
        ]
    }

    /// Figures read from `count` consecutive columns starting at `column`.
    static func figures(_ s: Statement, from column: Int32) -> AllocationFigures {
        var f = AllocationFigures()
        f.shipments = s.int(column)
        f.tours = s.int(column + 1)
        f.standaloneMetres = s.int(column + 2)
        f.standaloneSeconds = s.int(column + 3)
        f.savedMetres = s.int(column + 4)
        f.savedSeconds = s.int(column + 5)
        f.fuelSavedMillilitres = s.int(column + 6)
        f.co2eSavedGramsTTW = s.int(column + 7)
        f.co2eSavedGramsWTW = s.int(column + 8)
        f.standaloneCents = s.int(column + 9)
        f.savedCents = s.int(column + 10)
        return f
    }

    /// The current UTC time, ISO 8601 to the second.
    static func utcNow() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ x: Int32) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }
}

extension AllocationFigures {
    static func += (a: inout AllocationFigures, b: AllocationFigures) { a = a + b }
}
