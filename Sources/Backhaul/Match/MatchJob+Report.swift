import Dispatch
import Emissions
import Pairing
import Routing
import Synchronization

extension MatchJob {
    /// The label a report uses for shipments without a company.
    static let noCompany = "(no company)"

    /// Phase 5: emissions of the avoided empty kilometres and the report
    /// model every format is written from.
    static func assembleReport(
        options: MatchOptions, model: DistanceModel, factors: EmissionFactors, batch: Batch, shipments: [Shipment],
        observed: [Shipment], observedMetres: [Int?], rejected: [RejectedRow], pairing: PairingResult, plan: TourResult,
        candidates: Int?, travel: TravelResult
    ) throws(CommandFailure) -> MatchReport {
        // The tours (pairs are tours of 2), as the report names them.
        var (tours, pairs, tourPlan) = reportTours(plan, shipments: shipments, options: options)
        // Emissions: each tour's avoided empty metres at load factor 0, with
        // the vehicle and fuel of the shipment served first (else the
        // next's, else the run's).
        let records = tours.map { t -> PairSavingRecord in
            PairSavingRecord(
                pairID: t.shipments.joined(separator: "+"), companyA: t.companies[0], companyB: t.companies[1],
                avoidedEmptyMetres: Int(t.savingM), vehicle: t.vehicle, fuel: t.fuel)
        }
        let savings: SavingsReport
        do {
            savings = try SavingsLedger.report(for: records, factors: factors)
        } catch {
            throw CommandFailure(.internal, "internal error estimating emissions: \(error)")
        }

        var summary = MatchReport.Summary()
        summary.shipments = batch.records
        summary.valid = shipments.count
        summary.rejected = rejected.count
        summary.pairs = pairs.count
        summary.paired = tours.reduce(0) { $0 + $1.shipments.count }
        summary.unpaired = plan.unpaired.count
        summary.loadedM = Int64(plan.loadedMetres)
        summary.emptyBeforeM = Int64(plan.emptyMetresBefore)
        summary.emptyAfterM = Int64(plan.emptyMetresAfter)
        summary.co2eSavedKgWTW = savings.total.co2eKgWTW
        summary.co2eSavedKgTTW = savings.total.co2eKgTTW
        summary.fuelSavedLitres = savings.total.litres
        summary.observedEmptyRuns = observed.count
        summary.observedEmptyM = Int64(observedMetres.reduce(0) { $0 + ($1 ?? 0) })

        for (k, s) in savings.pairs.enumerated() {
            tours[k].co2eSavedKgWTW = s.saving.co2eKgWTW
            tours[k].co2eSavedKgTTW = s.saving.co2eKgTTW
            tours[k].fuelSavedLitres = s.saving.litres
            if let p = tours[k].pair {
                pairs[p].co2eSavedKgWTW = s.saving.co2eKgWTW
                pairs[p].co2eSavedKgTTW = s.saving.co2eKgTTW
                pairs[p].fuelSavedLitres = s.saving.litres
            }
        }

        // Per company, only when the batch names companies at all: a tour
        // counts in full for every company in it (the allocation splits it).
        var companies: [MatchReport.CompanyTotal] = []
        if shipments.contains(where: { $0.company != nil }) {
            var count: [String: Int] = [:], paired: [String: Int] = [:], inTours: [String: Int] = [:], shared: [String: Int] = [:]
            var savedM: [String: Int64] = [:], co2e: [String: Double] = [:]
            for s in shipments { count[s.company ?? noCompany, default: 0] += 1 }
            for t in tours {
                let names = t.companies.map { $0 ?? noCompany }
                for n in names { paired[n, default: 0] += 1 }
                let distinct = Set(names)
                for n in distinct {
                    inTours[n, default: 0] += 1
                    if distinct.count > 1 { shared[n, default: 0] += 1 }
                    savedM[n, default: 0] += t.savingM
                    co2e[n, default: 0] += t.co2eSavedKgWTW
                }
            }
            for name in count.keys.sorted(by: companyOrder) {
                companies.append(.init(
                    company: name, shipments: count[name]!, paired: paired[name] ?? 0, pairs: inTours[name] ?? 0,
                    sharedPairs: shared[name] ?? 0, savedM: savedM[name] ?? 0, co2eSavedKgWTW: co2e[name] ?? 0))
            }
        }

        var report = MatchReport(
            graph: model.summary,
            parameters: .init(
                strategy: options.strategy.rawValue, vehicle: options.vehicle, fuel: options.fuel,
                maxDeadheadKm: options.maxDeadheadKm, handlingMinutes: options.handlingMinutes,
                ignoreBodyType: options.ignoreBodyType, ignoreTimeWindows: options.ignoreTimeWindows,
                emissionBasis: EmissionFactors.basis, candidatesPerShipment: candidates),
            summary: summary,
            pairs: pairs,
            unpaired: plan.unpaired.map {
                .init(id: shipments[$0.index].id, reason: $0.reason.rawValue, company: shipments[$0.index].company)
            },
            observedEmpty: zip(observed, observedMetres).map { .init(id: $0.id, distanceM: $1.map(Int64.init)) },
            rejected: rejected,
            companies: companies,
            warnings: batch.warnings + tourWarnings(tours) + tourBudgetWarnings(plan, options: options),
            stamp: options.stamp ? isoNow() : nil)
        report.certificate = certificate(pairing, candidates: candidates ?? 0, bound: travel.bound)
        report.tours = tours
        report.tourPlan = tourPlan
        return report
    }

