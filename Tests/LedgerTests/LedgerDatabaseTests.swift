import Emissions
import Foundation
import Ledger
import Testing

@Suite struct LedgerDatabaseTests {
    @Test func appendAndReportEveryGrouping() throws {
        let dir = TemporaryFolder()
        let db = try LedgerDatabase(path: dir.file("savings.db"), create: true)
        #expect(db.schemaVersion == LedgerSchema.currentVersion)
        let runs = [syntheticRun(seed: 1, tours: 40, date: "2026-10-30"), syntheticRun(seed: 2, tours: 60, date: "2026-11-02"),
                    syntheticRun(seed: 3, tours: 50, date: "2026-11-25")]
        for (k, r) in runs.enumerated() { #expect(try db.append(r) == .recorded(runID: k + 1, superseded: [])) }
        let expected = runs.reduce(AllocationFigures.zero) { $0 + $1.totals }
        for grouping in LedgerQuery.Grouping.allCases {
            let report = try db.report(LedgerQuery(grouping: grouping))
            let sum = report.rows.reduce(AllocationFigures.zero) { $0 + $1.figures }
            #expect(report.total.savedMetres == expected.savedMetres, "\(grouping)")
            #expect(sum.savedMetres == report.total.savedMetres && sum.co2eSavedGramsWTW == expected.co2eSavedGramsWTW)
            #expect(sum.savedCents == expected.savedCents && sum.fuelSavedMillilitres == expected.fuelSavedMillilitres)
            if grouping != .pair { #expect(sum.standaloneMetres == expected.standaloneMetres) }
            #expect(report.runs == 3)
        }
        let months = try db.report(LedgerQuery(grouping: .month))
        #expect(months.rows.map(\.label) == ["2026-10", "2026-11"])
        #expect(months.rows[1].figures.savedMetres == runs[1].totals.savedMetres + runs[2].totals.savedMetres)
        // Date range and company filter.
        let november = try db.report(LedgerQuery(grouping: .company, from: "2026-11-01", to: "2026-11-30"))
        #expect(november.runs == 2 && november.total.savedMetres == runs[1].totals.savedMetres + runs[2].totals.savedMetres)
        let c0 = try db.report(LedgerQuery(grouping: .run, company: "C0"))
        let c0Expected = runs.reduce(0) { $0 + ($1.companies.first { $0.name == "C0" }?.figures.savedMetres ?? 0) }
        #expect(c0.total.savedMetres == c0Expected && c0.rows.count == 3)
        let pairsOfC0 = try db.report(LedgerQuery(grouping: .pair, company: "C0"))
        #expect(pairsOfC0.total.savedMetres == c0Expected)
        #expect(pairsOfC0.rows.allSatisfy { $0.label.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.contains("C0") })
        // Tours count once per partnership.
        let pairs = try db.report(LedgerQuery(grouping: .pair))
        #expect(pairs.total.tours == runs.reduce(0) { $0 + $1.tours.count })
    }

    @Test func theSameRunIsRecordedOnce() throws {
        let dir = TemporaryFolder()
        let path = dir.file("savings.db")
        let run = syntheticRun(seed: 4, tours: 30)
        #expect(try LedgerDatabase(path: path, create: true).append(run) == .recorded(runID: 1, superseded: []))
        let before = try counts(path)
        // Again, from a new connection (another cron invocation).
        #expect(try LedgerDatabase(path: path, create: true).append(run) == .alreadyRecorded(runID: 1))
        #expect(try counts(path) == before)
        let report = try LedgerDatabase(path: path, create: false).report(LedgerQuery(grouping: .company))
        #expect(report.total.savedMetres == run.totals.savedMetres && report.runs == 1)
    }

    @Test func replaceSupersedes() throws {
        let dir = TemporaryFolder()
        let db = try LedgerDatabase(path: dir.file("savings.db"), create: true)
        let run = syntheticRun(seed: 5, tours: 20)
        _ = try db.append(run)
        // Same fingerprint with --ledger-replace: recorded anew, the old one superseded.
        #expect(try db.append(run, replace: true) == .recorded(runID: 2, superseded: [1]))
        // A corrected batch for the same night and file names: supersedes run 2.
        var corrected = syntheticRun(seed: 6, tours: 25)
        corrected.inputs = run.inputs
        #expect(try db.append(corrected, replace: true) == .recorded(runID: 3, superseded: [2]))
        let runs = try db.runs()
        #expect(runs.map(\.supersededBy) == [2, 3, nil])
        let report = try db.report(LedgerQuery(grouping: .company))
        #expect(report.runs == 1 && report.total.savedMetres == corrected.totals.savedMetres)
        // Without --ledger-replace the corrected run is a new run of its own.
        #expect(try db.append(syntheticRun(seed: 7, tours: 5)) == .recorded(runID: 4, superseded: []))
    }

    @Test func aFailureBetweenAnyTwoStatementsRollsBack() throws {
        let dir = TemporaryFolder()
        let path = dir.file("savings.db")
        let first = syntheticRun(seed: 8, tours: 6)
        _ = try LedgerDatabase(path: path, create: true).append(first)
        let before = try counts(path)
        let second = syntheticRun(seed: 9, tours: 6, date: "2026-11-26")
        struct Injected: Error {}
        var statements = 0
        _ = try LedgerDatabase(path: dir.file("count.db"), create: true).append(second) { n in statements = n }
        #expect(statements > 20)
        for k in 1...statements {
            let db = try LedgerDatabase(path: path, create: false)
            #expect(throws: LedgerError.self) { try db.append(second) { n in if n == k { throw Injected() } } }
            #expect(try counts(path) == before, "a failure after statement \(k) left rows behind")
        }
        #expect(try LedgerDatabase(path: path, create: false).append(second) == .recorded(runID: 2, superseded: []))
    }

    @Test func aFullDiskRollsBack() throws {
        let dir = TemporaryFolder()
        let path = dir.file("savings.db")
        _ = try LedgerDatabase(path: path, create: true).append(syntheticRun(seed: 10, tours: 5))
        let before = try counts(path)
        // SQLite's own limit on the file size: the same SQLITE_FULL a full disk gives.
        let db = try LedgerDatabase(path: path, create: false)
        let pages = try db.database.scalarInt("PRAGMA page_count") ?? 0
        _ = try db.database.scalarInt("PRAGMA max_page_count = \(pages + 3)")
        do {
            _ = try db.append(syntheticRun(seed: 11, tours: 3000))
            Issue.record("the append should not fit")
        } catch {
            guard case .sqlite(let e) = error else { Issue.record("unexpected \(error)"); return }
            #expect(e.isFull)
            #expect(error.description.contains("full"))
        }
        #expect(try counts(path) == before)
        try LedgerDatabase(path: path, create: false).integrityCheck(full: true, thorough: true)
    }

    @Test func migratesFromVersionOne() throws {
        let dir = TemporaryFolder()
        let path = dir.file("old.db")
        // A ledger as version 1 wrote it: schema 1 and a run with two tours.
        do {
            let db = try Database(path: path)
            try db.execute(LedgerSchema.version1)
            try db.execute("PRAGMA application_id = \(LedgerSchema.applicationID); PRAGMA user_version = 1")
            let figures = (0..<11).map { _ in "1" }.joined(separator: ", ")
            try db.execute("""
                INSERT INTO runs VALUES (1, '\(String(repeating: "a", count: 64))', '2025-06-01', '2025-06-02T01:00:00Z', NULL,
                    '0.1.0', 'shapley', 'road', NULL, 'june.csv', \(figures));
                INSERT INTO tours VALUES (1, 0, 'artic-40t', 'diesel-b7', \(figures)), (1, 1, 'artic-40t', 'diesel-b7', \(figures));
                INSERT INTO allocations VALUES (1, 0, 'Birch', 500, 1, 1, 100, 10, 500, 5, 100, 200, 250, 0, 0),
                    (1, 0, 'Acme', 700, 1, 1, 100, 10, 700, 7, 140, 280, 350, 0, 0),
                    (1, 1, 'Acme', 300, 1, 1, 100, 10, 300, 3, 60, 120, 150, 0, 0),
                    (1, 1, 'Cedar', 100, 1, 1, 100, 10, 100, 1, 20, 40, 50, 0, 0);
                """)
        }
        let db = try LedgerDatabase(path: path, create: false)
        #expect(db.schemaVersion == 2)
        let pairs = try db.report(LedgerQuery(grouping: .pair))
        #expect(pairs.rows.map(\.label) == ["Acme + Birch", "Acme + Cedar"])
        #expect(pairs.rows.map(\.figures.savedMetres) == [1200, 400])
        #expect(pairs.rows.map(\.figures.tours) == [1, 1])
        // Opening again does nothing more.
        #expect(try LedgerDatabase(path: path, create: false).schemaVersion == 2)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let dir = TemporaryFolder()
        let path = dir.file("future.db")
        _ = try LedgerDatabase(path: path, create: true)
        try Database(path: path).execute("PRAGMA user_version = 99")
        #expect {
            _ = try LedgerDatabase(path: path, create: false)
        } throws: { error in
            (error as? LedgerError).map {
                $0 == .newerSchema(path: path, found: 99, supported: LedgerSchema.currentVersion)
                    && $0.description.contains("schema version 99") && $0.description.contains(path)
            } ?? false
        }
    }

    @Test func damagedFilesAreNamed() throws {
        let dir = TemporaryFolder()
        // Not SQLite at all.
        let text = dir.write("notes.db", "company,cost\nAcme,1\n" + String(repeating: "x", count: 200))
        #expect { _ = try LedgerDatabase(path: text, create: true) } throws: { error in
            guard case .corrupt(let p, _) = error as? LedgerError else { return false }
            return p == text && (error as! LedgerError).description.contains(text)
        }
        // Another program's SQLite database.
        let other = dir.file("other.db")
        try Database(path: other).execute("CREATE TABLE t(x)")
        #expect(throws: LedgerError.notALedger(path: other)) { _ = try LedgerDatabase(path: other, create: true) }
        // A ledger with pages overwritten in the middle.
        let path = dir.file("savings.db")
        _ = try LedgerDatabase(path: path, create: true).append(syntheticRun(seed: 12, tours: 400))
        try Database(path: path).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 8192))
        try handle.close()
        #expect { _ = try LedgerDatabase(path: path, create: false).report(LedgerQuery(grouping: .company)) } throws: { error in
            guard let e = error as? LedgerError else { return false }
            if case .corrupt(let p, _) = e { return p == path }
            return e.description.contains(path) && e.description.contains("damaged")
        }
        // A missing file is not created by a reading command.
        #expect(throws: LedgerError.missing(path: dir.file("none.db"))) { _ = try LedgerDatabase(path: dir.file("none.db"), create: false) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.db")))
    }

    @Test func exportRowsCarryTheAllocatedSavings() throws {
        let dir = TemporaryFolder()
        let db = try LedgerDatabase(path: dir.file("savings.db"), create: true)
        let run = syntheticRun(seed: 13, tours: 30)
        _ = try db.append(run)
        let rows = try db.exportedShipments(from: nil, to: nil, company: nil)
        #expect(rows.count == run.tours.reduce(0) { $0 + $1.shipments.count })
        #expect(rows.reduce(0) { $0 + $1.shipment.savedMetres } == run.totals.savedMetres)
    }
}
