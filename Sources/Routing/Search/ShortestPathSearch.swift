/// Dijkstra's algorithm over a ``RoadGraph``, with scratch memory that is
/// allocated once and reused by every query
/// (E. W. Dijkstra, "A note on two problems in connexion with graphs",
/// Numerische Mathematik 1, 269–271, 1959).
///
/// One search object serves one thread: create one per worker and run as
/// many queries on it as needed. Each query costs O(*k* log *k* + edges of
/// the *k* touched nodes): the per-node arrays are reset in O(*k*), never
/// O(*n*), so a short route on a continental graph stays short.
///
/// Queries take ``NetworkPoint``s: a search starts from every departure
/// anchor of the source with that anchor's cost already paid, and a target
/// is reached through the cheapest of its arrival anchors. Searches minimise
/// the graph's metric (``RoadGraph/metric``) and carry the other measure of
/// the chosen path alongside; among paths of equal metric the first found is
/// kept, deterministically (the heap breaks ties by node number).
///
/// The priority queue is a 4-ary indexed heap with decrease-key over unsafe
/// buffers (``IndexedMinHeap``); the heap, the relax loop and the per-node
/// arrays live in this module so that the optimiser sees them whole
/// (release builds optimise the whole module at once). The relax loop reads
/// the graph's own CSR arrays, each front to back for a node's edges, which
/// the hardware prefetcher follows better than one interleaved table (see
/// `docs/benchmarks/routing.md`).
///
/// - Complexity: one-to-all O((*n* + *m*) log₄ *n*); memory 28 bytes per
///   node (12 of cost, other measure and parent edge, 12 of heap, 4 of
///   touched list).
public struct ShortestPathSearch: ~Copyable {
    /// The graph searched.
    public let graph: RoadGraph
    private var heap: IndexedMinHeap
    /// Cost in the search metric per node; `unreached` = not reached.
    private let cost: UnsafeMutablePointer<UInt32>
    /// The other measure of that path (duration for distance graphs, length
    /// otherwise), `saturated` when it does not fit 32 bits.
    private let other: UnsafeMutablePointer<UInt32>
    /// The edge by which each node was reached, or `noEdge` for a departure.
    private let parentEdge: UnsafeMutablePointer<UInt32>
    /// Nodes whose `cost` is set, for the O(touched) reset.
    private let touched: UnsafeMutablePointer<UInt32>
    private var touchedCount = 0
    /// Set when a relaxation towards an unreached node was dropped because
    /// its cost did not fit 32 bits. Every node whose true cost fits is
    /// still exact (its shortest path has no such prefix), so this matters
    /// only for nodes left unreached: they may be reachable after all.
    private var overflowed = false
    /// Whether the last query ran until the heap was empty.
    private var ranToCompletion = false

    /// The number of nodes settled (taken off the heap) by the last query.
    public private(set) var settledCount = 0

    private static var unreached: UInt32 { .max }
    private static var noEdge: UInt32 { .max }
    /// The value of ``other`` for a measure too large for 32 bits.
    private static var saturated: UInt32 { .max }

    /// Allocates scratch memory for searches on `graph`.
    ///
    /// - Complexity: O(*n*) time and 28 bytes per node.
    public init(graph: RoadGraph) {
        self.graph = graph
        let n = max(graph.nodeCount, 1)
        heap = IndexedMinHeap(capacity: graph.nodeCount)
        cost = .allocate(capacity: n)
        cost.initialize(repeating: Self.unreached, count: n)
        other = .allocate(capacity: n)
        other.initialize(repeating: 0, count: n)
        parentEdge = .allocate(capacity: n)
        parentEdge.initialize(repeating: Self.noEdge, count: n)
        touched = .allocate(capacity: n)
    }

    deinit {
        cost.deallocate()
        other.deallocate()
        parentEdge.deallocate()
        touched.deallocate()
    }

    // MARK: - Queries

