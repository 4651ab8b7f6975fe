extension PairingProblem {
    /// Chains shipments into tours of at most ``TourOptions/maxTour``
    /// shipments so that the empty metres are as few as the search finds,
    /// under every rule of `options`, and proves how far that can be from
    /// the best plan.
    ///
    /// 1. The optimal pairing (tours of 2) by maximum-weight matching.
    /// 2. With `maxTour ≥ 3`: the linear relaxation over feasible cycles,
    ///    with columns generated from the candidate arcs and priced exactly
    ///    over the whole table (``TourRelaxation``), which gives the lower
    ///    bound; then a large-neighbourhood search over its cycles, starting
    ///    from the pairing (``TourSearch``).
    /// 3. Each tour's rotation and schedule (``TourConstraints``,
    ///    ``TourSchedule``), and the reason for every shipment alone or in a
    ///    shorter tour (``TourReasons``).
    ///
    /// The plan is never worse than the optimal pairing; with `maxTour == 2`
    /// it is the optimal pairing (the same total saving as
    /// ``pair(options:)`` when the driving rules do not bind).
    ///
    /// - Precondition: `options.problem == nil`.
    /// - Complexity: O(*n*·*k*^(*K*−1)) cycle generation over *k* candidate
    ///   arcs per shipment, plus the pricing over the table (O(*n*²) for a
    ///   dense one); see `docs/tours.md` for measured times.
    public func tours(options: TourOptions = TourOptions()) -> TourResult {
        precondition(options.problem == nil, options.problem ?? "")
        var network = TourNetwork(problem: self, options: options)
        var constraints = TourConstraints(network: network, options: options)
        var pool = CyclePool()
        var search = TourSearch(network: network, pool: &pool, constraints: &constraints)
        var statistics = TourStatistics()
        statistics.candidatePairs = search.candidatePairs
        statistics.candidateArcs = network.candidateHead.count
        let bound: TourBound
        var loaded = 0
        for i in 0..<network.count where network.eligible[i] { loaded += network.loadedMetres[i] }
        if options.maxTour >= 3 {
            pool.reindex(count: network.count)
            var relaxation = TourRelaxation(network: network, pool: pool, constraints: &constraints, maxTour: options.maxTour)
            pool = relaxation.pool
            network = relaxation.network
            let dive = relaxation.dive()
            search.adopt(dive.tourOf, emptyMetres: dive.emptyMetres)
            let searchDuals = relaxation.poolFeasibleDuals()
            search.improve(pool: pool, pi: searchDuals, maxRounds: options.searchRounds)
            if network.eligibleCount <= TourSearch.provingSize {
                // Small enough to prove: every column an optimal plan could use,
                // then one exact search over all of them.
                let complete = relaxation.completePool(upperBound: search.emptyMetres, constraints: &constraints)
                pool = relaxation.pool
                if search.resolveAll(pool: pool, pi: complete, nodeLimit: TourSearch.provingNodeLimit) {
                    relaxation.proveOptimal(emptyMetres: search.emptyMetres)
                }
            }
            bound = TourBound(
                assignmentEmptyMetres: relaxation.assignmentBound, cycleEmptyMetres: relaxation.cycleBound,
                scope: .table, loadedMetres: loaded)
            statistics.dualSteps = relaxation.steps
            statistics.assignmentArcsAdded = relaxation.assignment.addedArcs
            statistics.negativeCyclesLeft = relaxation.negativeCyclesLeft
        } else {
            bound = TourBound(
                assignmentEmptyMetres: search.emptyMetres, cycleEmptyMetres: search.emptyMetres, scope: .table,
                loadedMetres: loaded)
        }
        statistics.cyclesChecked = pool.checked
        statistics.cyclesInPool = pool.count
        statistics.searchRounds = search.rounds
        statistics.searchImprovements = search.improvements

        // The tours, their schedules, and the reasons.
        let reasons = TourReasons(network: network, maxTour: options.maxTour)
        var tours: [(key: Int, tour: Tour)] = []
        var unpaired: [UnpairedShipment] = []
        var shorter: [UnpairedShipment] = []
        var emptyBefore = 0
        for i in network.order {
            if network.eligible[i] { emptyBefore += network.ownMetres[i] }
            let t = search.tourOf[i]
            guard t >= 0 else {
                unpaired.append(UnpairedShipment(index: i, reason: reasons.alone(i, constraints: &constraints)))
                continue
            }
            let cycle = pool.cycles[Int(t)]
            if cycle.count < options.maxTour {
                shorter.append(
                    UnpairedShipment(index: i, reason: reasons.shorter(i, size: cycle.count, constraints: &constraints)))
            }
            // Build each tour once, at its member with the smallest id.
            let members = cycle.members
            guard members.allSatisfy({ network.rank[$0] >= network.rank[i] }) else { continue }
            tours.append((network.rank[i], makeTour(cycle, start: Int(pool.starts[Int(t)]), network: network, constraints: constraints)))
        }
        let emptyAfter = emptyBefore - tours.reduce(0) { $0 + $1.tour.savingMetres }
        assert(emptyAfter == search.emptyMetres, "the tours and the search disagree")
        return TourResult(
            tours: tours.map(\.tour), unpaired: unpaired, inShorterTours: shorter, emptyMetresBefore: emptyBefore,
            emptyMetresAfter: emptyAfter, loadedMetres: loaded, pairingEmptyMetres: search.pairingEmptyMetres,
            bound: bound, maxTour: options.maxTour, statistics: statistics)
    }

    /// The tour of `cycle` driven from position `start`.
    private func makeTour(_ cycle: TourCycle, start: Int, network: TourNetwork, constraints: TourConstraints) -> Tour {
        let k = cycle.count
        var order: [Int] = []
        var legs: [Tour.Leg] = []
        for t in 0..<k {
            let s = cycle[(start + t) % k], next = cycle[(start + t + 1) % k]
            order.append(s)
            legs.append(Tour.Leg(kind: .loaded, from: s, to: s, metres: network.loadedMetres[s], seconds: network.loadedSeconds[s]))
            let empty = network.leg(s, next)!
            legs.append(Tour.Leg(kind: .empty, from: s, to: next, metres: empty.metres, seconds: empty.seconds))
        }
        guard let schedule = constraints.schedule(cycle, start: start) else {
            preconditionFailure("a feasible tour has no schedule")
        }
        return Tour(
            shipments: order, legs: legs, schedule: schedule,
            emptyMetresBefore: order.reduce(0) { $0 + network.ownMetres[$1] })
    }
}
