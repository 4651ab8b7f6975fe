import Emissions
import Pairing

/// How every report format writes the baselines (``MatchReport/Baselines``):
/// the `baselines` object of `result.json`, the Baselines and Sensitivity
/// sections of `report.md` and `report.html`, the `baseline` and
/// `sensitivity` rows of `pairs.csv`, and the words the summary, the key
/// figures and the cron line use to name the quoted baseline.
extension MatchReport {
    // MARK: Words

    /// The quoted baseline in a few words, for the summary table, the HTML
    /// key figures and the cron line: `observed (149 empty runs)` or
    /// `counterfactual (every return empty: an upper bound)`.
    var quotedBaselineLabel: String {
        let b = baselines
        switch b.quoted.name {
        case .observed:
            return "observed (\(grouped(b.observedRuns)) empty run\(b.observedRuns == 1 ? "" : "s"))"
        case .counterfactual:
            return "counterfactual (every return empty" + (b.counterfactualIsUpperBound ? ": an upper bound)" : ")")
        }
    }

    /// The summary's row naming the baseline.
    var baselineSummaryRow: (label: String, value: String, strong: Bool) {
        let b = baselines
        switch b.quoted.name {
        case .observed:
            return ("Baseline", "observed: the batch's \(grouped(b.observedRuns)) empty run\(b.observedRuns == 1 ? "" : "s"); against every return empty the saving would be "
                + "\(kmText(b.counterfactual.figures.savedMetres)) km (see Baselines)", false)
        case .counterfactual:
            return ("Baseline", "counterfactual: every loaded trip's truck returns empty — an upper bound, as the batch has no observed empty runs", false)
        }
    }

    /// A fraction as a percentage with one decimal, or `—`.
    static func percentText(_ fraction: Double?) -> String {
        fraction.map { JSONValue.format(100 * $0, decimals: 1) + " %" } ?? "—"
    }

    // MARK: GeoJSON

    /// The `baseline` member of `pairs.geojson`: the quoted baseline, in
    /// words, whether its saving is an upper bound, and its figures.
    var baselineGeoJSON: JSONValue {
        let quoted = baselines.quoted
        return .object([
            ("quoted", .string(quoted.name.rawValue)),
            ("description", .string(baselines.description(of: quoted.name))),
            ("upper_bound", .bool(quoted.name == .counterfactual && baselines.counterfactualIsUpperBound)),
            ("empty_km_before", .fixed3(km(quoted.figures.emptyMetresBefore))),
            ("empty_km_after", .fixed3(km(quoted.figures.emptyMetresAfter))),
            ("saved_km", .fixed3(km(quoted.figures.savedMetres))),
        ])
    }

    // MARK: JSON

    /// The `baselines` object of `result.json`.
    var baselinesJSON: JSONValue {
        let b = baselines
        func percent(_ x: Double?) -> JSONValue { x.map { .number(100 * $0, decimals: 1) } ?? .null }
        func baseline(_ x: Baselines.Baseline) -> JSONValue {
            var members: [(String, JSONValue)] = [("description", .string(b.description(of: x.name)))]
            if x.name == .counterfactual { members.append(("upper_bound", .bool(b.counterfactualIsUpperBound))) }
            if x.name == .observed {
                members += [("runs", .int(b.observedRuns)), ("runs_without_route", .int(b.observedRunsWithoutRoute))]
            }
            let f = x.figures
            members += [
                ("empty_km_before", .fixed3(km(f.emptyMetresBefore))),
                ("empty_km_after", .fixed3(km(f.emptyMetresAfter))),
                ("saved_km", .fixed3(km(f.savedMetres))),
                ("saved_percent", percent(f.savedFraction)),
                ("co2e_saved_kg_wtw", x.saving.map { .fixed3($0.co2eKgWTW) } ?? .null),
                ("co2e_saved_kg_ttw", x.saving.map { .fixed3($0.co2eKgTTW) } ?? .null),
                ("fuel_saved_litres", x.saving.map { .fixed3($0.litres) } ?? .null),
                ("empty_share_before_percent", percent(f.emptyShareBefore)),
                ("empty_share_after_percent", percent(f.emptyShareAfter)),
            ]
            if x.name == .observed {
                members.append(("replaceable", b.replacement.map { r in
                    .object([
                        ("runs", .int(r.runs)),
                        ("km", .fixed3(km(r.metres))),
                        ("percent_of_observed_km", percent(f.emptyMetresBefore > 0 ? Double(r.metres) / Double(f.emptyMetresBefore) : nil)),
                        ("radius_km", .fixed3(r.rule.radiusMetres / 1000)),
                        ("wait_h", .number(Double(r.rule.waitSeconds) / 3600, decimals: 1)),
                        ("candidates_per_run", .int(r.rule.candidatesPerRun)),
                        ("candidate_pairs", .int(r.candidatePairs)),
                        ("runs_without_place", .int(r.runsWithoutPlace)),
                        ("method", .string("maximum-weight bipartite matching of observed runs to the empty returns the pairs remove (docs/baselines.md)")),
                    ])
                } ?? .null))
            }
            return .object(members)
        }
        return .object([
            ("quoted", .string(b.quoted.name.rawValue)),
            ("counterfactual", baseline(b.counterfactual)),
            ("observed", b.observed.map(baseline) ?? .null),
            ("reference_empty_shares", .array(b.references.map { r in
                .object([("region", .string(r.region)), ("percent", .number(100 * r.emptyShare, decimals: 1)), ("year", .int(r.year)),
                         ("source", .string(r.source))])
            })),
            ("sensitivity", b.sensitivity.map(sensitivityJSON) ?? .null),
        ])
    }

