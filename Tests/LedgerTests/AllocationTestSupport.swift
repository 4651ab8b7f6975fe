import Emissions
import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): seeded, so every generated case is
/// reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A leg of `km` kilometres at 60 km/h.
func leg(_ km: Int) -> TravelCost { TravelCost(metres: km * 1000, seconds: km * 60) }

/// A random tour of `n` shipments on points of a plane (Euclidean distances
/// × 1.2 in km, so the triangle inequality holds), companies drawn from
/// `companies`.
func randomTour(_ n: Int, companies: Int, rng: inout SeededGenerator) -> TourCostMatrix {
    func point() -> (Double, Double) { (Double.random(in: 0...300, using: &rng), Double.random(in: 0...300, using: &rng)) }
    let origins = (0..<n).map { _ in point() }, destinations = (0..<n).map { _ in point() }
    func d(_ a: (Double, Double), _ b: (Double, Double)) -> TravelCost {
        let km = ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot() * 1.2
        return TravelCost(metres: Int((km * 1000).rounded()), seconds: Int((km * 55).rounded()))
    }
    var empty: [TravelCost?] = []
    for i in 0..<n { for j in 0..<n { empty.append(d(destinations[i], origins[j])) } }
    let c = (0..<n).map { _ in Int.random(in: 0..<companies, using: &rng) }
    return try! TourCostMatrix(companies: c, loaded: (0..<n).map { d(origins[$0], destinations[$0]) }, empty: empty, model: 0)
}

/// `true` when |a − b| ≤ tolerance (absolute, metres).
func near(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { abs(a - b) <= tolerance }

/// A temporary folder removed at deinit.
final class TemporaryFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "backhaul-ledger-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        try! text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
}
