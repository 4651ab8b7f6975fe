#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that find coordinates which are valid but probably wrong — above
/// all latitude and longitude swapped, which the batch reader cannot see
/// (`14.54,35.817` is a valid point in Chad) and which would otherwise be
/// paired as a 7,000 km shipment without a word.
///
/// Two pure checks over the coordinates of shipment ends; node ids are not
/// checked:
///
/// - **With a road graph** (``swappedCoordinates(_:inside:)``): an end
///   outside the graph's bounding box whose swapped coordinates
///   (longitude, latitude) fall inside it.
/// - **Without a graph** (``farFromBatch(_:)``): an end implausibly far from
///   the rest of the batch, by a robust rule that a few wrong points cannot
///   move. Let *c* be the point whose latitude is the median of all ends'
///   latitudes and whose longitude is the median of their longitudes, *dᵢ*
///   the great-circle distance of end *i* from *c*, and *s* the median of the
///   *dᵢ* (the batch's typical distance from its centre). End *i* is far when
///   *dᵢ* > max(``farFactor`` × *s*, ``farFloorMetres``) — more than ten times
///   the typical distance, and at least 1000 km. Medians have a breakdown
///   point of 50 %: up to half the ends can be wrong without moving *c* or
///   *s* outside the range of the correct ones, so every swapped end of a
///   mostly correct batch stands out. The 1000 km floor keeps a compact
///   batch (a city, an island) from flagging its ordinary long hauls; a
///   swapped European or North American point moves thousands of kilometres.
///   Fewer than ``minimumEnds`` ends are not judged. The message adds when
///   the swapped point would lie within the limit.
///
/// Longitude medians do not wrap around the antimeridian; a batch straddling
/// ±180° is judged as if it did not.
///
/// - Complexity: O(*n* log *n*) for *n* shipments (two sorts for the
///   medians); O(*n*) with a bounding box.
public enum Plausibility {
    /// How many typical distances from the batch's centre make an end far: 10.
    public static let farFactor = 10.0
    /// The least distance from the centre that counts as far: 1000 km.
    public static let farFloorMetres = 1_000_000.0
    /// The fewest coordinate ends ``farFromBatch(_:)`` judges: 5.
    public static let minimumEnds = 5
    /// The mean Earth radius (IUGG R₁), as `Routing.Coordinate` uses.
    static let earthRadiusMetres = 6_371_008.8

    // MARK: Shipments

    /// The ends of `shipments` outside `box` whose swapped coordinates fall
    /// inside it, in the order of `shipments`, origin before destination.
    ///
    /// - Complexity: O(*n*).
    public static func swappedCoordinates(_ shipments: [Shipment], inside box: CoordinateBox) -> [PlausibilityWarning] {
        var warnings: [PlausibilityWarning] = []
        for s in shipments {
            for (end, location) in [("origin", s.origin), ("destination", s.destination)] {
                guard case .coordinate(let lat, let lon) = location, isSwapped(latitude: lat, longitude: lon, box: box) else { continue }
                warnings.append(PlausibilityWarning(
                    kind: .swappedCoordinates, source: s.source, id: s.id, end: end,
                    message: "\(UserText.clipped(s.id)): \(end) \(point(lat, lon)) is outside the road graph (\(box)), "
                        + "but \(point(lon, lat)) is inside: latitude and longitude swapped?"))
            }
        }
        return warnings
    }

    /// The ends of `shipments` far from the rest of the batch (see the
    /// type's documentation), in the order of `shipments`, origin before
    /// destination.
    ///
    /// - Complexity: O(*n* log *n*).
    public static func farFromBatch(_ shipments: [Shipment]) -> [PlausibilityWarning] {
        var points: [(latitude: Double, longitude: Double)] = []
        var owners: [(shipment: Int, end: String)] = []
        points.reserveCapacity(2 * shipments.count)
        for (i, s) in shipments.enumerated() {
            for (end, location) in [("origin", s.origin), ("destination", s.destination)] {
                guard case .coordinate(let lat, let lon) = location else { continue }
                points.append((lat, lon))
                owners.append((i, end))
            }
        }
        guard let spread = BatchSpread(points) else { return [] }
        var warnings: [PlausibilityWarning] = []
        for k in points.indices {
            let (lat, lon) = points[k]
            let d = spread.distance(latitude: lat, longitude: lon)
            guard d > spread.limit else { continue }
            let s = shipments[owners[k].shipment]
            var message = "\(UserText.clipped(s.id)): \(owners[k].end) \(point(lat, lon)) is \(kilometres(d)) from the batch's "
                + "median point \(point(spread.centre.latitude, spread.centre.longitude)), beyond the limit of \(kilometres(spread.limit)) "
                + "(\(Int(farFactor)) × the median distance \(kilometres(spread.median)), at least \(kilometres(farFloorMetres)))"
            let swapped = spread.distance(latitude: lon, longitude: lat)
            if abs(lon) <= 90, swapped <= spread.limit {
                message += "; \(point(lon, lat)) would be \(kilometres(swapped)) from it: latitude and longitude swapped?"
            }
            warnings.append(PlausibilityWarning(kind: .farFromBatch, source: s.source, id: s.id, end: owners[k].end, message: message))
        }
        return warnings
    }

    // MARK: Points

    /// Whether (`latitude`, `longitude`) lies outside `box` and
    /// (`longitude`, `latitude`) inside it.
    ///
    /// - Complexity: O(1).
    public static func isSwapped(latitude: Double, longitude: Double, box: CoordinateBox) -> Bool {
        !box.contains(latitude: latitude, longitude: longitude) && box.contains(latitude: longitude, longitude: latitude)
    }

    /// The indices of `points` far from the rest, by the rule in the type's
    /// documentation; empty for fewer than ``minimumEnds`` points.
    ///
    /// - Complexity: O(*n* log *n*).
    public static func farPoints(_ points: [(latitude: Double, longitude: Double)]) -> [Int] {
        guard let spread = BatchSpread(points) else { return [] }
        return points.indices.filter { spread.distance(latitude: points[$0].latitude, longitude: points[$0].longitude) > spread.limit }
    }

    /// Great-circle distance in metres (haversine; R. W. Sinnott, "Virtues
    /// of the Haversine", Sky and Telescope 68(2), 1984).
    public static func greatCircleMetres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let s1 = sin((lat2 - lat1) * rad / 2), s2 = sin((lon2 - lon1) * rad / 2)
        let a = s1 * s1 + cos(lat1 * rad) * cos(lat2 * rad) * s2 * s2
        return 2 * earthRadiusMetres * asin(min(1, a.squareRoot()))
    }

    // MARK: Formatting

    static func degrees(_ v: Double) -> String {
        let scaled = (v * 1000).rounded() / 1000
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }

    private static func point(_ lat: Double, _ lon: Double) -> String {
        "\(degrees(lat)),\(degrees(lon))"
    }

    private static func kilometres(_ metres: Double) -> String {
        "\(Int((metres / 1000).rounded())) km"
    }
}
