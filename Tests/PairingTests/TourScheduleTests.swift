import Testing
@testable import Pairing

/// Hand-made schedules under Regulation (EC) No 561/2006: a tour that needs a
/// 45 min break, one that needs a daily rest, the 10 h extension, rests
/// taken while waiting for a window, and the checks every schedule passes.
@Suite struct TourScheduleTests {
    static let h = 3600
    static let m = 60
    static let t0 = 1_800_000_000

    /// A tour from legs in minutes; windows in hours after `t0` (`nil`:
    /// missing).
    static func timeline(
        loaded: [Int], empty: [Int], pickup: [(Double?, Double?)]? = nil, delivery: [Double?]? = nil
    ) -> TourTimeline {
        let k = loaded.count
        let windows = (0..<k).map { p -> TimeWindows in
            let (pe, pl) = pickup?[p] ?? (nil, nil)
            let dl = delivery?[p] ?? nil
            return TimeWindows(
                pickupEarliest: pe.map { t0 + Int($0 * 3600) } ?? TimeWindows.early,
                pickupLatest: pl.map { t0 + Int($0 * 3600) } ?? TimeWindows.late,
                deliveryLatest: dl.map { t0 + Int($0 * 3600) } ?? TimeWindows.late)
        }
        return TourTimeline(windows: windows, loadedSeconds: loaded.map { $0 * m }, emptySeconds: empty.map { $0 * m })
    }

    /// Checks what every legal schedule satisfies: contiguous periods, the
    /// driving of each leg adding up, at most 4.5 h of driving between
    /// breaks or rests, at most 9 h (10 h on at most two days) between daily
    /// rests, rests of at least 9 h, each completed within 24 h of the end of
    /// the previous one (or of the start), loading and unloading `handling`.
    static func checkLegal(_ s: TourSchedule, _ tl: TourTimeline, rules: DrivingRules, handling: Int) {
        var t = s.start
        var sinceBreak = 0, today = 0, dutyStart = s.start, extended = 0, reduced = 0
        var legDriving = [Int](repeating: 0, count: 2 * tl.count)
        for p in s.periods {
            #expect(p.start == t, "gap or overlap at \(p)")
            #expect(p.end >= p.start)
            t = p.end
            switch p.activity {
            case .driving:
                legDriving[p.index!] += p.seconds
                sinceBreak += p.seconds
                today += p.seconds
                #expect(sinceBreak <= rules.drivingBeforeBreakSeconds, "4.5 h without a break")
                if today > rules.dailyDrivingSeconds && (today - p.seconds) <= rules.dailyDrivingSeconds { extended += 1 }
                #expect(today <= rules.extendedDailyDrivingSeconds)
            case .breakPeriod:
                #expect(p.seconds >= rules.breakSeconds)
                sinceBreak = 0
            case .dailyRest, .reducedDailyRest:
                let minimum = p.activity == .dailyRest ? rules.dailyRestSeconds : rules.reducedDailyRestSeconds
                #expect(p.seconds >= minimum)
                #expect(p.start + minimum <= dutyStart + rules.restCompletedWithinSeconds, "rest not completed within 24 h")
                if p.activity == .reducedDailyRest { reduced += 1 }
                sinceBreak = 0
                today = 0
                dutyStart = p.end
            case .loading, .unloading:
                #expect(p.seconds == handling)
            case .waiting:
                break
            }
        }
        #expect(t == s.end)
        #expect(extended <= rules.extendedDaysAllowed)
        #expect(reduced <= rules.reducedDailyRestsAllowed)
        for p in 0..<tl.count {
            #expect(legDriving[2 * p] == tl.loadedSeconds[p])
            #expect(legDriving[2 * p + 1] == tl.emptySeconds[p])
        }
    }

    @Test func aTourThatNeedsA45MinuteBreak() throws {
        // 3 h loaded, 1 h empty, 1 h loaded, 30 min home: 5.5 h of driving.
        let tl = Self.timeline(loaded: [180, 60], empty: [60, 30])
        let scheduler = TourScheduler(rules: .eu561, handling: 45 * Self.m)
        let s = try #require(scheduler.schedule(tl))
        Self.checkLegal(s, tl, rules: .eu561, handling: 45 * Self.m)
        #expect(s.count(of: .breakPeriod) == 1)
        #expect(s.seconds(of: .breakPeriod) == 45 * Self.m)
        #expect(s.count(of: .dailyRest) + s.count(of: .reducedDailyRest) == 0)
        // The break comes after exactly 4.5 h of driving, inside the second loaded leg.
        let breakIndex = try #require(s.periods.firstIndex { $0.activity == .breakPeriod })
        let before = s.periods[..<breakIndex].filter { $0.activity == .driving }.reduce(0) { $0 + $1.seconds }
        #expect(before == 270 * Self.m)
        #expect(s.periods[breakIndex - 1].index == 2)
        // 5.5 h driving + 4 × 45 min handling + 45 min break.
        #expect(s.durationSeconds == 330 * Self.m + 4 * 45 * Self.m + 45 * Self.m)
        #expect(!s.isAnchored)
        #expect(s.start == 0)
    }

