/// A ``RoadGraph``'s edges laid out for the relax loop of
/// ``ShortestPathSearch``: for each edge, its head, its weight in the search
/// metric and its other measure, side by side, so that relaxing a node's
/// edges reads one or two cache lines instead of three arrays.
///
/// Build it once per graph and share it (it is immutable and `Sendable`)
/// between the searches of all threads; ``DistanceMatrix`` does.
///
/// - Complexity: O(*m*) to build; 12 bytes per edge.
public struct SearchGraph: Sendable {
    /// The graph.
    public let graph: RoadGraph
    /// `[head, weight, other]` per edge.
    let arcs: [UInt32]

    public init(_ graph: RoadGraph) {
        self.graph = graph
        let m = graph.edgeCount
        let distance = graph.metric == .distance
        let weight = distance ? graph.edgeLength : graph.edgeDuration
        let other = distance ? graph.edgeDuration : graph.edgeLength
        arcs = [UInt32](unsafeUninitializedCapacity: 3 * m) { buffer, count in
            for e in 0..<m {
                buffer[3 &* e] = graph.edgeTarget[e]
                buffer[3 &* e &+ 1] = weight[e]
                buffer[3 &* e &+ 2] = other[e]
            }
            count = 3 * m
        }
    }

    /// Bytes held beyond the graph's own arrays.
    public var memoryFootprint: Int { arcs.count * 4 }
}
