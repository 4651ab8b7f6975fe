/// Collects nodes and directed edges from a loader and turns them into a
/// ``RoadGraph``.
///
/// Loaders add nodes with their input-file ids (and coordinates when they
/// have them), then edges between the indices that ``addNode(originalID:)``
/// returned. ``build(order:)`` renumbers the nodes for locality of reference
/// and lays the edges out in CSR form, so that neighbouring nodes of the map
/// are neighbours in memory.
///
/// The result does not depend on the order of `addEdge` calls between the
/// same nodes: each node's out-edges are sorted by head, then weight.
public struct RoadGraphBuilder: Sendable {
    /// How ``build(order:)`` numbers the nodes.
    public enum NodeOrder: Sendable {
        /// Hilbert order when every node has a coordinate, otherwise
        /// breadth-first order.
        case automatic
        /// Order along a Hilbert space-filling curve over the bounding box
        /// (D. Hilbert, "Über die stetige Abbildung einer Linie auf ein
        /// Flächenstück", Math. Ann. 38, 1891). Requires coordinates.
        case hilbert
        /// Breadth-first order over the undirected graph, component by
        /// component, starting from the lowest input index.
        case breadthFirst
        /// The order nodes were added in.
        case input
    }

    /// A problem with the collected nodes or edges.
    public struct BuildError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let metric: RoutingMetric
    public let profile: String
    /// The vehicle size recorded in the graph.
    public var vehicle: VehicleDimensions?

    private var ids: [Int64] = []
    private var lat: [Int32] = []
    private var lon: [Int32] = []
    private var hasCoordinate: [Bool] = []
    private var coordinateCount = 0

    private var tail: [UInt32] = []
    private var head: [UInt32] = []
    private var length: [UInt32] = []
    private var duration: [UInt32] = []
    private var shapeEnd: [UInt32] = []  // empty until the first shaped edge
    private var hasShapes = false  // (shapeEnd is still empty when the first edge is shaped)
    private var shapeLat: [Int32] = []
    private var shapeLon: [Int32] = []
    /// Deciseconds from the edge's tail to each shape point; kept only when
    /// every shaped edge gives them.
    private var shapeTime: [UInt32] = []
    private var hasShapeTimes = true

    public init(metric: RoutingMetric, profile: String, nodeCapacity: Int = 0, edgeCapacity: Int = 0) {
        self.metric = metric
        self.profile = profile
        ids.reserveCapacity(nodeCapacity)
        tail.reserveCapacity(edgeCapacity)
        head.reserveCapacity(edgeCapacity)
        length.reserveCapacity(edgeCapacity)
        duration.reserveCapacity(edgeCapacity)
    }

    /// The number of nodes added so far.
    public var nodeCount: Int { ids.count }
    /// The number of edges added so far.
    public var edgeCount: Int { head.count }

    /// Adds a node and returns its builder index (`0, 1, 2, …`).
    @discardableResult
    public mutating func addNode(originalID: Int64) -> Int {
        ids.append(originalID)
        lat.append(0)
        lon.append(0)
        hasCoordinate.append(false)
        return ids.count - 1
    }

    /// Adds a node with its coordinate (10⁻⁷ degrees) and returns its index.
    @discardableResult
    public mutating func addNode(originalID: Int64, latitudeE7: Int32, longitudeE7: Int32) -> Int {
        let i = addNode(originalID: originalID)
        setCoordinate(ofNode: i, latitudeE7: latitudeE7, longitudeE7: longitudeE7)
        return i
    }

    /// Sets or replaces the coordinate of node `index`.
    public mutating func setCoordinate(ofNode index: Int, latitudeE7: Int32, longitudeE7: Int32) {
        if !hasCoordinate[index] {
            hasCoordinate[index] = true
            coordinateCount += 1
        }
        lat[index] = latitudeE7
        lon[index] = longitudeE7
    }

    /// `true` when node `index` has a coordinate.
    public func hasCoordinate(ofNode index: Int) -> Bool { hasCoordinate[index] }

