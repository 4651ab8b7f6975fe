/// A list of target points prepared for one-to-many searches: which nodes
/// they are reached through, so that a search can stop as soon as all of
/// them are settled.
///
/// Built once and shared (read-only) by every thread of a many-to-many
/// computation.
public struct SearchTargets: Sendable {
    /// The targets, in the caller's order.
    public let points: [NetworkPoint]
    /// `true` for every node that is an arrival anchor of some target.
    let isArrivalNode: [Bool]
    /// The number of distinct arrival anchor nodes.
    let arrivalNodeCount: Int
    /// For targets on an edge: the edge, and the indices of the targets
    /// with a position on it (for ``NetworkPoint/sameEdgeCost(to:in:)``).
    let targetsOnEdge: [UInt32: [Int]]

    /// Prepares `points` for searches on `graph`.
    ///
    /// - Precondition: every anchor node is a node of `graph`.
    /// - Complexity: O(*n* + total anchors), with *n* the graph's node count.
    public init(_ points: [NetworkPoint], in graph: RoadGraph) {
        self.points = points
        var mark = [Bool](repeating: false, count: graph.nodeCount)
        var distinct = 0
        var onEdge: [UInt32: [Int]] = [:]
        for (i, p) in points.enumerated() {
            for a in p.arrivals {
                precondition(Int(a.node) < graph.nodeCount, "target anchor is not a node of this graph")
                if !mark[Int(a.node)] {
                    mark[Int(a.node)] = true
                    distinct += 1
                }
            }
            for pos in p.positions where onEdge[pos.edge]?.last != i {
                onEdge[pos.edge, default: []].append(i)
            }
        }
        self.isArrivalNode = mark
        self.arrivalNodeCount = distinct
        self.targetsOnEdge = onEdge
    }

    /// The number of targets.
    public var count: Int { points.count }
}
