import Emissions
import Pairing
import Routing

extension MatchJob {
    static let greedyToursMessage =
        "--strategy greedy pairs best saving first (a baseline for pairs); tours need --strategy optimal, or --max-tour 2."

    /// Memory the tours need beyond the pairing, checked with it before the
    /// work starts: measured peaks per shipment with margin
    /// (docs/benchmarks/tours.md, `TourBenchmark national-N-s1-3` over
    /// legs on demand, the pairing included: 38 KB per shipment at 1,000,
    /// 51 KB at 5,000 and 67 KB at 10,000, growing with the batch as its
    /// repeated lanes get denser — so 150 KB for `--max-tour 3`; 300 KB per
    /// shipment at 1,000 with 4, not measured at scale, so 1 MB), 0 for pairs.
    static func tourEstimatedBytes(_ options: MatchOptions, shipments n: Int) -> Int {
        switch options.maxTour {
        case 3: n * 150_000
        case 4: n * 1_000_000
        default: 0
        }
    }

    /// The tour rules of `options`: the pairing's rules, `--max-tour`,
    /// `--max-tour-km`, `--max-tour-h` and the driving-time law with
    /// `--daily-driving-h`.
    static func tourOptions(_ options: MatchOptions, candidates k: Int) -> TourOptions {
        TourOptions(
            pairing: pairingOptions(options, candidates: k), maxTour: options.maxTour,
            maxTourMetres: options.maxTourKm.map { Int(($0 * 1000).rounded()) },
            maxTourSeconds: options.maxTourHours.map { Int(($0 * 3600).rounded()) },
            drivingRules: DrivingRules(dailyDrivingHours: options.dailyDrivingHours), seconds: options.tourSeconds)
    }

    /// Phase 4b: the tours, starting from the run's pairing
    /// (``SpatialPairingProblem/tours(options:startingFrom:progress:)``),
    /// with their schedules under Regulation 561/2006, the reasons, and the
    /// lower bound. With `--max-tour 2` the tours are the pairing's pairs,
    /// except pairs whose windows can only be met by breaking the driving
    /// rules, which are split (`driving_time`).
    ///
    /// - Throws: ``CommandFailure``: exit 3 when legs cannot be routed, 4 for
    ///   an internal failure.
    static func planTours(
        _ shipments: [Shipment], pairing: PairingResult, travel: TravelResult, options: MatchOptions, candidates k: Int,
        console: Console
    ) throws(CommandFailure) -> TourResult {
        let tourOptions = tourOptions(options, candidates: k)
        if let problem = tourOptions.problem { throw .usage(problem) }
        if options.strategy == .greedy, options.maxTour > 2 { throw .usage(greedyToursMessage) }
        let plan: TourResult
        if let bound = travel.bound {
            plan = try spatialTours(shipments, pairing: pairing, travel: travel, bound: bound, options: tourOptions, console: console)
        } else {
            // No coordinates: every leg in one table, as the pairing did.
            plan = try denseProblem(shipments, travel: travel).tours(options: tourOptions)
        }
        for w in tourBudgetWarnings(plan, options: options) { console.warning(w) }
        return plan
    }

    /// The tours over legs on demand, bounded by the space of the shipments' ends.
    private static func spatialTours(
        _ shipments: [Shipment], pairing: PairingResult, travel: TravelResult, bound: LegLowerBound, options tourOptions: TourOptions,
        console: Console
    ) throws(CommandFailure) -> TourResult {
        let space = ShipmentSpace(origins: travel.originPoints, destinations: travel.destinationPoints, bound: bound)
        do {
            let problem = try SpatialPairingProblem(
                shipments: shipments, loadedLegs: travel.loaded, ownReturns: travel.ownReturns, space: space,
                legs: travel.source, landmarks: travel.landmarks)
            return try problem.tours(options: tourOptions, startingFrom: pairing) { phase, done, total in
                console.progress(phase, done: done, total: total)
            }
        } catch let error as PairingError {
            throw failure(error)
        } catch {
            throw CommandFailure(.internal, "internal error preparing the tours: \(error)")
        }
    }

