/// How far a route can undercut the great circle between its ends.
///
/// On a perfectly measured road graph no route is shorter than the great
/// circle between its ends. Real graphs are not perfect: OpenStreetMap edge
/// lengths are rounded to the decimetre, DIMACS lengths come from a data set
/// whose coordinates and lengths disagree here and there. The bound below is
/// nevertheless *proven* for every route of this graph:
///
/// For a factor `α ≤ 1`, let the deficit of edge `e` be
/// `max(0, α·gc(e) − length(e))` and `D(α)` the sum of all deficits. A
/// shortest route is a simple path (it uses each edge at most once), so its
/// length is at least `Σ (α·gc(e) − deficit(e)) ≥ α·gc(start, end) − D(α)`
/// by the triangle inequality of great circles. Two partial edges at the
/// ends add at most one rounding unit each.
///
/// Of the factors tried, the one that loses least at a typical leg length
/// (`(1 − α)·typical + D(α)`) is chosen. The pairing
/// (`Pairing.LegLowerBound`) prunes with it and its certificate rests on it.
public struct GreatCircleBound: Sendable, Hashable, CustomStringConvertible {
    /// Route metres per great-circle metre.
    public var factor: Double
    /// Metres subtracted once per route.
    public var slackMetres: Double
    /// The fewest seconds per metre on any edge (1 / the fastest edge's
    /// speed): `duration ≥ secondsPerMetre · length − slackSeconds` for
    /// every route, edges without a duration covered by the slack.
    public var secondsPerMetre: Double
    /// Seconds subtracted once per route.
    public var slackSeconds: Double

    public var description: String {
        "route ≥ \(factor) × great circle − \(slackMetres) m, ≥ \(secondsPerMetre) s/m − \(slackSeconds) s"
    }
}

extension RoadGraph {
    /// The factors tried, from exact to loose.
    static let boundFactors: [Double] = [1, 0.999, 0.995, 0.99, 0.98, 0.97, 0.95, 0.93, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5]

    /// A proven lower bound on every route's length from the great-circle
    /// distance between its ends (see ``GreatCircleBound``), or `nil`
    /// when the graph has no coordinates.
    ///
    /// - Parameter typicalMetres: the leg length at which the loss of the
    ///   bound is weighed when choosing the factor.
    /// - Complexity: O(*m*), one great-circle distance per edge.
    public func greatCircleLowerBound(typicalMetres: Double = 50_000) -> GreatCircleBound? {
        guard hasCoordinates else { return nil }
        let factors = Self.boundFactors
        var deficit = [Double](repeating: 0, count: factors.count)
        let unit = metresPerLengthUnit
        // Time: the largest speed over edges with a duration; edges without
        // one (length but zero time) add their length to a time deficit.
        var fastest = 0.0  // length units per duration unit
        var timeless = 0.0  // metres on edges of zero duration
        for e in 0..<edgeCount {
            if edgeDuration[e] > 0 {
                fastest = max(fastest, Double(edgeLength[e]) / Double(edgeDuration[e]))
            } else {
                timeless += Double(edgeLength[e]) * unit
            }
        }
        for u in 0..<nodeCount {
            let a = Coordinate(fixedLatitude: latitudeE7[u], fixedLongitude: longitudeE7[u])
            for e in edges(from: u) {
                let v = Int(edgeTarget[e])
                let gc = a.distance(to: Coordinate(fixedLatitude: latitudeE7[v], fixedLongitude: longitudeE7[v]))
                let length = Double(edgeLength[e]) * unit
                // Deficits only grow with the factor: stop at the first zero.
                for (x, f) in factors.enumerated() {
                    let d = f * gc - length
                    if d <= 0 { break }
                    deficit[x] += d
                }
            }
        }
        // Duration units are deciseconds, length units decimetres.
        let secondsPerMetre = fastest > 0 ? 1 / fastest : 0
        var best = GreatCircleBound(factor: factors[0], slackMetres: deficit[0], secondsPerMetre: 0, slackSeconds: 0)
        var bestLoss = deficit[0]
        for (x, f) in factors.enumerated().dropFirst() {
            let loss = (1 - f) * typicalMetres + deficit[x]
            if loss < bestLoss {
                bestLoss = loss
                best = GreatCircleBound(factor: f, slackMetres: deficit[x], secondsPerMetre: 0, slackSeconds: 0)
            }
        }
        // Both partial edges at the ends round by at most one unit each,
        // and a metre for the rounding of the route to whole metres.
        best.slackMetres = (best.slackMetres + 2 * unit + 1).rounded(.up)
        // duration ≥ (length − timeless) · secondsPerMetre, less two
        // rounding units at the partial ends and a second for rounding.
        best.secondsPerMetre = secondsPerMetre
        best.slackSeconds = (timeless * secondsPerMetre + 0.2 + 1).rounded(.up)
        return best
    }

    /// Metres per unit of ``edgeLength`` (decimetres).
    var metresPerLengthUnit: Double { 0.1 }
}
