/// What a shortest-path search over a ``RoadGraph`` minimises.
public enum RoutingMetric: UInt8, Sendable, Hashable, CaseIterable {
    /// Shortest by length (DIMACS graphs: the arc weight).
    case distance = 0
    /// Fastest by free-flow travel time (OpenStreetMap profiles).
    case duration = 1
}

/// A directed road network in compressed sparse row (CSR) form.
///
/// Nodes are numbered `0..<nodeCount` in a cache-friendly order chosen by
/// ``RoadGraphBuilder`` (a Hilbert curve over the coordinates, or
/// breadth-first order when there are none); ``originalID(of:)`` maps back to
/// the ids of the input file, and ``node(originalID:)`` goes the other way.
///
/// The out-edges of node `u` are `edgeStart[u] ..< edgeStart[u + 1]`; for each
/// edge `e`, `edgeTarget[e]` is its head, `edgeLength[e]` its length in
/// decimetres and `edgeDuration[e]` its travel time in deciseconds. Both are
/// exact integers; reports round to metres and seconds at the boundary.
/// Parallel edges and self-loops are kept as the input had them.
///
/// Coordinates are stored as OpenStreetMap does, in fixed point (10⁻⁷
/// degrees, about 1 cm); a graph read without coordinates (a DIMACS `.gr`
/// without its `.co`) has empty coordinate arrays.
///
/// Edges may carry a shape: the interior points of the road between its two
/// end nodes, in the edge's direction (``shape(of:)``), so that routes can be
/// drawn along the real road; and for each shape point the travel time from
/// the edge's tail (``shapeDuration``), because an edge that joins several
/// OpenStreetMap ways is not driven at one speed (``duration(of:from:to:)``).
///
/// **Split nodes.** Turn restrictions, barriers and destination-only roads
/// are applied by splitting junctions (see `docs/osm.md`): one OSM node may
/// become several graph nodes at the same place, each reached by the
/// approaches that share the same allowed ways on. They share the OSM id;
/// the lowest-numbered is the *primary* (every turn allowed, the state of a
/// vehicle that starts there), which ``node(originalID:)`` returns, and
/// ``nodes(sharingIDWith:)`` lists them all. Every search, the hierarchy and
/// the graph file see an ordinary graph.
///
/// - Complexity: memory is 12 bytes per edge plus 32 bytes per node, plus
///   12 bytes per shape point and 4 per edge when shapes are present.
public struct RoadGraph: Sendable {
    /// The number of nodes.
    public let nodeCount: Int
    /// CSR offsets, `nodeCount + 1` entries, nondecreasing, last == edge count.
    public let edgeStart: [UInt32]
    /// Head node of each edge.
    public let edgeTarget: [UInt32]
    /// Length of each edge in decimetres.
    public let edgeLength: [UInt32]
    /// Free-flow travel time of each edge in deciseconds.
    public let edgeDuration: [UInt32]
    /// Node latitudes in 10⁻⁷ degrees, or empty.
    public let latitudeE7: [Int32]
    /// Node longitudes in 10⁻⁷ degrees, or empty.
    public let longitudeE7: [Int32]
    /// The input file's id of each node.
    public let originalIDs: [Int64]
    /// `shapeStart[e] ..< shapeStart[e + 1]` indexes the interior shape points
    /// of edge `e`; empty when the graph has no shapes.
    public let shapeStart: [UInt32]
    /// Shape point latitudes in 10⁻⁷ degrees.
    public let shapeLatitudeE7: [Int32]
    /// Shape point longitudes in 10⁻⁷ degrees.
    public let shapeLongitudeE7: [Int32]
    /// For each shape point, the travel time in deciseconds from the tail of
    /// its edge, nondecreasing along the edge and at most the edge's
    /// duration; empty when the graph does not keep them (travel time is
    /// then taken as spread evenly over the edge's length).
    public let shapeDuration: [UInt32]
    /// What searches minimise.
    public let metric: RoutingMetric
    /// The vehicle profile the graph was built for (`hgv`, `car`) or the
    /// source format for graphs without one (`dimacs`).
    public let profile: String
    /// The vehicle size the graph's limits were checked against, or `nil`
    /// (DIMACS, or a profile without dimensions).
    public let vehicle: VehicleDimensions?
    /// Nodes that are not the primary of their OSM id (split copies),
    /// ascending.
    public let splitCopies: [UInt32]

    /// Original ids sorted ascending, with the node of each: the reverse map.
    @usableFromInline let sortedIDs: [Int64]
    @usableFromInline let sortedIDNodes: [UInt32]