    private func sensitivityJSON(_ s: Sensitivity) -> JSONValue {
        func variant(_ v: Sensitivity.Variant) -> JSONValue {
            .object([
                ("name", .string(v.name)),
                ("applicable", .bool(v.notApplicable == nil)),
                ("reason", v.notApplicable.map(JSONValue.string) ?? .null),
                ("pairs", .int(v.pairs)),
                ("counterfactual_saved_km", .fixed3(km(v.counterfactualSavedM))),
                ("counterfactual_co2e_saved_kg_wtw", .fixed3(v.counterfactualCO2eKgWTW)),
                ("observed_saved_km", v.observedSavedM.map { .fixed3(km($0)) } ?? .null),
                ("observed_co2e_saved_kg_wtw", v.observedCO2eKgWTW.map { .fixed3($0) } ?? .null),
                ("optimality", .string(v.optimality)),
                ("gap_km", v.gapM.map { .fixed3(km($0)) } ?? .null),
            ])
        }
        func range(_ r: ClosedRange<Double>?) -> JSONValue {
            r.map { .array([.fixed3($0.lowerBound), .fixed3($0.upperBound)]) } ?? .null
        }
        return .object([
            ("base", variant(s.base)),
            ("variants", .array(s.variants.map(variant))),
            ("range", .object([
                ("counterfactual_saved_km", range(s.range { km($0.counterfactualSavedM) })),
                ("counterfactual_co2e_saved_kg_wtw", range(s.range { $0.counterfactualCO2eKgWTW })),
                ("observed_saved_km", range(s.range { $0.observedSavedM.map(km) })),
                ("observed_co2e_saved_kg_wtw", range(s.range { $0.observedCO2eKgWTW })),
            ])),
        ])
    }

    // MARK: Markdown and HTML

