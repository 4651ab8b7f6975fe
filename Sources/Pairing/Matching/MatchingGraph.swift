/// An undirected graph with integer edge weights: the input of the
/// maximum-weight matching solvers.
///
/// Vertices are `0..<vertexCount`. Edges are numbered `0..<edgeCount` in the
/// order they were given (after dropping those of weight ≤ 0); edge `k` has
/// two *endpoints*, `2k` (its `u` end) and `2k + 1` (its `v` end), the
/// convention of Edmonds' algorithm as written by Galil (1986) and
/// van Rantwijk: `p ^ 1` is the other end of endpoint `p`, `p >> 1` its edge.
///
/// The adjacency of vertex `v` lists, for every edge at `v`, the endpoint at
/// the *other* end, so `endpointVertex(p)` is the neighbour and `p >> 1` the
/// edge.
///
/// Edges of weight ≤ 0 are dropped when the graph is built: a matching never
/// gains weight from them, and every dual solution with nonnegative vertex
/// duals already satisfies their constraints. Parallel edges are kept.
///
/// - Complexity: memory is 40 bytes per edge plus 8 bytes per vertex.
public struct MatchingGraph: Sendable {
    /// One weighted, undirected edge.
    public struct Edge: Sendable, Hashable {
        /// One end, a vertex in `0..<vertexCount`.
        public var u: Int
        /// The other end, distinct from `u`.
        public var v: Int
        /// The weight; edges of weight ≤ 0 are dropped by the graph.
        public var weight: Int

        /// The edge between `u` and `v` with `weight`.
        public init(_ u: Int, _ v: Int, weight: Int) {
            self.u = u
            self.v = v
            self.weight = weight
        }
    }

    /// Why a graph could not be built.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong with the graph.
        public var message: String

        /// An error saying `message`.
        public init(_ message: String) { self.message = message }

