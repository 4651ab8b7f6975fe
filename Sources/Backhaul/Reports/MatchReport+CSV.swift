import Pairing

extension MatchReport {
    /// Writes `pairs.csv` into `out`, streamed: one row per pair and per
    /// unpaired shipment, then the observed empty runs and rejected rows, so
    /// that every input row appears once. `kind` says which: `pair`,
    /// `unpaired`, `observed_empty`, `rejected`. Distances in metres, CO2e
    /// in kg (well-to-wheel).
    ///
    /// - Complexity: O(rows) time; memory bounded by the writer's buffer.
    public func writeCSV(to out: BufferedWriter) {
        out.write("kind,a,b,first,saving_m,empty_m_before,empty_m_after,reposition_m,co2e_saved_kg_wtw,reason,file,line\n")
        var w = CSVWriter(out)
        for p in pairs {
            w.text("pair"); w.text(p.a); w.text(p.b); w.text(p.first)
            w.int(p.savingM); w.int(p.emptyBeforeM); w.int(p.emptyAfterM); w.int(p.repositionM)
            w.number(p.co2eSavedKgWTW, decimals: 3)
            w.empty(3)
            w.endRow()
        }
        for u in unpaired {
            w.text("unpaired"); w.text(u.id)
            w.empty(7)
            w.text(u.reason)
            w.empty(2)
            w.endRow()
        }
        for o in observedEmpty {
            w.text("observed_empty"); w.text(o.id)
            w.empty(4)
            w.int(o.distanceM)
            w.empty(5)
            w.endRow()
        }
        for r in rejected {
            w.text("rejected"); w.text(r.id)
            w.empty(7)
            w.text(r.reason); w.text(r.file); w.int(Int64(r.line))
            w.endRow()
        }
    }
}
