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

    /// A candidate tour through the shipment: its saving, its cycle, and
    /// the ranks of the other members (for ties).
    private struct Option {
        var saving: Int
        var cycle: TourCycle
        var others: [Int]
    }

    /// The reason shipment `i` is alone.
    func alone(_ i: Int, constraints: inout TourConstraints) -> UnpairedReason {
        guard network.eligible[i] else { return .unreachable }
        var considered = 0, reachable = 0
        var options: [Option] = []
        network.forEachComputedPair(of: i) { j, there, home in
            considered += 1
            guard there >= 0, home >= 0 else { return }
            reachable += 1
            let saving = network.ownMetres[i] + network.ownMetres[j] - there - home
            if saving > 0 { options.append(Option(saving: saving, cycle: TourCycle([i, j]), others: [network.rank[j]])) }
        }
        longerCycles(through: i, from: 3, into: &options)
        if considered > 0 && reachable == 0 && options.isEmpty { return .unreachable }
        return verdict(options, constraints: &constraints)
    }

    /// The reason shipment `i`, in a tour of `size` shipments, is in no
    /// longer one.
    func shorter(_ i: Int, size: Int, constraints: inout TourConstraints) -> UnpairedReason {
        var options: [Option] = []
        longerCycles(through: i, from: size + 1, into: &options)
        return verdict(options, constraints: &constraints)
    }

    /// `no_saving`, `partners_taken`, or the reason of the best option.
    ///
    /// Feasibility comes from the pool where the cycle was checked already;
    /// only the best option's reason is worked out filter by filter (the
    /// scheduler runs once per rotation and filter: with a duration limit
    /// most options are infeasible, and asking each for its reason made the
    /// reasons the slowest part of a run).
    private func verdict(_ options: [Option], constraints: inout TourConstraints) -> UnpairedReason {
        guard !options.isEmpty else { return .noSaving }
        let sorted = options.sorted { a, b in
            a.saving != b.saving ? a.saving > b.saving : a.others.lexicographicallyPrecedes(b.others)
        }
        for o in sorted {
            if pool.id(of: o.cycle) != nil { return .partnersTaken }
            if pool.isKnownInfeasible(o.cycle) { continue }
            if case .feasible = constraints.evaluate(o.cycle, reason: false) { return .partnersTaken }
        }
        guard case .excluded(let reason) = constraints.evaluate(sorted[0].cycle) else {
            preconditionFailure("a cycle found infeasible is feasible when asked for its reason")
        }
        return reason
    }

    /// The cycles of `from … maxTour` shipments through `i` along candidate
    /// arcs (closed by any arc of the table) with a positive saving.
    private func longerCycles(through i: Int, from shortest: Int, into options: inout [Option]) {
        guard shortest <= maxTour, network.eligible[i] else { return }
        let arcs = TourNetwork.CandidateArcs(network: network)
        var path = [i]
        var cost = 0
        func extend() {
            let last = path[path.count - 1]
            arcs.forEachArc(from: last, below: .infinity) { next, metres, _ in
                guard !path.contains(next) else { return }
                path.append(next)
                cost += metres
                if path.count >= shortest, let back = network.leg(next, i)?.metres {
                    let saving = path.reduce(0) { $0 + network.ownMetres[$1] } - cost - back
                    if saving > 0 {
                        options.append(
                            Option(saving: saving, cycle: TourCycle(path), others: path.dropFirst().map { network.rank[$0] }.sorted()))
                    }
                }
                if path.count < maxTour { extend() }
                cost -= metres
                path.removeLast()
            }
        }
        extend()
    }
}
