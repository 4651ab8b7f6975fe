extension MatchingGraph {
    /// The greedy matching: edges in order of decreasing weight, ties by the
    /// smaller endpoint then the larger one (then the edge number), each
    /// taken when both its vertices are still exposed.
    ///
    /// Not optimal — at least half the maximum weight (Avis 1983) — but the
    /// baseline users know as "best saving first".
    ///
    /// - Complexity: O(*m* log *m*).
    public func greedyMatching() -> Matching {
        // Sort keys with everything the comparison needs inline.
        var keys: [(weight: Int, low: Int32, high: Int32, edge: Int32)] = (0..<edgeCount).map { k in
            let a = endpointVertices[2 * k], b = endpointVertices[2 * k + 1]
            return (weights[k], min(a, b), max(a, b), Int32(truncatingIfNeeded: k))
        }
        keys.sort { x, y in
            if x.weight != y.weight { return x.weight > y.weight }
            if x.low != y.low { return x.low < y.low }
            if x.high != y.high { return x.high < y.high }
            return x.edge < y.edge
        }
        var mateEdge = [Int32](repeating: -1, count: vertexCount)
        for key in keys {
            let k = Int(key.edge)
            let u = Int(endpointVertices[2 * k]), v = Int(endpointVertices[2 * k + 1])
            if mateEdge[u] < 0 && mateEdge[v] < 0 {
                mateEdge[u] = Int32(truncatingIfNeeded: k)
                mateEdge[v] = Int32(truncatingIfNeeded: k)
            }
        }
        return Matching(graph: self, mateEdge: mateEdge)
    }
}
