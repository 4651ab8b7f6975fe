extension MatchReport {
    /// One sentence on what is proven about the pairing, for the Markdown
    /// and HTML reports.
    var certificateSentence: String {
        let c = certificate
        func n(_ x: Int) -> String { grouped(x) }
        switch c.optimality {
        case "certified":
            return "Optimality: certified — the largest total saving over all \(n(c.pairsEvaluated + c.pairsRuledOutByBound)) pairs "
                + "(\(n(c.pairsEvaluated)) evaluated on the \(graph.distanceModel == "road" ? "roads" : "crow-fly estimate"), "
                + "\(n(c.pairsRuledOutByBound)) ruled out by the great-circle bound; \(n(c.pairsPriced)) found by pricing in \(c.pricingRounds) round\(c.pricingRounds == 1 ? "" : "s"))."
        case "bounded":
            return "Optimality: not proven — the pricing stopped at \(c.stoppedBy ?? "a budget"); the best possible total saving is at most "
                + "\(JSONValue.format(km(c.gapM ?? 0), decimals: 1)) km more than this result."
        default:
            return "Optimality: none claimed — best saving first (greedy) over each shipment's \(c.initialCandidates) best partners."
        }
    }
}

extension MatchReport.Certificate {
    var json: JSONValue {
        .object([
            ("optimality", .string(optimality)),
            ("gap_km", gapM.map { .fixed3(km($0)) } ?? .null),
            ("stopped_by", stoppedBy.map(JSONValue.string) ?? .null),
            ("initial_candidates_per_shipment", .int(initialCandidates)),
            ("initial_candidate_pairs", .int(initialCandidatePairs)),
            ("pricing_rounds", .int(pricingRounds)),
            ("pairs_priced", .int(pairsPriced)),
            ("pairs_improving", .int(violations)),
            ("pairs_evaluated", .int(pairsEvaluated)),
            ("pairs_ruled_out_by_bound", .int(pairsRuledOutByBound)),
            ("reasons_from_top_partners", .int(reasonsFromTopPartners)),
            ("bound_factor", boundFactor.map { .number($0, decimals: 3) } ?? .null),
            ("bound_slack_m", boundSlackM.map { .number($0, decimals: 0) } ?? .null),
        ])
    }
}
