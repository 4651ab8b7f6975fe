extension ContractionHierarchy {
    /// The anchors of a point as an upward search's starts: rank, cost and
    /// other measure.
    ///
    /// - Precondition: every anchor node is a node of ``graph``.
    func starts(_ anchors: [NetworkPoint.Anchor]) -> [HierarchyStart] {
        let distanceMetric = graph.metric == .distance
        return anchors.map { a in
            precondition(Int(a.node) < rank.count, "anchor is not a node of this graph")
            return HierarchyStart(
                node: rank[Int(a.node)], weight: UInt64(a.weight), other: UInt64(distanceMetric ? a.duration : a.length))
        }
    }

    /// A path's cost from its weight in the metric and its other measure;
    /// `nil` when either does not fit 32 bits.
    @inline(__always)
    func pathCost(weight: UInt64, other: UInt64) -> PathCost? {
        guard weight < UInt64(UInt32.max), other < UInt64(UInt32.max) else { return nil }
        let w = UInt32(truncatingIfNeeded: weight), o = UInt32(truncatingIfNeeded: other)
        return graph.metric == .distance
            ? PathCost(weight: w, length: w, duration: o) : PathCost(weight: w, length: o, duration: w)
    }

    /// `best`, or driving straight from `source` to `target` along an edge
    /// that holds both when that is cheaper
    /// (``NetworkPoint/sameEdgeCost(to:in:)``), as Dijkstra's searches do.
    @inline(__always)
    func withSameEdge(_ best: PathCost?, from source: NetworkPoint, to target: NetworkPoint) -> PathCost? {
        guard !source.positions.isEmpty, !target.positions.isEmpty,
            let s = source.sameEdgeCost(to: target, in: graph), s.weight < (best?.weight ?? .max)
        else { return best }
        return PathCost(weight: s.weight, length: s.length, duration: s.duration)
    }
}
