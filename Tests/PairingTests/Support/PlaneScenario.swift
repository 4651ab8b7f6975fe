@testable import Pairing

/// Shipments on a flat plane in kilometres, with straight-line legs at
/// 70 km/h: small hand-made scenarios for the pairing tests.
struct PlaneShipment {
    var id: String
    var from: (Double, Double)
    var to: (Double, Double)
    var bodyType: BodyType? = nil
    var vehicle: String? = nil
    /// Hours after ``PlaneScenario/t0``.
    var pickupEarliest: Double? = nil
    var pickupLatest: Double? = nil
    var deliveryLatest: Double? = nil
}

enum PlaneScenario {
    /// 2027-01-15T00:00Z, the origin of the hour offsets.
    static let t0: Int64 = 1_800_000_000

    static func timestamp(_ hours: Double?) -> Timestamp? {
        hours.map { Timestamp(seconds: t0 + Int64(($0 * 3600).rounded())) }
    }

    static func leg(_ p: (Double, Double), _ q: (Double, Double)) -> Leg {
        let dx = p.0 - q.0, dy = p.1 - q.1
        let metres = Int(((dx * dx + dy * dy).squareRoot() * 1000).rounded())
        return Leg(metres: metres, seconds: metres * 3600 / 70_000)
    }

    static func shipments(_ specs: [PlaneShipment]) -> [Shipment] {
        specs.enumerated().map { line, s in
            Shipment(
                id: s.id, origin: .coordinate(latitude: s.from.1, longitude: s.from.0),
                destination: .coordinate(latitude: s.to.1, longitude: s.to.0),
                pickupEarliest: timestamp(s.pickupEarliest), pickupLatest: timestamp(s.pickupLatest),
                deliveryLatest: timestamp(s.deliveryLatest), bodyType: s.bodyType, vehicle: s.vehicle,
                source: SourceLine(file: "plane.csv", line: line + 2))
        }
    }

    /// A dense problem; `noRoute` lists the legs `(i, j)` (empty, `i`'s
    /// destination to `j`'s origin) without a route, `noLoadedRoute` the
    /// shipments whose loaded leg has none.
    static func problem(
        _ specs: [PlaneShipment], noRoute: Set<[Int]> = [], noLoadedRoute: Set<Int> = []
    ) throws -> PairingProblem {
        let table = try EmptyLegTable(count: specs.count) { i, j in
            noRoute.contains([i, j]) ? nil : leg(specs[i].to, specs[j].from)
        }
        return try PairingProblem(
            shipments: shipments(specs),
            loadedLegs: specs.indices.map { noLoadedRoute.contains($0) ? nil : leg(specs[$0].from, specs[$0].to) },
            emptyLegs: table)
    }
}

extension PairingResult {
    /// The pairs as sets of ids, for order-free comparison.
    func idPairs(_ problem: PairingProblem) -> Set<Set<String>> {
        Set(pairs.map { [problem.shipments[$0.a].id, problem.shipments[$0.b].id] })
    }

    /// The reason of the shipment with `id`, if unpaired.
    func reason(of id: String, in problem: PairingProblem) -> UnpairedReason? {
        unpaired.first { problem.shipments[$0.index].id == id }?.reason
    }

    /// The pair holding the shipment with `id`.
    func pair(with id: String, in problem: PairingProblem) -> ShipmentPair? {
        pairs.first { problem.shipments[$0.a].id == id || problem.shipments[$0.b].id == id }
    }
}
