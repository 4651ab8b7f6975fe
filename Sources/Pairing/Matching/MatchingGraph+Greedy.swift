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
        var order = Array(0..<edgeCount)
        order.sort { a, b in
            let wa = weights[a], wb = weights[b]
            if wa != wb { return wa > wb }
            let a0 = endpointVertices[2 * a], a1 = endpointVertices[2 * a + 1]
            let b0 = endpointVertices[2 * b], b1 = endpointVertices[2 * b + 1]
            let (alo, ahi) = a0 < a1 ? (a0, a1) : (a1, a0)
            let (blo, bhi) = b0 < b1 ? (b0, b1) : (b1, b0)
            if alo != blo { return alo < blo }
            if ahi != bhi { return ahi < bhi }
            return a < b
        }
        var mateEdge = [Int32](repeating: -1, count: vertexCount)
        for k in order {
            let u = Int(endpointVertices[2 * k]), v = Int(endpointVertices[2 * k + 1])
            if mateEdge[u] < 0 && mateEdge[v] < 0 {
                mateEdge[u] = Int32(truncatingIfNeeded: k)
                mateEdge[v] = Int32(truncatingIfNeeded: k)
            }
        }
        return Matching(graph: self, mateEdge: mateEdge)
    }
}