    /// The shortest route from `source` to `target`, or `nil` when there is
    /// none.
    ///
    /// The search stops as soon as no unsettled node can improve on the best
    /// arrival found; points on the same edge also consider driving straight
    /// along it (``NetworkPoint/sameEdgeCost(to:in:)``).
    ///
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    public mutating func route(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError) -> Route? {
        reset()
        var bestWeight = UInt64(UInt32.max)
        var bestAnchor: NetworkPoint.Anchor?
        var best: PathCost?
        if let s = source.sameEdgeCost(to: target, in: graph) {
            bestWeight = UInt64(s.weight)
            best = PathCost(weight: s.weight, length: s.length, duration: s.duration)
        }
        start(from: source.departures)
        let arrivals = target.arrivals
        var arrivalTooLong = false
        run { node, key in
            if UInt64(key) >= bestWeight { return true }
            for a in arrivals where Int(a.node) == node {
                let w = UInt64(key) + UInt64(a.weight)
                if w < bestWeight {
                    bestWeight = w
                    bestAnchor = a
                } else if w >= UInt64(UInt32.max) {
                    arrivalTooLong = true
                }
            }
            return UInt64(key) >= bestWeight
        }
        guard let a = bestAnchor else {
            if let best { return Route(cost: best, departure: nil, arrival: nil, edges: [], isOnOneEdge: true) }
            // Unreachable, unless a path was too long to represent.
            guard !overflowed && !arrivalTooLong else { throw CostOverflowError() }
            return nil
        }
        guard let c = pathCost(to: Int(a.node), through: a) else { throw CostOverflowError() }
        let (edges, root) = edgePath(to: Int(a.node))
        // The departure anchor that seeded the root: the cheapest one there.
        let departure = source.departures.filter { Int($0.node) == root }.min { $0.weight < $1.weight }
        return Route(cost: c, departure: departure, arrival: a, edges: edges, isOnOneEdge: false)
    }

    /// Runs the search from `source` until every reachable node is settled
    /// (the whole shortest-path tree). Read the tree with ``cost(to:)`` and
    /// ``edges(to:)`` until the next query.
    ///
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    public mutating func searchAll(from source: NetworkPoint) throws(CostOverflowError) {
        reset()
        start(from: source.departures)
        run { _, _ in false }
        ranToCompletion = true
        guard !overflowed else { throw CostOverflowError() }
        for i in 0..<touchedCount where other[Int(touched[i])] == Self.saturated {
            throw CostOverflowError()
        }
    }

    /// The cost from the last ``searchAll(from:)`` source to `node`, or `nil`
    /// when `node` is unreachable (or the last query was not `searchAll`).
    public func cost(to node: Int) -> PathCost? {
        precondition(node >= 0 && node < graph.nodeCount, "node out of range")
        guard ranToCompletion, cost[node] != Self.unreached else { return nil }
        return pathCost(to: node, through: nil)
    }

    /// The edges of the tree path from the last ``searchAll(from:)`` source
    /// to `node`, in driving order, or `nil` when `node` is unreachable.
    public func edges(to node: Int) -> [Int]? {
        precondition(node >= 0 && node < graph.nodeCount, "node out of range")
        guard ranToCompletion, cost[node] != Self.unreached else { return nil }
        return edgePath(to: node).edges
    }

    /// The costs from `source` to each of `targets`, in their order; `nil`
    /// for a target that cannot be reached.
    ///
    /// The search stops once every arrival node of every target is settled.
    ///
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    public mutating func costs(from source: NetworkPoint, to targets: SearchTargets) throws(CostOverflowError) -> [PathCost?] {
        let t = targets.count
        var lengths = [UInt32](repeating: 0, count: t)
        var durations = [UInt32](repeating: 0, count: t)
        try lengths.withUnsafeMutableBufferPointer { (l: inout UnsafeMutableBufferPointer<UInt32>) throws(CostOverflowError) in
            try durations.withUnsafeMutableBufferPointer { (d: inout UnsafeMutableBufferPointer<UInt32>) throws(CostOverflowError) in
                try fillRow(from: source, to: targets, lengths: l, durations: d)
            }
        }
        let distanceMetric = graph.metric == .distance
        return (0..<t).map { j in
            lengths[j] == Self.unreached
                ? nil
                : PathCost(weight: distanceMetric ? lengths[j] : durations[j], length: lengths[j], duration: durations[j])
        }
    }

