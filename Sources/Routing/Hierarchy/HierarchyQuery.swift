/// One-to-one shortest paths on a ``ContractionHierarchy``: the cost of a
/// leg, or its route as edges of the graph, with scratch memory allocated
/// once and reused by every query (R. Geisberger, P. Sanders, D. Schultes,
/// D. Delling, "Contraction Hierarchies: Faster and Simpler Hierarchical
/// Routing in Road Networks", WEA 2008, sections 4 and 5).
///
/// A query runs the forward upward search from the source's departures to
/// the end, then the backward upward search from the target's arrivals
/// until it settles a node costing at least the best meeting found; the
/// cheapest meeting node is the peak of a shortest path. A route is that
/// path's hierarchy arcs from both search trees, each shortcut replaced by
/// the two arcs it bypasses until only arcs of the graph are left
/// (``ContractionHierarchy/unpack(from:to:into:)``).
///
/// One query object serves one thread: create one per worker (the batch
/// methods ``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``
/// and ``ContractionHierarchy/routes(from:to:pairs:threads:progress:)`` do).
///
/// ```swift
/// var query = HierarchyQuery(hierarchy: ch)
/// let cost = try query.cost(from: a, to: b)      // PathCost?, nil: unreachable
/// let route = try query.route(from: a, to: b)    // Route?, drawable with coordinates(in:from:to:)
/// ```
///
/// Weights equal Dijkstra's (``ShortestPathSearch``) exactly; where several
/// shortest paths tie on the metric, the other measure and the route may be
/// another of them.
///
/// - Complexity: two upward searches, O(*k* log *k*) for *k* settled nodes
///   (a few hundred on road networks); a route adds O(edges of the route ×
///   degree) to unpack. Memory 24 bytes per node.
public struct HierarchyQuery {
    /// The hierarchy queried.
    public let hierarchy: ContractionHierarchy
    private var forward: UpwardSearch
    private var backward: UpwardSearch

    /// Allocates scratch memory for queries on `hierarchy`.
    ///
    /// - Complexity: O(*n*).
    public init(hierarchy: ContractionHierarchy) {
        self.hierarchy = hierarchy
        forward = UpwardSearch(nodeCount: hierarchy.nodeCount, recordsParents: true)
        backward = UpwardSearch(nodeCount: hierarchy.nodeCount, recordsParents: true)
    }

    /// The cost of the shortest path from `source` to `target`, or `nil`
    /// when there is none. Equals the leg's cost from
    /// ``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``.
    ///
    /// - Throws: ``CostOverflowError`` when the cost exceeds 32 bits.
    /// - Precondition: every anchor node is a node of the hierarchy's graph.
    public mutating func cost(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError) -> PathCost? {
        try meet(from: source, to: target).cost
    }

    /// The shortest route from `source` to `target` as edges of the graph
    /// (the same ``Route`` that ``ShortestPathSearch/route(from:to:)`` gives),
    /// or `nil` when there is none. Its cost is ``cost(from:to:)``'s.
    ///
    /// - Throws: ``CostOverflowError`` when the cost exceeds 32 bits.
    /// - Precondition: every anchor node is a node of the hierarchy's graph,
    ///   and the hierarchy's shortcuts unpack (always true of one built or
    ///   read by backhaul).
    public mutating func route(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError) -> Route? {
        let m = try meet(from: source, to: target)
        guard let cost = m.cost else { return nil }
        guard let peak = m.peak else {
            return Route(cost: cost, departure: nil, arrival: nil, edges: [], isOnOneEdge: true)
        }
        let h = hierarchy
        // Up from the source's root to the peak, then down to the target's root.
        var up: [UInt32] = [peak]
        while forward.parent(of: up[up.count - 1]) != UpwardSearch.root { up.append(forward.parent(of: up[up.count - 1])) }
        up.reverse()
        var down: [UInt32] = [peak]
        while backward.parent(of: down[down.count - 1]) != UpwardSearch.root {
            down.append(backward.parent(of: down[down.count - 1]))
        }
        var edges: [Int] = []
        let chain = up + down.dropFirst()
        for k in chain.indices.dropLast() {
            guard h.unpack(from: chain[k], to: chain[k + 1], into: &edges) else {
                preconditionFailure("a shortcut of the contraction hierarchy does not unpack")
            }
        }
        let first = h.nodeAtRank[Int(chain[0])], last = h.nodeAtRank[Int(chain[chain.count - 1])]
        let departure = source.departures.filter { $0.node == first }.min { $0.weight < $1.weight }
        let arrival = target.arrivals.filter { $0.node == last }.min { $0.weight < $1.weight }
        return Route(cost: cost, departure: departure, arrival: arrival, edges: edges, isOnOneEdge: false)
    }

    /// Both searches; the best cost and the peak of its path (`nil` with a
    /// cost when driving along a shared edge is cheaper).
    private mutating func meet(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError)
        -> (cost: PathCost?, peak: UInt32?)
    {
        let h = hierarchy
        forward.run(from: h.starts(source.departures), up: (h.forwardStart, h.forwardArcs),
                    stall: (h.backwardStart, h.backwardArcs)) { _, _, _ in true }
        var best = UInt64.max, bestOther: UInt64 = 0
        var peak: UInt32?
        let forward = self.forward
        backward.run(from: h.starts(target.arrivals), up: (h.backwardStart, h.backwardArcs),
                     stall: (h.forwardStart, h.forwardArcs)) { x, d, o in
            guard UInt64(d) < best else { return false }
            let f = forward.cost(of: x)
            if f.weight != .max, UInt64(f.weight) &+ UInt64(d) < best {
                best = UInt64(f.weight) &+ UInt64(d)
                bestOther = UInt64(f.other) &+ UInt64(o)
                peak = x
            }
            return true
        }
        var cost: PathCost?
        if best != .max {
            guard let c = h.pathCost(weight: best, other: bestOther) else { throw CostOverflowError() }
            cost = c
        } else if forward.overflowed || backward.overflowed {
            throw CostOverflowError()  // reachable perhaps, but not representable
        }
        let withEdge = h.withSameEdge(cost, from: source, to: target)
        return withEdge == cost ? (cost, peak) : (withEdge, nil)
    }
}
