/// The rules one tour must keep, and which rotation (where the truck is
/// based) it is driven from.
///
/// A cycle is feasible when every two of its shipments could share a truck
/// (body types, vehicles: ``PairConstraints``), and some rotation — some
/// member whose truck serves the others and comes home — passes, in this
/// order, the successive filters:
///
/// 1. **time windows** (`time_window`): a schedule of driving and handling
///    meets every pickup window and delivery deadline;
/// 2. **driving rules** (`driving_time`): a schedule that also keeps
///    ``DrivingRules`` meets them;
/// 3. **deadhead** (`max_deadhead`): every repositioning leg — every empty
///    leg but the return home — is within ``PairingOptions/maxDeadheadMetres``;
/// 4. **tour length** (`max_tour_km`): loaded and empty legs together within
///    ``TourOptions/maxTourMetres``;
/// 5. **tour duration** (`max_tour_h`): first loading to return home within
///    ``TourOptions/maxTourSeconds``.
///
/// When no rotation is left, the reason is the filter that removed the
/// last ones. Of the rotations left, the one with the least repositioning
/// (the longest return home) is driven, ties to the member with the
/// smallest id. For two shipments, without driving rules and tour limits,
/// this is exactly ``PairConstraints/evaluate(_:_:loadedA:loadedB:abMetres:abSeconds:baMetres:baSeconds:)``.
struct TourConstraints {
    /// The outcome for one cycle.
    enum Outcome: Equatable {
        /// Feasible, driven from member `start` (a position in the cycle).
        case feasible(start: Int)
        case excluded(UnpairedReason)
    }

    let options: TourOptions
    let pair: PairConstraints
    let network: TourNetwork
    private var withRules: TourScheduler
    private var withoutRules: TourScheduler
    private let open: TimeWindows

    init(network: TourNetwork, options: TourOptions) {
        self.options = options
        self.network = network
        pair = PairConstraints(shipments: network.shipments, options: options.pairing)
        withRules = TourScheduler(rules: options.drivingRules, handling: options.pairing.handlingSeconds)
        withoutRules = TourScheduler(rules: nil, handling: options.pairing.handlingSeconds)
        open = TimeWindows(pickupEarliest: TimeWindows.early, pickupLatest: TimeWindows.late, deliveryLatest: TimeWindows.late)
    }

    /// Whether every two members could share a truck, or the reason not.
    func staticReason(_ members: [Int]) -> UnpairedReason? {
        let o = options.pairing
        for x in 0..<members.count {
            for y in (x + 1)..<members.count {
                let a = members[x], b = members[y]
                if !o.ignoreBodyType
                    && !pair.compatible[Int(pair.bodyTypes[a]) * pair.bodyTypeStride + Int(pair.bodyTypes[b])] {
                    return .bodyType
                }
            }
        }
        if o.requireSameVehicle {
            var seen: Int32 = -1
            for a in members {
                let v = pair.vehicles[a]
                if v < 0 { continue }
                if seen >= 0 && v != seen { return .vehicle }
                seen = v
            }
        }
        return nil
    }

    /// The timeline of `cycle` driven from position `start`.
    func timeline(_ cycle: TourCycle, start: Int, emptySeconds: [Int]) -> TourTimeline {
        let k = cycle.count
        var windows: [TimeWindows] = [], loaded: [Int] = [], empty: [Int] = []
        for t in 0..<k {
            let p = (start + t) % k
            let s = cycle[p]
            windows.append(options.pairing.ignoreTimeWindows ? open : pair.windows[s])
            loaded.append(network.loadedSeconds[s])
            empty.append(emptySeconds[p])
        }
        return TourTimeline(windows: windows, loadedSeconds: loaded, emptySeconds: empty)
    }

    /// Checks `cycle`. With `reason == false` an infeasible cycle is
    /// reported as `time_window` without finding which filter removed it.
    mutating func evaluate(_ cycle: TourCycle, reason needReason: Bool = true) -> Outcome {
        let k = cycle.count
        let members = cycle.members
        if let r = staticReason(members) { return .excluded(r) }
        var emptyMetres = [Int](repeating: 0, count: k), emptySeconds = [Int](repeating: 0, count: k)
        for t in 0..<k {
            guard let leg = network.leg(cycle[t], cycle[(t + 1) % k]) else { return .excluded(.unreachable) }
            emptyMetres[t] = leg.metres
            emptySeconds[t] = leg.seconds
        }
        // Arcs where the next shipment cannot follow in time: two of them rule
        // the cycle out, one leaves only the rotation that returns home over it.
        var late = -1
        for t in 0..<k where !network.follows(cycle[t], cycle[(t + 1) % k], seconds: emptySeconds[t]) {
            if late >= 0 { return .excluded(.timeWindow) }
            late = t
        }
        let empty = emptyMetres.reduce(0, +)
        let total = empty + members.reduce(0) { $0 + network.loadedMetres[$1] }
        let tooLong = options.maxTourMetres.map { total > $0 } ?? false
        // Rotation p returns home over the leg into member p.
        let rotations = (0..<k).filter { late < 0 || (late + 1) % k == $0 }.sorted { p, q in
            let rp = empty - emptyMetres[(p + k - 1) % k], rq = empty - emptyMetres[(q + k - 1) % k]
            return rp != rq ? rp < rq : network.rank[cycle[p]] < network.rank[cycle[q]]
        }
        func deadheadOK(_ p: Int) -> Bool {
            guard let limit = options.pairing.maxDeadheadMetres else { return true }
            for t in 0..<(k - 1) where emptyMetres[(p + t) % k] > limit { return false }
            return true
        }
        // Without windows and a duration limit, any order can be driven legally.
        let untimed = options.pairing.ignoreTimeWindows && options.maxTourSeconds == nil
        if !tooLong {
            for p in rotations where deadheadOK(p) {
                if untimed { return .feasible(start: p) }
                if let d = withRules.duration(timeline(cycle, start: p, emptySeconds: emptySeconds)),
                   d <= options.maxTourSeconds ?? Int.max {
                    return .feasible(start: p)
                }
            }
        }
        guard needReason else { return .excluded(.timeWindow) }
        var left = rotations.filter { withoutRules.duration(timeline(cycle, start: $0, emptySeconds: emptySeconds)) != nil }
        if left.isEmpty { return .excluded(.timeWindow) }
        var durations: [Int: Int] = [:]
        left = left.filter { p in
            guard let d = withRules.duration(timeline(cycle, start: p, emptySeconds: emptySeconds)) else { return false }
            durations[p] = d
            return true
        }
        if left.isEmpty { return .excluded(.drivingTime) }
        left = left.filter(deadheadOK)
        if left.isEmpty { return .excluded(.maxDeadhead) }
        if tooLong { return .excluded(.maxTourKm) }
        left = left.filter { durations[$0]! <= options.maxTourSeconds ?? Int.max }
        if left.isEmpty { return .excluded(.maxTourH) }
        assertionFailure("a cycle passing every filter was not found feasible")
        return .feasible(start: left[0])
    }

    /// The schedule of `cycle` driven from position `start` (feasible).
    func schedule(_ cycle: TourCycle, start: Int) -> TourSchedule? {
        let k = cycle.count
        let seconds = (0..<k).map { t in network.leg(cycle[t], cycle[(t + 1) % k])?.seconds ?? 0 }
        return withRules.schedule(timeline(cycle, start: start, emptySeconds: seconds))
    }
}
