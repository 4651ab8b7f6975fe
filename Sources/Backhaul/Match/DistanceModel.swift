import Pairing
import Routing

/// Where a `match` run's distances and durations come from: a road graph,
/// or the contract's crow-fly estimate when there is none.
enum DistanceModel: Sendable {
    /// Road distances over a loaded graph.
    case road(RoadNetwork)
    /// Great-circle distance × `circuity`, driven at `speedKmh`.
    case crowfly(circuity: Double, speedKmh: Double)

    /// How reports describe it.
    var summary: MatchReport.GraphSummary {
        switch self {
        case .road(let network):
            return network.summary
        case .crowfly(let circuity, let speed):
            return MatchReport.GraphSummary(
                file: nil, nodes: 0, edges: 0, profile: nil, distanceModel: "crowfly",
                circuity: circuity, crowflySpeedKmh: speed)
        }
    }
}

extension Leg {
    /// A leg from a routed cost (decimetres and deciseconds, rounded to the
    /// nearest metre and second).
    init(_ cost: PathCost) {
        self.init(metres: cost.metres, seconds: cost.seconds)
    }

    /// The contract's crow-fly estimate for a great-circle distance:
    /// `metres × circuity`, driven at `speedKmh`.
    init(crowflyMetres greatCircle: Double, circuity: Double, speedKmh: Double) {
        let metres = (greatCircle * circuity).rounded()
        self.init(metres: Int(metres), seconds: Int((metres / (speedKmh / 3.6)).rounded()))
    }
}

extension Location {
    /// The coordinate, when the location is one.
    var coordinate: Coordinate? {
        if case .coordinate(let lat, let lon) = self { return Coordinate(latitude: lat, longitude: lon) }
        return nil
    }
}

/// A point on the unit sphere, for great-circle distances between many
/// points without repeating the trigonometry: the distance is
/// 2R·asin(|p − q| / 2), equal to the haversine formula.
struct UnitVector: Sendable {
    var x, y, z: Double

    init(_ c: Coordinate) {
        let lat = c.latitude * .pi / 180, lon = c.longitude * .pi / 180
        x = cos(lat) * cos(lon)
        y = cos(lat) * sin(lon)
        z = sin(lat)
    }

    /// Great-circle distance in metres.
    func distance(to o: UnitVector) -> Double {
        let dx = x - o.x, dy = y - o.y, dz = z - o.z
        let chord = (dx * dx + dy * dy + dz * dz).squareRoot()
        return 2 * Coordinate.earthRadiusMetres * asin(min(1, chord / 2))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
