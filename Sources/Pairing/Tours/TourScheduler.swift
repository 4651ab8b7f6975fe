/// Plans when a truck drives, waits, loads, unloads, breaks and rests on a
/// tour, so that every window is met and, when ``DrivingRules`` apply, every
/// rule of Regulation (EC) No 561/2006 that they model.
///
/// The model (`docs/tours.md` has it in full):
///
/// - The truck starts loading the first shipment at a start time in its
///   pickup window, with a rested driver (the start of a duty period).
/// - At every pickup, loading starts at the later of arrival and
///   `pickup_earliest`, and must start by `pickup_latest`; at every
///   delivery, the truck must *arrive* by `delivery_latest`. Loading and
///   unloading take `handling` seconds each. The return home has no stop.
/// - Without rules this is exactly the pair timing model of
///   `docs/pairing.md` (``TimeWindows/fit``), extended to any number of
///   shipments.
/// - With rules, driving stops for a 45 min break after 4.5 h of driving,
///   for a daily rest when the day's driving reaches 9 h (10 h on up to
///   ``DrivingRules/extendedDaysAllowed`` days), and so that each daily
///   rest is completed within 24 h of the end of the previous one. A break
///   or a daily rest may also be taken on arrival at a stop, absorbing the
///   wait for a window (the time is then a break or rest, not waiting).
///
/// The search is a label-setting algorithm in the manner of A. L. Goel,
/// "Truck driver scheduling in the European Union", *Transportation
/// Science* 44(4), 2010: at each stop it keeps the driver states (clock,
/// driving since the last break, driving today, start of the duty period,
/// extensions and reduced rests used) that no other state dominates, and
/// branches where a choice can matter — break or rest when a limit is
/// reached, the 10 h extension, a reduced or a regular rest, a break or a
/// rest at a stop. Breaks and rests are otherwise taken as late as the
/// limits allow. At most ``labelLimit`` states are kept per stop (the
/// earliest), so a schedule found is always legal, and in rare, contrived
/// cases a legal one might be missed; without rules the search is exact.
///
/// The start: loading the first shipment at its `pickup_earliest`, then at
/// each later start that removes the first wait of the schedule (up to its
/// `pickup_latest`); the feasible schedule with the shortest duration wins,
/// ties to the earlier start. Without a `pickup_earliest` the tour starts
/// just in time for the first window that fixes the clock, or as late as its
/// deadlines allow; with no time at all, the schedule has no clock.
///
/// - Complexity: O(*s* · *L*²) per start for *s* stops and at most *L*
///   states per stop; a few microseconds for tours of 2–4 shipments.
struct TourScheduler {
    let rules: DrivingRules?
    /// Seconds of loading or unloading at every stop.
    let handling: Int
    /// The longest tour, first loading to return home.
    let maxDuration: Int
    /// The most driver states kept per stop.
    static let labelLimit = 24

    /// The start used when the first pickup has no earliest time: far
    /// enough back for every real window, near enough never to overflow.
    static let unanchoredStart = -(1 << 40)

    init(rules: DrivingRules?, handling: Int, maxDurationSeconds: Int? = nil) {
        self.rules = rules
        self.handling = handling
        self.maxDuration = maxDurationSeconds ?? Int.max
    }

    /// A driver state at a point of the tour.
    struct Label {
        var t: Int
        var sinceBreak: Int
        var today: Int
        var dutyStart: Int
        var extendedToday: Bool
        var extendedUsed: Int
        var reducedUsed: Int
        /// The first wait for a window (or wait absorbed by a break or
        /// rest beyond its length), -1 before any.
        var firstWait: Int
        /// How much later every deadline met so far could have been met.
        var slack: Int
        /// The last entry of the schedule in the trail arena, -1 at the start.
        var trail: Int32

        /// Whether `self` is at least as good as `o` in every respect.
        @inline(__always)
        func dominates(_ o: Label) -> Bool {
            t <= o.t && sinceBreak <= o.sinceBreak && today <= o.today && dutyStart >= o.dutyStart
                && reducedUsed <= o.reducedUsed && extendedUsed <= o.extendedUsed
                && (extendedToday || !o.extendedToday || extendedUsed < o.extendedUsed)
        }
    }

    /// One entry of a schedule under construction, linked to the one before.
    struct TrailEntry {
        /// A ``TourSchedule/Activity`` index, or ``arrivalMark``.
        var kind: UInt8
        var start: Int
        var end: Int
        var index: Int32
        var parent: Int32
    }
    static let arrivalMark: UInt8 = 255
    static let activities = TourSchedule.Activity.allCases

