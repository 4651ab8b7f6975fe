import Pairing
extension MatchReport {
    /// `pairs.csv`: one row per pair and per unpaired shipment, then the
    /// observed empty runs and rejected rows, so that every input row appears
    /// once. `kind` says which: `pair`, `unpaired`, `observed_empty`,
    /// `rejected`. Distances in metres, CO2e in kg (well-to-wheel).
    public var csv: String {
        var out = "kind,a,b,first,saving_m,empty_m_before,empty_m_after,reposition_m,co2e_saved_kg_wtw,reason,file,line"
        // Allocated company figures add columns and rows (Ledger/MatchReport+Allocation.swift).
        let pad = hasAllocatedCompanies ? String(repeating: ",", count: Self.allocationCSVColumns.count) : ""
        out += (pad.isEmpty ? "" : "," + Self.allocationCSVColumns.joined(separator: ",")) + "\n"
        for p in pairs {
            out += ["pair", csvField(p.a), csvField(p.b), csvField(p.first), String(p.savingM), String(p.emptyBeforeM),
                    String(p.emptyAfterM), String(p.repositionM), JSONValue.format(p.co2eSavedKgWTW, decimals: 3), "", "", ""]
                .joined(separator: ",") + pad + "\n"
        }
        for u in unpaired {
            out += ["unpaired", csvField(u.id), "", "", "", "", "", "", "", csvField(u.reason), "", ""].joined(separator: ",") + pad + "\n"
        }
        for o in observedEmpty {
            out += ["observed_empty", csvField(o.id), "", "", "", "", o.distanceM.map(String.init) ?? "", "", "", "", "", ""]
                .joined(separator: ",") + pad + "\n"
        }
        for r in rejected {
            out += ["rejected", csvField(r.id ?? ""), "", "", "", "", "", "", "", csvField(r.reason), csvField(r.file), String(r.line)]
                .joined(separator: ",") + pad + "\n"
        }
        return out + allocationCSVRows(leading: 12)
    }
}
