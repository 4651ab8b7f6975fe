@testable import Pairing

/// Shipments between random points in a square, with crow-fly legs: the
/// instances of the benchmark, small enough for tests.
struct RandomShipments {
    var originX: [Double] = [], originY: [Double] = []
    var destX: [Double] = [], destY: [Double] = []

    init(count: Int, side: Double = 200_000, using rng: inout SplitMix64) {
        for _ in 0..<count {
            originX.append(.random(in: 0..<side, using: &rng))
            originY.append(.random(in: 0..<side, using: &rng))
            destX.append(.random(in: 0..<side, using: &rng))
            destY.append(.random(in: 0..<side, using: &rng))
        }
    }

    var count: Int { originX.count }

    /// Metres from shipment i's destination to shipment j's origin.
    func empty(_ i: Int, _ j: Int) -> Int {
        let x = destX[i] - originX[j], y = destY[i] - originY[j]
        return Int((x * x + y * y).squareRoot().rounded())
    }

    func loaded(_ i: Int) -> Int {
        let x = destX[i] - originX[i], y = destY[i] - originY[i]
        return Int((x * x + y * y).squareRoot().rounded())
    }

    func saving(_ a: Int, _ b: Int) -> Int { empty(a, a) + empty(b, b) - empty(a, b) - empty(b, a) }

    /// Every pair with a positive saving.
    func denseGraph() throws -> MatchingGraph {
        var edges: [MatchingGraph.Edge] = []
        for a in 0..<count {
            for b in (a + 1)..<max(a + 1, count) {
                let s = saving(a, b)
                if s > 0 { edges.append(.init(a, b, weight: s)) }
            }
        }
        return try MatchingGraph(vertexCount: count, edges: edges)
    }

    /// Each shipment's `k` best partners by saving (union of the lists).
    func sparseGraph(k: Int) throws -> MatchingGraph {
        var edges: [MatchingGraph.Edge] = []
        for a in 0..<count {
            for b in (a + 1)..<max(a + 1, count) {
                let s = saving(a, b)
                if s > 0 { edges.append(.init(a, b, weight: s)) }
            }
        }
        return try MatchingGraph(vertexCount: count, edges: PairCandidates.keepBest(k, vertexCount: count, of: edges))
    }
}
