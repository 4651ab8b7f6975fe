import Emissions
import Pairing
import Routing

extension MatchJob {
    /// The report's baselines (``MatchReport/Baselines``, `docs/baselines.md`):
    ///
    /// - **counterfactual**: the summary's figures (every return empty);
    /// - **observed**: the observed empty runs with a route, their fuel and
    ///   CO2e with each run's vehicle and fuel (else the run's), minus those
    ///   of the empty running left after pairing — the tours' (pairs'
    ///   included) repositioning and final returns (with the tour's vehicle
    ///   and fuel, as their savings) and the other shipments' own returns
    ///   (with their own);
    /// - the observed runs the tours could plausibly replace
    ///   (``EmptyRunReplacement``), each run marked with the shipment whose
    ///   return it replaces.
    static func addBaselines(
        to report: inout MatchReport, options: MatchOptions, model: DistanceModel, factors: EmissionFactors,
        shipments: [Shipment], observed: [Shipment], travel: TravelResult, pairing: PairingResult, plan: TourResult
    ) throws(CommandFailure) {
        var baselines = MatchReport.Baselines(summary: report.summary)
        let routed = travel.observedMetres.compactMap { $0 }
        baselines.observedRuns = routed.count
        baselines.observedRunsWithoutRoute = observed.count - routed.count
        if !routed.isEmpty {
            let before = try observedEmissions(observed, metres: travel.observedMetres, options: options, factors: factors)
            let after = try emissionsAfter(
                tours: plan.tours, shipments: shipments, loaded: travel.loaded, ownReturns: travel.ownReturns,
                options: options, factors: factors)
            baselines.observed = .init(
                name: .observed,
                figures: BaselineFigures(
                    emptyMetresBefore: Int64(before.metres), emptyMetresAfter: Int64(after.metres),
                    loadedMetres: Int64(pairing.loadedMetres)),
                saving: before - after)

            // Which runs the pairs plausibly replace.
            let handling = Int((options.handlingMinutes * 60).rounded())
            let runOrder = observed.indices.sorted { (observed[$0].id, $0) < (observed[$1].id, $1) }
            let runs = runOrder.map { k in
                EmptyRunReplacement.Run(
                    observed[k], start: geoPoint(observed[k].origin, model: model), end: geoPoint(observed[k].destination, model: model),
                    metres: travel.observedMetres[k])
            }
            var returning: [Int] = []
            var returns: [EmptyRunReplacement.Return] = []
            for t in plan.tours {
                for i in t.shipments {
                    returning.append(i)
                    let s = shipments[i]
                    returns.append(.init(
                        s, loadedSeconds: travel.loaded[i]?.seconds ?? 0, handlingSeconds: handling,
                        start: geoPoint(s.destination, model: model), end: geoPoint(s.origin, model: model)))
                }
            }
            let rule = options.replacementRule
            let replacement = EmptyRunReplacement(runs: runs, returns: returns, rule: rule)
            for (x, k) in runOrder.enumerated() {
                report.observedEmpty[k].replaces = replacement.replaced[x].map { shipments[returning[$0]].id }
            }
            baselines.replacement = .init(
                runs: replacement.runsReplaced, metres: Int64(replacement.replacedMetres), rule: rule,
                candidatePairs: replacement.candidatePairs,
                runsWithoutPlace: runs.count { ($0.metres ?? 0) > 0 && ($0.start == nil || $0.end == nil) })
        }
        report.baselines = baselines
    }

    /// Fuel and CO2e of the observed runs with a route.
    static func observedEmissions(
        _ observed: [Shipment], metres: [Int?], options: MatchOptions, factors: EmissionFactors
    ) throws(CommandFailure) -> Saving {
        var e = EmptyRunningEmissions(factors: factors, vehicle: options.vehicle, fuel: options.fuel)
        for (s, m) in zip(observed, metres) {
            guard let m else { continue }
            try e.add(metres: m, vehicle: s.vehicle, fuel: s.fuel)
        }
        return e.total
    }

