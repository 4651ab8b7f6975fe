import Dispatch
import Pairing
import Synchronization

/// The contract's crow-fly estimate as an ``EmptyLegSource``: great circle ×
/// circuity in whole metres, driven at a fixed speed.
///
/// Exactly what ``LegLowerBound/crowfly(circuity:)`` bounds (the bound is
/// the same great circle times the same factor, less the rounding).
struct CrowflyLegSource: EmptyLegSource {
    let origins: [UnitVector?]
    let destinations: [UnitVector?]
    let circuity: Double
    let speedKmh: Double
    let threads: Int?

    /// The estimate between two points (`nil` when one is unknown).
    static func leg(_ a: UnitVector?, _ b: UnitVector?, circuity: Double, speedKmh: Double) -> Leg? {
        guard let a, let b else { return nil }
        return Leg(crowflyMetres: a.distance(to: b), circuity: circuity, speedKmh: speedKmh)
    }

    /// Shipment `i`'s destination to `j`'s origin.
    func leg(from i: Int, to j: Int) -> Leg? {
        Self.leg(destinations[i], origins[j], circuity: circuity, speedKmh: speedKmh)
    }

    func loaded(_ i: Int) -> Leg? {
        Self.leg(origins[i], destinations[i], circuity: circuity, speedKmh: speedKmh)
    }

    func legs(_ arcs: [ShipmentArc]) -> [Leg?] {
        let chunk = 1 << 14
        guard arcs.count > chunk, (threads ?? 2) > 1 else { return arcs.map { leg(from: Int($0.from), to: Int($0.to)) } }
        let chunks = (arcs.count + chunk - 1) / chunk
        let results = Mutex([[Leg?]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let part = arcs[(c * chunk)..<min(arcs.count, (c + 1) * chunk)].map { leg(from: Int($0.from), to: Int($0.to)) }
            results.withLock { $0[c] = part }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}
