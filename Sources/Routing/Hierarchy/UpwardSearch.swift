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
/// - Complexity: O(*k* log *k* + arcs of the *k* settled nodes); on road
///   networks *k* is a few hundred.
struct UpwardSearch {
    private var dist: [UInt64]
    private var other: [UInt64]
    private var touched: [UInt32] = []
    private var heap = HierarchyHeap()

    init(nodeCount: Int) {
        dist = [UInt64](repeating: .max, count: nodeCount)
        other = [UInt64](repeating: 0, count: nodeCount)
        touched.reserveCapacity(4096)
    }

    /// Searches up from `anchors` (rank, initial cost, initial other) and
    /// calls `visit(rank, cost, other)` for every settled node that is not
    /// stalled, in order of cost (ties by rank).
    mutating func run(
        from anchors: [(node: UInt32, weight: UInt64, other: UInt64)],
        up: (start: [UInt32], arcs: [HierarchyArc]), stall: (start: [UInt32], arcs: [HierarchyArc]),
        visit: (UInt32, UInt64, UInt64) -> Void
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
        from anchors: [(node: UInt32, weight: UInt64, other: UInt64)],
        upStart: UnsafeBufferPointer<UInt32>, upArcs: UnsafeBufferPointer<HierarchyArc>,
        stallStart: UnsafeBufferPointer<UInt32>, stallArcs: UnsafeBufferPointer<HierarchyArc>,
        visit: (UInt32, UInt64, UInt64) -> Void
    ) {
        for v in touched { dist[Int(v)] = .max }
        touched.removeAll(keepingCapacity: true)
        heap.removeAll()
        var touched = self.touched
        defer { self.touched = touched }
        dist.withUnsafeMutableBufferPointer { dist in
            other.withUnsafeMutableBufferPointer { other in
                for a in anchors {
                    let v = Int(a.node)
                    let old = dist[v]
                    guard a.weight < old else { continue }
                    if old == .max { touched.append(a.node) }
                    dist[v] = a.weight
                    other[v] = a.other
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
                    visit(x, d, ox)
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
                            heap.push(a.node, key: nd)
                        }
                        e &+= 1
                    }
                }
            }
        }
    }
}
