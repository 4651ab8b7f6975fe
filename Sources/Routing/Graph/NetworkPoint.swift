/// A place on the road network that searches start from or end at: a node,
/// or a point part-way along an edge (a snapped coordinate).
///
/// A search leaving the point starts from each of its ``departures`` with that
/// anchor's cost already paid; a search reaching it arrives through one of its
/// ``arrivals`` and pays that anchor's cost on top. A node is the point whose
/// only departure and arrival is itself at zero cost. A point at fraction *t*
/// along edge u→v departs to v at (1 − *t*) of the edge and is arrived at from
/// u at *t* of it; when the road is two-way the reverse edge adds the mirror
/// anchors.
///
/// Two points on the same edge are the one case the anchors do not cover
/// (driving straight from one to the other without reaching a node);
/// ``sameEdgeCost(to:)`` gives it, and routing takes the smaller.
public struct NetworkPoint: Sendable, Hashable {
    /// A node through which a search leaves or reaches the point, and what the
    /// stretch between the node and the point costs.
    public struct Anchor: Sendable, Hashable {
        /// The graph node.
        public var node: UInt32
        /// The edge the stretch lies on, or `nil` when the point is the node.
        public var edge: UInt32?
        /// The cost in the graph's search metric (``RoadGraph/metric``).
        public var weight: UInt32
        /// The stretch's length in decimetres.
        public var length: UInt32
        /// The stretch's travel time in deciseconds.
        public var duration: UInt32

        public init(node: UInt32, edge: UInt32? = nil, weight: UInt32 = 0, length: UInt32 = 0, duration: UInt32 = 0) {
            self.node = node
            self.edge = edge
            self.weight = weight
            self.length = length
            self.duration = duration
        }
    }

    /// Where on an edge the point lies: `fraction` 0 is the edge's tail, 1 its
    /// head (by length along the edge's shape), and what the stretch from the
    /// tail to the point costs.
    public struct EdgePosition: Sendable, Hashable {
        public var edge: UInt32
        public var fraction: Double
        /// The cost of the stretch from the edge's tail to the point (weight,
        /// length, duration), as its arrival anchor has it; `nil` to take
        /// `fraction` of the edge's.
        public var fromTail: PathCost?

        public init(edge: UInt32, fraction: Double, fromTail: PathCost? = nil) {
            self.edge = edge
            self.fraction = fraction
            self.fromTail = fromTail
        }

        /// The stretch from the tail of the edge to the point.
        func costFromTail(in graph: RoadGraph) -> PathCost {
            if let fromTail { return fromTail }
            let e = Int(edge)
            func part(_ x: UInt32) -> UInt32 { UInt32((Double(x) * fraction).rounded()) }
            return PathCost(weight: part(graph.weight(of: e)), length: part(graph.edgeLength[e]), duration: part(graph.edgeDuration[e]))
        }
    }

    /// Anchors a search leaving this point starts from.
    public var departures: [Anchor]
    /// Anchors through which a search reaches this point.
    public var arrivals: [Anchor]
    /// The point on the network (the projection of the query onto the road),
    /// when the graph has coordinates.
    public var coordinate: Coordinate?
    /// How far the query coordinate was from ``coordinate``, in metres
    /// (0 for points given as nodes).
    public var snapDistanceMetres: Double
    /// The positions on edges this point stands for (one per direction of
    /// travel), empty for nodes.
    public var positions: [EdgePosition]

    public init(
        departures: [Anchor], arrivals: [Anchor], coordinate: Coordinate? = nil,
        snapDistanceMetres: Double = 0, positions: [EdgePosition] = []
    ) {
        self.departures = departures
        self.arrivals = arrivals
        self.coordinate = coordinate
        self.snapDistanceMetres = snapDistanceMetres
        self.positions = positions
    }

    /// The point that is exactly `node` of `graph`.
    ///
    /// For a split node (``RoadGraph/nodes(sharingIDWith:)``: a junction
    /// with turn restrictions, a barrier, the edge of a destination-only
    /// area) the point stands for every node of the split: a route may
    /// arrive through any of them, and leaving from all of them is the same
    /// as leaving from the primary, whose turns include every other's.
    public static func node(_ node: Int, in graph: RoadGraph) -> NetworkPoint {
        let anchors = graph.nodes(sharingIDWith: node).map { Anchor(node: UInt32($0)) }
        return NetworkPoint(departures: anchors, arrivals: anchors, coordinate: graph.coordinate(of: node))
    }

    /// The cost of driving from `self` to `other` along a single edge that
    /// holds both, without passing through a node, in the search metric; `nil`
    /// when no edge holds both with `self` before `other`.
    public func sameEdgeCost(to other: NetworkPoint, in graph: RoadGraph) -> (weight: UInt32, length: UInt32, duration: UInt32)? {
        var best: (weight: UInt32, length: UInt32, duration: UInt32)?
        for p in positions {
            for q in other.positions where q.edge == p.edge && q.fraction >= p.fraction {
                let a = p.costFromTail(in: graph), b = q.costFromTail(in: graph)
                func minus(_ x: UInt32, _ y: UInt32) -> UInt32 { x >= y ? x - y : 0 }
                let c = (
                    weight: minus(b.weight, a.weight), length: minus(b.length, a.length),
                    duration: minus(b.duration, a.duration)
                )
                if best == nil || c.weight < best!.weight { best = c }
            }
        }
        return best
    }
}
