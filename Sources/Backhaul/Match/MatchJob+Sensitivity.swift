import Emissions
import Pairing

/// What the base run of `match --sensitivity` leaves for the reruns: its
/// problem (shipments, legs, space, leg source) and its restart (evaluated
/// pairs with their legs, final candidate graph, optimal matching).
struct SensitivityBase: Sendable {
    let problem: SpatialPairingProblem
    let restart: PairingRestart
    let options: PairingOptions
}

extension MatchJob {
    /// The crow-fly circuities a sensitivity run tries.
    static let sensitivityCircuities = [1.2, 1.3, 1.4]
    /// Handling time is moved by this much each way, in minutes.
    static let sensitivityHandlingMinutes = 15.0
    /// Time windows are widened and narrowed by this much at each side, in
    /// minutes.
    static let sensitivityWindowMinutes = 30.0
    /// The reruns stop pricing once their proven gap is at most this
    /// fraction of their saving (``PricingBudget/relativeGap``).
    static let sensitivityRelativeGap = 0.001

    /// `--sensitivity`: the pairing rerun under the assumptions a reviewer
    /// would question, each from the base run (``SpatialPairingProblem/rerun(options:from:reusingLegs:progress:)``),
    /// in this order:
    ///
    /// | variant | recomputed | reused from the base run |
    /// | --- | --- | --- |
    /// | circuity 1.2 / 1.3 / 1.4 (crow-fly only; the base's own circuity is the base run) | every leg (the crow-fly formula, O(1) each): loaded legs, own returns, observed runs, and the cross legs of the pairs evaluated | the spatial index (its bound rescaled), the base's first candidates and final candidate graph as the first candidate set (no new search), its optimal matching as the warm start |
    /// | handling −15 / +15 min | feasibility of every pair evaluated (time windows) | every leg the base computed, the candidate graph, the warm start |
    /// | windows 30 min wider / narrower | the shipments' windows, feasibility | as for handling |
    /// | greedy (or optimal when the run was greedy) | the other strategy's matching | every leg the base computed; for greedy the base's first candidates (exactly a fresh greedy run's, as only the strategy differs) |
    ///
    /// Every rerun is priced like the base run, but stops once the proven
    /// gap is at most 0.1 % of its saving (``sensitivityRelativeGap``; the
    /// report gives each gap): its figure is within 0.1 % of what a run
    /// with that option would report, proven, at a fraction of the pricing
    /// rounds. Reasons for unpaired shipments are not computed. Variants
    /// that cannot change anything are listed as not applicable with the reason: circuity over
    /// a road graph (there is no circuity factor; road distances are what
    /// they are), handling and windows when time windows are ignored or no
    /// shipment has a time.
    static func sensitivity(
        base: SensitivityBase?, report: MatchReport, options: MatchOptions, model: DistanceModel,
        factors: EmissionFactors, shipments: [Shipment], observed: [Shipment], travel: TravelResult, console: Console
    ) throws(CommandFailure) -> (MatchReport.Sensitivity, [(variant: String, statistics: PricingStatistics)]) {
        let baseVariant = MatchReport.Sensitivity.Variant(
            name: "base (as run)", pairs: report.summary.pairs, counterfactualSavedM: report.summary.savedM,
            counterfactualCO2eKgWTW: report.summary.co2eSavedKgWTW, observedSavedM: report.baselines.observed?.figures.savedMetres,
            observedCO2eKgWTW: report.baselines.observed?.saving?.co2eKgWTW, optimality: report.certificate.optimality)
        func notApplicable(_ name: String, _ why: String) -> MatchReport.Sensitivity.Variant {
            var v = baseVariant
            v.name = name
            v.notApplicable = why
            return v
        }
        guard var base else {
            return (.init(base: baseVariant, variants: [notApplicable(
                "every variant", "the graph has no coordinates, so every pair was evaluated from a table and the reruns would repeat that work")]), [])
        }
        var statistics: [(variant: String, statistics: PricingStatistics)] = []
        base = SensitivityBase(
            problem: base.problem, restart: base.restart,
            options: { var o = base.options; o.pricingBudget.relativeGap = sensitivityRelativeGap; return o }())
        let hasObserved = report.baselines.observed != nil
        /// One rerun and its figures.
        func rerun(
            _ name: String, problem: SpatialPairingProblem, options pairingOptions: PairingOptions, reusingLegs: Bool,
            observedMetres: [Int?]
        ) throws(CommandFailure) -> MatchReport.Sensitivity.Variant {
            console.phase("sensitivity: \(name)")
            let result: PairingRerunResult
            do {
                result = try problem.rerun(options: pairingOptions, from: base.restart, reusingLegs: reusingLegs) { phase, done, total in
                    console.progress("sensitivity: \(name): \(phase)", done: done, total: total)
                }
            } catch {
                throw failure(error)
            }
            statistics.append((name, result.statistics))
            let saved = try pairSavings(result.pairs, shipments: problem.shipments, options: options, factors: factors)
            var observedSaving: Saving?
            if hasObserved {
                let before = try observedEmissions(observed, metres: observedMetres, options: options, factors: factors)
                let after = try emissionsAfter(
                    pairs: result.pairs, shipments: problem.shipments, loaded: problem.loadedLegs, ownReturns: problem.ownReturns,
                    options: options, factors: factors)
                observedSaving = before - after
            }
            return .init(
                name: name, pairs: result.pairs.count, counterfactualSavedM: Int64(result.savedMetres),
                counterfactualCO2eKgWTW: saved.co2eKgWTW, observedSavedM: observedSaving.map { Int64($0.metres) },
                observedCO2eKgWTW: observedSaving?.co2eKgWTW, optimality: result.optimality.name,
                gapM: { if case .bounded(let m) = result.optimality { Int64(max(0, m - result.savedMetres)) } else { nil } }())
        }

        var variants: [MatchReport.Sensitivity.Variant] = []

        // Circuity: crow-fly only.
        switch model {
        case .road:
            variants.append(notApplicable(
                "circuity 1.2–1.4", "road distances over the graph: there is no circuity factor to vary"))
        case .crowfly(let circuity, let speed):
            for c in sensitivityCircuities where abs(c - circuity) > 1e-9 {
                let source = CrowflyLegSource(
                    origins: shipments.map { $0.origin.coordinate.map(UnitVector.init) },
                    destinations: shipments.map { $0.destination.coordinate.map(UnitVector.init) },
                    circuity: c, speedKmh: speed, threads: options.threads)
                let problem: SpatialPairingProblem
                do {
                    problem = try SpatialPairingProblem(
                        shipments: shipments, loadedLegs: shipments.indices.map { source.loaded($0) },
                        ownReturns: shipments.indices.map { source.leg(from: $0, to: $0) },
                        space: base.problem.space.withBound(.crowfly(circuity: c, speedKmh: speed)), legs: source)
                } catch {
                    throw CommandFailure(.internal, "internal error preparing the sensitivity runs: \(error)")
                }
                let observedMetres = observed.map {
                    CrowflyLegSource.leg(
                        $0.origin.coordinate.map(UnitVector.init), $0.destination.coordinate.map(UnitVector.init),
                        circuity: c, speedKmh: speed)?.metres
                }
                variants.append(try rerun(
                    "circuity \(JSONValue.format(c, decimals: 1))", problem: problem, options: base.options, reusingLegs: false,
                    observedMetres: observedMetres))
            }
        }

        // Handling and windows: only where times matter.
        let timed = shipments.contains { $0.pickupEarliest != nil || $0.pickupLatest != nil || $0.deliveryLatest != nil }
        let timesIgnored: String? = options.ignoreTimeWindows
            ? "time windows are ignored (--ignore-time-windows), so times change nothing"
            : (timed ? nil : "no shipment has a pickup or delivery time, so times change nothing")
        let h = sensitivityHandlingMinutes
        for delta in [-h, h] {
            let minutes = max(0, options.handlingMinutes + delta)
            let name = "handling \(JSONValue.format(minutes, decimals: 0)) min"
            if let timesIgnored {
                variants.append(notApplicable(name, timesIgnored))
                continue
            }
            var o = base.options
            o.handlingSeconds = Int((minutes * 60).rounded())
            variants.append(try rerun(name, problem: base.problem, options: o, reusingLegs: true, observedMetres: travel.observedMetres))
        }
        let w = sensitivityWindowMinutes
        for (delta, word) in [(w, "wider"), (-w, "narrower")] {
            let name = "windows \(JSONValue.format(w, decimals: 0)) min \(word)"
            if let timesIgnored {
                variants.append(notApplicable(name, timesIgnored))
                continue
            }
            let p = base.problem
            let problem: SpatialPairingProblem
            do {
                problem = try SpatialPairingProblem(
                    shipments: p.shipments.map { $0.windowsAdjusted(bySeconds: Int64((delta * 60).rounded())) },
                    loadedLegs: p.loadedLegs, ownReturns: p.ownReturns, space: p.space, legs: p.legs)
            } catch {
                throw CommandFailure(.internal, "internal error preparing the sensitivity runs: \(error)")
            }
            variants.append(try rerun(name, problem: problem, options: base.options, reusingLegs: true, observedMetres: travel.observedMetres))
        }

        // The other strategy.
        var o = base.options
        o.strategy = base.options.strategy == .greedy ? .blossom : .greedy
        variants.append(try rerun(
            o.strategy == .greedy ? "greedy" : "optimal", problem: base.problem, options: o, reusingLegs: true,
            observedMetres: travel.observedMetres))
        return (.init(base: baseVariant, variants: variants), statistics)
    }

    /// Fuel and CO2e of the pairs' savings, each with the pair's vehicle and
    /// fuel (the first-served shipment's, else the other's, else the run's).
    static func pairSavings(
        _ pairs: [ShipmentPair], shipments: [Shipment], options: MatchOptions, factors: EmissionFactors
    ) throws(CommandFailure) -> Saving {
        var e = EmptyRunningEmissions(factors: factors, vehicle: options.vehicle, fuel: options.fuel)
        for p in pairs {
            let (vehicle, fuel) = factorKeys(p, shipments: shipments, options: options)
            try e.add(metres: p.savingMetres, vehicle: vehicle, fuel: fuel)
        }
        return e.total
    }

    /// The vehicle and fuel a pair's figures use (``PairFactorRule``).
    static func factorKeys(_ p: ShipmentPair, shipments: [Shipment], options: MatchOptions) -> (vehicle: String, fuel: String) {
        let first = shipments[p.first], second = shipments[p.first == p.a ? p.b : p.a]
        return PairFactorRule.resolve(
            firstVehicle: first.vehicle, firstFuel: first.fuel, secondVehicle: second.vehicle, secondFuel: second.fuel,
            runVehicle: options.vehicle, runFuel: options.fuel)
    }
}
