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
/// ``parent(of:)`` gives the search tree, for unpacking the path, when the
/// search records it.
///
/// - Complexity: O(*k* log *k* + arcs of the *k* settled nodes); on road
///   networks *k* is a few hundred (on DIMACS New York about 100 reported
///   and 170 touched). Memory 8 bytes per node, 12 with parents.
struct UpwardSearch {
    /// Per node (rank): the tentative cost in the metric and the other
    /// measure (saturated), side by side in 8 bytes.
    private var labels: [Label]
    /// The rank each touched node was reached from, ``root`` for a start;
    /// kept only by searches made with `recordsParents`.
    private var parents: [UInt32]
    private(set) var touched: [UInt32] = []
    /// A binary min-heap of `cost << 32 | rank`: one integer comparison
    /// orders by cost, then rank (lazy deletion of stale entries).
    private var heap: [UInt64] = []
    /// Whether the last search dropped a path whose cost does not fit 32
    /// bits: a node it left unreached may be reachable after all.
    private(set) var overflowed = false

    struct Label {
        /// `UInt32.max` = not reached.
        var weight: UInt32
        /// Saturated at `UInt32.max`.
        var other: UInt32
    }

    /// The parent of a node the search started from.
    static var root: UInt32 { .max }

    /// Scratch for searches over `nodeCount` nodes; `recordsParents` for
    /// searches whose paths are unpacked (``parent(of:)``).
    init(nodeCount: Int, recordsParents: Bool = false) {
        labels = [Label](repeating: Label(weight: .max, other: 0), count: nodeCount)
        parents = recordsParents ? [UInt32](repeating: Self.root, count: nodeCount) : []
        touched.reserveCapacity(4096)
        heap.reserveCapacity(4096)
    }

    /// The last search's cost to `node` (rank) in the metric and the other
    /// measure; the weight is `UInt32.max` when the search did not reach it.
    @inline(__always)
    func cost(of node: UInt32) -> Label { labels[Int(node)] }

    /// Calls `body` with the last search's labels by rank (weight
    /// `UInt32.max` = not reached), for scans in a hot loop.
    @inline(__always)
    func withLabels<R>(_ body: (UnsafeBufferPointer<Label>) throws -> R) rethrows -> R {
        try labels.withUnsafeBufferPointer { try body($0) }
    }

    /// The rank `node` was reached from in the last search, or ``root``.
    ///
    /// - Precondition: the search records parents.
    func parent(of node: UInt32) -> UInt32 { parents[Int(node)] }

    /// Searches up from `anchors` (rank, initial cost, initial other) and
    /// calls `visit(rank, cost, other)` for every settled node that is not
    /// stalled, in order of cost (ties by rank), until `visit` returns
    /// `false` or nothing is left. Costs of 2³² − 1 or more are dropped
    /// (``overflowed``).
    mutating func run(
        from anchors: [HierarchyStart],
        up: (start: [UInt32], arcs: [HierarchyArc]), stall: (start: [UInt32], arcs: [HierarchyArc]),
        visit: (UInt32, UInt32, UInt32) -> Bool
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
        visit: (UInt32, UInt32, UInt32) -> Bool
    ) {
        start(from: anchors)
        // Moved out (not copied, which would copy them on the first append).
        var touched: [UInt32] = [], heap: [UInt64] = []
        swap(&touched, &self.touched)
        swap(&heap, &self.heap)
        defer {
            swap(&touched, &self.touched)
            swap(&heap, &self.heap)
        }
        var overflow = false
        let recordsParents = !parents.isEmpty
        labels.withUnsafeMutableBufferPointer { labels in
            parents.withUnsafeMutableBufferPointer { parents in
                while let top = PackedHeap.popMin(&heap) {
                    let xi = Int(truncatingIfNeeded: top & 0xFFFF_FFFF)
                    let d = UInt32(truncatingIfNeeded: top >> 32)
                    guard d == labels[xi].weight else { continue }
                    guard !Self.isStalled(xi, d, labels, stallStart, stallArcs) else { continue }
                    guard visit(UInt32(truncatingIfNeeded: xi), d, labels[xi].other) else { break }
                    Self.relax(
                        xi, d, labels, parents, recordsParents, &heap, &touched, &overflow, upStart, upArcs)
                }
            }
        }
        if overflow { overflowed = true }
    }

    /// Forgets the last search (in O(touched)) and seeds the heap with
    /// `anchors`, for ``step(up:stall:)``.
    mutating func start(from anchors: [HierarchyStart]) {
        var overflow = false
        let recordsParents = !parents.isEmpty
        labels.withUnsafeMutableBufferPointer { labels in
            for v in touched { labels[Int(v)].weight = .max }
            touched.removeAll(keepingCapacity: true)
            heap.removeAll(keepingCapacity: true)
            for a in anchors {
                let v = Int(a.node)
                guard a.weight < UInt64(UInt32.max) else {
                    overflow = true
                    continue
                }
                let old = labels[v].weight
                guard a.weight < UInt64(old) else { continue }
                if old == .max { touched.append(a.node) }
                labels[v] = Label(weight: UInt32(a.weight), other: UInt32(min(a.other, UInt64(UInt32.max))))
                if recordsParents { parents[v] = Self.root }
                PackedHeap.push(&heap, a.weight << 32 | UInt64(a.node))
            }
        }
        overflowed = overflow
    }

    /// A lower bound on the cost of the next node ``step(up:stall:)``
    /// settles; `nil` when the search is exhausted.
    var nextKey: UInt32? { heap.first.map { UInt32(truncatingIfNeeded: $0 >> 32) } }