    /// What the pairing proved, for the reports.
    static func certificate(_ pairing: PairingResult, candidates: Int, bound: LegLowerBound?) -> MatchReport.Certificate {
        var c = MatchReport.Certificate()
        c.optimality = pairing.optimality.name
        if case .bounded(let maximum) = pairing.optimality { c.gapM = Int64(max(0, maximum - pairing.savedMetres)) }
        c.initialCandidates = candidates
        c.boundFactor = bound?.factor
        c.boundSlackM = bound?.slackMetres
        if let s = pairing.statistics {
            c.initialCandidatePairs = s.initialCandidatePairs
            c.pricingRounds = s.pricingRounds
            c.pairsPriced = s.pairsPriced
            c.violations = s.violations
            c.pairsEvaluated = s.pairsEvaluated
            c.pairsRuledOutByBound = s.pairsRuledOutByBound
            c.reasonsFromTopPartners = s.reasonsFromTopPartners
            c.stoppedBy = s.stoppedBy
        } else {
            // Every pair evaluated (no coordinates to bound with).
            let n = pairing.pairs.count * 2 + pairing.unpaired.count
            c.pairsEvaluated = n * (n - 1) / 2
        }
        return c
    }

    /// Companies by name, the unnamed group last.
    static func companyOrder(_ a: String, _ b: String) -> Bool {
        if a == noCompany { return false }
        if b == noCompany { return true }
        return a < b
    }

    /// The cycle of every tour (pairs included) as lines for maps (road
    /// geometry where the graph has it, straight lines for the crow-fly
    /// model), and the roads around them for the HTML map.
    static func addGeometry(
        to report: MatchReport, shipments: [Shipment], plan: TourResult, travel: TravelResult,
        model: DistanceModel, options: MatchOptions
    ) -> MatchReport {
        var report = report
        // Each tour's stops in driving order: origin, destination, next
        // origin, …, the first origin again.
        let stops: [[Int]] = plan.tours.map { t in t.shipments.flatMap { [2 * $0, 2 * $0 + 1] } + [2 * t.shipments[0]] }
        var lines: [[[Coordinate]]]
        switch model {
        case .crowfly:
            func point(_ end: Int) -> Coordinate? {
                let s = shipments[end / 2]
                return (end % 2 == 0 ? s.origin : s.destination).coordinate
            }
            lines = stops.map { ends in
                (0..<ends.count - 1).map { j in
                    guard let a = point(ends[j]), let b = point(ends[j + 1]) else { return [] }
                    return [a, b]
                }
            }
        case .road(let network):
            let graph = network.graph
            func point(_ end: Int) -> NetworkPoint? { end % 2 == 0 ? travel.origins[end / 2] : travel.destinations[end / 2] }
            var queries: [(NetworkPoint?, NetworkPoint?)] = []
            for ends in stops { for j in 0..<ends.count - 1 { queries.append((point(ends[j]), point(ends[j + 1]))) } }
            // Unpacked from the run's hierarchy when it has one, else one
            // Dijkstra search per leg.
            let quiet = Console(quiet: true, captureOnly: true)
            let found = (try? (travel.source as? RoadLegSource)?.routes(queries, console: quiet))
                ?? (try? routes(queries, graph: graph, threads: options.threads, console: quiet, phase: "drawing routes"))
                ?? Array(repeating: nil, count: queries.count)
            var q = 0
            lines = stops.map { ends in
                (0..<ends.count - 1).map { _ -> [Coordinate] in
                    defer { q += 1 }
                    guard let r = found[q], let a = queries[q].0, let b = queries[q].1 else { return [] }
                    return r.coordinates(in: graph, from: a, to: b)
                }
            }
        }
        for k in report.tours.indices {
            for j in report.tours[k].legs.indices { report.tours[k].legs[j].polyline = lines[k][j] }
            guard let p = report.tours[k].pair else { continue }
            report.pairs[p].legs = report.tours[k].legs.map { leg in
                MatchReport.Leg(
                    kind: leg.mapKind, shipment: leg.kind == .loaded ? leg.from : nil, distanceM: leg.distanceM,
                    polyline: leg.polyline)
            }
        }
        if case .road(let network) = model {
            report.backgroundRoads = backgroundRoads(
                network.graph, around: report.tours.flatMap { $0.legs.flatMap(\.polyline) })
        }
        return report
    }

