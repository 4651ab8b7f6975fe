@testable import Pairing

/// The maximum weight of a matching, by dynamic programming over vertex
/// subsets: the lowest vertex left is either exposed or matched to one of
/// the others. Exact for any weights; feasible up to about 20 vertices.
func bruteForceMaximumMatchingWeight(vertexCount n: Int, edges: [MatchingGraph.Edge]) -> Int {
    var weight = [[Int]](repeating: [Int](repeating: Int.min, count: n), count: n)
    for e in edges where e.weight > weight[e.u][e.v] {
        weight[e.u][e.v] = e.weight
        weight[e.v][e.u] = e.weight
    }
    let full = (1 << n) - 1
    var best = [Int](repeating: 0, count: 1 << n)
    // best[mask] = the best matching using only vertices in `mask`.
    for mask in 1...max(1, full) where mask <= full {
        let low = mask.trailingZeroBitCount
        let rest = mask & ~(1 << low)
        var value = best[rest]
        var others = rest
        while others != 0 {
            let j = others.trailingZeroBitCount
            others &= others - 1
            let w = weight[low][j]
            if w > 0 { value = max(value, w + best[rest & ~(1 << j)]) }
        }
        best[mask] = value
    }
    return n == 0 ? 0 : best[full]
}

/// Random edges over `n` vertices: each pair present with probability
/// `density`, weights uniform in `weights`.
func randomEdges(
    vertexCount n: Int, density: Double, weights: ClosedRange<Int>, using rng: inout SplitMix64
) -> [MatchingGraph.Edge] {
    var edges: [MatchingGraph.Edge] = []
    for u in 0..<n {
        for v in (u + 1)..<max(u + 1, n) where Double.random(in: 0..<1, using: &rng) < density {
            let (a, b) = Bool.random(using: &rng) ? (u, v) : (v, u)
            edges.append(MatchingGraph.Edge(a, b, weight: Int.random(in: weights, using: &rng)))
        }
    }
    edges.shuffle(using: &rng)
    return edges
}