        public var description: String { message }
    }

    /// The largest vertex count accepted (2²⁶): with weights up to
    /// ``maximumWeight`` every sum the solvers form fits in `Int`.
    public static let maximumVertexCount = 1 << 26
    /// The largest edge weight accepted (2³⁶, about 6.9 × 10¹⁰; savings in
    /// metres stay below 10⁸).
    public static let maximumWeight = 1 << 36

    /// The number of vertices.
    public let vertexCount: Int
    /// The vertex at each endpoint: `2k` is edge `k`'s `u`, `2k + 1` its `v`.
    @usableFromInline let endpointVertices: [Int32]
    /// The weight of each edge, > 0.
    @usableFromInline let weights: [Int]
    /// `adjacencyStart[v] ..< adjacencyStart[v + 1]` indexes ``adjacency``.
    @usableFromInline let adjacencyStart: [Int]
    /// For each edge at a vertex, the endpoint at its other end.
    @usableFromInline let adjacency: [Int32]

    /// Builds a graph from an edge list.
    ///
    /// - Parameters:
    ///   - vertexCount: the number of vertices, `0...maximumVertexCount`.
    ///   - edges: edges between distinct vertices in `0..<vertexCount`;
    ///     edges of weight ≤ 0 are dropped.
    /// - Throws: ``Error`` for a vertex out of range, a self-loop or a
    ///   weight above ``maximumWeight``.
    /// - Complexity: O(*n* + *m*).
    public init(vertexCount: Int, edges: some Sequence<Edge>) throws(Error) {
        guard vertexCount >= 0, vertexCount <= Self.maximumVertexCount else {
            throw Error("vertex count \(vertexCount) is outside 0...\(Self.maximumVertexCount)")
        }
        let edges = Array(edges)
        for e in edges {
            guard e.u >= 0, e.u < vertexCount, e.v >= 0, e.v < vertexCount else {
                throw Error("edge (\(e.u), \(e.v)) has a vertex outside 0..<\(vertexCount)")
            }
            guard e.u != e.v else { throw Error("edge (\(e.u), \(e.v)) is a self-loop") }
            guard e.weight <= Self.maximumWeight else {
                throw Error("edge (\(e.u), \(e.v)) weighs \(e.weight), above the limit \(Self.maximumWeight)")
            }
        }
        guard edges.count < Int(Int32.max) / 2 else {
            throw Error("\(edges.count) edges are more than a matching graph holds")
        }
        self.init(trustedVertexCount: vertexCount, edges: edges)
    }

    /// Builds a graph from edges the caller guarantees valid (vertices in
    /// range and distinct, weights ≤ ``maximumWeight``, fewer than 2³⁰);
    /// edges of weight ≤ 0 are dropped.
    init(trustedVertexCount vertexCount: Int, edges: [Edge]) {
        self.init(extending: MatchingGraph(vertexCount: vertexCount), with: edges)
    }

    /// `vertexCount` vertices and no edges.
    private init(vertexCount: Int) {
        self.vertexCount = vertexCount
        endpointVertices = []
        weights = []
        adjacencyStart = [Int](repeating: 0, count: vertexCount + 1)
        adjacency = []
    }

    /// `old` with `newEdges` added after its edges: the graph of `old`'s
    /// edge list followed by `newEdges` (those of weight ≤ 0 dropped), with
    /// the same edge numbers and every vertex's arcs in endpoint order —
    /// so extending in steps gives the graph of the whole list at once.
    /// Built by merging `old`'s adjacency vertex by vertex instead of
    /// filling every arc in at random: the pricing loop adds a few hundred
    /// thousand edges to millions in each pass.
    ///
    /// - Complexity: O(*n* + *m*), sequential over `old`; random only over
    ///   the new edges.
    init(extending old: MatchingGraph, with newEdges: some Collection<Edge>) {
        let n = old.vertexCount
        var endpoints = old.endpointVertices
        var weights = old.weights
        endpoints.reserveCapacity(endpoints.count + 2 * newEdges.count)
        weights.reserveCapacity(weights.count + newEdges.count)
        var added = [Int](repeating: 0, count: n + 1)
        for e in newEdges where e.weight > 0 {
            assert(e.u >= 0 && e.u < n && e.v >= 0 && e.v < n && e.u != e.v)
            assert(e.weight <= Self.maximumWeight)
            endpoints.append(Int32(truncatingIfNeeded: e.u))
            endpoints.append(Int32(truncatingIfNeeded: e.v))
            weights.append(e.weight)
            added[e.u + 1] += 1
            added[e.v + 1] += 1
        }
        for v in 0..<n { added[v + 1] += added[v] }
        // The new arcs grouped by vertex, in endpoint order.
        let firstNew = 2 * old.edgeCount
        var fill = added
        var newArcs = [Int32](repeating: 0, count: added[n])
        for p in firstNew..<endpoints.count {
            let v = Int(endpoints[p])
            newArcs[fill[v]] = Int32(truncatingIfNeeded: p ^ 1)
            fill[v] += 1
        }
        var start = [Int](repeating: 0, count: n + 1)
        let total = old.adjacency.count + newArcs.count
        let adjacency = [Int32](unsafeUninitializedCapacity: total) { buffer, count in
            old.adjacency.withUnsafeBufferPointer { oldArcs in
                newArcs.withUnsafeBufferPointer { newArcs in
                    var at = 0
                    for v in 0..<n {
                        start[v] = at
                        for i in old.adjacencyStart[v]..<old.adjacencyStart[v + 1] {
                            buffer.initializeElement(at: at, to: oldArcs[i])
                            at += 1
                        }
                        for i in added[v]..<added[v + 1] {
                            buffer.initializeElement(at: at, to: newArcs[i])
                            at += 1
                        }
                    }
                    start[n] = at
                    count = at
                }
            }
        }
        self.vertexCount = n
        self.endpointVertices = endpoints
        self.weights = weights
        self.adjacencyStart = start
        self.adjacency = adjacency
    }

    /// Debug check: the same vertices, edges and adjacency order.
    func _isSame(as other: MatchingGraph) -> Bool {
        vertexCount == other.vertexCount && endpointVertices == other.endpointVertices && weights == other.weights
            && adjacencyStart == other.adjacencyStart && adjacency == other.adjacency
    }

    /// The number of edges kept (weight > 0).
    public var edgeCount: Int { weights.count }

    /// Edge `k`, `0 ≤ k < edgeCount`.
    public func edge(_ k: Int) -> Edge {
        Edge(Int(endpointVertices[2 * k]), Int(endpointVertices[2 * k + 1]), weight: weights[k])
    }

    /// All edges, in order.
    public var edges: [Edge] { (0..<edgeCount).map(edge) }

    /// The vertex at endpoint `p`.
    @inlinable
    func endpointVertex(_ p: Int) -> Int { Int(endpointVertices[p]) }

    /// The number of edges at `v`.
    public func degree(of v: Int) -> Int { adjacencyStart[v + 1] - adjacencyStart[v] }

    /// The largest weight of an edge at each vertex (0 for isolated ones).
    func maximumIncidentWeights() -> [Int] {
        var result = [Int](repeating: 0, count: vertexCount)
        for k in 0..<weights.count {
            let w = weights[k]
            let a = Int(endpointVertices[2 * k]), b = Int(endpointVertices[2 * k + 1])
            if w > result[a] { result[a] = w }
            if w > result[b] { result[b] = w }
        }
        return result
    }
}
