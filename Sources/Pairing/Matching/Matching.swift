/// A matching in a ``MatchingGraph``: a set of edges no two of which share a
/// vertex.
public struct Matching: Sendable, Hashable {
    /// For each vertex, the edge it is matched by, or -1.
    @usableFromInline let mateEdge: [Int32]
    /// For each vertex, its partner, or -1.
    @usableFromInline let mates: [Int32]
    /// The sum of the weights of the matched edges.
    public let totalWeight: Int
    /// The number of matched edges.
    public let count: Int

    /// Builds the matching from the matched edge of every vertex (-1 for
    /// exposed ones), as the solvers leave it.
    ///
    /// The solvers guarantee that `mateEdge` is consistent (an edge matched
    /// at one end is matched at the other); debug builds check it here, and
    /// ``MatchingDuals/certify(_:on:)`` checks it again with the duals.
    init(graph: MatchingGraph, mateEdge: [Int32]) {
        assert(mateEdge.count == graph.vertexCount)
        var mates = [Int32](repeating: -1, count: graph.vertexCount)
        var total = 0
        var count = 0
        for v in 0..<mateEdge.count {
            let k = Int(mateEdge[v])
            guard k >= 0 else { continue }
            let a = graph.endpointVertex(2 * k), b = graph.endpointVertex(2 * k + 1)
            assert(a == v || b == v, "vertex \(v) matched by edge \(k), which is not at it")
            let other = a == v ? b : a
            assert(Int(mateEdge[other]) == k, "edge \(k) matched at \(v) only")
            mates[v] = Int32(truncatingIfNeeded: other)
            if v < other {
                total += graph.weights[k]
                count += 1
            }
        }
        self.mateEdge = mateEdge
        self.mates = mates
        self.totalWeight = total
        self.count = count
    }

    /// The partner of `v`, or `nil` when `v` is exposed.
    public func mate(of v: Int) -> Int? {
        let m = mates[v]
        return m < 0 ? nil : Int(m)
    }

    /// The edge (an index into the graph's edges) that matches `v`, or `nil`.
    public func matchedEdge(at v: Int) -> Int? {
        let k = mateEdge[v]
        return k < 0 ? nil : Int(k)
    }

    /// The matched pairs `(u, v)` with `u < v`, in increasing order of `u`.
    public var pairs: [(Int, Int)] {
        var result: [(Int, Int)] = []
        result.reserveCapacity(count)
        for v in 0..<mates.count where Int(mates[v]) > v {
            result.append((v, Int(mates[v])))
        }
        return result
    }
}
