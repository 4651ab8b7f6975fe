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

/// The travel a pairing needs between the ends of `n` shipments, in whole
/// metres and seconds: each shipment's loaded leg and every empty leg
/// destination_i → origin_j. `nil` means no route.
struct ShipmentTravel: Sendable {
    var loaded: [Leg?]
    /// Row-major `n × n`.
    var empty: [Leg?]
    let count: Int

    init(count: Int) {
        self.count = count
        loaded = [Leg?](repeating: nil, count: count)
        empty = [Leg?](repeating: nil, count: count * count)
    }

    subscript(empty i: Int, _ j: Int) -> Leg? {
        get { empty[i * count + j] }
        set { empty[i * count + j] = newValue }
    }
}

extension Leg {
    /// A leg from a routed cost (decimetres and deciseconds, rounded to the
    /// nearest metre and second).
    init(_ cost: PathCost) {
        self.init(metres: cost.metres, seconds: cost.seconds)
    }

    /// The contract's crow-fly estimate between two coordinates.
    init(crowflyFrom a: Coordinate, to b: Coordinate, circuity: Double, speedKmh: Double) {
        let metres = (a.distance(to: b) * circuity).rounded()
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
