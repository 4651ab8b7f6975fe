extension Route {
    /// The route as a line along the roads, for drawing: the source point,
    /// the rest of its edge, every edge with its shape points
    /// (``RoadGraph/shape(of:)``), the start of the target's edge, and the
    /// target point. Empty when the graph has no coordinates.
    ///
    /// - Parameters:
    ///   - source: the point the route was searched from.
    ///   - target: the point the route was searched to.
    /// - Complexity: O(edges + shape points of the route).
    public func coordinates(in graph: RoadGraph, from source: NetworkPoint, to target: NetworkPoint) -> [Coordinate] {
        guard graph.hasCoordinates else { return [] }
        var line: [Coordinate] = []
        func add(_ c: Coordinate) {
            if line.last != c { line.append(c) }
        }
        func fraction(of point: NetworkPoint, on edge: UInt32?) -> Double? {
            guard let edge else { return nil }
            return point.positions.first { $0.edge == edge }?.fraction
        }
        let start = source.coordinate ?? departure.flatMap { graph.coordinate(of: Int($0.node)) }
        let end = target.coordinate ?? arrival.flatMap { graph.coordinate(of: Int($0.node)) }
        if let start { add(start) }

        if isOnOneEdge {
            // Both points on one edge: the piece of it between them.
            for p in source.positions {
                guard let q = target.positions.first(where: { $0.edge == p.edge && $0.fraction >= p.fraction }) else { continue }
                for c in graph.interiorPoints(of: Int(p.edge), between: p.fraction, and: q.fraction) { add(c) }
                break
            }
        } else {
            if let dep = departure, let f = fraction(of: source, on: dep.edge) {
                for c in graph.interiorPoints(of: Int(dep.edge!), between: f, and: 1) { add(c) }
            }
            if let dep = departure, let c = graph.coordinate(of: Int(dep.node)) { add(c) }
            for e in edges {
                for c in graph.shape(of: e) { add(c) }
                if let c = graph.coordinate(of: Int(graph.edgeTarget[e])) { add(c) }
            }
            if let arr = arrival, let f = fraction(of: target, on: arr.edge) {
                for c in graph.interiorPoints(of: Int(arr.edge!), between: 0, and: f) { add(c) }
            }
        }
        if let end { add(end) }
        return line
    }
}

extension RoadGraph {
    /// The polyline of `edge`: its tail, its shape points, its head.
    func polyline(of edge: Int) -> [Coordinate] {
        guard let a = coordinate(of: tail(of: edge)), let b = coordinate(of: Int(edgeTarget[edge])) else { return [] }
        return [a] + shape(of: edge) + [b]
    }

    /// The points of `edge`'s polyline strictly between fractions `from` and
    /// `to` of its length (haversine lengths of the pieces), in order.
    func interiorPoints(of edge: Int, between from: Double, and to: Double) -> [Coordinate] {
        let line = polyline(of: edge)
        guard line.count > 2 else { return [] }
        var cumulative = [0.0]
        for i in 1..<line.count { cumulative.append(cumulative[i - 1] + line[i - 1].distance(to: line[i])) }
        let total = cumulative.last!
        guard total > 0 else { return [] }
        return (1..<line.count - 1).compactMap { i in
            let f = cumulative[i] / total
            return f > from && f < to ? line[i] : nil
        }
    }
}
