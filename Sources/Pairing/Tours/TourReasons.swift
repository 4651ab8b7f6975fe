/// Why a shipment is alone, or in a tour shorter than `maxTour`, in the
/// words of the contract's unpaired reasons (``UnpairedReason``).
///
/// A shipment alone gets, in this order of precedence:
///
/// 1. `unreachable` — its own loaded leg or return has no route, or every
///    partner whose cross legs were computed is cut off from it (as for
///    pairs);
/// 2. `no_saving` — no feasible-or-not tour through it saves anything: no
///    pair (over every pair of the table, as for pairs) and no longer cycle
///    (over the candidate arcs) with a positive saving;
/// 3. `partners_taken` — some such tour passes every rule, but the plan
///    saves more without it;
/// 4. otherwise the rule that excluded its best-saving tour (ties: the tour
///    whose other members have the smallest ids), by the filters of
///    ``TourConstraints``: `body_type`, `vehicle`, `time_window`,
///    `driving_time`, `max_deadhead`, `max_tour_km`, `max_tour_h`.
///
/// A shipment in a tour of `s < maxTour` shipments gets the same reasons
/// over the longer cycles (`s + 1 … maxTour` shipments) through it:
/// `no_saving`, `partners_taken`, or the rule that excluded the best one.
/// With `maxTour == 2` and no driving rules, the reasons of shipments alone
/// are exactly those of ``PairingProblem/pair(options:)``.
struct TourReasons {
    let network: TourNetwork
    let maxTour: Int
    /// The cycles already checked (feasible or not) with the same constraints.
    let pool: CyclePool

    /// The options (tours through one shipment with a positive saving) as
    /// they are found: the best-saving one (its reason is the verdict when
    /// none is feasible), and those whose feasibility is not known yet.
    ///
    /// The verdict is `partners_taken` as soon as *any* option is feasible,
    /// whatever its saving, so the scan stops at the first option the pool
    /// holds, and options that cannot be feasible — found infeasible before,
    /// or with two arcs that fail ``TourTiming`` — are never scheduled.
    private struct Scan {
        var best: (saving: Int, cycle: TourCycle, others: [Int])?
        var open: [(saving: Int, cycle: TourCycle)] = []
        var isEmpty: Bool { best == nil }

        /// Offers the option `cycle` of `saving` (> 0); returns whether the
        /// pool knows it feasible (the verdict is then `partners_taken`).
        mutating func offer(_ cycle: TourCycle, saving: Int, reasons: TourReasons) -> Bool {
            if let b = best, saving < b.saving {
                // Not the best: only its feasibility matters.
            } else {
                let others = (0..<cycle.count).compactMap { t -> Int? in
                    let m = cycle[t]
                    return m == reasons.focus ? nil : reasons.network.rank[m]
                }.sorted()
                if let b = best, saving == b.saving, !others.lexicographicallyPrecedes(b.others) {
                    // A tie lost to the smaller ids.
                } else {
                    best = (saving, cycle, others)
                }
            }
            if reasons.pool.id(of: cycle) != nil { return true }
            if reasons.pool.isKnownInfeasible(cycle) || reasons.lateArcs(cycle) >= 2 { return false }
            open.append((saving, cycle))
            return false
        }

        /// `no_saving`, `partners_taken`, or the reason of the best option.
        ///
        /// Only the open options are scheduled, the best-saving first, until
        /// one is feasible; only the best option's reason is worked out
        /// filter by filter (the scheduler runs once per rotation and filter:
        /// with a duration limit most options are infeasible, and asking
        /// each for its reason made the reasons the slowest part of a run).
        mutating func verdict(constraints: inout TourConstraints) -> UnpairedReason {
            guard let best else { return .noSaving }
            open.sort { $0.saving > $1.saving }
            for o in open {
                if case .feasible = constraints.evaluate(o.cycle, reason: false) { return .partnersTaken }
            }
            guard case .excluded(let reason) = constraints.evaluate(best.cycle) else {
                preconditionFailure("a cycle found infeasible is feasible when asked for its reason")
            }
            return reason
        }
    }

    /// The shipment whose reason is being found (for the tie rule).
    private var focus = -1

    init(network: TourNetwork, maxTour: Int, pool: CyclePool) {
        self.network = network
        self.maxTour = maxTour
        self.pool = pool
    }

    /// The arcs of `cycle` along which the next shipment cannot follow in
    /// time (``TourNetwork/follows(_:_:seconds:)``); two make it infeasible.
    private func lateArcs(_ cycle: TourCycle) -> Int {
        guard network.timing != nil else { return 0 }
        var late = 0
        for t in 0..<cycle.count {
            let x = cycle[t], y = cycle[(t + 1) % cycle.count]
            guard let l = network.leg(x, y) else { return 0 }
            if !network.follows(x, y, seconds: l.seconds) { late += 1 }
        }
        return late
    }

    /// The reason shipment `i` is alone.
    func alone(_ i: Int, constraints: inout TourConstraints) -> UnpairedReason {
        guard network.eligible[i] else { return .unreachable }
        var reasons = self
        reasons.focus = i
        var considered = 0, reachable = 0
        var scan = Scan()
        var taken = false
        network.forEachComputedPair(of: i) { j, there, home in
            considered += 1
            guard there >= 0, home >= 0 else { return }
            reachable += 1
            let saving = network.ownMetres[i] + network.ownMetres[j] - there - home
            if saving > 0 && !taken { taken = scan.offer(TourCycle(i, j), saving: saving, reasons: reasons) }
        }
        if taken { return .partnersTaken }
        if reasons.longerCycles(through: i, from: 3, into: &scan) { return .partnersTaken }
        if considered > 0 && reachable == 0 && scan.isEmpty { return .unreachable }
        return scan.verdict(constraints: &constraints)
    }

    /// The reason shipment `i`, in a tour of `size` shipments, is in no
    /// longer one.
    func shorter(_ i: Int, size: Int, constraints: inout TourConstraints) -> UnpairedReason {
        var reasons = self
        reasons.focus = i
        var scan = Scan()
        if reasons.longerCycles(through: i, from: size + 1, into: &scan) { return .partnersTaken }
        return scan.verdict(constraints: &constraints)
    }

    /// Offers the cycles of `from … maxTour` shipments through `i` along
    /// candidate arcs (closed by any arc of the table) with a positive
    /// saving; returns `true` at the first the pool holds (feasible).
    private func longerCycles(through i: Int, from shortest: Int, into scan: inout Scan) -> Bool {
        guard shortest <= maxTour, network.eligible[i] else { return false }
        let arcs = TourNetwork.CandidateArcs(network: network)
        var path = [i]
        var own = network.ownMetres[i]
        var cost = 0
        var taken = false
        func extend() {
            let last = path[path.count - 1]
            arcs.forEachArc(from: last, below: .infinity) { next, metres, _ in
                guard !taken, !path.contains(next) else { return }
                path.append(next)
                cost += metres
                own += network.ownMetres[next]
                if path.count >= shortest, let back = network.leg(next, i)?.metres {
                    let saving = own - cost - back
                    if saving > 0 { taken = scan.offer(TourCycle(path), saving: saving, reasons: self) }
                }
                if path.count < maxTour { extend() }
                own -= network.ownMetres[next]
                cost -= metres
                path.removeLast()
            }
        }
        extend()
        return taken
    }
}
