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
        observed: [Shipment], observedMetres: [Int?], rejected: [RejectedRow], pairing: PairingResult,
        candidates: Int?, travel: TravelResult
    ) throws(CommandFailure) -> MatchReport {
        // Emissions: each pair's avoided empty metres at load factor 0, with
        // the vehicle and fuel of the shipment served first (else the
        // other's, else the run's).
        let records = pairing.pairs.map { p -> PairSavingRecord in
            let first = shipments[p.first], second = shipments[p.first == p.a ? p.b : p.a]
            let (vehicle, fuel) = PairFactorRule.resolve(
                firstVehicle: first.vehicle, firstFuel: first.fuel, secondVehicle: second.vehicle, secondFuel: second.fuel,
                runVehicle: options.vehicle, runFuel: options.fuel)
            return PairSavingRecord(
                pairID: "\(shipments[p.a].id)+\(shipments[p.b].id)", companyA: shipments[p.a].company,
                companyB: shipments[p.b].company, avoidedEmptyMetres: p.savingMetres, vehicle: vehicle, fuel: fuel)
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
        summary.pairs = pairing.pairs.count
        summary.paired = 2 * pairing.pairs.count
        summary.unpaired = pairing.unpaired.count
        summary.loadedM = Int64(pairing.loadedMetres)
        summary.emptyBeforeM = Int64(pairing.emptyMetresBefore)
        summary.emptyAfterM = Int64(pairing.emptyMetresAfter)
        summary.co2eSavedKgWTW = savings.total.co2eKgWTW
        summary.co2eSavedKgTTW = savings.total.co2eKgTTW
        summary.fuelSavedLitres = savings.total.litres
        summary.observedEmptyRuns = observed.count
        summary.observedEmptyM = Int64(observedMetres.reduce(0) { $0 + ($1 ?? 0) })

        let pairs = zip(pairing.pairs, savings.pairs).map { p, s in
            MatchReport.Pair(
                a: shipments[p.a].id, b: shipments[p.b].id, first: shipments[p.first].id,
                savingM: Int64(p.savingMetres), emptyBeforeM: Int64(p.emptyMetresBefore),
                emptyAfterM: Int64(p.emptyMetresAfter), repositionM: Int64(p.repositionMetres),
                co2eSavedKgWTW: s.saving.co2eKgWTW, co2eSavedKgTTW: s.saving.co2eKgTTW, fuelSavedLitres: s.saving.litres,
                companyA: shipments[p.a].company, companyB: shipments[p.b].company,
                vehicle: s.record.vehicle, fuel: s.record.fuel)
        }

        // Per company, only when the batch names companies at all.
        var companies: [MatchReport.CompanyTotal] = []
        if shipments.contains(where: { $0.company != nil }) {
            var count: [String: Int] = [:], paired: [String: Int] = [:]
            for s in shipments { count[s.company ?? noCompany, default: 0] += 1 }
            for p in pairing.pairs {
                for i in [p.a, p.b] { paired[shipments[i].company ?? noCompany, default: 0] += 1 }
            }
            var byName: [String: CompanySaving] = [:]
            for c in savings.companies { byName[c.company ?? noCompany] = c }
            for name in count.keys.sorted(by: companyOrder) {
                let c = byName[name]
                companies.append(.init(
                    company: name, shipments: count[name]!, paired: paired[name] ?? 0, pairs: c?.pairCount ?? 0,
                    sharedPairs: c?.sharedPairCount ?? 0, savedM: Int64(c?.saving.metres ?? 0),
                    co2eSavedKgWTW: c?.saving.co2eKgWTW ?? 0))
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
            unpaired: pairing.unpaired.map {
                .init(id: shipments[$0.index].id, reason: $0.reason.rawValue, company: shipments[$0.index].company)
            },
            observedEmpty: zip(observed, observedMetres).map { .init(id: $0.id, distanceM: $1.map(Int64.init)) },
            rejected: rejected,
            companies: companies,
            warnings: batch.warnings,
            stamp: options.stamp ? isoNow() : nil)
        report.certificate = certificate(pairing, candidates: candidates ?? 0, bound: travel.bound)
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

    /// The cycle of every pair as lines for maps (road geometry where the
    /// graph has it, straight lines for the crow-fly model), and the roads
    /// around them for the HTML map.
    static func addGeometry(
        to report: MatchReport, shipments: [Shipment], pairing: PairingResult, travel: TravelResult,
        model: DistanceModel, options: MatchOptions
    ) -> MatchReport {
        var report = report
        // For each pair: first's origin → destination, → second's origin,
        // second's origin → destination, → first's origin.
        let ends: [(first: Int, second: Int)] = pairing.pairs.map { ($0.first, $0.first == $0.a ? $0.b : $0.a) }
        switch model {
        case .crowfly:
            for (k, e) in ends.enumerated() {
                let f = shipments[e.first], s = shipments[e.second]
                let stops = [f.origin, f.destination, s.origin, s.destination, f.origin].compactMap(\.coordinate)
                guard stops.count == 5 else { continue }
                report.pairs[k].legs = legs(
                    pair: report.pairs[k], loaded: (travel.loaded[e.first], travel.loaded[e.second]),
                    lines: (0..<4).map { [stops[$0], stops[$0 + 1]] })
            }
        case .road(let network):
            let graph = network.graph
            var queries: [(NetworkPoint?, NetworkPoint?)] = []
            for e in ends {
                queries += [
                    (travel.origins[e.first], travel.destinations[e.first]),
                    (travel.destinations[e.first], travel.origins[e.second]),
                    (travel.origins[e.second], travel.destinations[e.second]),
                    (travel.destinations[e.second], travel.origins[e.first]),
                ]
            }
            let found = (try? routes(queries, graph: graph, threads: options.threads, console: Console(quiet: true, captureOnly: true), phase: "drawing routes"))
                ?? Array(repeating: nil, count: queries.count)
            for (k, e) in ends.enumerated() {
                let lines = (0..<4).map { j -> [Coordinate] in
                    let q = queries[4 * k + j]
                    guard let r = found[4 * k + j], let a = q.0, let b = q.1 else { return [] }
                    return r.coordinates(in: graph, from: a, to: b)
                }
                report.pairs[k].legs = legs(
                    pair: report.pairs[k], loaded: (travel.loaded[e.first], travel.loaded[e.second]), lines: lines)
            }
            report.backgroundRoads = backgroundRoads(graph, around: report.pairs.flatMap { $0.legs.flatMap(\.polyline) })
        }
        return report
    }

    /// The four legs of a pair's cycle in driving order.
    private static func legs(pair: MatchReport.Pair, loaded: (Leg?, Leg?), lines: [[Coordinate]]) -> [MatchReport.Leg] {
        let second = pair.first == pair.a ? pair.b : pair.a
        return [
            .init(kind: .loaded, shipment: pair.first, distanceM: Int64(loaded.0?.metres ?? 0), polyline: lines[0]),
            .init(kind: .reposition, shipment: nil, distanceM: pair.repositionM, polyline: lines[1]),
            .init(kind: .loaded, shipment: second, distanceM: Int64(loaded.1?.metres ?? 0), polyline: lines[2]),
            .init(kind: .return, shipment: nil, distanceM: pair.emptyAfterM - pair.repositionM, polyline: lines[3]),
        ]
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
