/// The local Dijkstra search that decides whether contracting a node needs a
/// shortcut: from an in-neighbour `u` of the node `v` being contracted, is
/// there a path to each out-neighbour `w` that avoids `v` and costs no more
/// than `u → v → w`? If so (a *witness*), no shortcut is needed.
///
/// The search is bounded by the number of settled nodes and by the largest
/// cost through `v`; stopping early only adds shortcuts that were not
/// strictly needed, never loses a shortest path (Geisberger et al., WEA 2008,
/// section 3).
///
/// - Complexity: O(*k* log *k*) for *k* settled nodes (at most the limit);
///   reset in O(touched).
struct WitnessSearch {
    /// Tentative cost from the search's source; `.max` = not reached (costs
    /// of 2³² − 1 or more are not followed: such a witness could only stand
    /// against a shortcut too long to store).
    private(set) var dist: [UInt32]
    private var touched: [UInt32] = []
    /// A binary min-heap of `cost << 32 | node`: one integer comparison
    /// orders by cost, then node.
    private var heap: [UInt64] = []
    /// `targetMark[w] == stamp` for the out-neighbours of the current query.
    private var targetMark: [UInt32]
    private var stamp: UInt32 = 0

    init(nodeCount: Int) {
        dist = [UInt32](repeating: .max, count: nodeCount)
        heap.reserveCapacity(1024)
        targetMark = [UInt32](repeating: 0, count: nodeCount)
        touched.reserveCapacity(1024)
    }

    /// Starts a new set of targets; mark each with ``markTarget(_:)``.
    mutating func newTargets() {
        stamp &+= 1
        if stamp == 0 {
            for i in targetMark.indices { targetMark[i] = 0 }
            stamp = 1
        }
    }

    /// Marks `node` as a target of the next ``run(from:avoiding:bound:targetCount:limit:arcs:)``;
    /// returns `false` when it already was.
    mutating func markTarget(_ node: UInt32) -> Bool {
        guard targetMark[Int(node)] != stamp else { return false }
        targetMark[Int(node)] = stamp
        return true
    }

    /// Runs from `source` over the out-arcs of the uncontracted nodes (the
    /// lists of `pool`), never entering `avoiding`, until every marked target
    /// is settled, the next node costs more than `bound`, or `limit` nodes
    /// are settled. Afterwards ``dist`` holds upper bounds on the true costs
    /// (exact for settled nodes), each the cost of a real path.
    mutating func run(
        from source: UInt32, avoiding: UInt32, bound: UInt64, targetCount: Int, limit: Int,
        arcs: UnsafeBufferPointer<HierarchyArc>, start: UnsafeBufferPointer<UInt32>, count: UnsafeBufferPointer<UInt32>
    ) {
        var touched = self.touched
        self.touched = []
        defer { self.touched = touched }
        let stamp = self.stamp
        var heap = self.heap
        self.heap = []
        defer { self.heap = heap }
        dist.withUnsafeMutableBufferPointer { dist in
            targetMark.withUnsafeBufferPointer { targetMark in
                for v in touched { dist[Int(v)] = .max }
                touched.removeAll(keepingCapacity: true)
                heap.removeAll(keepingCapacity: true)
                dist[Int(source)] = 0
                touched.append(source)
                heap.append(UInt64(source))
                var remaining = targetCount
                var settled = 0
                while let top = PackedHeap.popMin(&heap) {
                    let xi = Int(truncatingIfNeeded: top & 0xFFFF_FFFF)
                    let d = UInt32(truncatingIfNeeded: top >> 32)
                    guard d == dist[xi] else { continue }
                    if UInt64(d) > bound { break }
                    if targetMark[xi] == stamp {
                        remaining &-= 1
                        if remaining == 0 { break }
                    }
                    settled &+= 1
                    if settled > limit { break }
                    var e = Int(start[xi])
                    let end = e &+ Int(count[xi])
                    while e < end {
                        let a = arcs[e]
                        e &+= 1
                        if a.node == avoiding { continue }
                        let nd = UInt64(d) &+ UInt64(a.weight)
                        let old = dist[Int(a.node)]
                        if nd < UInt64(old) {
                            if old == .max { touched.append(a.node) }
                            dist[Int(a.node)] = UInt32(truncatingIfNeeded: nd)
                            PackedHeap.push(&heap, nd << 32 | UInt64(a.node))
                        }
                    }
                }
            }
        }
    }
}
