import Pairing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MatchReport {
    /// The `tour_plan` object of `result.json`, certificate-style: what the
    /// plan is and what is proven about it (docs/reports.md).
    var tourPlanJSON: JSONValue? {
        guard let p = tourPlan else { return nil }
        let sizes = p.toursBySize.enumerated().map { ("\($0.offset + 2)", JSONValue.int(Int64($0.element))) }
        return .object([
            ("max_tour", .int(Int64(p.maxTour))),
            ("tours", .int(Int64(tours.count))),
            ("tours_by_size", .object(sizes)),
            ("total_km", .fixed3(km(p.totalM))),
            ("empty_km_after", .fixed3(km(p.emptyAfterM))),
            ("pairing_empty_km_after", .fixed3(km(p.pairingEmptyAfterM))),
            ("lower_bound_total_km", .fixed3(km(p.lowerBoundTotalM))),
            ("lower_bound_empty_km", .fixed3(km(p.lowerBoundEmptyM))),
            ("assignment_bound_empty_km", .fixed3(km(p.assignmentBoundEmptyM))),
            ("cycle_bound_empty_km", .fixed3(km(p.cycleBoundEmptyM))),
            ("gap", .number(p.gap, decimals: 6)),
            ("gap_km", .fixed3(km(p.totalM - p.lowerBoundTotalM))),
            ("optimality", .string(p.optimality)),
            ("bound_scope", .string(p.boundIsTrivial ? "trivial" : p.boundScope)),
            ("driving_rules", .object([
                ("regulation", .string("(EC) No 561/2006")),
                ("break_after_driving_h", .number(4.5, decimals: 1)),
                ("break_min", .int(45)),
                ("daily_driving_h", .number(p.dailyDrivingH, decimals: 1)),
                ("daily_rest_h", .int(11)),
                ("reduced_daily_rest_h", .int(9)),
            ])),
            ("max_tour_km", p.maxTourKm.map { .fixed3($0) } ?? .null),
            ("max_tour_h", p.maxTourH.map { .number($0, decimals: 2) } ?? .null),
            ("pairs_breaking_driving_rules", .int(Int64(tours.filter { !$0.keepsDrivingRules }.count))),
            ("in_shorter_tours", .array(p.inShorterTours.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })),
            ("candidate_arcs", .int(Int64(p.candidateArcs))),
            ("cycles_in_pool", .int(Int64(p.cyclesInPool))),
            ("legs_computed", .int(Int64(p.legsComputed))),
            ("negative_cycles_left", .int(Int64(p.negativeCyclesLeft))),
        ])
    }

    /// The `tours` array of `result.json`, streamed.
    func writeToursJSON(_ w: inout JSONWriter) {
        w.beginArray()
        for t in tours {
            w.beginObject()
            w.member("tour", t.number)
            w.key("shipments")
            w.beginArray(inline: true)
            for s in t.shipments { w.string(s) }
            w.endArray()
            w.key("companies")
            w.beginArray(inline: true)
            for c in t.companies { w.string(c) }
            w.endArray()
            w.key("pair")
            if let p = t.pair { w.int(p + 1) } else { w.null() }
            w.member("saving_km", km(t.savingM), decimals: 3)
            w.member("loaded_km", km(t.loadedM), decimals: 3)
            w.member("empty_km_before", km(t.emptyBeforeM), decimals: 3)
            w.member("empty_km_after", km(t.emptyAfterM), decimals: 3)
            w.member("reposition_km", km(t.repositionM), decimals: 3)
            w.member("co2e_saved_kg_wtw", t.co2eSavedKgWTW, decimals: 3)
            w.member("co2e_saved_kg_ttw", t.co2eSavedKgTTW, decimals: 3)
            w.member("fuel_saved_litres", t.fuelSavedLitres, decimals: 3)
            w.member("vehicle", t.vehicle)
            w.member("fuel", t.fuel)
            w.member("keeps_driving_rules", .bool(t.keepsDrivingRules))
            w.key("legs")
            w.beginArray()
            for leg in t.legs {
                w.beginObject()
                w.member("kind", leg.kind.rawValue)
                w.member("from", leg.from)
                w.member("to", leg.to)
                w.member("home", .bool(leg.home))
                w.member("km", km(leg.distanceM), decimals: 3)
                w.member("duration_min", Double(leg.durationS) / 60, decimals: 1)
                w.endObject()
            }
            w.endArray()
            let s = t.schedule
            w.key("schedule")
            w.beginObject()
            w.member("start", s.start.map { JSONValue.string(Self.clockText($0)) } ?? .null)
            w.member("duration_h", Double(s.durationS) / 3600, decimals: 2)
            w.member("driving_h", Double(s.drivingS) / 3600, decimals: 2)
            w.member("breaks", s.breaks)
            w.member("daily_rests", s.dailyRests)
            w.key("stops")
            w.beginArray()
            for stop in s.stops {
                w.beginObject()
                w.member("kind", stop.kind)
                w.member("shipment", stop.shipment)
                w.member("arrival_s", stop.arrivalS)
                w.member("service_start_s", stop.serviceStartS)
                w.member("departure_s", stop.departureS)
                w.endObject()
            }
            w.endArray()
            w.key("periods")
            w.beginArray()
            for p in s.periods {
                w.beginObject()
                w.member("activity", p.activity)
                w.member("start_s", p.startS)
                w.member("end_s", p.endS)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            w.endObject()
        }
        w.endArray()
    }

    /// Seconds on the batch's clock as `2026-11-26T06:00:00` (wall-clock
    /// time for batches without offsets, UTC for batches with them).
    static func clockText(_ seconds: Int64) -> String {
        var t = time_t(seconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ x: Int32) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))"
    }

    /// The columns `pairs.csv` appends for tours (after the first 22).
    static let tourCSVColumns = ["tour", "tour_size", "position"]

    /// The `tour` rows of `pairs.csv`: one per shipment of every tour of 3
    /// or more, in the order served (`a` the shipment, `b` the next one,
    /// `first` the tour's first); the tour's figures on its first row only,
    /// so that columns add up. Pairs stay `pair` rows.
    func writeTourCSVRows(_ w: inout CSVWriter, extra: Int) {
        var reasons: [String: String] = [:]
        for u in tourPlan?.inShorterTours ?? [] { reasons[u.id] = u.reason }
        for t in tours where t.pair == nil {
            let k = t.shipments.count
            for p in 0..<k {
                w.text("tour"); w.text(t.shipments[p]); w.text(t.shipments[(p + 1) % k]); w.text(t.shipments[0])
                if p == 0 {
                    w.int(t.savingM); w.int(t.emptyBeforeM); w.int(t.emptyAfterM); w.int(t.repositionM)
                    w.number(t.co2eSavedKgWTW, decimals: 3)
                } else {
                    w.empty(5)
                }
                w.text(reasons[t.shipments[p]]); w.empty(2)
                w.text(t.companies[p]); w.text(t.companies[(p + 1) % k])
                if p == 0 {
                    w.kilometres(t.savingM); w.kilometres(t.emptyBeforeM); w.kilometres(t.emptyAfterM); w.kilometres(t.repositionM)
                    w.number(t.co2eSavedKgTTW, decimals: 3); w.number(t.fuelSavedLitres, decimals: 3)
                } else {
                    w.empty(6)
                }
                w.text(t.vehicle); w.text(t.fuel)
                w.int(Int64(t.number)); w.int(Int64(k)); w.int(Int64(p + 1))
                w.empty(extra)
                w.endRow()
            }
        }
    }
}