    /// Creates a graph from its arrays, checking that they are consistent.
    ///
    /// Loaders normally go through ``RoadGraphBuilder``; this initialiser is
    /// for deserialisation of an already-built graph.
    ///
    /// - Throws: ``RoadGraph/InvariantError`` naming the first inconsistency.
    public init(
        edgeStart: [UInt32], edgeTarget: [UInt32], edgeLength: [UInt32], edgeDuration: [UInt32],
        latitudeE7: [Int32], longitudeE7: [Int32], originalIDs: [Int64],
        shapeStart: [UInt32] = [], shapeLatitudeE7: [Int32] = [], shapeLongitudeE7: [Int32] = [],
        shapeDuration: [UInt32] = [],
        metric: RoutingMetric, profile: String, vehicle: VehicleDimensions? = nil
    ) throws(InvariantError) {
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
        // By id, then node: the primary of a split node comes first.
        var order = Array(0..<UInt32(originalIDs.count))
        order.sort { (originalIDs[Int($0)], $0) < (originalIDs[Int($1)], $1) }
        self.sortedIDs = order.map { originalIDs[Int($0)] }
        self.sortedIDNodes = order
        self.splitCopies = Self.copies(sortedIDs: sortedIDs, sortedIDNodes: order)
        try checkInvariants()
    }

    /// The nodes after the first of each run of equal ids, ascending.
    static func copies(sortedIDs: [Int64], sortedIDNodes: [UInt32]) -> [UInt32] {
        var copies: [UInt32] = []
        for i in sortedIDs.indices.dropFirst() where sortedIDs[i] == sortedIDs[i - 1] {
            copies.append(sortedIDNodes[i])
        }
        copies.sort()
        return copies
    }

    /// The number of directed edges.
    @inlinable public var edgeCount: Int { edgeTarget.count }

    /// `true` when every node has a coordinate.
    @inlinable public var hasCoordinates: Bool { !latitudeE7.isEmpty }

    /// `true` when edges carry shape points.
    @inlinable public var hasShapes: Bool { !shapeStart.isEmpty }

    /// The out-edges of `node`.
    @inlinable
    public func edges(from node: Int) -> Range<Int> {
        Int(edgeStart[node]) ..< Int(edgeStart[node + 1])
    }

    /// The weight searches minimise on `edge` (length or duration, per
    /// ``metric``).
    @inlinable
    public func weight(of edge: Int) -> UInt32 {
        metric == .distance ? edgeLength[edge] : edgeDuration[edge]
    }

    /// The coordinate of `node`, or `nil` for graphs without coordinates.
    @inlinable
    public func coordinate(of node: Int) -> Coordinate? {
        guard hasCoordinates else { return nil }
        return Coordinate(fixedLatitude: latitudeE7[node], fixedLongitude: longitudeE7[node])
    }

    /// The input file's id of `node`.
    @inlinable
    public func originalID(of node: Int) -> Int64 { originalIDs[node] }

    /// The node whose input-file id is `id`, if there is one: for a split
    /// node, its primary (the one every turn is allowed from).
    ///
    /// - Complexity: O(log `nodeCount`).
    @inlinable
    public func node(originalID id: Int64) -> Int? {
        let lo = firstSortedIndex(of: id)
        guard lo < sortedIDs.count, sortedIDs[lo] == id else { return nil }
        return Int(sortedIDNodes[lo])
    }

    /// Every node with `node`'s input-file id, primary first: `[node]` for
    /// a node that was not split.
    ///
    /// - Complexity: O(log `nodeCount` + copies).
    public func nodes(sharingIDWith node: Int) -> [Int] {
        guard !splitCopies.isEmpty else { return [node] }
        let id = originalIDs[node]
        var i = firstSortedIndex(of: id)
        var out: [Int] = []
        while i < sortedIDs.count, sortedIDs[i] == id {
            out.append(Int(sortedIDNodes[i]))
            i += 1
        }
        return out
    }

    /// `true` when `node` is a split copy rather than the primary of its id.
    ///
    /// - Complexity: O(log copies).
    public func isSplitCopy(_ node: Int) -> Bool {
        guard !splitCopies.isEmpty else { return false }
        var lo = 0, hi = splitCopies.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(splitCopies[mid]) < node { lo = mid + 1 } else { hi = mid }
        }
        return lo < splitCopies.count && Int(splitCopies[lo]) == node
    }

    @inlinable
    func firstSortedIndex(of id: Int64) -> Int {
        var lo = 0, hi = sortedIDs.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if sortedIDs[mid] < id { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }

    /// The interior shape points of `edge` in its direction of travel,
    /// excluding both end nodes; empty for straight edges and for graphs
    /// without shapes.
    public func shape(of edge: Int) -> [Coordinate] {
        guard hasShapes else { return [] }
        return (Int(shapeStart[edge]) ..< Int(shapeStart[edge + 1])).map {
            Coordinate(fixedLatitude: shapeLatitudeE7[$0], fixedLongitude: shapeLongitudeE7[$0])
        }
    }

    /// Bytes held by the graph's arrays (not counting the struct itself).
    public var memoryFootprint: Int {
        edgeStart.count * 4 + edgeTarget.count * 4 + edgeLength.count * 4 + edgeDuration.count * 4
            + latitudeE7.count * 4 + longitudeE7.count * 4 + originalIDs.count * 8
            + sortedIDs.count * 8 + sortedIDNodes.count * 4 + splitCopies.count * 4
            + shapeStart.count * 4 + shapeLatitudeE7.count * 4 + shapeLongitudeE7.count * 4 + shapeDuration.count * 4
    }
}