    /// Fuel and CO2e of the empty running left after pairing: each tour's
    /// (pair's) empty legs with the tour's vehicle and fuel (``PairFactorRule``
    /// over its shipments in driving order, as its saving), each other
    /// shipment's own return (when it has both legs) with its own.
    static func emissionsAfter(
        tours: [Tour], shipments: [Shipment], loaded: [Leg?], ownReturns: [Leg?], options: MatchOptions,
        factors: EmissionFactors
    ) throws(CommandFailure) -> Saving {
        try emissionsAfter(
            tours.map { t in
                (t.shipments, t.emptyMetres,
                 PairFactorRule.resolve(t.shipments.map { shipments[$0].vehicle }, runDefault: options.vehicle),
                 PairFactorRule.resolve(t.shipments.map { shipments[$0].fuel }, runDefault: options.fuel))
            },
            shipments: shipments, loaded: loaded, ownReturns: ownReturns, options: options, factors: factors)
    }

    /// The same for a pairing alone (the sensitivity reruns), each pair with
    /// its own vehicle and fuel (``factorKeys(_:shipments:options:)``).
    static func emissionsAfter(
        pairs: [ShipmentPair], shipments: [Shipment], loaded: [Leg?], ownReturns: [Leg?], options: MatchOptions,
        factors: EmissionFactors
    ) throws(CommandFailure) -> Saving {
        try emissionsAfter(
            pairs.map { p in
                let (vehicle, fuel) = factorKeys(p, shipments: shipments, options: options)
                return ([p.a, p.b], p.emptyMetresAfter, vehicle, fuel)
            },
            shipments: shipments, loaded: loaded, ownReturns: ownReturns, options: options, factors: factors)
    }

    /// The empty running of the given trucks (their shipments, empty metres,
    /// vehicle and fuel) and every other shipment's own return.
    private static func emissionsAfter(
        _ trucks: [(shipments: [Int], emptyMetres: Int, vehicle: String, fuel: String)], shipments: [Shipment],
        loaded: [Leg?], ownReturns: [Leg?], options: MatchOptions, factors: EmissionFactors
    ) throws(CommandFailure) -> Saving {
        var e = EmptyRunningEmissions(factors: factors, vehicle: options.vehicle, fuel: options.fuel)
        var paired = [Bool](repeating: false, count: shipments.count)
        for t in trucks {
            for i in t.shipments { paired[i] = true }
            try e.add(metres: t.emptyMetres, vehicle: t.vehicle, fuel: t.fuel)
        }
        for i in shipments.indices where !paired[i] && loaded[i] != nil {
            guard let r = ownReturns[i] else { continue }
            try e.add(metres: r.metres, vehicle: shipments[i].vehicle, fuel: shipments[i].fuel)
        }
        return e.total
    }

    /// Where a location lies, for the distances of the replacement rule:
    /// its coordinate, or its node's on a road graph (`nil`: unknown).
    static func geoPoint(_ location: Location, model: DistanceModel) -> GeoPoint? {
        if let c = location.coordinate { return GeoPoint(c) }
        if case .node(let id) = location, case .road(let network) = model, let v = network.graph.node(originalID: id),
            let c = network.graph.coordinate(of: v)
        {
            return GeoPoint(c)
        }
        return nil
    }
}

/// Fuel and CO2e of empty kilometres (load factor 0), each with its row's
/// vehicle and fuel or else the run's; each model looked up once.
struct EmptyRunningEmissions {
    let factors: EmissionFactors
    let vehicle: String
    let fuel: String
    private var models: [String: EmissionModel] = [:]
    /// The sum so far.
    private(set) var total = Saving.zero

    init(factors: EmissionFactors, vehicle: String, fuel: String) {
        self.factors = factors
        self.vehicle = vehicle
        self.fuel = fuel
    }

    mutating func add(metres: Int, vehicle v: String?, fuel f: String?) throws(CommandFailure) {
        let vehicle = v ?? self.vehicle, fuel = f ?? self.fuel
        let key = vehicle + "\u{0}" + fuel
        let model: EmissionModel
        if let m = models[key] {
            model = m
        } else {
            do {
                model = try factors.model(vehicle: vehicle, fuel: fuel)
            } catch {
                throw CommandFailure(.internal, "internal error estimating emissions: \(error)")
            }
            models[key] = model
        }
        total = total + Saving(avoidedEmptyMetres: metres, model: model)
    }
}