    /// The schedule entries of every label built so far (only when recording).
    private var arena: [TrailEntry] = []
    private var recording = false

    // MARK: Public entry points

    /// The schedule of `timeline`, or `nil` when no legal schedule meets
    /// every window (and the duration limit).
    func schedule(_ timeline: TourTimeline) -> TourSchedule? {
        var search = self
        guard let (start, anchored) = search.bestStart(timeline) else { return nil }
        search.recording = true
        guard let label = search.run(timeline, start: start) else {
            assertionFailure("a start found feasible is not")
            return nil
        }
        return search.build(label, timeline: timeline, shift: anchored ? 0 : -start, anchored: anchored)
    }

    /// The duration of the schedule ``schedule(_:)`` would return, or `nil`;
    /// without building it.
    mutating func duration(_ timeline: TourTimeline) -> Int? {
        guard let (start, _) = bestStart(timeline) else { return nil }
        return run(timeline, start: start).map { $0.t - start }
    }

    // MARK: The start

    /// The start of the shortest feasible schedule, and whether the tour has
    /// a clock.
    private mutating func bestStart(_ timeline: TourTimeline) -> (start: Int, anchored: Bool)? {
        precondition(timeline.count > 0, "a tour has a shipment")
        recording = false
        let first = timeline.windows[0]
        var start = first.pickupEarliest == TimeWindows.early ? Self.unanchoredStart : first.pickupEarliest
        var best: (start: Int, duration: Int, slack: Int)?
        for _ in 0...(2 * timeline.count) {
            guard start <= first.pickupLatest, let label = run(timeline, start: start) else { break }
            let duration = label.t - start
            if duration <= maxDuration,
               best == nil || duration < best!.duration || (duration == best!.duration && best!.start == Self.unanchoredStart) {
                best = (start, duration, label.slack)
            }
            guard label.firstWait > 0 else { break }
            start += label.firstWait
        }
        guard let best else {
            // Every start tried was too long or infeasible.
            return nil
        }
        if best.start == Self.unanchoredStart {
            // No window fixed the clock: start as late as the deadlines allow.
            if best.slack < TimeWindows.late / 2 {
                return (best.start + best.slack, true)
            }
            return (best.start, false)
        }
        return (best.start, true)
    }

    // MARK: The label search

    /// The best state at the return home when loading starts at `start`.
    private mutating func run(_ timeline: TourTimeline, start: Int) -> Label? {
        if recording { arena.removeAll(keepingCapacity: true) }
        let k = timeline.count
        var labels = [
            Label(
                t: start, sinceBreak: 0, today: 0, dutyStart: start, extendedToday: false, extendedUsed: 0,
                reducedUsed: 0, firstWait: -1, slack: Int.max, trail: -1)
        ]
        var next: [Label] = []
        for p in 0..<k {
            let w = timeline.windows[p]
            // Pickup (stop 2p): ready at pickup_earliest, start by pickup_latest.
            next.removeAll(keepingCapacity: true)
            for l in labels {
                serve(
                    l, stop: 2 * p, kind: .loading, ready: w.pickupEarliest, latestService: w.pickupLatest,
                    latestArrival: TimeWindows.late, fresh: p == 0, into: &next)
            }
            prune(&next)
            swap(&labels, &next)
            if labels.isEmpty { return nil }
            drive(labels, seconds: timeline.loadedSeconds[p], leg: 2 * p, into: &next)
            swap(&labels, &next)
            // Delivery (stop 2p + 1): arrive by delivery_latest.
            next.removeAll(keepingCapacity: true)
            for l in labels {
                serve(
                    l, stop: 2 * p + 1, kind: .unloading, ready: TimeWindows.early, latestService: TimeWindows.late,
                    latestArrival: w.deliveryLatest, fresh: false, into: &next)
            }
            prune(&next)
            swap(&labels, &next)
            if labels.isEmpty { return nil }
            drive(labels, seconds: timeline.emptySeconds[p], leg: 2 * p + 1, into: &next)
            swap(&labels, &next)
            if labels.isEmpty { return nil }
        }
        var best: Label?
        for var l in labels {
            l.trail = mark(l.trail, stop: 2 * k, at: l.t)
            if let b = best,
               (b.t, b.reducedUsed, b.extendedUsed) <= (l.t, l.reducedUsed, l.extendedUsed) {
                continue
            }
            best = l
        }
        return best
    }

