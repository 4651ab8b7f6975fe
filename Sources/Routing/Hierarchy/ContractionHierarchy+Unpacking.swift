extension ContractionHierarchy {
    /// The hierarchy arc from rank `u` to rank `w` and the node it bypasses
    /// (``noMiddle`` for an arc of the graph), or `nil` when there is none.
    /// Upward arcs are stored at `u` among its forward arcs, downward ones
    /// at `w` among its backward arcs.
    ///
    /// - Complexity: O(degree of the lower end in the hierarchy).
    func arc(from u: UInt32, to w: UInt32) -> (arc: HierarchyArc, middle: UInt32)? {
        let (at, to, start, arcs, middles) = u < w
            ? (u, w, forwardStart, forwardArcs, forwardMiddle) : (w, u, backwardStart, backwardArcs, backwardMiddle)
        for i in Int(start[Int(at)])..<Int(start[Int(at) + 1]) where arcs[i].node == to {
            return (arcs[i], middles[i])
        }
        return nil
    }

    /// Appends to `edges` the edges of the graph that the hierarchy arc from
    /// rank `u` to rank `w` stands for, in driving order: a shortcut is
    /// replaced by its two halves (`u → m` and `m → w` for its middle node
    /// `m`, which lies below both) until only arcs of the graph are left; an
    /// arc of the graph is the graph's edge between its ends with its weight
    /// and other measure (the cheapest of parallel edges, as contraction
    /// kept it).
    ///
    /// - Returns: `false` when an arc is missing (a hierarchy that is not
    ///   consistent with its graph); `edges` then holds a partial path.
    /// - Complexity: O(edges appended × degree). Iterative: the nesting of
    ///   shortcuts never deepens the call stack.
    func unpack(from u: UInt32, to w: UInt32, into edges: inout [Int]) -> Bool {
        let distanceMetric = graph.metric == .distance
        var stack: [(UInt32, UInt32)] = [(u, w)]
        while let (a, b) = stack.popLast() {
            guard let (arc, middle) = arc(from: a, to: b) else { return false }
            if middle != Self.noMiddle {
                // Middle nodes lie strictly below both ends (checked on
                // load), so this terminates.
                stack.append((middle, b))
                stack.append((a, middle))
                continue
            }
            let tail = Int(nodeAtRank[Int(a)]), head = nodeAtRank[Int(b)]
            var found: Int?
            for e in graph.edges(from: tail) where graph.edgeTarget[e] == head {
                let weight = distanceMetric ? graph.edgeLength[e] : graph.edgeDuration[e]
                let other = distanceMetric ? graph.edgeDuration[e] : graph.edgeLength[e]
                if weight == arc.weight && other == arc.other {
                    found = e
                    break
                }
            }
            guard let found else { return false }
            edges.append(found)
        }
        return true
    }
}
