import Routing

extension MatchReport {
    /// `pairs.geojson` (RFC 7946): one LineString feature per leg of every
    /// pair's cycle (loaded, reposition, loaded, return), along the road
    /// geometry where the graph has it, with the pair's figures as properties.
    public var geoJSON: JSONValue {
        var features: [JSONValue] = []
        for (i, p) in pairs.enumerated() {
            for (j, leg) in p.legs.enumerated() where leg.polyline.count >= 2 {
                var props: [(String, JSONValue)] = [
                    ("pair", .int(i + 1)), ("leg", .int(j + 1)), ("kind", .string(leg.kind.rawValue)),
                ]
                props.append(("shipment", leg.shipment.map(JSONValue.string) ?? .null))
                props += [
                    ("a", .string(p.a)), ("b", .string(p.b)), ("first", .string(p.first)),
                    ("distance_m", .int(leg.distanceM)), ("pair_saving_m", .int(p.savingM)),
                    ("pair_co2e_saved_kg_wtw", .fixed3(p.co2eSavedKgWTW)),
                ]
                features.append(.object([
                    ("type", .string("Feature")),
                    ("properties", .object(props)),
                    ("geometry", .object([
                        ("type", .string("LineString")),
                        ("coordinates", .array(leg.polyline.map(MatchReport.position))),
                    ])),
                ]))
            }
        }
        var root: [(String, JSONValue)] = [("type", .string("FeatureCollection"))]
        if let a = graph.attribution { root.append(("attribution", .string(a))) }
        root.append(("distance_model", .string(graph.distanceModel)))
        root.append(("features", .array(features)))
        return .object(root)
    }

    /// `[lon, lat]` with 6 decimals (about 0.1 m).
    static func position(_ c: Coordinate) -> JSONValue {
        .array([.number(c.longitude, decimals: 6), .number(c.latitude, decimals: 6)])
    }
}