    /// The Baselines section: both baselines side by side, the replaceable
    /// observed runs, and the run's empty shares against the reference
    /// figures.
    func baselinesSection() -> ReportSection {
        let b = baselines
        let columns = b.all
        func title(_ x: Baselines.Baseline) -> String {
            (x.name == .counterfactual ? "Counterfactual" : "Observed") + (x.name == b.quoted.name ? " (quoted)" : "")
        }
        func saving(_ x: Baselines.Baseline, _ value: (Saving) -> Double) -> String {
            x.saving.map { grouped(value($0), decimals: 1) } ?? "—"
        }
        let rows: [(String, (Baselines.Baseline) -> String)] = [
            ("Empty km before", { kmText($0.figures.emptyMetresBefore) }),
            ("Empty km after pairing", { kmText($0.figures.emptyMetresAfter) }),
            ("Empty km saved", { kmText($0.figures.savedMetres) }),
            ("Saved, % of empty km before", { Self.percentText($0.figures.savedFraction) }),
            ("Diesel saved (l)", { saving($0) { $0.litres } }),
            ("CO2e saved, well-to-wheel (kg)", { saving($0) { $0.co2eKgWTW } }),
            ("Empty share of all km, before", { Self.percentText($0.figures.emptyShareBefore) }),
            ("Empty share of all km, after", { Self.percentText($0.figures.emptyShareAfter) }),
        ]
        var table = ReportTable([("", false)] + columns.map { (title($0), true) },
                                rows: [["Before is"] + columns.map { b.description(of: $0.name) }]
                                    + rows.map { row in [row.0] + columns.map(row.1) })
        table.rowHeaders = true
        table.strongRows = [3]
        var blocks: [ReportSection.Block] = []
        switch b.quoted.name {
        case .observed:
            blocks.append(.paragraph([
                .text("Savings depend on what the trucks would run empty without the pairing. The headline quotes the "),
                .strong("observed"), .text(" baseline: the batch's own empty runs ("), .code("load_status=empty"),
                .text("), which really happen, minus the empty running the pairing leaves. The counterfactual — every loaded trip's truck "
                    + "returning empty — is shown beside it" + (b.counterfactualIsUpperBound ? " as an upper bound." : "."))]))
        case .counterfactual:
            blocks.append(.paragraph([
                .text("The batch has no observed empty runs ("), .code("load_status=empty"),
                .text("), so the saving is measured against the "), .strong("counterfactual"),
                .text(" alone — every loaded trip's truck returning empty — and is an "), .strong("upper bound"),
                .text(": hauliers already find part of their return loads themselves. Add the fleet's observed empty runs to the batch "
                    + "to measure against what really runs empty.")]))
        }
        blocks.append(.table(table))
        if let observed = b.observed, let r = b.replacement {
            let share = observed.figures.emptyMetresBefore > 0 ? Double(r.metres) / Double(observed.figures.emptyMetresBefore) : nil
            blocks.append(.paragraph([.text(
                "Of the observed empty running, \(grouped(r.runs)) of \(grouped(b.observedRuns)) runs (\(kmText(r.metres)) km, "
                    + "\(Self.percentText(share)) of the observed empty km) start within \(grouped(r.rule.radiusMetres / 1000, decimals: 0)) km "
                    + "of where a paired shipment is delivered and end within as much of its origin, leaving while its truck is empty there "
                    + "(up to \(grouped(Double(r.rule.waitSeconds) / 3600, decimals: 0)) h after delivery): these are the runs the pairing "
                    + "could plausibly replace, each matched to one such return at most. The rest lies where or when no paired truck returns.")]))
            if r.runsWithoutPlace > 0 {
                blocks.append(.paragraph([.text(
                    "\(grouped(r.runsWithoutPlace)) of these runs \(r.runsWithoutPlace == 1 ? "has" : "have") an end without a known place "
                        + "(node ids on a graph without coordinates), so \(r.runsWithoutPlace == 1 ? "it" : "they") could not be matched by place "
                        + "and \(r.runsWithoutPlace == 1 ? "is" : "are") not counted as replaceable: the replaceable figure is a lower bound.")]))
            }
        }
        if b.observedRunsWithoutRoute > 0 {
            blocks.append(.paragraph([.text(
                "\(grouped(b.observedRunsWithoutRoute)) observed empty run\(b.observedRunsWithoutRoute == 1 ? " has" : "s have") no route "
                    + "and \(b.observedRunsWithoutRoute == 1 ? "is" : "are") not counted.")]))
        }
        var reference = "For comparison, the empty share of all lorry kilometres: "
        reference += b.references.map {
            "\($0.region) \(JSONValue.format(100 * $0.emptyShare, decimals: 1)) % (\($0.year), \($0.source.prefix { $0 != "," }))"
        }.joined(separator: "; ")
        reference += ". A batch of loaded trips whose every return runs empty is about 50 % empty by construction."
        blocks.append(.paragraph([.text(reference)]))
        return ReportSection(title: "Baselines", blocks: blocks)
    }