    /// One row of a many-to-many matrix: the lengths and durations from
    /// `source` to every target (`.max` in both = unreachable).
    mutating func fillRow(
        from source: NetworkPoint, to targets: SearchTargets,
        lengths: UnsafeMutableBufferPointer<UInt32>, durations: UnsafeMutableBufferPointer<UInt32>
    ) throws(CostOverflowError) {
        precondition(lengths.count == targets.count && durations.count == targets.count)
        reset()
        start(from: source.departures)
        var remaining = targets.arrivalNodeCount
        targets.isArrivalNode.withUnsafeBufferPointer { isArrival in
            if remaining == 0 { return }
            run { node, _ in
                if isArrival[node] {
                    remaining &-= 1
                    return remaining == 0
                }
                return false
            }
        }
        // Every arrival node is now settled or unreachable.
        let distanceMetric = graph.metric == .distance
        for (j, p) in targets.points.enumerated() {
            var reached = false
            var bestWeight = UInt64.max
            var bestOther: UInt64 = 0
            for a in p.arrivals {
                let c = cost[Int(a.node)]
                guard c != Self.unreached else { continue }
                reached = true
                let w = UInt64(c) + UInt64(a.weight)
                if w < bestWeight {
                    bestWeight = w
                    bestOther = UInt64(other[Int(a.node)]) + UInt64(distanceMetric ? a.duration : a.length)
                }
            }
            guard reached else {
                // Unreachable, unless a path was too long to represent.
                if overflowed { throw CostOverflowError() }
                lengths[j] = Self.unreached
                durations[j] = Self.unreached
                continue
            }
            guard bestWeight < UInt64(Self.unreached), bestOther < UInt64(Self.unreached) else {
                throw CostOverflowError()
            }
            lengths[j] = UInt32(distanceMetric ? bestWeight : bestOther)
            durations[j] = UInt32(distanceMetric ? bestOther : bestWeight)
        }
        // Driving straight along an edge shared with the source.
        for pos in source.positions {
            guard let onEdge = targets.targetsOnEdge[pos.edge] else { continue }
            for j in onEdge {
                let current = lengths[j] == Self.unreached ? Self.unreached : (distanceMetric ? lengths[j] : durations[j])
                guard let s = source.sameEdgeCost(to: targets.points[j], in: graph), s.weight < current else { continue }
                lengths[j] = s.length
                durations[j] = s.duration
            }
        }
    }

    // MARK: - The algorithm

    /// Forgets the previous query in O(touched).
    private mutating func reset() {
        for i in 0..<touchedCount {
            cost[Int(touched[i])] = Self.unreached
        }
        touchedCount = 0
        heap.removeAll()
        overflowed = false
        ranToCompletion = false
        settledCount = 0
    }

    /// Seeds the heap with the departure anchors (the cheapest per node).
    private mutating func start(from anchors: [NetworkPoint.Anchor]) {
        let distanceMetric = graph.metric == .distance
        for a in anchors {
            let v = Int(a.node)
            precondition(v < graph.nodeCount, "source anchor is not a node of this graph")
            let old = cost[v]
            guard a.weight < old else { continue }
            if a.weight == Self.unreached { overflowed = true; continue }
            cost[v] = a.weight
            other[v] = distanceMetric ? a.duration : a.length
            parentEdge[v] = Self.noEdge
            if old == Self.unreached {
                touched[touchedCount] = UInt32(v)
                touchedCount += 1
                heap.insert(v, key: a.weight)
            } else {
                heap.decreaseKey(v, to: a.weight)
            }
        }
    }

