import Emissions
import Ledger

/// `backhaul ledger runs DB`: every recorded run, one line each (text) or
/// as JSON; and `backhaul ledger check DB`: the full integrity check.
public enum LedgerRunsJob {
    /// The listing.
    ///
    /// - Throws: ``CommandFailure``.
    public static func run(path: String, json: Bool) throws(CommandFailure) -> String {
        let runs: [LedgerRunSummary]
        do {
            runs = try LedgerDatabase(path: path, create: false).runs()
        } catch {
            throw MatchJob.failure(error)
        }
        let k = MatchReport.thousandths
        if json {
            return JSONValue.array(runs.map { r in
                .object([
                    ("run", .int(r.runID)), ("date", .string(r.runDate)), ("recorded_at", .string(r.recordedAt)),
                    ("fingerprint", .string(r.fingerprint)), ("backhaul_version", .string(r.backhaulVersion)),
                    ("split", .string(r.splitMethod)), ("distance_model", .string(r.distanceModel)),
                    ("currency", r.currency.map(JSONValue.string) ?? .null),
                    ("inputs", .array(r.inputs.map(JSONValue.string))),
                    ("superseded_by", r.supersededBy.map { .int($0) } ?? .null),
                    ("shipments", .int(r.totals.shipments)), ("tours", .int(r.totals.tours)),
                    ("saved_km", .number(Double(r.totals.savedMetres) / 1000, decimals: 3)),
                    ("co2e_saved_kg_wtw", .number(Double(r.totals.co2eSavedGramsWTW) / 1000, decimals: 3)),
                ])
            }).serialized()
        }
        if runs.isEmpty { return "\(path): no runs recorded\n" }
        var o = "run  date        recorded              split          shipments  tours  saved km      CO2e kg WTW   fingerprint   inputs\n"
        for r in runs {
            func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
            func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
            o += pad(String(r.runID), 5) + pad(r.runDate, 12) + pad(r.recordedAt, 22) + pad(r.splitMethod, 15)
                + lpad(String(r.totals.shipments), 9) + lpad(String(r.totals.tours), 7) + lpad(k(r.totals.savedMetres), 12)
                + lpad(k(r.totals.co2eSavedGramsWTW), 14) + "   " + String(r.fingerprint.prefix(12)) + "  "
                + r.inputs.joined(separator: " ")
                + (r.supersededBy.map { "  (superseded by run \($0))" } ?? "") + "\n"
        }
        return o
    }

    /// `PRAGMA integrity_check` over the whole file.
    public static func check(path: String) throws(CommandFailure) -> String {
        do {
            let db = try LedgerDatabase(path: path, create: false)
            try db.integrityCheck(full: true, thorough: true)
            return "\(path): ok (schema version \(db.schemaVersion), SQLite \(Database.libraryVersion))\n"
        } catch {
            throw MatchJob.failure(error)
        }
    }
}