extension MatchReport {
    /// The summary's pairs row, or with `--max-tour` 3 or 4 its tours row.
    var tourSummaryRows: [(label: String, value: String, strong: Bool)] {
        guard let p = tourPlan, p.maxTour > 2 else {
            return [("Pairs", "\(grouped(summary.pairs)) (\(grouped(summary.paired)) shipments)", false)]
        }
        let sizes = p.toursBySize.enumerated().map { "\(grouped($0.element)) of \($0.offset + 2)" }.joined(separator: ", ")
        return [("Tours", "\(grouped(tours.count)): \(sizes) (\(grouped(summary.paired)) shipments)", false)]
    }

    /// The lower bound on the total km and the proven gap.
    var tourBoundRows: [(label: String, value: String, strong: Bool)] {
        guard let p = tourPlan else { return [] }
        if p.boundIsTrivial { return [("Total km (loaded + empty)", kmText(p.totalM), false)] }
        return [
            ("Total km (loaded + empty)", kmText(p.totalM), false),
            ("Lower bound on total km", kmText(p.lowerBoundTotalM), false),
            ("Proven gap", JSONValue.format(100 * p.gap, decimals: 2) + " %", false),
        ]
    }

    /// What the tour plan proves, in words (under the summary table).
    var tourSentence: String? {
        guard let p = tourPlan else { return nil }
        let rules = "Every tour is scheduled under Regulation (EC) No 561/2006: a 45 min break after 4.5 h of driving, "
            + "at most \(JSONValue.format(p.dailyDrivingH, decimals: 0)) h of driving a day, daily rests of 11 h (or 9 h reduced)."
        if p.boundIsTrivial { return "Tours of at most 2 (greedy pairs: no lower bound is proven). " + rules }
        let proof = p.gap == 0
            ? "proven optimal"
            : "at most \(JSONValue.format(100 * p.gap, decimals: 2)) % (\(kmText(p.totalM - p.lowerBoundTotalM)) km) above the best plan"
        return "Tours of at most \(p.maxTour) shipments: \(kmText(p.totalM)) km in total, \(proof) "
            + "(lower bound \(kmText(p.lowerBoundTotalM)) km over \(p.boundScope == "all_legs" ? "every leg of the batch" : "the leg table")). "
            + rules
    }