    /// Adds a directed edge between two builder indices.
    ///
    /// - Parameters:
    ///   - length: decimetres.
    ///   - duration: deciseconds.
    ///   - shape: interior points (10⁻⁷ degrees) in the direction of travel.
    ///   - shapeDurations: deciseconds from the tail to each shape point
    ///     (nondecreasing, at most `duration`), or empty; the graph keeps
    ///     them when every shaped edge has them (``RoadGraph/shapeDuration``).
    public mutating func addEdge(
        from: Int, to: Int, length: UInt32, duration: UInt32,
        shape: [(latitudeE7: Int32, longitudeE7: Int32)] = [], shapeDurations: [UInt32] = []
    ) {
        precondition(from >= 0 && from < ids.count && to >= 0 && to < ids.count, "edge to an unknown node")
        if !shape.isEmpty && !hasShapes {
            hasShapes = true
            shapeEnd = [UInt32](repeating: 0, count: head.count)
        }
        tail.append(UInt32(from))
        head.append(UInt32(to))
        self.length.append(length)
        self.duration.append(duration)
        if hasShapes {
            for p in shape {
                shapeLat.append(p.latitudeE7)
                shapeLon.append(p.longitudeE7)
            }
            shapeEnd.append(UInt32(shapeLat.count))
            if hasShapeTimes {
                if shapeDurations.count == shape.count {
                    for t in shapeDurations { shapeTime.append(min(t, duration)) }
                } else {
                    hasShapeTimes = false
                    shapeTime = []
                }
            }
        }
    }

