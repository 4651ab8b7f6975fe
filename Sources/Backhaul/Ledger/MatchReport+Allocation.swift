import Emissions

/// The per-company allocation in every report format: one copy of the
/// column list and the number formatting, used by the JSON, CSV, Markdown
/// and HTML writers. Figures are integer units printed exactly (km and kg
/// with 3 decimals, money with 2), so the company rows add up to the total
/// row in every format.
extension MatchReport {
    /// `true` when the company table shows allocated figures.
    var hasAllocatedCompanies: Bool { allocation != nil && !companies.isEmpty }

    /// The sentence under "By company": the report's own words, the option
    /// as code, and the currency (the user's text) escaped.
    var allocationSpans: [TextSpan] {
        guard let a = allocation else { return [] }
        let how = switch a.method {
        case .shapley: "the Shapley value of the tour's cost game (an equal split for two companies with one shipment each)"
        case .equalProfit: "the Equal Profit Method (Frisk et al. 2010: relative savings as equal as the core allows)"
        case .proportional: "proportion to each company's stand-alone empty kilometres"
        }
        var rest = "). Company figures add up exactly to the total row; stand-alone is every shipment on its own truck, shared is stand-alone minus saved."
        if a.leastCoreTours > 0 { rest += " \(a.leastCoreTours) tour(s) had an empty core; the least core was used." }
        var spans: [TextSpan] = [.text("Each pair's saving is split between its companies by \(how) ("), .code("--split \(a.method.rawValue)"), .text(rest)]
        if a.hasMoney {
            if let currency = a.currency, !currency.isEmpty {
                spans += [.text(" Money from the cost rates given, in "), .user(currency), .text(".")]
            } else {
                spans.append(.text(" Money from the cost rates given, in currency units."))
            }
        }
        return spans
    }

    /// Column titles of the company table (after the company's name).
    var allocationColumnTitles: [String] {
        var t = ["Shipments", "Paired", "Pairs (shared)", "Stand-alone km", "Shared km", "Saved km", "Fuel saved (l)",
                 "CO2e saved kg (TTW)", "CO2e saved kg (WTW)"]
        if allocation?.hasMoney == true {
            let c = allocation?.currency.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? ""
            t += ["Stand-alone cost\(c)", "Shared cost\(c)", "Saved\(c)"]
        }
        return t
    }

    /// The cells of one company row, or of the total row (`company == nil`).
    func allocationCells(_ c: CompanyTotal?) -> [String] {
        guard let a = allocation else { return [] }
        let f = c?.allocation ?? (c == nil ? a.total : .zero)
        let counts: [String] = c.map { [String($0.shipments), String($0.paired), "\($0.pairs) (\($0.sharedPairs))"] }
            ?? [String(companies.reduce(0) { $0 + $1.shipments }), String(companies.reduce(0) { $0 + $1.paired }), "\(summary.pairs)"]
        var cells = counts + [
            Self.thousandths(f.standaloneMetres), Self.thousandths(f.sharedMetres), Self.thousandths(f.savedMetres),
            Self.thousandths(f.fuelSavedMillilitres), Self.thousandths(f.co2eSavedGramsTTW), Self.thousandths(f.co2eSavedGramsWTW),
        ]
        if a.hasMoney {
            cells += [Self.hundredths(f.standaloneCents), Self.hundredths(f.sharedCents), Self.hundredths(f.savedCents)]
        }
        return cells
    }

    /// JSON members for a company's (or the total's) allocated figures.
    func allocationJSON(_ f: AllocationFigures) -> [(String, JSONValue)] {
        var m: [(String, JSONValue)] = [
            ("standalone_km", .number(Double(f.standaloneMetres) / 1000, decimals: 3)),
            ("shared_km", .number(Double(f.sharedMetres) / 1000, decimals: 3)),
            ("saved_hours", .number(Double(f.savedSeconds) / 3600, decimals: 3)),
            ("fuel_saved_litres", .number(Double(f.fuelSavedMillilitres) / 1000, decimals: 3)),
            ("co2e_saved_kg_ttw", .number(Double(f.co2eSavedGramsTTW) / 1000, decimals: 3)),
        ]
        if allocation?.hasMoney == true {
            m += [
                ("standalone_cost", .number(Double(f.standaloneCents) / 100, decimals: 2)),
                ("shared_cost", .number(Double(f.sharedCents) / 100, decimals: 2)),
                ("saved_cost", .number(Double(f.savedCents) / 100, decimals: 2)),
            ]
        }
        return m
    }

    /// The top-level `allocation` object of the JSON report.
    var allocationObject: JSONValue? {
        guard let a = allocation else { return nil }
        let t = a.total
        return .object([
            ("split", .string(a.method.rawValue)),
            ("currency", a.hasMoney ? .string(a.currency ?? "") : .null),
            ("least_core_tours", .int(a.leastCoreTours)),
            ("total", .object([
                ("shipments", .int(t.shipments)), ("tours", .int(t.tours)),
                ("saved_km", .number(Double(t.savedMetres) / 1000, decimals: 3)),
                ("co2e_saved_kg_wtw", .number(Double(t.co2eSavedGramsWTW) / 1000, decimals: 3)),
            ] + allocationJSON(t))),
        ])
    }

    /// Extra CSV columns for company rows (integer units), appended to the
    /// header when the report has allocated company figures.
    static let allocationCSVColumns = [
        "company", "standalone_m", "shared_m", "saved_m", "saved_s", "fuel_saved_ml", "co2e_saved_g_ttw",
        "co2e_saved_g_wtw", "standalone_cents", "shared_cents", "saved_cents",
    ]

    /// The CSV rows `company` (one per company) and `company_total`, with
    /// `leading` cells before the extra columns (the first is the kind), in
    /// the writer's dialect.
    func writeAllocationCSVRows(_ w: inout CSVWriter, leading: Int) {
        guard let a = allocation, !companies.isEmpty else { return }
        func row(_ kind: String, _ name: String, _ f: AllocationFigures) {
            w.text(kind)
            w.empty(leading - 1)
            w.text(name)
            for v in [f.standaloneMetres, f.sharedMetres, f.savedMetres, f.savedSeconds, f.fuelSavedMillilitres,
                      f.co2eSavedGramsTTW, f.co2eSavedGramsWTW] { w.int(Int64(v)) }
            if a.hasMoney {
                for v in [f.standaloneCents, f.sharedCents, f.savedCents] { w.int(Int64(v)) }
            } else {
                w.empty(3)
            }
            w.endRow()
        }
        for c in companies { row("company", c.company, c.allocation ?? .zero) }
        row("company_total", "", a.total)
    }

    /// `1234` → `1.234` (metres as km, grams as kg, millilitres as litres).
    static func thousandths(_ n: Int) -> String { fixedPoint(n, decimals: 3) }
    /// `1234` → `12.34` (cents).
    static func hundredths(_ n: Int) -> String { fixedPoint(n, decimals: 2) }

    static func fixedPoint(_ n: Int, decimals: Int) -> String {
        var unit = 1
        for _ in 0..<decimals { unit *= 10 }
        let magnitude = n.magnitude
        var fraction = String(magnitude % UInt(unit))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (n < 0 ? "-" : "") + String(magnitude / UInt(unit)) + "." + fraction
    }
}