    /// The tours of 3 and 4 shipments, largest savings first above the
    /// limit; then why shipments stayed in shorter tours.
    func toursSection(rowLimit: Int, coloured: Set<Int>) -> ReportSection? {
        guard let plan = tourPlan else { return nil }
        var blocks: [ReportSection.Block] = []
        if let sentence = tourSentence { blocks.append(.paragraph([.text(sentence)])) }
        let long = tours.indices.filter { tours[$0].pair == nil }
        var listed = long
        if long.count > rowLimit {
            listed = Array(long.sorted { (tours[$0].savingM, $1) > (tours[$1].savingM, $0) }.prefix(rowLimit))
            blocks.append(cutNote("The \(grouped(listed.count)) largest savings of \(grouped(long.count)) tours of 3 or more, largest first "
                + "(# is the tour's number)", files: ["result.json", "pairs.csv", "pairs.geojson"]))
        }
        if !listed.isEmpty {
            var table = ReportTable(
                [("#", true), ("Shipments in order", false), ("Companies", false), ("Saved km", true), ("Empty km before → after", true),
                 ("Days", true), ("Breaks / rests", true), ("CO2e saved kg (WTW)", true)],
                rows: listed.map { i in
                    let t = tours[i]
                    return [
                        "T\(t.number)", t.shipments.joined(separator: " → "), t.companies.map { $0 ?? "–" }.joined(separator: " / "),
                        kmText(t.savingM), "\(kmText(t.emptyBeforeM)) → \(kmText(t.emptyAfterM))",
                        JSONValue.format(Double(t.schedule.durationS) / 86_400, decimals: 1),
                        "\(t.schedule.breaks) / \(t.schedule.dailyRests)", grouped(t.co2eSavedKgWTW, decimals: 1),
                    ]
                })
            for (row, i) in listed.enumerated() where coloured.contains(pairs.count + i) { table.swatches[row] = Self.pairColour(pairs.count + i) }
            blocks.append(.table(table))
        } else if plan.maxTour > 2 {
            blocks.append(.paragraph([.text("No tour of 3 or more saves more than the pairs.")]))
        }
        if !plan.inShorterTours.isEmpty {
            var counts: [String: Int] = [:]
            for u in plan.inShorterTours { counts[u.reason, default: 0] += 1 }
            blocks.append(.paragraph([.text("Why shipments in pairs (or shorter tours) are in no longer tour:")]))
            blocks.append(.table(ReportTable([("Reason", false), ("Shipments", true)], rows: counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { [Self.shorterReasonText($0.key), grouped($0.value)] })))
        }
        return ReportSection(title: plan.maxTour > 2 ? "Tours" : "Tours and driving time", blocks: blocks)
    }

    /// A reason for staying in a shorter tour, in words.
    static func shorterReasonText(_ reason: String) -> String {
        switch reason {
        case "no_saving": "no_saving — no longer tour through it saves anything"
        case "partners_taken": "partners_taken — a longer tour is feasible, but the plan saves more as it is"
        default: reasonText(reason)
        }
    }
}
