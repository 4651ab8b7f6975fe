/// The driving-time law a tour's schedule must keep: Regulation (EC)
/// No 561/2006 of the European Parliament and of the Council (15 March
/// 2006) on driving times, breaks and rest periods in road transport, as
/// amended by Regulation (EU) 2020/1054. Values are whole seconds.
///
/// What the schedule applies (article numbers of Regulation 561/2006):
///
/// - **Breaks (Art. 7):** after a driving period of 4.5 h the driver takes
///   an uninterrupted break of at least 45 min, unless a rest period starts.
///   A break (Art. 4(d)) is time used exclusively for recovery, so loading
///   and unloading — "other work" (Art. 4(e), Directive 2002/15/EC
///   Art. 3(a)) — never count as one. The 15 + 30 min split the article
///   allows is not planned: one 45 min break is always legal, at most a few
///   minutes later.
/// - **Daily driving (Art. 6(1)):** at most 9 h between two daily rests,
///   extendable to 10 h at most twice in a week (``extendedDaysAllowed``).
/// - **Daily rest (Art. 4(g), Art. 8(1), 8(2)):** at least 11 h, or a
///   reduced rest of at least 9 h (at most three between two weekly rests,
///   Art. 8(4)), completed within 24 h of the end of the previous rest. The
///   3 + 9 h split rest is not planned.
///
/// Not modelled: weekly driving (56 h) and fortnightly (90 h) limits and
/// weekly rests (Art. 6(2), 6(3), 8(6)) — a tour lasts a few days and the
/// driver's week before it is unknown, so every tour is planned as if the
/// driver starts it rested, with the week's allowances (extensions, reduced
/// rests) still available; the working-time limits of Directive 2002/15/EC.
public struct DrivingRules: Sendable, Hashable {
    /// Art. 7: the longest driving period without a break (4.5 h).
    public var drivingBeforeBreakSeconds: Int
    /// Art. 7: the break after such a period (45 min).
    public var breakSeconds: Int
    /// Art. 6(1): daily driving time (9 h).
    public var dailyDrivingSeconds: Int
    /// Art. 6(1): daily driving time on an extended day (10 h).
    public var extendedDailyDrivingSeconds: Int
    /// Art. 6(1): how many days of one tour may use the extension (at most
    /// 2 a week; 0 plans 9 h days only).
    public var extendedDaysAllowed: Int
    /// Art. 4(g): a regular daily rest (11 h).
    public var dailyRestSeconds: Int
    /// Art. 4(g): a reduced daily rest (9 h).
    public var reducedDailyRestSeconds: Int
    /// Art. 8(4): how many reduced rests one tour may use (at most 3
    /// between two weekly rests; 0 plans regular rests only).
    public var reducedDailyRestsAllowed: Int
    /// Art. 8(2): the next daily rest is completed within this time after
    /// the end of the previous one (24 h).
    public var restCompletedWithinSeconds: Int

    /// Regulation 561/2006 with daily driving of `dailyDrivingHours` (9, or
    /// 10 to let the schedule use the extension on up to two days of a
    /// tour, Art. 6(1)), and reduced daily rests allowed.
    ///
    /// - Precondition: `dailyDrivingHours` is 9 or 10.
    public init(dailyDrivingHours: Int = 9, allowReducedDailyRests: Bool = true) {
        precondition(dailyDrivingHours == 9 || dailyDrivingHours == 10, "daily driving is 9 or 10 hours")
        drivingBeforeBreakSeconds = 16_200
        breakSeconds = 2_700
        dailyDrivingSeconds = 32_400
        extendedDailyDrivingSeconds = 36_000
        extendedDaysAllowed = dailyDrivingHours == 10 ? 2 : 0
        dailyRestSeconds = 39_600
        reducedDailyRestSeconds = 32_400
        reducedDailyRestsAllowed = allowReducedDailyRests ? 3 : 0
        restCompletedWithinSeconds = 86_400
    }

    /// Regulation 561/2006 with 9 h days and reduced rests allowed.
    public static let eu561 = DrivingRules()

    /// The shortest daily rest still available after `reducedUsed`
    /// reduced ones.
    @inline(__always)
    func shortestRest(reducedUsed: Int) -> Int {
        reducedUsed < reducedDailyRestsAllowed ? reducedDailyRestSeconds : dailyRestSeconds
    }
}
