/// One-to-all Dijkstra over plain CSR arrays with a chosen weight array: the
/// searches from and to the landmarks of ``LandmarkDistances``, which need
/// each measure (length, duration) as its own metric and the reverse graph
/// too, neither of which ``ShortestPathSearch`` (the graph's metric, forward
/// only) offers.
///
/// The priority queue is the routing module's ``IndexedMinHeap`` (shared,
/// not copied); the relax loop reads unsafe buffers so the optimiser sees it
/// whole. Costs that do not fit 32 bits are dropped, so such a node counts as
/// unreachable — which for a lower bound only ever loses information (see
/// ``LandmarkDistances``).
///
/// - Complexity: O((*n* + *m*) log₄ *n*) per search; memory 16 bytes per node
///   (distance and heap), allocated once.
struct LandmarkSearch: ~Copyable {
    /// The distance of every node from the last search's sources; ``unreached``
    /// = not reached.
    let distance: UnsafeMutableBufferPointer<UInt32>
    private var heap: IndexedMinHeap

    static var unreached: UInt32 { .max }

    init(nodeCount: Int) {
        distance = .allocate(capacity: max(nodeCount, 1))
        distance.initialize(repeating: Self.unreached)
        heap = IndexedMinHeap(capacity: nodeCount)
    }

    deinit { distance.deallocate() }

    /// Runs Dijkstra from `sources` (at cost 0) over the arcs
    /// `target[start[u] ..< start[u + 1]]` with `weight`, until every
    /// reachable node is settled.
    mutating func run(from sources: [Int], start: [UInt32], target: [UInt32], weight: [UInt32]) {
        precondition(start.count <= distance.count + 1 && target.count == weight.count)
        distance.update(repeating: Self.unreached)
        heap.removeAll()
        for s in sources where distance[s] != 0 {
            distance[s] = 0
            heap.insert(s, key: 0)
        }
        let distance = self.distance
        start.withUnsafeBufferPointer { start in
            target.withUnsafeBufferPointer { target in
                weight.withUnsafeBufferPointer { weight in
                    while let (u, du) = heap.popMin() {
                        var e = Int(start[u])
                        let end = Int(start[u &+ 1])
                        while e < end {
                            let v = Int(target[e])
                            let nd = UInt64(du) &+ UInt64(weight[e])
                            let old = distance[v]
                            if nd < UInt64(old) {
                                distance[v] = UInt32(truncatingIfNeeded: nd)
                                if old == Self.unreached {
                                    heap.insert(v, key: UInt32(truncatingIfNeeded: nd))
                                } else {
                                    heap.decreaseKey(v, to: UInt32(truncatingIfNeeded: nd))
                                }
                            }
                            e &+= 1
                        }
                    }
                }
            }
        }
    }
}
