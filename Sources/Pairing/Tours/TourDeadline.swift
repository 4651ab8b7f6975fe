import Synchronization

/// The wall-clock budget of one tour planning run (``TourOptions/seconds``),
/// checked between steps of the column generation, the exact pricing (every
/// ``TourRelaxation/startsBetweenChecks`` starts), the dive and the search,
/// never inside a step whose result a proof needs (the assignment bound).
///
/// A value type over one instant of the monotonic clock, so the pricing's
/// worker threads can read it freely. Tests use ``afterChecks(_:)``, which
/// passes after a number of checks instead, so that every place the budget
/// can stop the work is reached deterministically (with one thread).
struct TourDeadline: Sendable {
    private let start: ContinuousClock.Instant
    private let end: ContinuousClock.Instant?
    private let countdown: Countdown?

    /// A deadline `seconds` from now; `nil` never passes.
    init(seconds: Double?) {
        let now = ContinuousClock.now
        start = now
        end = seconds.map { now.advanced(by: .milliseconds(Int64(($0 * 1000).rounded()))) }
        countdown = nil
    }

    /// The deadline at `fraction` of this one's budget, from the same start
    /// (a test deadline is shared as it is).
    func portion(_ fraction: Double) -> TourDeadline {
        guard let end else { return self }
        return TourDeadline(start: start, end: start + (end - start) * fraction)
    }

    private init(start: ContinuousClock.Instant, end: ContinuousClock.Instant) {
        self.start = start
        self.end = end
        countdown = nil
    }

    /// A deadline that passes at the `checks + 1`-th check (for tests).
    static func afterChecks(_ checks: Int) -> TourDeadline { TourDeadline(countdown: Countdown(checks)) }

    private init(countdown: Countdown) {
        start = ContinuousClock.now
        end = nil
        self.countdown = countdown
    }

    /// Wall-clock seconds since the budget started.
    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Whether the budget is spent.
    var hasPassed: Bool {
        if let countdown { return countdown.left.subtract(1, ordering: .relaxed).newValue < 0 }
        guard let end else { return false }
        return ContinuousClock.now >= end
    }

    /// Checks left before a test deadline passes.
    private final class Countdown: Sendable {
        let left: Atomic<Int>
        init(_ checks: Int) { left = Atomic(checks) }
    }
}