    /// Arrives at a stop with `l`, maybe takes a break or a daily rest
    /// (absorbing the wait), waits for `ready`, and serves the stop.
    private mutating func serve(
        _ l: Label, stop: Int, kind: TourSchedule.Activity, ready: Int, latestService: Int, latestArrival: Int,
        fresh: Bool, into out: inout [Label]
    ) {
        guard l.t <= latestArrival else { return }
        var base = l
        if latestArrival < TimeWindows.late { base.slack = min(base.slack, latestArrival - l.t) }
        base.trail = mark(base.trail, stop: stop, at: l.t)
        // No break or rest.
        var plain = base
        let serviceStart = max(base.t, ready)
        if serviceStart > base.t {
            if plain.firstWait < 0 { plain.firstWait = serviceStart - base.t }
            plain.trail = append(plain.trail, .waiting, base.t, serviceStart, index: stop)
            plain.t = serviceStart
        }
        finishService(plain, stop: stop, kind: kind, latestService: latestService, into: &out)
        guard let rules, !fresh else { return }
        // A break on arrival, as long as the wait if longer.
        if base.sinceBreak > 0 {
            var b = base
            let end = max(base.t + rules.breakSeconds, ready)
            if end - base.t > rules.breakSeconds, b.firstWait < 0 { b.firstWait = end - base.t - rules.breakSeconds }
            b.trail = append(b.trail, .breakPeriod, base.t, end, index: nil)
            b.t = end
            b.sinceBreak = 0
            finishService(b, stop: stop, kind: kind, latestService: latestService, into: &out)
        }
        // A daily rest on arrival, as long as the wait if longer.
        if base.t > base.dutyStart {
            for reduced in [false, true] {
                guard var r = rest(base, reduced: reduced, until: ready, rules: rules) else { continue }
                if r.t - base.t > (reduced ? rules.reducedDailyRestSeconds : rules.dailyRestSeconds), r.firstWait < 0 {
                    r.firstWait = r.t - base.t - (reduced ? rules.reducedDailyRestSeconds : rules.dailyRestSeconds)
                }
                finishService(r, stop: stop, kind: kind, latestService: latestService, into: &out)
            }
        }
    }

    /// Loads or unloads from `l.t` if that is not too late, and checks that
    /// the duty period can still end with a daily rest in time.
    @inline(__always)
    private mutating func finishService(
        _ l: Label, stop: Int, kind: TourSchedule.Activity, latestService: Int, into out: inout [Label]
    ) {
        guard l.t <= latestService else { return }
        var s = l
        if latestService < TimeWindows.late { s.slack = min(s.slack, latestService - l.t) }
        let end = l.t + handling
        if let rules {
            let latestRest = s.dutyStart + rules.restCompletedWithinSeconds - rules.shortestRest(reducedUsed: s.reducedUsed)
            guard end <= latestRest else { return }
        }
        s.trail = append(s.trail, kind, l.t, end, index: stop)
        s.t = end
        out.append(s)
    }

    /// A daily rest from `l.t`, lasting until `until` if that is later;
    /// `nil` when that rest is not allowed now.
    @inline(__always)
    private mutating func rest(_ l: Label, reduced: Bool, until: Int, rules: DrivingRules) -> Label? {
        if reduced && l.reducedUsed >= rules.reducedDailyRestsAllowed { return nil }
        let length = reduced ? rules.reducedDailyRestSeconds : rules.dailyRestSeconds
        guard l.t + length <= l.dutyStart + rules.restCompletedWithinSeconds else { return nil }
        var r = l
        let end = max(l.t + length, until)
        r.trail = append(r.trail, reduced ? .reducedDailyRest : .dailyRest, l.t, end, index: nil)
        r.t = end
        r.sinceBreak = 0
        r.today = 0
        r.dutyStart = end
        r.extendedToday = false
        if reduced { r.reducedUsed += 1 }
        return r
    }

