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

    /// The fewest seconds a leg takes per metre of its length (1 / the
    /// fastest speed anywhere), `≥ 0`: `seconds ≥ secondsPerMetre ·
    /// metres − slackSeconds`. Time windows are checked with it before any
    /// leg is computed.
    public var secondsPerMetre: Double
    /// Seconds subtracted once per leg, `≥ 0`.
    public var slackSeconds: Double

    /// A bound of `factor · greatCircle − slackMetres` metres and
    /// `secondsPerMetre · metres − slackSeconds` seconds.
    ///
    /// - Precondition: `factor > 0`, the rest `≥ 0`, all finite.
    public init(factor: Double, slackMetres: Double, secondsPerMetre: Double = 0, slackSeconds: Double = 0) {
        precondition(factor > 0 && factor.isFinite && slackMetres >= 0 && slackMetres.isFinite, "invalid leg bound")
        precondition(secondsPerMetre >= 0 && secondsPerMetre.isFinite && slackSeconds >= 0 && slackSeconds.isFinite, "invalid time bound")
        self.factor = factor
        self.slackMetres = slackMetres
        self.secondsPerMetre = secondsPerMetre
        self.slackSeconds = slackSeconds
    }

    /// The bound of the crow-fly estimate: `round(greatCircle × circuity)`
    /// metres, driven at `speedKmh` (seconds rounded).
    public static func crowfly(circuity: Double, speedKmh: Double = 70) -> LegLowerBound {
        LegLowerBound(factor: circuity, slackMetres: 1, secondsPerMetre: 3.6 / speedKmh, slackSeconds: 1)
    }

    public var description: String {
        "\(factor) × great circle − \(slackMetres) m, ≥ \(secondsPerMetre) s/m − \(slackSeconds) s"
    }

    /// The shortest leg the bound allows for a great-circle distance, in
    /// whole metres and seconds (rounded down).
    @inlinable
    func leg(greatCircle: Double) -> Leg {
        leg(metres: metres(greatCircle: greatCircle))
    }

    /// The shortest leg for a bound of `metres` (from ``metres(greatCircle:)``).
    @inlinable
    public func leg(metres m: Double) -> Leg {
        let s = max(0, m * secondsPerMetre - slackSeconds)
        return Leg(metres: Int(m.rounded(.down)), seconds: Int(s.rounded(.down)))
    }

    /// The bound for a great-circle distance, never negative.
    @inlinable
    func metres(greatCircle: Double) -> Double {
        max(0, factor * greatCircle - slackMetres)
    }
}
