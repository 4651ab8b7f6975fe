import Pairing
extension MatchReport {
    /// The contract's `result.json`, keys in the contract's order; additions
    /// (companies, warnings, crow-fly parameters) come after the contract's
    /// keys of each object.
    public var json: JSONValue {
        var root: [(String, JSONValue)] = [
            ("backhaul", .object([("version", .string(version))] + (stamp.map { [("stamp", JSONValue.string($0))] } ?? []))),
            ("graph", graph.json),
            ("parameters", .object([
                ("strategy", .string(parameters.strategy)),
                ("vehicle", .string(parameters.vehicle)),
                ("fuel", .string(parameters.fuel)),
                ("max_deadhead_km", parameters.maxDeadheadKm.map { .fixed3($0) } ?? .null),
                ("handling_min", .number(parameters.handlingMinutes, decimals: 1)),
                ("ignore_body_type", .bool(parameters.ignoreBodyType)),
                ("ignore_time_windows", .bool(parameters.ignoreTimeWindows)),
                ("emission_basis", .string(parameters.emissionBasis)),
                ("candidates_per_shipment", parameters.candidatesPerShipment.map { .int($0) } ?? .null),
            ])),
            ("summary", .object([
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
            ])),
            ("certificate", certificate.json),
        ]
        root.append(("pairs", .array(pairs.map { p in
            .object([
                ("a", .string(p.a)), ("b", .string(p.b)), ("first", .string(p.first)),
                ("saving_m", .int(p.savingM)), ("empty_m_before", .int(p.emptyBeforeM)),
                ("empty_m_after", .int(p.emptyAfterM)), ("reposition_m", .int(p.repositionM)),
                ("co2e_saved_kg_wtw", .fixed3(p.co2eSavedKgWTW)),
                ("co2e_saved_kg_ttw", .fixed3(p.co2eSavedKgTTW)),
                ("fuel_saved_litres", .fixed3(p.fuelSavedLitres)),
                ("vehicle", .string(p.vehicle)), ("fuel", .string(p.fuel)),
            ])
        })))
        root.append(("unpaired", .array(unpaired.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })))
        root.append(("observed_empty", .array(observedEmpty.map {
            .object([("id", .string($0.id)), ("km", $0.distanceM.map { .fixed3(km($0)) } ?? .null)])
        })))
        root.append(("rejected", .array(rejected.map {
            .object([
                ("file", .string($0.file)), ("line", .int($0.line)),
                ("id", $0.id.map(JSONValue.string) ?? .null), ("reason", .string($0.reason)),
            ])
        })))
        root.append(("companies", .array(companies.map {
            .object([
                ("company", .string($0.company)), ("shipments", .int($0.shipments)), ("paired", .int($0.paired)),
                ("pairs", .int($0.pairs)), ("shared_pairs", .int($0.sharedPairs)),
                ("saved_km", .fixed3(km($0.savedM))), ("co2e_saved_kg_wtw", .fixed3($0.co2eSavedKgWTW)),
            ] + ($0.allocation.map(allocationJSON) ?? []))
        })))
        if let a = allocationObject { root.append(("allocation", a)) }
        root.append(("warnings", .array(warnings.map(JSONValue.string))))
        return .object(root)
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