    /// Drives `seconds` from every label, with the breaks and rests the
    /// rules force, branching where a choice can matter.
    private mutating func drive(_ labels: [Label], seconds: Int, leg: Int, into out: inout [Label]) {
        out.removeAll(keepingCapacity: true)
        var stack: [(Label, Int)] = labels.map { ($0, seconds) }
        while let (start, remainingAtStart) = stack.popLast() {
            var l = start
            var remaining = remainingAtStart
            guard let rules else {
                if remaining > 0 {
                    l.trail = append(l.trail, .driving, l.t, l.t + remaining, index: leg)
                    l.t += remaining
                }
                out.append(l)
                continue
            }
            while true {
                let todayLimit = l.extendedToday ? rules.extendedDailyDrivingSeconds : rules.dailyDrivingSeconds
                let toBreak = rules.drivingBeforeBreakSeconds - l.sinceBreak
                let toDaily = todayLimit - l.today
                let latestRest = l.dutyStart + rules.restCompletedWithinSeconds - rules.shortestRest(reducedUsed: l.reducedUsed)
                let toWindow = latestRest - l.t
                if toWindow < 0 { break }
                let chunk = min(remaining, toBreak, toDaily, toWindow)
                if chunk > 0 {
                    l.trail = append(l.trail, .driving, l.t, l.t + chunk, index: leg)
                    l.t += chunk
                    l.sinceBreak += chunk
                    l.today += chunk
                    remaining -= chunk
                }
                if remaining == 0 {
                    out.append(l)
                    break
                }
                if chunk == toWindow || chunk == toDaily {
                    // The day ends here: rest (or extend the day).
                    if chunk == toDaily && chunk != toWindow && !l.extendedToday
                        && l.extendedUsed < rules.extendedDaysAllowed {
                        var e = l
                        e.extendedToday = true
                        e.extendedUsed += 1
                        stack.append((e, remaining))
                    }
                    for reduced in [false, true] {
                        if let r = rest(l, reduced: reduced, until: l.t, rules: rules) { stack.append((r, remaining)) }
                    }
                    break
                }
                // 4.5 h of driving: a break, or a daily rest instead.
                if l.today >= rules.dailyDrivingSeconds / 2 {
                    for reduced in [false, true] {
                        if let r = rest(l, reduced: reduced, until: l.t, rules: rules) { stack.append((r, remaining)) }
                    }
                }
                l.trail = append(l.trail, .breakPeriod, l.t, l.t + rules.breakSeconds, index: nil)
                l.t += rules.breakSeconds
                l.sinceBreak = 0
            }
        }
        prune(&out)
    }

    /// Keeps the labels no other label dominates, at most ``labelLimit``,
    /// earliest first.
    private func prune(_ labels: inout [Label]) {
        guard labels.count > 1 else { return }
        labels.sort { ($0.t, $0.today, $0.sinceBreak) < ($1.t, $1.today, $1.sinceBreak) }
        var kept: [Label] = []
        kept.reserveCapacity(min(labels.count, Self.labelLimit))
        for l in labels {
            if kept.contains(where: { $0.dominates(l) }) { continue }
            kept.append(l)
            if kept.count == Self.labelLimit { break }
        }
        labels = kept
    }

    // MARK: Recording

    @inline(__always)
    private mutating func append(_ trail: Int32, _ activity: TourSchedule.Activity, _ start: Int, _ end: Int, index: Int?) -> Int32 {
        guard recording else { return trail }
        let kind = UInt8(Self.activities.firstIndex(of: activity)!)
        arena.append(TrailEntry(kind: kind, start: start, end: end, index: Int32(index ?? -1), parent: trail))
        return Int32(arena.count - 1)
    }

    @inline(__always)
    private mutating func mark(_ trail: Int32, stop: Int, at t: Int) -> Int32 {
        guard recording else { return trail }
        arena.append(TrailEntry(kind: Self.arrivalMark, start: t, end: t, index: Int32(stop), parent: trail))
        return Int32(arena.count - 1)
    }

    /// The schedule of a label's trail, every time moved by `shift`.
    private func build(_ label: Label, timeline: TourTimeline, shift: Int, anchored: Bool) -> TourSchedule {
        var entries: [TrailEntry] = []
        var x = label.trail
        while x >= 0 {
            entries.append(arena[Int(x)])
            x = arena[Int(x)].parent
        }
        entries.reverse()
        let k = timeline.count
        var stops: [TourSchedule.Stop] = (0...(2 * k)).map { s in
            TourSchedule.Stop(
                kind: s == 2 * k ? .home : (s % 2 == 0 ? .pickup : .delivery), position: s == 2 * k ? 0 : s / 2,
                arrival: 0, serviceStart: 0, departure: 0)
        }
        var periods: [TourSchedule.Period] = []
        for e in entries {
            if e.kind == Self.arrivalMark {
                let s = Int(e.index)
                stops[s].arrival = e.start + shift
                stops[s].serviceStart = e.start + shift
                stops[s].departure = e.start + shift
                continue
            }
            let activity = Self.activities[Int(e.kind)]
            periods.append(
                TourSchedule.Period(
                    activity: activity, start: e.start + shift, end: e.end + shift, index: e.index < 0 ? nil : Int(e.index)))
            if activity == .loading || activity == .unloading {
                stops[Int(e.index)].serviceStart = e.start + shift
                stops[Int(e.index)].departure = e.end + shift
            }
        }
        return TourSchedule(periods: periods, stops: stops, isAnchored: anchored)
    }
}
