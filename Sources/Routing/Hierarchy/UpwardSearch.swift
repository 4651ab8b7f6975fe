/// An upward search in a contraction hierarchy: Dijkstra's algorithm that
/// follows only arcs to higher-ranked nodes, with stall-on-demand (a node
/// reached more cheaply from above through a downward arc is not expanded
/// and not reported, since no shortest path can peak there; Geisberger
/// et al., WEA 2008, section 4.1).
///
/// The same code serves forward searches (upward arcs out of a node,
/// stalling through the arcs into it from above) and backward searches (the
/// mirror). Scratch memory is allocated once per thread and reset in
/// O(touched).
///
/// After a search, ``cost(of:)`` gives the tentative cost of every node it
/// touched: exact for the nodes it reported, and for every other touched
/// node the cost of *a* real path (an upper bound). Combining a forward and a
/// backward search through any touched node therefore never undercuts the
/// shortest path, and the meeting node at the peak of a shortest path is
/// reported by both, so the minimum over touched nodes is exact.
/// ``parent(of:)`` gives the search tree, for unpacking the path.
///
/// - Complexity: O(*k* log *k* + arcs of the *k* settled nodes); on road
///   networks *k* is a few hundred. Memory 20 bytes per node.
struct UpwardSearch {
    private var dist: [UInt64]
    private var other: [UInt64]
    /// The rank each touched node was reached from, ``root`` for a start.
    private var parents: [UInt32]
    private(set) var touched: [UInt32] = []
    private var heap = HierarchyHeap()

    /// The parent of a node the search started from.
    static var root: UInt32 { .max }

    init(nodeCount: Int) {
        dist = [UInt64](repeating: .max, count: nodeCount)
        other = [UInt64](repeating: 0, count: nodeCount)
        parents = [UInt32](repeating: Self.root, count: nodeCount)
        touched.reserveCapacity(4096)
    }

    /// The last search's cost to `node` (rank) in the metric and the other
    /// measure; the weight is `.max` when the search did not reach it.
    @inline(__always)
    func cost(of node: UInt32) -> (weight: UInt64, other: UInt64) {
        (dist[Int(node)], other[Int(node)])
    }

    /// Calls `body` with the last search's costs by rank (`.max` = not
    /// reached) and other measures, for scans in a hot loop.
    @inline(__always)
    func withCosts<R>(_ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try dist.withUnsafeBufferPointer { d in try other.withUnsafeBufferPointer { o in try body(d, o) } }
    }

    /// The rank `node` was reached from in the last search, or ``root``.
    func parent(of node: UInt32) -> UInt32 { parents[Int(node)] }

    /// Searches up from `anchors` (rank, initial cost, initial other) and
    /// calls `visit(rank, cost, other)` for every settled node that is not
    /// stalled, in order of cost (ties by rank), until `visit` returns
    /// `false` or nothing is left.
    mutating func run(
        from anchors: [HierarchyStart],
        up: (start: [UInt32], arcs: [HierarchyArc]), stall: (start: [UInt32], arcs: [HierarchyArc]),
        visit: (UInt32, UInt64, UInt64) -> Bool
    ) {
        up.start.withUnsafeBufferPointer { upStart in
            up.arcs.withUnsafeBufferPointer { upArcs in
                stall.start.withUnsafeBufferPointer { stallStart in
                    stall.arcs.withUnsafeBufferPointer { stallArcs in
                        run(from: anchors, upStart: upStart, upArcs: upArcs, stallStart: stallStart,
                            stallArcs: stallArcs, visit: visit)
                    }
                }
            }
        }
    }

    @inline(__always)
    private mutating func run(
        from anchors: [HierarchyStart],
        upStart: UnsafeBufferPointer<UInt32>, upArcs: UnsafeBufferPointer<HierarchyArc>,
        stallStart: UnsafeBufferPointer<UInt32>, stallArcs: UnsafeBufferPointer<HierarchyArc>,
        visit: (UInt32, UInt64, UInt64) -> Bool
    ) {
        for v in touched { dist[Int(v)] = .max }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        var touched = self.touched
        defer { self.touched = touched }
        dist.withUnsafeMutableBufferPointer { dist in
            other.withUnsafeMutableBufferPointer { other in
                parents.withUnsafeMutableBufferPointer { parents in
                    for a in anchors {
                        let v = Int(a.node)
                        let old = dist[v]
                        guard a.weight < old else { continue }
                        if old == .max { touched.append(a.node) }
                        dist[v] = a.weight
                        other[v] = a.other
                        parents[v] = Self.root
                        heap.push(a.node, key: a.weight)
                    }
                    while let (x, d) = heap.popMin() {
                        let xi = Int(x)
                        guard d == dist[xi] else { continue }
                        // Stall-on-demand: reached more cheaply from above?
                        var stalled = false
                        var e = Int(stallStart[xi])
                        let stallEnd = Int(stallStart[xi &+ 1])
                        while e < stallEnd {
                            let a = stallArcs[e]
                            let du = dist[Int(a.node)]
                            if du != .max && du &+ UInt64(a.weight) < d {
                                stalled = true
                                break
                            }
                            e &+= 1
                        }
                        if stalled { continue }
                        let ox = other[xi]
                        guard visit(x, d, ox) else { break }
                        e = Int(upStart[xi])
                        let end = Int(upStart[xi &+ 1])
                        while e < end {
                            let a = upArcs[e]
                            let v = Int(a.node)
                            let nd = d &+ UInt64(a.weight)
                            let old = dist[v]
                            if nd < old {
                                if old == .max { touched.append(a.node) }
                                dist[v] = nd
                                other[v] = ox &+ UInt64(a.other)
                                parents[v] = x
                                heap.push(a.node, key: nd)
                            }
                            e &+= 1
                        }
                    }
                }
            }
        }
    }
}

/// Where an upward search starts: a node (rank) with the cost of reaching
/// it from the query point already paid, in the metric and the other
/// measure.
struct HierarchyStart: Sendable {
    var node: UInt32
    var weight: UInt64
    var other: UInt64
}
