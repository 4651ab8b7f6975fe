import Pairing

extension MatchReport {
    /// The columns of `pairs.csv`, in order (docs/reports.md describes each).
    /// The first twelve are those of earlier versions; later ones are only
    /// ever appended, so that scripts reading by position keep working.
    public static let csvColumns = [
        "kind", "a", "b", "first", "saving_m", "empty_m_before", "empty_m_after", "reposition_m", "co2e_saved_kg_wtw",
        "reason", "file", "line",
        "company_a", "company_b", "saving_km", "empty_km_before", "empty_km_after", "reposition_km",
        "co2e_saved_kg_ttw", "fuel_saved_litres", "vehicle", "fuel",
    ] + tourCSVColumns

    /// Writes `pairs.csv` into `out`, streamed: one row per pair, one per
    /// shipment of every longer tour (`--max-tour`), one per unpaired
    /// shipment, then the observed empty runs and rejected rows, so that
    /// every input row appears once. `kind` says which: `pair`, `tour`,
    /// `unpaired`, `observed_empty`, `rejected`. Then one `baseline` row per
    /// baseline and, with `--sensitivity`, `sensitivity` rows
    /// (MatchReport+BaselineSections.swift).
    ///
    /// - Complexity: O(rows) time; memory bounded by the writer's buffer.
    public func writeCSV(to out: BufferedWriter, dialect: CSVDialect = .rfc4180) {
        var w = CSVWriter(out, dialect: dialect)
        // Allocated company figures add columns, and rows at the end
        // (Ledger/MatchReport+Allocation.swift).
        let extra = hasAllocatedCompanies ? Self.allocationCSVColumns.count : 0
        w.header(Self.csvColumns + (extra > 0 ? Self.allocationCSVColumns : []))
        var pairTour = [Int](repeating: 0, count: pairs.count)
        for t in tours { if let p = t.pair { pairTour[p] = t.number } }
        for (i, p) in pairs.enumerated() {
            w.text("pair"); w.text(p.a); w.text(p.b); w.text(p.first)
            w.int(p.savingM); w.int(p.emptyBeforeM); w.int(p.emptyAfterM); w.int(p.repositionM)
            w.number(p.co2eSavedKgWTW, decimals: 3)
            w.empty(3)
            w.text(p.companyA); w.text(p.companyB)
            w.kilometres(p.savingM); w.kilometres(p.emptyBeforeM); w.kilometres(p.emptyAfterM); w.kilometres(p.repositionM)
            w.number(p.co2eSavedKgTTW, decimals: 3); w.number(p.fuelSavedLitres, decimals: 3)
            w.text(p.vehicle); w.text(p.fuel)
            if pairTour[i] > 0 { w.int(Int64(pairTour[i])); w.int(2); w.empty() } else { w.empty(3) }
            w.empty(extra)
            w.endRow()
        }
        writeTourCSVRows(&w, extra: extra)
        for u in unpaired {
            w.text("unpaired"); w.text(u.id)
            w.empty(7)
            w.text(u.reason)
            w.empty(2)
            w.text(u.company)
            w.empty(12 + extra)
            w.endRow()
        }
        for o in observedEmpty {
            w.text("observed_empty"); w.text(o.id); w.text(o.replaces)
            w.empty(3)
            w.int(o.distanceM)
            w.empty(9)
            w.kilometres(o.distanceM)
            w.empty(8 + extra)
            w.endRow()
        }
        for r in rejected {
            w.text("rejected"); w.text(r.id)
            w.empty(7)
            w.text(r.reason); w.text(r.file); w.int(Int64(r.line))
            w.empty(13 + extra)
            w.endRow()
        }
        // Baseline rows pad every column after the first 22 (tour and allocation).
        writeBaselineCSVRows(&w, extra: Self.tourCSVColumns.count + extra)
        writeAllocationCSVRows(&w, leading: Self.csvColumns.count)
    }
}
