import Emissions

extension LedgerDatabase {
    /// Every recorded run, superseded ones included, by run id.
    ///
    /// - Throws: ``LedgerError``.
    public func runs() throws(LedgerError) -> [LedgerRunSummary] {
        let columns = LedgerSchema.figureColumns.map { "r.\($0)" }.joined(separator: ", ")
        do {
            let s = try database.prepare("""
                SELECT r.run_id, r.run_date, r.recorded_at, r.fingerprint, r.backhaul_version, r.split_method,
                       r.distance_model, r.currency, r.input_names, r.superseded_by, \(columns)
                FROM runs r ORDER BY r.run_id
                """)
            var out: [LedgerRunSummary] = []
            while try s.step() {
                out.append(LedgerRunSummary(
                    runID: s.int(0), runDate: s.text(1) ?? "", recordedAt: s.text(2) ?? "", fingerprint: s.text(3) ?? "",
                    backhaulVersion: s.text(4) ?? "", splitMethod: s.text(5) ?? "", distanceModel: s.text(6) ?? "",
                    currency: s.text(7), inputs: (s.text(8) ?? "").split(separator: "\n").map(String.init),
                    supersededBy: s.isNull(9) ? nil : s.int(9), totals: Self.figures(s, from: 10)))
            }
            return out
        } catch {
            throw Self.wrap(error, path)
        }
    }

    /// Every shipment of every tour of the current runs dated within
    /// `from…to`, with its run and tour, for `ledger export`.
    ///
    /// - Throws: ``LedgerError``.
    public func exportedShipments(from: String?, to: String?, company: String?) throws(LedgerError) -> [ExportedShipment] {
        var conditions = ["r.superseded_by IS NULL"]
        var values: [SQLiteValue] = []
        if let from { conditions.append("r.run_date >= ?"); values.append(.text(from)) }
        if let to { conditions.append("r.run_date <= ?"); values.append(.text(to)) }
        if let company { conditions.append("s.company = ?"); values.append(.text(company)) }
        do {
            let s = try database.prepare("""
                SELECT r.run_id, r.run_date, s.tour_no, s.position, s.shipment_id, s.company, s.loaded_m, s.return_m,
                       s.weight_kg, s.saved_m, s.co2e_g_ttw, s.co2e_g_wtw, s.avoided_g_ttw, s.avoided_g_wtw,
                       t.vehicle, t.fuel, r.split_method
                FROM tour_shipments s JOIN tours t USING (run_id, tour_no) JOIN runs r USING (run_id)
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY r.run_date, r.run_id, s.tour_no, s.position
                """)
            try s.bind(values)
            var out: [ExportedShipment] = []
            while try s.step() {
                out.append(ExportedShipment(
                    runID: s.int(0), runDate: s.text(1) ?? "", tour: s.int(2), position: s.int(3),
                    shipment: .init(
                        id: s.text(4) ?? "", company: s.text(5) ?? "", loadedMetres: s.int(6), returnMetres: s.int(7),
                        weightKg: s.isNull(8) ? nil : s.double(8), savedMetres: s.int(9), co2eGramsTTW: s.int(10),
                        co2eGramsWTW: s.int(11), avoidedGramsTTW: s.int(12), avoidedGramsWTW: s.int(13)),
                    vehicle: s.text(14) ?? "", fuel: s.text(15) ?? "", splitMethod: s.text(16) ?? ""))
            }
            return out
        } catch {
            throw Self.wrap(error, path)
        }
    }
}

/// A shipment of a recorded tour, with where it was recorded.
public struct ExportedShipment: Sendable, Hashable {
    public var runID: Int
    public var runDate: String
    public var tour: Int
    public var position: Int
    public var shipment: LedgerRun.Shipment
    public var vehicle: String
    public var fuel: String
    public var splitMethod: String
}