    /// The tours of `plan` as the report writes them (without emissions
    /// and geometry, which come later), the pairs among them as
    /// ``MatchReport/Pair``s, and what the plan proves.
    static func reportTours(
        _ plan: TourResult, shipments: [Shipment], options: MatchOptions
    ) -> (tours: [MatchReport.Tour], pairs: [MatchReport.Pair], plan: MatchReport.TourPlan) {
        var tours: [MatchReport.Tour] = []
        var pairs: [MatchReport.Pair] = []
        for (k, t) in plan.tours.enumerated() {
            let ids = t.shipments.map { shipments[$0].id }
            let vehicle = PairFactorRule.resolve(t.shipments.map { shipments[$0].vehicle }, runDefault: options.vehicle)
            let fuel = PairFactorRule.resolve(t.shipments.map { shipments[$0].fuel }, runDefault: options.fuel)
            var pairIndex: Int?
            if t.shipments.count == 2 {
                // As the pairing names a pair: `a` the smaller id.
                let (a, b) = shipments[t.shipments[0]].id <= shipments[t.shipments[1]].id
                    ? (t.shipments[0], t.shipments[1]) : (t.shipments[1], t.shipments[0])
                pairIndex = pairs.count
                pairs.append(MatchReport.Pair(
                    a: shipments[a].id, b: shipments[b].id, first: ids[0], savingM: Int64(t.savingMetres),
                    emptyBeforeM: Int64(t.emptyMetresBefore), emptyAfterM: Int64(t.emptyMetres),
                    repositionM: Int64(t.repositionMetres), co2eSavedKgWTW: 0, co2eSavedKgTTW: 0, fuelSavedLitres: 0,
                    companyA: shipments[a].company, companyB: shipments[b].company, vehicle: vehicle, fuel: fuel))
            }
            let legs = t.legs.enumerated().map { j, leg in
                MatchReport.TourLeg(
                    kind: leg.kind == .loaded ? .loaded : .empty, from: shipments[leg.from].id, to: shipments[leg.to].id,
                    home: j == t.legs.count - 1, distanceM: Int64(leg.metres), durationS: leg.seconds)
            }
            let s = t.schedule
            let stops = s.stops.map { stop in
                MatchReport.TourStop(
                    kind: stop.kind.rawValue, shipment: ids[stop.kind == .home ? 0 : stop.position],
                    arrivalS: stop.arrival - s.start, serviceStartS: stop.serviceStart - s.start,
                    departureS: stop.departure - s.start)
            }
            let periods = s.periods.map {
                MatchReport.TourPeriod(activity: $0.activity.rawValue, startS: $0.start - s.start, endS: $0.end - s.start)
            }
            tours.append(MatchReport.Tour(
                number: k + 1, shipments: ids, companies: t.shipments.map { shipments[$0].company },
                savingM: Int64(t.savingMetres), emptyBeforeM: Int64(t.emptyMetresBefore), emptyAfterM: Int64(t.emptyMetres),
                loadedM: Int64(t.loadedMetres), repositionM: Int64(t.repositionMetres), vehicle: vehicle, fuel: fuel,
                pair: pairIndex, legs: legs,
                schedule: MatchReport.TourScheduleSummary(
                    start: s.isAnchored ? Int64(s.start) : nil, durationS: s.durationSeconds,
                    drivingS: s.seconds(of: .driving), breaks: s.count(of: .breakPeriod),
                    dailyRests: s.count(of: .dailyRest) + s.count(of: .reducedDailyRest), stops: stops, periods: periods)))
            tours[k].keepsDrivingRules = t.keepsDrivingRules
        }
        var sizes = [Int](repeating: 0, count: 5)
        for t in plan.tours { sizes[t.shipments.count] += 1 }
        let rules = DrivingRules(dailyDrivingHours: options.dailyDrivingHours)
        let summary = MatchReport.TourPlan(
            maxTour: plan.maxTour, toursBySize: Array(sizes[2...plan.maxTour]),
            totalM: Int64(plan.totalMetres), emptyAfterM: Int64(plan.emptyMetresAfter),
            pairingEmptyAfterM: Int64(plan.pairingEmptyMetres),
            lowerBoundTotalM: Int64(plan.bound.totalMetres), lowerBoundEmptyM: Int64(plan.bound.emptyMetres),
            assignmentBoundEmptyM: Int64(plan.bound.assignmentEmptyMetres),
            cycleBoundEmptyM: Int64(plan.bound.cycleEmptyMetres), gap: plan.gap, boundScope: plan.bound.scope.rawValue,
            boundIsTrivial: options.strategy == .greedy && plan.maxTour == 2,
            dailyDrivingH: Double(rules.extendedDaysAllowed > 0 ? rules.extendedDailyDrivingSeconds : rules.dailyDrivingSeconds) / 3600,
            maxTourKm: options.maxTourKm, maxTourH: options.maxTourHours,
            inShorterTours: plan.inShorterTours.map {
                .init(id: shipments[$0.index].id, reason: $0.reason.rawValue, company: shipments[$0.index].company)
            },
            candidateArcs: plan.statistics.candidateArcs, cyclesInPool: plan.statistics.cyclesInPool,
            legsComputed: plan.statistics.legsComputed, negativeCyclesLeft: plan.statistics.negativeCyclesLeft)
        return (tours, pairs, summary)
    }
}

extension MatchJob {
    /// The warning of a run the tour budget (`--tour-seconds`) stopped:
    /// where, and what is still proven.
    static func tourBudgetWarnings(_ plan: TourResult, options: MatchOptions) -> [String] {
        guard let stop = plan.statistics.budgetStop, let seconds = options.tourSeconds else { return [] }
        let what = switch stop {
        case .assignmentBound:
            "the assignment bound (the lower bound is that of its duals so far, weaker than the assignment optimum)"
        case .columnGeneration: "the column generation (no exact pricing ran: the lower bound is the assignment bound)"
        case .exactPricing: "the exact pricing (the lower bound is that of its last complete round)"
        case .dive: "the dive through the relaxation (the rest of the plan was fixed in one step)"
        case .search: "the local search"
        }
        let gap = JSONValue.format(100 * plan.gap, decimals: 2)
        return [
            "--tour-seconds \(JSONValue.format(seconds, decimals: 0)) stopped \(what); the plan is proven within \(gap) % "
                + "of the best (lower bound \(JSONValue.format(Double(plan.bound.totalMetres) / 1000, decimals: 1)) km); "
                + "without the budget the gap would be smaller and the run longer, and a stopped run depends on the machine's speed"
        ]
    }

    /// Warnings about the tours: pairs kept although they break the
    /// driving-time rules (`--max-tour 2` keeps the pairing exact).
    static func tourWarnings(_ tours: [MatchReport.Tour]) -> [String] {
        let unlawful = tours.filter { !$0.keepsDrivingRules }
        guard let first = unlawful.first else { return [] }
        return [
            "\(unlawful.count) pair\(unlawful.count == 1 ? "" : "s") (first: \(first.name)) meet their time windows only by breaking "
                + "the driving-time rules of Regulation 561/2006 (breaks, daily driving, daily rest); they are kept because "
                + "--max-tour 2 reports the exact pairing, scheduled with driving and handling only "
                + "(\"keeps_driving_rules\": false). With --max-tour 3 or 4 every tour, pairs included, keeps the rules."
        ]
    }
}
