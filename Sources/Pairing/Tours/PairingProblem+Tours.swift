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
    /// it is the optimal pairing (the same pairs as ``pair(options:)``; a
    /// pair whose windows can only be met by breaking the driving rules is
    /// kept, scheduled without them, and says so in
    /// ``Tour/keepsDrivingRules``).
    ///
    /// - Precondition: `options.problem == nil`.
    /// - Complexity: O(*n*·*k*^(*K*−1)) cycle generation over *k* candidate
    ///   arcs per shipment, plus the pricing over the table (O(*n*²) for a
    ///   dense one); see `docs/tours.md` for measured times.
    public func tours(options: TourOptions = TourOptions()) -> TourResult {
        precondition(options.problem == nil, options.problem ?? "")
        let deadline = TourDeadline(seconds: options.seconds)
        let network = TourNetwork(problem: self, options: options)
        do {
            return try TourPlanner.plan(network: network, options: options, pairing: nil, deadline: deadline)
        } catch {
            // Only legs on demand can fail; a table has every leg.
            preconditionFailure("tours over a table failed: \(error)")
        }
    }

}

extension TourPlanner {
    /// The tour of `cycle` driven from position `start`, scheduled under
    /// `lawful`'s driving rules when it can be, else under `constraints`'
    /// (a pair of `maxTour == 2`, which keeps the pairing).
    static func makeTour(
        _ cycle: TourCycle, start: Int, network: TourNetwork, constraints: TourConstraints, lawful: TourConstraints
    ) -> Tour {
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
        let lawfulSchedule = lawful.schedule(cycle, start: start)
        guard let schedule = lawfulSchedule ?? constraints.schedule(cycle, start: start) else {
            preconditionFailure("a feasible tour has no schedule")
        }
        return Tour(
            shipments: order, legs: legs, schedule: schedule,
            emptyMetresBefore: order.reduce(0) { $0 + network.ownMetres[$1] },
            keepsDrivingRules: lawfulSchedule != nil || lawful.options.drivingRules == nil)
    }
}