    /// Settles the next node that is not stalled and relaxes its upward
    /// arcs: one step of a search begun with ``start(from:)``, for
    /// bidirectional queries that alternate their two searches. Returns the
    /// node (rank), its cost and other measure; `nil` when exhausted.
    mutating func step(
        up: (start: [UInt32], arcs: [HierarchyArc]), stall: (start: [UInt32], arcs: [HierarchyArc])
    ) -> (node: UInt32, weight: UInt32, other: UInt32)? {
        let recordsParents = !parents.isEmpty
        while let top = PackedHeap.popMin(&heap) {
            let xi = Int(truncatingIfNeeded: top & 0xFFFF_FFFF)
            let d = UInt32(truncatingIfNeeded: top >> 32)
            guard d == labels[xi].weight else { continue }
            let stalled = labels.withUnsafeMutableBufferPointer { labels in
                stall.start.withUnsafeBufferPointer { stallStart in
                    stall.arcs.withUnsafeBufferPointer { stallArcs in Self.isStalled(xi, d, labels, stallStart, stallArcs) }
                }
            }
            guard !stalled else { continue }
            var overflow = false
            var touched: [UInt32] = [], heap: [UInt64] = []
            swap(&touched, &self.touched)
            swap(&heap, &self.heap)
            up.start.withUnsafeBufferPointer { upStart in
                up.arcs.withUnsafeBufferPointer { upArcs in
                    labels.withUnsafeMutableBufferPointer { labels in
                        parents.withUnsafeMutableBufferPointer { parents in
                            Self.relax(
                                xi, d, labels, parents, recordsParents, &heap, &touched, &overflow, upStart, upArcs)
                        }
                    }
                }
            }
            swap(&touched, &self.touched)
            swap(&heap, &self.heap)
            if overflow { overflowed = true }
            return (UInt32(truncatingIfNeeded: xi), d, labels[xi].other)
        }
        return nil
    }

    /// Stall-on-demand: whether `x`, settled at cost `d`, is reached more
    /// cheaply from above through one of its downward arcs (then no
    /// shortest path peaks there and it is neither reported nor expanded).
    @inline(__always)
    private static func isStalled(
        _ xi: Int, _ d: UInt32, _ labels: UnsafeMutableBufferPointer<Label>,
        _ stallStart: UnsafeBufferPointer<UInt32>, _ stallArcs: UnsafeBufferPointer<HierarchyArc>
    ) -> Bool {
        var e = Int(stallStart[xi])
        let end = Int(stallStart[xi &+ 1])
        while e < end {
            let a = stallArcs[e]
            let du = labels[Int(a.node)].weight
            if du != .max && UInt64(du) &+ UInt64(a.weight) < UInt64(d) { return true }
            e &+= 1
        }
        return false
    }

    /// Relaxes the upward arcs of `x`, settled at cost `d`.
    @inline(__always)
    private static func relax(
        _ xi: Int, _ d: UInt32, _ labels: UnsafeMutableBufferPointer<Label>,
        _ parents: UnsafeMutableBufferPointer<UInt32>, _ recordsParents: Bool, _ heap: inout [UInt64],
        _ touched: inout [UInt32], _ overflow: inout Bool,
        _ upStart: UnsafeBufferPointer<UInt32>, _ upArcs: UnsafeBufferPointer<HierarchyArc>
    ) {
        let ox = labels[xi].other
        var e = Int(upStart[xi])
        let end = Int(upStart[xi &+ 1])
        while e < end {
            let a = upArcs[e]
            let v = Int(a.node)
            let nd = UInt64(d) &+ UInt64(a.weight)
            let old = labels[v].weight
            if nd < UInt64(old) {
                if old == .max { touched.append(a.node) }
                let no = UInt64(ox) &+ UInt64(a.other)
                labels[v] = Label(
                    weight: UInt32(truncatingIfNeeded: nd),
                    other: no < UInt64(UInt32.max) ? UInt32(truncatingIfNeeded: no) : .max)
                if recordsParents { parents[v] = UInt32(truncatingIfNeeded: xi) }
                PackedHeap.push(&heap, nd << 32 | UInt64(a.node))
            } else if old == .max {
                overflow = true  // nd ≥ 2³² − 1: a path too long to represent
            }
            e &+= 1
        }
    }
}

/// A binary min-heap of packed `key << 32 | node` integers, for the small
/// searches of contraction hierarchies (witness and upward searches): one
/// integer comparison orders by key, then node, and a node whose key
/// improves is pushed again (its stale entry is skipped when popped).
///
/// - Complexity: `push` and `popMin` O(log *k*) for *k* entries.
enum PackedHeap {
    @inline(__always)
    static func push(_ heap: inout [UInt64], _ x: UInt64) {
        var i = heap.count
        heap.append(x)
        heap.withUnsafeMutableBufferPointer { h in
            while i > 0 {
                let p = (i &- 1) >> 1
                guard x < h[p] else { break }
                h[i] = h[p]
                i = p
            }
            h[i] = x
        }
    }

    @inline(__always)
    static func popMin(_ heap: inout [UInt64]) -> UInt64? {
        guard let last = heap.popLast() else { return nil }
        let count = heap.count
        if count == 0 { return last }
        return heap.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            var i = 0
            while true {
                var c = 2 &* i &+ 1
                guard c < count else { break }
                if c &+ 1 < count && h[c &+ 1] < h[c] { c &+= 1 }
                guard h[c] < last else { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
            return top
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
