/// The centre, typical distance and far limit of a set of points, as
/// ``Plausibility/farFromBatch(_:)`` defines them.
///
/// - Complexity: O(*n* log *n*) to build (two medians by sorting).
struct BatchSpread {
    var centre: (latitude: Double, longitude: Double)
    /// The median distance of the points from ``centre``.
    var median: Double
    var limit: Double

    init?(_ points: [(latitude: Double, longitude: Double)]) {
        guard points.count >= Plausibility.minimumEnds else { return nil }
        centre = (Self.median(points.map(\.latitude)), Self.median(points.map(\.longitude)))
        let c = centre
        median = Self.median(points.map { Plausibility.greatCircleMetres(c.latitude, c.longitude, $0.latitude, $0.longitude) })
        limit = max(Plausibility.farFactor * median, Plausibility.farFloorMetres)
    }

    func distance(latitude: Double, longitude: Double) -> Double {
        Plausibility.greatCircleMetres(centre.latitude, centre.longitude, latitude, longitude)
    }

    /// The median (the mean of the two middle values for an even count).
    static func median(_ values: [Double]) -> Double {
        let v = values.sorted()
        let n = v.count
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    }
}
