extension RoadGraph {
    /// The node `edge` leaves from.
    ///
    /// - Complexity: O(log *n*) (binary search in the CSR offsets).
    public func tail(of edge: Int) -> Int {
        precondition(edge >= 0 && edge < edgeCount, "edge out of range")
        // The first node whose out-edges start after `edge`, minus one.
        var lo = 0, hi = nodeCount
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if Int(edgeStart[mid &+ 1]) <= edge { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }
}
