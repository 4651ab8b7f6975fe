extension MatchingGraph {
    /// The same graph with vertices renumbered in breadth-first order and
    /// edges numbered in the order of their smaller new end, so that the
    /// neighbours of a vertex — and the heap slots of their edges — lie
    /// close together in memory.
    ///
    /// - Returns: the renumbered graph, the new number of every old vertex,
    ///   and the old number of every new edge.
    /// - Complexity: O(*n* + *m*).
    func renumberedBreadthFirst() -> (graph: MatchingGraph, newVertex: [Int32], oldEdge: [Int32]) {
        let n = vertexCount
        var newVertex = [Int32](repeating: -1, count: n)
        var order: [Int] = []
        order.reserveCapacity(n)
        for s in 0..<n where newVertex[s] < 0 {
            newVertex[s] = Int32(truncatingIfNeeded: order.count)
            order.append(s)
            var head = order.count - 1
            while head < order.count {
                let v = order[head]
                head += 1
                for i in adjacencyStart[v]..<adjacencyStart[v + 1] {
                    let w = Int(endpointVertices[Int(adjacency[i])])
                    if newVertex[w] < 0 {
                        newVertex[w] = Int32(truncatingIfNeeded: order.count)
                        order.append(w)
                    }
                }
            }
        }
        var edges: [Edge] = []
        var oldEdge: [Int32] = []
        edges.reserveCapacity(edgeCount)
        oldEdge.reserveCapacity(edgeCount)
        for (nv, v) in order.enumerated() {
            for i in adjacencyStart[v]..<adjacencyStart[v + 1] {
                let p = Int(adjacency[i])
                let nw = Int(newVertex[Int(endpointVertices[p])])
                // Each edge once, from its smaller new end.
                guard nw > nv else { continue }
                edges.append(Edge(nv, nw, weight: weights[p >> 1]))
                oldEdge.append(Int32(truncatingIfNeeded: p >> 1))
            }
        }
        return (MatchingGraph(trustedVertexCount: n, edges: edges), newVertex, oldEdge)
    }
}