    /// The main loop: settle the cheapest node, relax its out-edges, until
    /// the heap is empty or `shouldStop(node, cost)` says so for the node
    /// just settled (before its edges are relaxed).
    @inline(__always)
    private mutating func run(_ shouldStop: (Int, UInt32) -> Bool) {
        let graph = self.graph
        let distanceMetric = graph.metric == .distance
        let weightArray = distanceMetric ? graph.edgeLength : graph.edgeDuration
        let otherArray = distanceMetric ? graph.edgeDuration : graph.edgeLength
        let cost = self.cost, other = self.other, parentEdge = self.parentEdge, touched = self.touched
        var touchedCount = self.touchedCount
        var settled = 0
        var overflow = false
        graph.edgeStart.withUnsafeBufferPointer { start in
            graph.edgeTarget.withUnsafeBufferPointer { target in
                weightArray.withUnsafeBufferPointer { weight in
                    otherArray.withUnsafeBufferPointer { otherWeight in
                        while let (u, du) = heap.popMin() {
                            settled &+= 1
                            if shouldStop(u, du) { break }
                            let ou = UInt64(other[u])
                            var e = Int(start[u])
                            let end = Int(start[u &+ 1])
                            while e < end {
                                let v = Int(target[e])
                                let nd = UInt64(du) &+ UInt64(weight[e])
                                let old = cost[v]
                                if nd < UInt64(old) {
                                    let no = ou &+ UInt64(otherWeight[e])
                                    cost[v] = UInt32(truncatingIfNeeded: nd)
                                    other[v] = no < UInt64(Self.saturated) ? UInt32(truncatingIfNeeded: no) : Self.saturated
                                    parentEdge[v] = UInt32(truncatingIfNeeded: e)
                                    if old == Self.unreached {
                                        touched[touchedCount] = UInt32(truncatingIfNeeded: v)
                                        touchedCount &+= 1
                                        heap.insert(v, key: UInt32(truncatingIfNeeded: nd))
                                    } else {
                                        heap.decreaseKey(v, to: UInt32(truncatingIfNeeded: nd))
                                    }
                                } else if old == Self.unreached {
                                    // nd ≥ 2³² − 1: a path too long to represent
                                    // (only fatal if `v` stays unreached).
                                    overflow = true
                                }
                                e &+= 1
                            }
                        }
                    }
                }
            }
        }
        self.touchedCount = touchedCount
        settledCount &+= settled
        if overflow { overflowed = true }
    }

    /// The cost of the tree path to `node`, plus `anchor`'s stretch; `nil` on
    /// overflow.
    private func pathCost(to node: Int, through anchor: NetworkPoint.Anchor?) -> PathCost? {
        let distanceMetric = graph.metric == .distance
        let w = UInt64(cost[node]) + UInt64(anchor?.weight ?? 0)
        let o = UInt64(other[node]) + UInt64(anchor.map { distanceMetric ? $0.duration : $0.length } ?? 0)
        guard w < UInt64(UInt32.max), o < UInt64(UInt32.max) else { return nil }
        return PathCost(
            weight: UInt32(w), length: UInt32(distanceMetric ? w : o), duration: UInt32(distanceMetric ? o : w))
    }

    /// The tree edges from the root to `node`, and the root.
    ///
    /// - Complexity: O(path length × log *n*) (each edge's tail is found by
    ///   binary search in the CSR offsets).
    private func edgePath(to node: Int) -> (edges: [Int], root: Int) {
        var edges: [Int] = []
        var v = node
        while parentEdge[v] != Self.noEdge {
            let e = Int(parentEdge[v])
            edges.append(e)
            v = graph.tail(of: e)
        }
        edges.reverse()
        return (edges, v)
    }
}
