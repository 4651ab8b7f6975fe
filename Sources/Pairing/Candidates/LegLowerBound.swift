/// An admissible lower bound on the length of every empty leg, from the
/// great-circle distance between its ends:
///
///     metres(leg from P to Q) ≥ factor · greatCircle(P, Q) − slackMetres
///
/// With the crow-fly estimate a leg *is* `greatCircle × circuity`, rounded to
/// the metre, so `factor` is the circuity and half a metre of slack covers the
/// rounding. Over a road graph no path between two points is shorter than
/// the great circle, so `factor` 1 would do if every edge were measured
/// exactly; `RoadGraph.greatCircleLowerBound()` (Routing) derives a factor and
/// slack that also cover rounded edge lengths and graphs whose lengths are
/// not geometric (DIMACS), and the match job passes them here.
///
/// Every pruning decision of the certified pairing rests on this bound:
/// a pair that is never looked at is one whose saving the bound proves too
/// small.
public struct LegLowerBound: Sendable, Hashable, CustomStringConvertible {
    /// Metres of leg per metre of great circle, `> 0`.
    public var factor: Double
    /// Metres subtracted once per leg, `≥ 0`.
    public var slackMetres: Double

    /// A bound of `factor · greatCircle − slackMetres`.
    ///
    /// - Precondition: `factor > 0`, `slackMetres ≥ 0`, both finite.
    public init(factor: Double, slackMetres: Double) {
        precondition(factor > 0 && factor.isFinite && slackMetres >= 0 && slackMetres.isFinite, "invalid leg bound")
        self.factor = factor
        self.slackMetres = slackMetres
    }

    /// The bound of the crow-fly estimate `round(greatCircle × circuity)`.
    public static func crowfly(circuity: Double) -> LegLowerBound {
        LegLowerBound(factor: circuity, slackMetres: 1)
    }

    public var description: String { "\(factor) × great circle − \(slackMetres) m" }

    /// The bound for a great-circle distance, never negative.
    @inlinable
    func metres(greatCircle: Double) -> Double {
        max(0, factor * greatCircle - slackMetres)
    }
}