    /// Renumbers the nodes and lays out the CSR arrays.
    ///
    /// - Throws: ``BuildError`` when only some nodes have coordinates, when
    ///   `.hilbert` is asked for without coordinates, or when the graph has
    ///   more than 2³² − 1 nodes or edges.
    /// - Complexity: O(*n* log *n* + *m* log *d*), with *d* the largest degree.
    public consuming func build(order: NodeOrder = .automatic) throws(BuildError) -> RoadGraph {
        let n = ids.count, m = head.count
        guard n < Int(UInt32.max), m < Int(UInt32.max), shapeLat.count < Int(UInt32.max) else {
            throw BuildError(message: "graph too large: \(n) nodes, \(m) edges (the limit is 2³² − 1)")
        }
        let withCoordinates: Bool
        if coordinateCount == n && n > 0 {
            withCoordinates = true
        } else if coordinateCount == 0 {
            withCoordinates = false
        } else {
            let missing = hasCoordinate.firstIndex(of: false)!
            throw BuildError(message: "\(n - coordinateCount) of \(n) nodes have no coordinate (first: node \(ids[missing]))")
        }

        // newOf[old] = new index.
        let orderOld: [UInt32]
        switch order {
        case .input:
            orderOld = Array(0..<UInt32(n))
        case .hilbert:
            guard withCoordinates else { throw BuildError(message: "Hilbert order needs node coordinates") }
            orderOld = hilbertOrder()
        case .breadthFirst:
            orderOld = breadthFirstOrder()
        case .automatic:
            orderOld = withCoordinates ? hilbertOrder() : breadthFirstOrder()
        }
        var newOf = [UInt32](repeating: 0, count: n)
        for (new, old) in orderOld.enumerated() { newOf[Int(old)] = UInt32(new) }

        // Counting sort of edges by new tail.
        var start = [UInt32](repeating: 0, count: n + 1)
        for t in tail { start[Int(newOf[Int(t)]) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var slot = Array(start.dropLast())
        var position = [UInt32](repeating: 0, count: m)  // old edge -> new edge
        for e in 0..<m {
            let u = Int(newOf[Int(tail[e])])
            position[e] = slot[u]
            slot[u] += 1
        }
        var edgeOfSlot = [UInt32](repeating: 0, count: m)  // new edge -> old edge
        for e in 0..<m { edgeOfSlot[Int(position[e])] = UInt32(e) }

        // Deterministic order within each node: head, weight, the other measure, input order.
        let weight = metric == .distance ? length : duration
        let other = metric == .distance ? duration : length
        for u in 0..<n {
            let lo = Int(start[u]), hi = Int(start[u + 1])
            if hi - lo > 1 {
                edgeOfSlot[lo..<hi].sort { a, b in
                    let ha = newOf[Int(head[Int(a)])], hb = newOf[Int(head[Int(b)])]
                    if ha != hb { return ha < hb }
                    if weight[Int(a)] != weight[Int(b)] { return weight[Int(a)] < weight[Int(b)] }
                    if other[Int(a)] != other[Int(b)] { return other[Int(a)] < other[Int(b)] }
                    return a < b
                }
            }
        }

        let target = edgeOfSlot.map { newOf[Int(head[Int($0)])] }
        let outLength = edgeOfSlot.map { length[Int($0)] }
        let outDuration = edgeOfSlot.map { duration[Int($0)] }
        let outIDs = orderOld.map { ids[Int($0)] }
        let outLat = withCoordinates ? orderOld.map { lat[Int($0)] } : []
        let outLon = withCoordinates ? orderOld.map { lon[Int($0)] } : []

        var outShapeStart: [UInt32] = []
        var outShapeLat: [Int32] = []
        var outShapeLon: [Int32] = []
        var outShapeTime: [UInt32] = []
        let keepTimes = hasShapes && hasShapeTimes && !shapeLat.isEmpty
        if hasShapes {
            outShapeStart.reserveCapacity(m + 1)
            outShapeLat.reserveCapacity(shapeLat.count)
            outShapeLon.reserveCapacity(shapeLon.count)
            if keepTimes { outShapeTime.reserveCapacity(shapeTime.count) }
            outShapeStart.append(0)
            for old in edgeOfSlot {
                let lo = old == 0 ? 0 : Int(shapeEnd[Int(old) - 1])
                let hi = Int(shapeEnd[Int(old)])
                outShapeLat.append(contentsOf: shapeLat[lo..<hi])
                outShapeLon.append(contentsOf: shapeLon[lo..<hi])
                if keepTimes { outShapeTime.append(contentsOf: shapeTime[lo..<hi]) }
                outShapeStart.append(UInt32(outShapeLat.count))
            }
        }

        do {
            return try RoadGraph(
                edgeStart: start, edgeTarget: target, edgeLength: outLength, edgeDuration: outDuration,
                latitudeE7: outLat, longitudeE7: outLon, originalIDs: outIDs,
                shapeStart: outShapeStart, shapeLatitudeE7: outShapeLat, shapeLongitudeE7: outShapeLon,
                shapeDuration: outShapeTime, metric: metric, profile: profile, vehicle: vehicle
            )
        } catch {
            throw BuildError(message: error.message)
        }
    }

    /// Node indices sorted by their position on a Hilbert curve of order 16
    /// over the bounding box; ties keep input order.
    private func hilbertOrder() -> [UInt32] {
        let n = ids.count
        guard n > 0 else { return [] }
        let minLat = lat.min()!, maxLat = lat.max()!
        let minLon = lon.min()!, maxLon = lon.max()!
        let spanLat = max(1, Int64(maxLat) - Int64(minLat))
        let spanLon = max(1, Int64(maxLon) - Int64(minLon))
        let side: Int64 = 1 << 16
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let x = UInt32((Int64(lon[i]) - Int64(minLon)) * (side - 1) / spanLon)
            let y = UInt32((Int64(lat[i]) - Int64(minLat)) * (side - 1) / spanLat)
            keys[i] = UInt64(hilbertIndex(x: x, y: y, order: 16)) << 32 | UInt64(i)
        }
        keys.sort()
        return keys.map { UInt32(truncatingIfNeeded: $0) }
    }

    /// Breadth-first order over the undirected version of the graph.
    private func breadthFirstOrder() -> [UInt32] {
        let n = ids.count, m = head.count
        // Undirected adjacency in CSR.
        var start = [UInt32](repeating: 0, count: n + 1)
        for e in 0..<m {
            start[Int(tail[e]) + 1] += 1
            start[Int(head[e]) + 1] += 1
        }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = Array(start.dropLast())
        var adj = [UInt32](repeating: 0, count: 2 * m)
        for e in 0..<m {
            let a = Int(tail[e]), b = Int(head[e])
            adj[Int(fill[a])] = UInt32(b); fill[a] += 1
            adj[Int(fill[b])] = UInt32(a); fill[b] += 1
        }
        var seen = [Bool](repeating: false, count: n)
        var order: [UInt32] = []
        order.reserveCapacity(n)
        for root in 0..<n where !seen[root] {
            seen[root] = true
            var qi = order.count
            order.append(UInt32(root))
            while qi < order.count {
                let u = Int(order[qi]); qi += 1
                for k in Int(start[u])..<Int(start[u + 1]) {
                    let v = Int(adj[k])
                    if !seen[v] { seen[v] = true; order.append(UInt32(v)) }
                }
            }
        }
        return order
    }
}

/// The distance of (x, y) along a Hilbert curve filling a 2^order square.
///
/// The classic rotate-and-flip iteration (H. S. Warren, *Hacker's Delight*,
/// 2nd ed., §16-2).
@usableFromInline
func hilbertIndex(x: UInt32, y: UInt32, order: Int) -> UInt32 {
    var x = x, y = y, d: UInt32 = 0
    var s: UInt32 = 1 << (order - 1)
    while s > 0 {
        let rx: UInt32 = (x & s) > 0 ? 1 : 0
        let ry: UInt32 = (y & s) > 0 ? 1 : 0
        d &+= s &* s &* ((3 &* rx) ^ ry)
        if ry == 0 {
            if rx == 1 {
                x = s &- 1 &- x
                y = s &- 1 &- y
            }
            swap(&x, &y)
        }
        s >>= 1
    }
    return d
}
