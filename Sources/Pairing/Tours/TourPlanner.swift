/// One tour planning run over a ``TourNetwork``, shared by
/// ``PairingProblem/tours(options:)`` (legs from a table) and
/// ``SpatialPairingProblem/tours(options:progress:)`` (legs on demand):
/// start, relaxation and bound, search, then the tours with their schedules
/// and the reasons.
enum TourPlanner {
    /// Under a time budget (``TourOptions/seconds``), the relaxation may use
    /// this share of it and the dive may end by ``diveShare``; the search has
    /// the rest. (On national-20,000 with 300 s the relaxation alone took
    /// the whole budget, and the plan stayed the pairing.)
    static let relaxationShare = 0.5
    static let diveShare = 0.7

    /// Plans tours on `network`.
    ///
    /// - Parameter pairing: the certified pairing to start from (legs on
    ///   demand); `nil` to compute the exact pairing over the computed pairs.
    /// - Throws: ``PairingError/legs(_:)`` when legs on demand fail.
    /// - Parameter deadline: the time budget (``TourOptions/seconds``),
    ///   started by the caller before it built `start`.
    static func plan(
        network start: TourNetwork, options: TourOptions, pairing: PairingResult?, deadline: TourDeadline
    ) throws(PairingError) -> TourResult {
        var network = start
        // With `maxTour == 2` the plan is the pairing exactly: the driving
        // rules, which the pairing does not know, are checked on every pair's
        // schedule and reported (``Tour/keepsDrivingRules``), not enforced.
        var planOptions = options
        if options.maxTour == 2 { planOptions.drivingRules = nil }
        var constraints = TourConstraints(network: network, options: planOptions)
        var pool = CyclePool()
        var search: TourSearch
        if let pairing {
            search = TourSearch(network: network, pairs: pairing.pairs.map { ($0.a, $0.b) }, pool: &pool, constraints: &constraints)
        } else {
            search = TourSearch(network: network, pool: &pool, constraints: &constraints)
        }
        var statistics = TourStatistics()
        var lap = 0.0
        func phase(_ name: String) {
            let now = deadline.elapsed
            statistics.phaseSeconds.append((name, now - lap))
            lap = now
        }
        phase("network")
        statistics.candidatePairs = search.candidatePairs
        var loaded = 0, emptyBefore = 0
        for i in 0..<network.count where network.eligible[i] {
            loaded += network.loadedMetres[i]
            emptyBefore += network.ownMetres[i]
        }
        let assignmentBound: Int, cycleBound: Int
        if options.maxTour >= 3 {
            pool.reindex(count: network.count)
            var relaxation = try TourRelaxation(
                network: network, pool: pool, constraints: &constraints, maxTour: options.maxTour,
                threads: options.pairing.threads, deadline: deadline.portion(Self.relaxationShare))
            pool = relaxation.pool
            network = relaxation.network
            statistics.phaseSeconds.append(("assignment", relaxation.assignmentSeconds))
            lap += relaxation.assignmentSeconds
            phase("relaxation")
            let dive = relaxation.dive(deadline: deadline.portion(Self.diveShare), fallback: search.tourOf)
            search.adopt(dive.tourOf, emptyMetres: dive.emptyMetres)
            phase("dive")
            search.improve(pool: pool, pi: relaxation.poolFeasibleDuals(), maxRounds: options.searchRounds, deadline: deadline)
            phase("search")
            statistics.budgetStop = relaxation.budgetStop ?? (search.stoppedByBudget ? .search : nil)
            if network.eligibleCount <= TourSearch.provingSize {
                // Small enough to prove: every column an optimal plan could use,
                // then one exact search over all of them.
                let complete = try relaxation.completePool(upperBound: search.emptyMetres, constraints: &constraints)
                pool = relaxation.pool
                if search.resolveAll(pool: pool, pi: complete, nodeLimit: TourSearch.provingNodeLimit) {
                    relaxation.proveOptimal(emptyMetres: search.emptyMetres)
                }
            }
            assignmentBound = relaxation.assignmentBound
            cycleBound = relaxation.cycleBound
            statistics.dualSteps = relaxation.steps
            statistics.assignmentArcsAdded = relaxation.assignment.addedArcs
            statistics.negativeCyclesLeft = relaxation.negativeCyclesLeft
        } else if let pairing {
            // The pairing's own proof: certified, or a bound on its saving.
            switch pairing.optimality {
            case .bounded(let maximumSaving): assignmentBound = emptyBefore - maximumSaving
            case .certified: assignmentBound = pairing.emptyMetresAfter
            // A greedy pairing proves nothing: only the trivial bound.
            case .notOptimal: assignmentBound = 0
            }
            cycleBound = assignmentBound
        } else {
            // The matching is exact.
            assignmentBound = search.emptyMetres
            cycleBound = search.emptyMetres
        }
        statistics.candidateArcs = network.candidateHead.count
        statistics.cyclesChecked = pool.checked
        statistics.cyclesInPool = pool.count
        statistics.searchRounds = search.rounds
        statistics.searchImprovements = search.improvements
        statistics.legsComputed = network.legsComputed

        // The tours, their schedules, and the reasons.
        let lawful = options.maxTour == 2 ? TourConstraints(network: network, options: options) : constraints
        let reasons = TourReasons(network: network, maxTour: options.maxTour, pool: pool)
        var pairingReasons: [Int: UnpairedReason] = [:]
        for u in pairing?.unpaired ?? [] { pairingReasons[u.index] = u.reason }
        var tours: [Tour] = []
        var unpaired: [UnpairedShipment] = []
        var shorter: [UnpairedShipment] = []
        var reasonSeconds = 0.0
        for i in network.order {
            let t = search.tourOf[i]
            guard t >= 0 else {
                let reason: UnpairedReason
                if let theirs = pairingReasons[i], options.maxTour == 2 {
                    // Tours of 2 are the pairing: its reason stands.
                    reason = theirs
                } else {
                    let t0 = deadline.elapsed
                    let alone = reasons.alone(i, constraints: &constraints)
                    reasonSeconds += deadline.elapsed - t0
                    // The certified pairing looked at every pair, the candidates at some.
                    if let theirs = pairingReasons[i], alone == .noSaving || alone == .unreachable {
                        reason = theirs
                    } else {
                        reason = alone
                    }
                }
                unpaired.append(UnpairedShipment(index: i, reason: reason))
                continue
            }
            let cycle = pool.cycles[Int(t)]
            if cycle.count < options.maxTour {
                let t0 = deadline.elapsed
                shorter.append(
                    UnpairedShipment(index: i, reason: reasons.shorter(i, size: cycle.count, constraints: &constraints)))
                reasonSeconds += deadline.elapsed - t0
            }
            // Build each tour once, at its member with the smallest id.
            guard cycle.members.allSatisfy({ network.rank[$0] >= network.rank[i] }) else { continue }
            tours.append(makeTour(cycle, start: Int(pool.starts[Int(t)]), network: network, constraints: constraints, lawful: lawful))
        }
        phase("tours")
        statistics.phaseSeconds[statistics.phaseSeconds.count - 1].seconds -= reasonSeconds
        statistics.phaseSeconds.append(("reasons", reasonSeconds))
        let emptyAfter = emptyBefore - tours.reduce(0) { $0 + $1.savingMetres }
        assert(emptyAfter == search.emptyMetres, "the tours and the search disagree")
        let scope: TourBound.Scope = network.space == nil ? .table : .allLegs
        return TourResult(
            tours: tours, unpaired: unpaired, inShorterTours: shorter, emptyMetresBefore: emptyBefore,
            emptyMetresAfter: emptyAfter, loadedMetres: loaded, pairingEmptyMetres: search.pairingEmptyMetres,
            bound: TourBound(
                assignmentEmptyMetres: assignmentBound, cycleEmptyMetres: cycleBound, scope: scope, loadedMetres: loaded),
            maxTour: options.maxTour, statistics: statistics)
    }
}