    /// Up to `limit` road edges inside the box around `points`, the fastest
    /// roads first, drawn as lines under the pairs (one direction of each
    /// two-way road).
    static func backgroundRoads(_ graph: RoadGraph, around points: [Coordinate], limit: Int = 12_000) -> [[Coordinate]] {
        guard graph.hasCoordinates, let p0 = points.first else { return [] }
        var minLat = p0.latitude, maxLat = p0.latitude, minLon = p0.longitude, maxLon = p0.longitude
        for p in points {
            minLat = min(minLat, p.latitude); maxLat = max(maxLat, p.latitude)
            minLon = min(minLon, p.longitude); maxLon = max(maxLon, p.longitude)
        }
        let padLat = max((maxLat - minLat) * 0.1, 0.01), padLon = max((maxLon - minLon) * 0.1, 0.01)
        let lo = (Int32(((minLat - padLat) * 1e7).rounded()), Int32(((minLon - padLon) * 1e7).rounded()))
        let hi = (Int32(((maxLat + padLat) * 1e7).rounded()), Int32(((maxLon + padLon) * 1e7).rounded()))
        func inside(_ v: Int) -> Bool {
            let la = graph.latitudeE7[v], lo2 = graph.longitudeE7[v]
            return la >= lo.0 && la <= hi.0 && lo2 >= lo.1 && lo2 <= hi.1
        }
        var chosen: [(speed: Double, edge: Int)] = []
        for u in 0..<graph.nodeCount where inside(u) {
            for e in graph.edges(from: u) {
                let v = Int(graph.edgeTarget[e])
                // One direction of a two-way road: the one from the lower node.
                if v < u, graph.edges(from: v).contains(where: { Int(graph.edgeTarget[$0]) == u }) { continue }
                let speed = graph.edgeDuration[e] == 0 ? 0 : Double(graph.edgeLength[e]) / Double(graph.edgeDuration[e])
                chosen.append((speed, e))
            }
        }
        if chosen.count > limit {
            chosen.sort { ($0.speed, $1.edge) > ($1.speed, $0.edge) }
            chosen.removeLast(chosen.count - limit)
        }
        chosen.sort { $0.edge < $1.edge }
        return chosen.map { c in
            let u = graph.tail(of: c.edge), v = Int(graph.edgeTarget[c.edge])
            return [graph.coordinate(of: u)!] + graph.shape(of: c.edge) + [graph.coordinate(of: v)!]
        }
    }
}

/// The current UTC time as ISO 8601 (`2026-11-25T14:03:00Z`), for `--stamp`.
func isoNow() -> String {
    var t = time(nil)
    var tm = tm()
    gmtime_r(&t, &tm)
    func two(_ x: Int32) -> String { x < 10 ? "0\(x)" : "\(x)" }
    return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
