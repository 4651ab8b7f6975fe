import Emissions
import Pairing

extension MatchReport {
    /// Where the distances come from, in one sentence.
    var modelSentence: [TextSpan] {
        if graph.distanceModel == "crowfly" {
            let c = graph.circuity.map { JSONValue.format($0, decimals: 2) } ?? "?"
            let s = graph.crowflySpeedKmh.map { JSONValue.format($0, decimals: 0) } ?? "?"
            return [
                .strong("Distances are a crow-fly estimate"),
                .text(" (great-circle distance × \(c), at \(s) km/h), not road distances: run with "),
                .code("--graph"), .text(" for real road figures."),
            ]
        }
        var spans: [TextSpan] = [
            .text("Distances are road distances over "), .code(graph.file ?? "the graph"),
            .text(" (\(grouped(graph.nodes)) nodes, \(grouped(graph.edges)) edges"),
        ]
        if let p = graph.profile { spans += [.text(", profile "), .code(p)] }
        return spans + [.text(").")]
    }

    /// The options of the run, in one sentence.
    var parametersSentence: [TextSpan] {
        var spans: [TextSpan] = [
            .text("Strategy "), .code(parameters.strategy), .text(", vehicle "), .code(parameters.vehicle),
            .text(", fuel "), .code(parameters.fuel),
            .text(", handling \(JSONValue.format(parameters.handlingMinutes, decimals: 0)) min per stop"),
        ]
        var tail = ""
        if let d = parameters.maxDeadheadKm { tail += ", reposition at most \(grouped(d, decimals: 1)) km" }
        if parameters.ignoreBodyType { tail += ", body types ignored" }
        if parameters.ignoreTimeWindows { tail += ", time windows ignored" }
        spans.append(.text(tail + ". Emission factor basis: "))
        spans.append(.user(parameters.emissionBasis))
        spans.append(.text("."))
        return spans
    }

    /// The summary rows both human reports show: label, value. The empty
    /// km before, after and saved, the fuel and the CO2e are those of the
    /// quoted baseline (``Baselines/quoted``), which the Baseline row names.
    var summaryRows: [(label: String, value: String, strong: Bool)] {
        var rows: [(String, String, Bool)] = [
            ("Shipments read", grouped(summary.shipments), false), ("Valid (to pair)", grouped(summary.valid), false),
        ]
        if summary.observedEmptyRuns > 0 {
            rows.append(("Observed empty runs", "\(grouped(summary.observedEmptyRuns)) (\(kmText(summary.observedEmptyM)) km)", false))
        }
        let quoted = baselines.quoted
        func saving(_ value: (Saving) -> Double) -> String { quoted.saving.map { grouped(value($0), decimals: 1) } ?? "—" }
        rows += [
            ("Rejected rows", grouped(summary.rejected), false),
        ]
        rows += tourSummaryRows
        rows += [
            ("Unpaired", grouped(summary.unpaired), false),
            ("Loaded km", kmText(summary.loadedM), false),
            baselineSummaryRow,
            ("Empty km before", kmText(quoted.figures.emptyMetresBefore), false),
            ("Empty km after", kmText(quoted.figures.emptyMetresAfter), false),
            ("Empty km saved", kmText(quoted.figures.savedMetres), true),
            ("Diesel saved (l)", saving { $0.litres }, false),
            ("CO2e saved, well-to-wheel (kg)", saving { $0.co2eKgWTW }, true),
            ("CO2e saved, tank-to-wheel (kg)", saving { $0.co2eKgTTW }, false),
        ] + tourBoundRows
        return rows
    }

    /// Indices of the pairs a table lists: all of them in report order up to
    /// `limit`, else the `limit` largest savings, largest first (ties in
    /// report order).
    ///
    /// - Complexity: O(n log n) above the limit, O(n) otherwise.
    func listedPairs(limit: Int) -> (indices: [Int], isTop: Bool) {
        guard pairs.count > limit else { return (Array(pairs.indices), false) }
        let order = pairs.indices.sorted { (pairs[$0].savingM, $1) > (pairs[$1].savingM, $0) }
        return (Array(order.prefix(limit)), true)
    }

    /// Companies a table lists: all in report order up to `limit`, else the
    /// `limit` with the most saved km.
    func listedCompanies(limit: Int) -> (indices: [Int], isTop: Bool) {
        guard companies.count > limit else { return (Array(companies.indices), false) }
        let order = companies.indices.sorted { (companies[$0].savedM, $1) > (companies[$1].savedM, $0) }
        return (Array(order.prefix(limit)), true)
    }

    /// Unpaired shipments per reason, most frequent first (ties by reason).
    var unpairedReasonCounts: [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for u in unpaired { counts[u.reason, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
    }

    /// The contract's unpaired reason, in words.
    static func reasonText(_ reason: String) -> String {
        switch reason {
        case "no_saving": "no_saving — no partner would save anything"
        case "body_type": "body_type — the best partners need an incompatible body"
        case "vehicle": "vehicle — the best partners need another vehicle"
        case "time_window": "time_window — no order meets the time windows"
        case "max_deadhead": "max_deadhead — repositioning to the best partners is too long"
        case "partners_taken": "partners_taken — feasible partners were paired elsewhere, saving more in total"
        case "unreachable": "unreachable — no route to or from it"
        case "driving_time": "driving_time — the windows are met only by breaking the EU driving-time rules"
        case "max_tour_km": "max_tour_km — the best tours through it are longer than --max-tour-km"
        case "max_tour_h": "max_tour_h — the best tours through it take longer than --max-tour-h"
        default: reason
        }
    }
}

/// Metres as kilometres with one decimal and grouped thousands.
func kmText(_ metres: Int64) -> String { grouped(km(metres), decimals: 1) }

/// `x` with `decimals` decimals and the thousands grouped by a narrow
/// no-break space (U+202F): `12 345.6`. The SI Brochure (§5.4.4) groups
/// digits by a thin space and never by a point or comma, which reads the
/// same to English and Swedish readers, where `12,345` would mean twelve
/// in Sweden.
func grouped(_ x: Double, decimals: Int) -> String { groupedNumber(JSONValue.format(x, decimals: decimals)) }

/// An integer with grouped thousands (see ``grouped(_:decimals:)``).
func grouped(_ n: Int) -> String { grouped(Double(n), decimals: 0) }

/// A number already written as `-1234.567` with its thousands grouped as
/// ``grouped(_:decimals:)`` does; any other text unchanged.
func groupedNumber(_ text: String) -> String {
    let sign = text.hasPrefix("-") ? "-" : ""
    let body = text.dropFirst(sign.count)
    let integer = body.prefix { $0.isASCII && $0.isNumber }
    let rest = body.dropFirst(integer.count)
    guard integer.count > 3, rest.isEmpty || (rest.first == "." && rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }) else {
        return text
    }
    var out = sign
    for (i, c) in integer.enumerated() {
        if i > 0 && (integer.count - i) % 3 == 0 { out += "\u{202F}" }
        out.append(c)
    }
    return out + rest
}
