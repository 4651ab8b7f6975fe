/// A shortest route between two ``NetworkPoint``s, as found by
/// ``ShortestPathSearch/route(from:to:)``.
///
/// The route leaves the source through ``departure`` (the stretch from the
/// source to a node), drives the whole ``edges`` in order, and reaches the
/// target through ``arrival``. When both points lie on one edge and driving
/// along it is cheapest, ``isOnOneEdge`` is `true`, ``edges`` is empty and
/// the anchors are `nil`.
public struct Route: Sendable, Hashable {
    /// The total cost, anchor stretches included.
    public var cost: PathCost
    /// The source anchor the route leaves through.
    public var departure: NetworkPoint.Anchor?
    /// The target anchor the route arrives through.
    public var arrival: NetworkPoint.Anchor?
    /// The graph edges driven end to end, in order.
    public var edges: [Int]
    /// `true` when the route stays on the one edge holding both points.
    public var isOnOneEdge: Bool

    public init(
        cost: PathCost, departure: NetworkPoint.Anchor?, arrival: NetworkPoint.Anchor?, edges: [Int],
        isOnOneEdge: Bool
    ) {
        self.cost = cost
        self.departure = departure
        self.arrival = arrival
        self.edges = edges
        self.isOnOneEdge = isOnOneEdge
    }

    /// The nodes the route passes, in order: the departure node, then the
    /// head of every edge. Empty for ``isOnOneEdge`` routes.
    public func nodes(in graph: RoadGraph) -> [Int] {
        guard let departure else { return [] }
        return [Int(departure.node)] + edges.map { Int(graph.edgeTarget[$0]) }
    }
}
