/// One-to-one shortest paths on a ``ContractionHierarchy``: the cost of a
/// leg, or its route as edges of the graph, with scratch memory allocated
/// once and reused by every query (R. Geisberger, P. Sanders, D. Schultes,
/// D. Delling, "Contraction Hierarchies: Faster and Simpler Hierarchical
/// Routing in Road Networks", WEA 2008, sections 4 and 5).
///
/// A query runs the forward upward search from the source's departures and
/// the backward upward search from the target's arrivals in turn (the one
/// whose next node is cheaper goes), each until its next node costs at
/// least the best meeting found, so that a short leg settles few nodes; the
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
    /// when there is none. Its weight equals the leg's from
    /// ``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``; on
    /// ties the other measure may be another shortest path's.
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

    /// Both searches, alternating (the one whose next node is cheaper
    /// goes), each stopping once its next node costs at least the best
    /// meeting found; the best cost and the peak of its path (`nil` with a
    /// cost when driving along a shared edge is cheaper).
    private mutating func meet(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError)
        -> (cost: PathCost?, peak: UInt32?)
    {
        let h = hierarchy
        let up = (start: h.forwardStart, arcs: h.forwardArcs), down = (start: h.backwardStart, arcs: h.backwardArcs)
        forward.start(from: h.starts(source.departures))
        backward.start(from: h.starts(target.arrivals))
        var best = UInt64.max, bestOther: UInt64 = 0
        var peak: UInt32?
        while true {
            let f = forward.nextKey.map(UInt64.init) ?? .max
            let b = backward.nextKey.map(UInt64.init) ?? .max
            guard f < best || b < best else { break }
            // A settled node meets the other search's label there: exact if
            // the other search settled it, else the cost of a real path.
            let met: (node: UInt32, weight: UInt32, other: UInt32, across: UpwardSearch.Label)?
            if f <= b {
                met = forward.step(up: up, stall: down).map { ($0.node, $0.weight, $0.other, backward.cost(of: $0.node)) }
            } else {
                met = backward.step(up: down, stall: up).map { ($0.node, $0.weight, $0.other, forward.cost(of: $0.node)) }
            }
            guard let met, met.across.weight != .max else { continue }
            let c = UInt64(met.weight) &+ UInt64(met.across.weight)
            if c < best {
                best = c
                bestOther = UInt64(met.other) &+ UInt64(met.across.other)
                peak = met.node
            }
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
