public import Pairing
public import Routing

/// The answer of `backhaul route`, and its three renderings.
public struct RouteResult: Sendable {
    public let network: RoadNetwork
    /// The end points as asked.
    public let from: Location
    public let to: Location
    /// The end points on the network, when they could be placed.
    public let fromPoint: NetworkPoint?
    public let toPoint: NetworkPoint?
    /// The route, or `nil` when there is none.
    public let route: Route?
    /// The route along the roads, `[]` without coordinates or route.
    public let geometry: [Coordinate]
    /// Why there is no route.
    public let unreachableReason: String?

    /// Whole metres, or `nil` without a route.
    public var metres: Int? { route?.cost.metres }
    /// Whole seconds, or `nil` without a route.
    public var seconds: Int? { route?.cost.seconds }

    /// The original ids of the nodes passed, in order.
    public var nodeIDs: [Int64] {
        route?.nodes(in: network.graph).map { network.graph.originalID(of: $0) } ?? []
    }

    /// A few lines: the end points, distance, duration and edge count.
    public func text() -> String {
        var out = "from \(describe(from, fromPoint))\nto   \(describe(to, toPoint))\n"
        guard let route, let metres, let seconds else {
            return out + "no route: \(unreachableReason ?? "unreachable")\n"
        }
        out += "distance \(JSONValue.format(Double(metres) / 1000, decimals: 3)) km\n"
        out += "duration \(clock(seconds))\n"
        out += "edges    \(route.edges.count)" + (route.isOnOneEdge ? " (along one road)" : "") + "\n"
        if let v = network.graph.vehicle { out += "vehicle  \(v)\n" }
        return out
    }

    /// The route as JSON: graph, vehicle, end points, `reachable`, `distance_m`,
    /// `duration_s`, the original ids of the nodes passed and the geometry
    /// as `[lon, lat]` pairs.
    public func json() -> JSONValue {
        .object([
            ("backhaul", .object([("version", .string(BackhaulVersion.string))])),
            ("graph", network.summary.json),
            ("vehicle", RoadVehicle.json(network.graph.vehicle)),
            ("from", endJSON(from, fromPoint)),
            ("to", endJSON(to, toPoint)),
            ("reachable", .bool(route != nil)),
            ("distance_m", metres.map { .int($0) } ?? .null),
            ("duration_s", seconds.map { .int($0) } ?? .null),
            ("reason", unreachableReason.map(JSONValue.string) ?? .null),
            ("nodes", .array(nodeIDs.map { .int($0) })),
            ("geometry", .array(geometry.map(lonLat))),
        ])
    }

    /// A GeoJSON FeatureCollection (RFC 7946): the route as a LineString
    /// along the roads (when there is one) and the start and end points as
    /// Points, with distance and duration in the line's properties.
    public func geoJSON() -> JSONValue {
        var features: [JSONValue] = []
        if route != nil && geometry.count >= 2 {
            features.append(.object([
                ("type", .string("Feature")),
                ("properties", .object([
                    ("kind", .string("route")),
                    ("distance_m", metres.map { .int($0) } ?? .null),
                    ("duration_s", seconds.map { .int($0) } ?? .null),
                ])),
                ("geometry", .object([("type", .string("LineString")), ("coordinates", .array(geometry.map(lonLat)))])),
            ]))
        }
        for (kind, location, point) in [("from", from, fromPoint), ("to", to, toPoint)] {
            guard let c = coordinate(location, point) else { continue }
            features.append(.object([
                ("type", .string("Feature")),
                ("properties", .object([("kind", .string(kind))])),
                ("geometry", .object([("type", .string("Point")), ("coordinates", lonLat(c))])),
            ]))
        }
        var root: [(String, JSONValue)] = [("type", .string("FeatureCollection")), ("features", .array(features))]
        if let a = network.summary.attribution { root.append(("attribution", .string(a))) }
        return .object(root)
    }

    // MARK: - Helpers

    private func lonLat(_ c: Coordinate) -> JSONValue {
        .array([.number(c.longitude, decimals: 7), .number(c.latitude, decimals: 7)])
    }

    /// Where an end point is drawn: on the road when placed, else as asked.
    private func coordinate(_ location: Location, _ point: NetworkPoint?) -> Coordinate? {
        if let c = point?.coordinate { return c }
        if case .coordinate(let lat, let lon) = location { return Coordinate(latitude: lat, longitude: lon) }
        return nil
    }

    private func endJSON(_ location: Location, _ point: NetworkPoint?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        switch location {
        case .node(let id): members.append(("node", .int(id)))
        case .coordinate(let lat, let lon):
            members.append(("lat", .number(lat, decimals: 7)))
            members.append(("lon", .number(lon, decimals: 7)))
        }
        if let point, case .coordinate = location {
            members.append(("snap_m", .number(point.snapDistanceMetres, decimals: 1)))
            if let c = point.coordinate { members.append(("on_road", lonLat(c))) }
        }
        return .object(members)
    }

    private func describe(_ location: Location, _ point: NetworkPoint?) -> String {
        switch location {
        case .node(let id):
            return "node \(id)"
        case .coordinate(let lat, let lon):
            var s = JSONValue.format(lat, decimals: 6) + "," + JSONValue.format(lon, decimals: 6)
            if let point { s += " (\(JSONValue.format(point.snapDistanceMetres, decimals: 0)) m from the road)" }
            return s
        }
    }

    /// `h:mm:ss`.
    private func clock(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return "\(h):" + (m < 10 ? "0" : "") + "\(m):" + (s < 10 ? "0" : "") + "\(s)"
    }
}
