extension RoadGraph {
    /// The travel time in deciseconds from the tail of `edge` to a point on
    /// it: on polyline segment `segment` (0 runs from the tail to the first
    /// shape point, the last one to the head) at parameter `t` ∈ [0, 1].
    ///
    /// With ``shapeDuration`` the time is interpolated between the shape
    /// points around the point, which is exact: an edge's speed changes only
    /// at shape points (where the OSM ways it joins meet). Without them it is
    /// `fraction` of the edge's duration.
    ///
    /// - Complexity: O(1).
    public func durationFromTail(of edge: Int, polylineSegment segment: Int, t: Double, fraction: Double) -> Double {
        let total = Double(edgeDuration[edge])
        guard !shapeDuration.isEmpty else { return total * fraction }
        let lo = Int(shapeStart[edge]), hi = Int(shapeStart[edge + 1])
        /// The time at polyline point `k` (0 = tail, hi − lo + 1 = head).
        func at(_ k: Int) -> Double {
            if k <= 0 { return 0 }
            if k > hi - lo { return total }
            return Double(shapeDuration[lo + k - 1])
        }
        let a = at(segment), b = at(segment + 1)
        return a + min(1, max(0, t)) * (b - a)
    }
}
