extension RoadGraph {
    /// Creates a graph from its arrays and its stored id index, without
    /// sorting the ids again: the loader of ``BinaryGraphFile``.
    ///
    /// `sortedIDNodes` must list the nodes by ascending original id; it is
    /// checked (a permutation, ids ascending) in O(*n*), then the usual
    /// ``checkInvariants()`` runs.
    ///
    /// - Throws: ``RoadGraph/InvariantError`` naming the first inconsistency.
    init(
        edgeStart: [UInt32], edgeTarget: [UInt32], edgeLength: [UInt32], edgeDuration: [UInt32],
        latitudeE7: [Int32], longitudeE7: [Int32], originalIDs: [Int64], sortedIDNodes: [UInt32],
        shapeStart: [UInt32], shapeLatitudeE7: [Int32], shapeLongitudeE7: [Int32], shapeDuration: [UInt32],
        metric: RoutingMetric, profile: String, vehicle: VehicleDimensions?
    ) throws(InvariantError) {
        let n = originalIDs.count
        guard sortedIDNodes.count == n else {
            throw InvariantError(message: "the id index has \(sortedIDNodes.count) entries for \(n) nodes")
        }
        var seen = [Bool](repeating: false, count: n)
        var sortedIDs = [Int64]()
        sortedIDs.reserveCapacity(n)
        for (i, node) in sortedIDNodes.enumerated() {
            let v = Int(node)
            guard v < n, !seen[v] else { throw InvariantError(message: "the id index is not a permutation of the nodes") }
            seen[v] = true
            let id = originalIDs[v]
            guard i == 0 || sortedIDs[i - 1] <= id else {
                throw InvariantError(message: "the id index is not in ascending id order")
            }
            sortedIDs.append(id)
        }
        self.nodeCount = max(0, edgeStart.count - 1)
        self.edgeStart = edgeStart
        self.edgeTarget = edgeTarget
        self.edgeLength = edgeLength
        self.edgeDuration = edgeDuration
        self.latitudeE7 = latitudeE7
        self.longitudeE7 = longitudeE7
        self.originalIDs = originalIDs
        self.shapeStart = shapeStart
        self.shapeLatitudeE7 = shapeLatitudeE7
        self.shapeLongitudeE7 = shapeLongitudeE7
        self.shapeDuration = shapeDuration
        self.metric = metric
        self.profile = profile
        self.vehicle = vehicle
        self.sortedIDs = sortedIDs
        self.sortedIDNodes = sortedIDNodes
        self.splitCopies = Self.copies(sortedIDs: sortedIDs, sortedIDNodes: sortedIDNodes)
        try checkInvariants()
    }
}