    @Test func withoutRulesThereIsNoBreak() throws {
        let tl = Self.timeline(loaded: [180, 60], empty: [60, 30])
        let scheduler = TourScheduler(rules: nil, handling: 45 * Self.m)
        let s = try #require(scheduler.schedule(tl))
        #expect(s.count(of: .breakPeriod) == 0)
        #expect(s.durationSeconds == 330 * Self.m + 4 * 45 * Self.m)
    }

    @Test func aTourThatNeedsADailyRest() throws {
        // 5 h + 2 h + 4 h + 1 h = 12 h of driving: more than a day.
        let tl = Self.timeline(loaded: [300, 240], empty: [120, 60])
        var regular = DrivingRules.eu561
        regular.reducedDailyRestsAllowed = 0
        let scheduler = TourScheduler(rules: regular, handling: 30 * Self.m)
        let s = try #require(scheduler.schedule(tl))
        Self.checkLegal(s, tl, rules: regular, handling: 30 * Self.m)
        #expect(s.count(of: .dailyRest) == 1)
        #expect(s.seconds(of: .dailyRest) == 11 * Self.h)
        #expect(s.longestDailyDrivingSeconds <= 9 * Self.h)
        // The reduced rest is two hours shorter, and the scheduler uses it when allowed.
        let reducedScheduler = TourScheduler(rules: .eu561, handling: 30 * Self.m)
        let r = try #require(reducedScheduler.schedule(tl))
        Self.checkLegal(r, tl, rules: .eu561, handling: 30 * Self.m)
        #expect(r.count(of: .reducedDailyRest) == 1 && r.count(of: .dailyRest) == 0)
        #expect(r.durationSeconds == s.durationSeconds - 2 * Self.h)
    }

    @Test func theTenHourExtension() throws {
        // 9.5 h of driving in all: one day with the extension, two without.
        let tl = Self.timeline(loaded: [240, 180], empty: [60, 90])
        let nine = TourScheduler(rules: DrivingRules(dailyDrivingHours: 9), handling: 15 * Self.m)
        let ten = TourScheduler(rules: DrivingRules(dailyDrivingHours: 10), handling: 15 * Self.m)
        let s9 = try #require(nine.schedule(tl))
        let s10 = try #require(ten.schedule(tl))
        Self.checkLegal(s9, tl, rules: DrivingRules(dailyDrivingHours: 9), handling: 15 * Self.m)
        Self.checkLegal(s10, tl, rules: DrivingRules(dailyDrivingHours: 10), handling: 15 * Self.m)
        #expect(s9.count(of: .dailyRest) + s9.count(of: .reducedDailyRest) == 1)
        #expect(s10.count(of: .dailyRest) + s10.count(of: .reducedDailyRest) == 0)
        #expect(s10.longestDailyDrivingSeconds == 570 * Self.m)
        #expect(s10.count(of: .breakPeriod) == 2)
        // 9.5 h of driving before the second delivery, due 14 h after the
        // start: only the 10 h day meets it.
        let deadline = Self.timeline(
            loaded: [270, 240], empty: [60, 30], pickup: [(0, 1), (nil, nil)], delivery: [nil, 14])
        #expect(nine.schedule(deadline) == nil)
        let d10 = try #require(ten.schedule(deadline))
        #expect(d10.isAnchored)
        #expect(d10.start == Self.t0)
        #expect(d10.stops[3].arrival <= Self.t0 + 14 * Self.h)
    }

