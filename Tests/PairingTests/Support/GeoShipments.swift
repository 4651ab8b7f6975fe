@testable import Pairing

/// Shipments between random places on the globe, in clusters the size of
/// Swedish towns around a region the size of southern Sweden, with the
/// crow-fly legs of the `match` job (great circle × circuity, whole metres,
/// at 70 km/h): the generated instances of the certified-pairing tests.
struct GeoShipments {
    var origins: [GeoPoint] = []
    var destinations: [GeoPoint] = []
    let circuity: Double

    /// - Parameters:
    ///   - towns: how many cluster centres the ends are drawn around.
    ///   - spreadDegrees: the region's half-width around 57° N, 15° E.
    init(count: Int, towns: Int = 12, spreadDegrees: Double = 2.5, circuity: Double = 1.3, using rng: inout SplitMix64) {
        self.circuity = circuity
        let centres = (0..<max(1, towns)).map { _ in
            GeoPoint(
                latitude: 57 + .random(in: -spreadDegrees...spreadDegrees, using: &rng),
                longitude: 15 + .random(in: -2 * spreadDegrees...2 * spreadDegrees, using: &rng))
        }
        func place(using rng: inout SplitMix64) -> GeoPoint {
            let c = centres[Int.random(in: 0..<centres.count, using: &rng)]
            return GeoPoint(
                latitude: c.latitude + .random(in: -0.08...0.08, using: &rng),
                longitude: c.longitude + .random(in: -0.15...0.15, using: &rng))
        }
        for _ in 0..<count {
            origins.append(place(using: &rng))
            destinations.append(place(using: &rng))
        }
    }

    var count: Int { origins.count }

    func leg(_ a: GeoPoint, _ b: GeoPoint) -> Leg {
        let metres = (a.distance(to: b) * circuity).rounded()
        return Leg(metres: Int(metres), seconds: Int((metres / (70 / 3.6)).rounded()))
    }

    /// Shipment `i`'s destination to `j`'s origin.
    func empty(_ i: Int, _ j: Int) -> Leg { leg(destinations[i], origins[j]) }
    func loaded(_ i: Int) -> Leg { leg(origins[i], destinations[i]) }

    var space: ShipmentSpace {
        ShipmentSpace(origins: origins, destinations: destinations, bound: .crowfly(circuity: circuity))
    }

    /// The crow-fly legs on demand, as the match job computes them.
    var source: TableLegSource { TableLegSource { i, j in empty(i, j) } }

    /// The dense table the exact reference pairing uses.
    func denseTable() throws -> EmptyLegTable {
        try EmptyLegTable(count: count) { i, j in empty(i, j) }
    }
}

/// An ``EmptyLegSource`` over a function, counting what it was asked.
struct TableLegSource: EmptyLegSource {
    let leg: @Sendable (Int, Int) -> Leg?

    init(_ leg: @escaping @Sendable (Int, Int) -> Leg?) { self.leg = leg }

    func legs(_ arcs: [ShipmentArc]) throws -> [Leg?] {
        arcs.map { leg(Int($0.from), Int($0.to)) }
    }
}