    /// The Sensitivity section (`--sensitivity`), or `nil`.
    func sensitivitySection() -> ReportSection? {
        guard let s = baselines.sensitivity else { return nil }
        let observed = baselines.observed != nil
        var sentence = "Each row reruns the pairing with one assumption changed (docs/baselines.md says what is reused and what "
            + "recomputed). Saved km against the counterfactual range from "
        func kmRange(_ r: ClosedRange<Int64>?) -> String { r.map { "\(kmText($0.lowerBound)) to \(kmText($0.upperBound)) km" } ?? "—" }
        func kgRange(_ r: ClosedRange<Double>?) -> String {
            r.map { "\(grouped($0.lowerBound, decimals: 1)) to \(grouped($0.upperBound, decimals: 1)) kg" } ?? "—"
        }
        sentence += kmRange(s.range { $0.counterfactualSavedM }) + " (CO2e " + kgRange(s.range { $0.counterfactualCO2eKgWTW }) + " WTW)"
        if observed {
            sentence += "; against the observed empty running from " + kmRange(s.range { $0.observedSavedM })
                + " (CO2e " + kgRange(s.range { $0.observedCO2eKgWTW }) + ")"
        }
        sentence += ". The base run is included in each range."
        var columns: [(String, Bool)] = [("Variant", false), ("Pairs", true), ("Saved km (counterfactual)", true), ("CO2e kg (counterfactual)", true)]
        if observed { columns += [("Saved km (observed)", true), ("CO2e kg (observed)", true)] }
        columns.append(("Optimality", false))
        let rows = ([s.base] + s.variants).map { v -> [String] in
            guard v.notApplicable == nil else {
                return [v.name, "—", "—", "—"] + (observed ? ["—", "—"] : []) + ["not applicable: " + v.notApplicable!]
            }
            var cells = [v.name, grouped(v.pairs), kmText(v.counterfactualSavedM), grouped(v.counterfactualCO2eKgWTW, decimals: 1)]
            if observed {
                cells += [v.observedSavedM.map(kmText) ?? "—", v.observedCO2eKgWTW.map { grouped($0, decimals: 1) } ?? "—"]
            }
            return cells + [Self.optimalityText(v)]
        }
        var table = ReportTable(columns, rows: rows)
        table.strongRows = [0]
        return ReportSection(title: "Sensitivity", blocks: [.paragraph([.text(sentence)]), .table(table)])
    }

    /// A variant's optimality in words: `certified`, `within 1.2 km`
    /// (proven), `none (greedy)`.
    static func optimalityText(_ v: Sensitivity.Variant) -> String {
        switch v.optimality {
        case "certified": "certified"
        case "bounded": "within \(v.gapM.map(kmText) ?? "?") km (proven)"
        case "not_optimal": "none (greedy)"
        default: v.optimality
        }
    }

    // MARK: CSV

    /// The `baseline` rows (one per baseline) and `sensitivity` rows (one
    /// per variant and baseline) of `pairs.csv`, after the input rows.
    func writeBaselineCSVRows(_ w: inout CSVWriter, extra: Int) {
        let b = baselines
        for x in b.all {
            var role: [String] = []
            if x.name == b.quoted.name { role.append("quoted") }
            if x.name == .counterfactual && b.counterfactualIsUpperBound { role.append("upper bound") }
            let f = x.figures
            w.text("baseline"); w.text(x.name.rawValue)
            w.empty(2)
            w.int(f.savedMetres); w.int(f.emptyMetresBefore); w.int(f.emptyMetresAfter)
            w.empty()
            if let s = x.saving { w.number(s.co2eKgWTW, decimals: 3) } else { w.empty() }
            w.text(role.joined(separator: "; "))
            w.empty(4)
            w.kilometres(f.savedMetres); w.kilometres(f.emptyMetresBefore); w.kilometres(f.emptyMetresAfter)
            w.empty()
            if let s = x.saving { w.number(s.co2eKgTTW, decimals: 3); w.number(s.litres, decimals: 3) } else { w.empty(2) }
            w.empty(2 + extra)
            w.endRow()
        }
        guard let s = b.sensitivity else { return }
        for v in [s.base] + s.variants {
            let figures: [(Baselines.Name, Int64?, Double?)] = [(.counterfactual, v.counterfactualSavedM, v.counterfactualCO2eKgWTW)]
                + (b.observed != nil ? [(.observed, v.observedSavedM, v.observedCO2eKgWTW)] : [])
            for (name, saved, co2e) in figures {
                w.text("sensitivity"); w.text(v.name); w.text(name.rawValue)
                w.empty()
                if v.notApplicable == nil { w.int(saved) } else { w.empty() }
                w.empty(3)
                if v.notApplicable == nil, let co2e { w.number(co2e, decimals: 3) } else { w.empty() }
                w.text(v.notApplicable.map { "not applicable: " + $0 } ?? v.optimality + (v.gapM.map { "; gap \(JSONValue.format(km($0), decimals: 3)) km" } ?? ""))
                w.empty(4)
                if v.notApplicable == nil { w.kilometres(saved) } else { w.empty() }
                w.empty(7 + extra)
                w.endRow()
            }
        }
    }
}