    @Test func aLongWaitBecomesTheDailyRest() throws {
        // Load at 06:00, 8 h of driving to the second origin by 16:00 (with
        // handling and a break), whose window opens at 06:00 next day: the
        // driver rests there, so the next 8 h of driving need no rest.
        let tl = Self.timeline(
            loaded: [240, 240], empty: [240, 240], pickup: [(6, 7), (30, 31)])
        let scheduler = TourScheduler(rules: .eu561, handling: 30 * Self.m)
        let s = try #require(scheduler.schedule(tl))
        Self.checkLegal(s, tl, rules: .eu561, handling: 30 * Self.m)
        #expect(s.stops[2].serviceStart == Self.t0 + 30 * Self.h)
        let rests = s.periods.filter { $0.activity == .dailyRest || $0.activity == .reducedDailyRest }
        #expect(rests.count == 1)
        #expect(rests.first?.end == Self.t0 + 30 * Self.h)
        #expect(s.count(of: .waiting) == 0)
    }

    @Test func windowsThatCannotBeMet() {
        // The second pickup closes before the truck can get there.
        let tl = Self.timeline(loaded: [120, 60], empty: [60, 60], pickup: [(0, 1), (0, 3)])
        let scheduler = TourScheduler(rules: .eu561, handling: 45 * Self.m)
        #expect(scheduler.schedule(tl) == nil)
        let noRules = TourScheduler(rules: nil, handling: 45 * Self.m)
        #expect(noRules.schedule(tl) == nil)
        let quick = TourScheduler(rules: nil, handling: 0)
        #expect(quick.schedule(tl) != nil)
    }

    @Test func theDurationLimit() throws {
        let tl = Self.timeline(loaded: [180, 60], empty: [60, 30])
        var unlimited = TourScheduler(rules: .eu561, handling: 45 * Self.m)
        let found = unlimited.duration(tl)
        let d = try #require(found)
        let exact = TourScheduler(rules: .eu561, handling: 45 * Self.m, maxDurationSeconds: d)
        let shorter = TourScheduler(rules: .eu561, handling: 45 * Self.m, maxDurationSeconds: d - 1)
        #expect(exact.schedule(tl)?.durationSeconds == d)
        #expect(shorter.schedule(tl) == nil)
    }

    @Test func aLaterStartRemovesTheWait() throws {
        // First pickup 0–5 h, second opens at 6 h, 1 h away: starting at 0
        // waits; starting later shortens the tour.
        let tl = Self.timeline(loaded: [60, 60], empty: [60, 60], pickup: [(0, 5), (6, 8)])
        let scheduler = TourScheduler(rules: nil, handling: 30 * Self.m)
        let s = try #require(scheduler.schedule(tl))
        #expect(s.count(of: .waiting) == 0)
        #expect(s.start == Self.t0 + 3 * Self.h)
        #expect(s.durationSeconds == 4 * Self.h + 4 * 30 * Self.m)
    }

    /// Without rules the schedule is the pair model of `TimeWindows.fit`.
    @Test(arguments: 0..<400)
    func pairsWithoutRulesAgreeWithTheTimeWindowModel(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        func window() -> TimeWindows {
            let pe: Int? = Bool.random(using: &rng) ? Int.random(in: 0..<(10 * Self.h), using: &rng) : nil
            let pl: Int? = Bool.random(using: &rng) ? (pe ?? 0) + Int.random(in: 0..<(6 * Self.h), using: &rng) : nil
            let dl: Int? = Bool.random(using: &rng) ? (pe ?? 0) + Int.random(in: 0..<(20 * Self.h), using: &rng) : nil
            return TimeWindows(
                pickupEarliest: pe ?? TimeWindows.early, pickupLatest: pl ?? TimeWindows.late,
                deliveryLatest: dl ?? TimeWindows.late)
        }
        let a = window(), b = window()
        let la = Int.random(in: 0..<(6 * Self.h), using: &rng), lb = Int.random(in: 0..<(6 * Self.h), using: &rng)
        let r = Int.random(in: 0..<(4 * Self.h), using: &rng), home = Int.random(in: 0..<(4 * Self.h), using: &rng)
        let handling = [0, 1800, 2700].randomElement(using: &rng)!
        let expected = TimeWindows.fit(
            first: a, firstLoadedSeconds: la, repositionSeconds: r, second: b, secondLoadedSeconds: lb, handling: handling)
        var scheduler = TourScheduler(rules: nil, handling: handling)
        let tl = TourTimeline(windows: [a, b], loadedSeconds: [la, lb], emptySeconds: [r, home])
        let plain = scheduler.duration(tl)
        #expect((plain != nil) == expected, "seed \(seed)")
        // Rules only ever remove schedules.
        let ruled = TourScheduler(rules: .eu561, handling: handling)
        let ruledSchedule = ruled.schedule(tl)
        if !expected { #expect(ruledSchedule == nil) }
        if let s = ruledSchedule { Self.checkLegal(s, tl, rules: .eu561, handling: handling) }
    }
}
