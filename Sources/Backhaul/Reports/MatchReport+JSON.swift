import Pairing

extension MatchReport {
    /// Writes the contract's `result.json` into `out`, streamed: keys in the
    /// contract's order; additions (companies, the allocation, warnings,
    /// crow-fly parameters) come after the contract's keys of each object.
    ///
    /// Each top-level key is one section below; a new section (tours,
    /// allocation, baselines) is one more `key` and one more function.
    /// `summary`'s km, fuel and CO2e stay those of the counterfactual (every
    /// return empty), as in earlier versions; `summary.baseline` names the
    /// baseline the reports quote and `baselines` gives both.
    ///
    /// - Complexity: O(size of the report) time; memory bounded by the
    ///   writer's buffer.
    public func writeJSON(to out: BufferedWriter) {
        var w = JSONWriter(out)
        w.beginObject()
        w.member("backhaul", .object([("version", .string(version))] + (stamp.map { [("stamp", JSONValue.string($0))] } ?? [])))
        w.member("graph", graph.json)
        w.member("parameters", parametersJSON)
        w.member("summary", summaryJSON)
        w.member("certificate", certificate.json)
        w.key("pairs")
        writePairsJSON(&w)
        w.key("unpaired")
        w.beginArray()
        for u in unpaired {
            w.beginObject()
            w.member("id", u.id)
            w.member("reason", u.reason)
            w.endObject()
        }
        w.endArray()
        w.key("observed_empty")
        w.beginArray()
        for o in observedEmpty {
            w.beginObject()
            w.member("id", o.id)
            w.key("km")
            if let m = o.distanceM { w.number(km(m), decimals: 3) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("rejected")
        w.beginArray()
        for r in rejected {
            w.beginObject()
            w.member("file", r.file)
            w.member("line", r.line)
            w.member("id", r.id)
            w.member("reason", r.reason)
            w.endObject()
        }
        w.endArray()
        w.key("companies")
        w.beginArray()
        for c in companies {
            w.beginObject()
            w.member("company", c.company)
            w.member("shipments", c.shipments)
            w.member("paired", c.paired)
            w.member("pairs", c.pairs)
            w.member("shared_pairs", c.sharedPairs)
            w.member("saved_km", km(c.savedM), decimals: 3)
            w.member("co2e_saved_kg_wtw", c.co2eSavedKgWTW, decimals: 3)
            for (k, v) in c.allocation.map(allocationJSON) ?? [] { w.member(k, v) }
            w.endObject()
        }
        w.endArray()
        if let a = allocationObject { w.member("allocation", a) }
        w.member("baselines", baselinesJSON)
        if let plan = tourPlanJSON {
            w.member("tour_plan", plan)
            w.key("tours")
            writeToursJSON(&w)
        }
        w.key("warnings")
        w.beginArray(inline: true)
        for warning in warnings { w.string(warning) }
        w.endArray()
        w.endObject()
        w.endDocument()
    }

    private var parametersJSON: JSONValue {
        .object([
            ("strategy", .string(parameters.strategy)),
            ("vehicle", .string(parameters.vehicle)),
            ("fuel", .string(parameters.fuel)),
            ("max_deadhead_km", parameters.maxDeadheadKm.map { .fixed3($0) } ?? .null),
            ("handling_min", .number(parameters.handlingMinutes, decimals: 1)),
            ("ignore_body_type", .bool(parameters.ignoreBodyType)),
            ("ignore_time_windows", .bool(parameters.ignoreTimeWindows)),
            ("emission_basis", .string(parameters.emissionBasis)),
            ("candidates_per_shipment", parameters.candidatesPerShipment.map { .int($0) } ?? .null),
        ])
    }

    private var summaryJSON: JSONValue {
        .object([
            ("shipments", .int(summary.shipments)),
            ("valid", .int(summary.valid)),
            ("rejected", .int(summary.rejected)),
            ("paired", .int(summary.paired)),
            ("unpaired", .int(summary.unpaired)),
            ("pairs", .int(summary.pairs)),
            ("loaded_km", .fixed3(km(summary.loadedM))),
            ("empty_km_before", .fixed3(km(summary.emptyBeforeM))),
            ("empty_km_after", .fixed3(km(summary.emptyAfterM))),
            ("saved_km", .fixed3(km(summary.savedM))),
            ("co2e_saved_kg_wtw", .fixed3(summary.co2eSavedKgWTW)),
            ("co2e_saved_kg_ttw", .fixed3(summary.co2eSavedKgTTW)),
            ("fuel_saved_litres", .fixed3(summary.fuelSavedLitres)),
            ("observed_empty_runs", .int(summary.observedEmptyRuns)),
            ("observed_empty_km", .fixed3(km(summary.observedEmptyM))),
            ("optimality", .string(certificate.optimality)),
            ("gap_km", certificate.gapM.map { .fixed3(km($0)) } ?? .null),
            ("baseline", .string(baselines.quoted.name.rawValue)),
        ] + (tourPlan.map { p in
            [("tours", JSONValue.int(Int64(tours.count))), ("max_tour", .int(Int64(p.maxTour))),
             ("lower_bound_total_km", .fixed3(km(p.lowerBoundTotalM))), ("tour_gap", .number(p.gap, decimals: 6))]
        } ?? []))
    }

    private func writePairsJSON(_ w: inout JSONWriter) {
        w.beginArray()
        for p in pairs {
            w.beginObject()
            w.member("a", p.a)
            w.member("b", p.b)
            w.member("first", p.first)
            w.member("saving_m", p.savingM)
            w.member("empty_m_before", p.emptyBeforeM)
            w.member("empty_m_after", p.emptyAfterM)
            w.member("reposition_m", p.repositionM)
            w.member("co2e_saved_kg_wtw", p.co2eSavedKgWTW, decimals: 3)
            w.member("co2e_saved_kg_ttw", p.co2eSavedKgTTW, decimals: 3)
            w.member("fuel_saved_litres", p.fuelSavedLitres, decimals: 3)
            w.member("vehicle", p.vehicle)
            w.member("fuel", p.fuel)
            w.endObject()
        }
        w.endArray()
    }
}

extension MatchReport.GraphSummary {
    /// The `graph` object every JSON output shares (`match`, `route`,
    /// `matrix`): file, nodes, edges, profile, `distance_model`, then the
    /// crow-fly parameters and the attribution when there are any.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", file.map(JSONValue.string) ?? .null),
            ("nodes", .int(nodes)),
            ("edges", .int(edges)),
            ("profile", profile.map(JSONValue.string) ?? .null),
            ("distance_model", .string(distanceModel)),
        ]
        if let c = circuity { members.append(("circuity", .number(c, decimals: 2))) }
        if let s = crowflySpeedKmh { members.append(("crowfly_speed_kmh", .number(s, decimals: 1))) }
        if let a = attribution { members.append(("attribution", .string(a))) }
        return .object(members)
    }
}
