import Pairing
import Routing

extension MatchReport {
    /// Writes `pairs.geojson` (RFC 7946) into `out`, streamed: one
    /// LineString feature per leg of every pair's cycle (loaded,
    /// reposition, loaded, return), along the road geometry where the graph
    /// has it, with the pair's figures as properties; then the same for
    /// every tour of 3 or more (`tour` instead of `pair`). Every leg of
    /// every pair and tour, at any size.
    ///
    /// - Complexity: O(points of all legs) time; memory bounded by the
    ///   writer's buffer.
    public func writeGeoJSON(to out: BufferedWriter) {
        var w = JSONWriter(out)
        w.beginObject()
        w.member("type", "FeatureCollection")
        if let a = graph.attribution { w.member("attribution", a) }
        w.member("distance_model", graph.distanceModel)
        w.member("baseline", baselineGeoJSON)
        w.key("features")
        w.beginArray()
        for (i, p) in pairs.enumerated() {
            for (j, leg) in p.legs.enumerated() where leg.polyline.count >= 2 {
                w.beginObject()
                w.member("type", "Feature")
                w.key("properties")
                w.beginObject()
                w.member("pair", i + 1)
                w.member("leg", j + 1)
                w.member("kind", leg.kind.rawValue)
                w.member("shipment", leg.shipment)
                w.member("a", p.a)
                w.member("b", p.b)
                w.member("first", p.first)
                w.member("distance_m", leg.distanceM)
                w.member("pair_saving_m", p.savingM)
                w.member("pair_co2e_saved_kg_wtw", p.co2eSavedKgWTW, decimals: 3)
                w.endObject()
                MatchReport.writeLineString(leg.polyline, &w)
                w.endObject()
            }
        }
        writeTourFeatures(&w)
        w.endArray()
        w.endObject()
        w.endDocument()
    }

    /// The `geometry` member of a feature: a LineString through `polyline`.
    static func writeLineString(_ polyline: [Coordinate], _ w: inout JSONWriter) {
        w.key("geometry")
        w.beginObject()
        w.member("type", "LineString")
        w.key("coordinates")
        w.beginArray()
        for c in polyline { writePosition(c, &w) }
        w.endArray()
        w.endObject()
    }

    /// `[lon, lat]` with 6 decimals (about 0.1 m).
    static func writePosition(_ c: Coordinate, _ w: inout JSONWriter) {
        w.beginArray(inline: true)
        w.number(c.longitude, decimals: 6)
        w.number(c.latitude, decimals: 6)
        w.endArray()
    }
}

extension MatchReport {
    /// The features of the tours of 3 or more shipments: one per leg, with
    /// `tour` (its number), `leg`, `kind` (`loaded`, `reposition`,
    /// `return`, as for pairs), `shipment`, `shipments` (in order),
    /// `distance_m`, and the tour's saving.
    func writeTourFeatures(_ w: inout JSONWriter) {
        for t in tours where t.pair == nil {
            for (j, leg) in t.legs.enumerated() where leg.polyline.count >= 2 {
                w.beginObject()
                w.member("type", "Feature")
                w.key("properties")
                w.beginObject()
                w.member("tour", t.number)
                w.member("leg", j + 1)
                w.member("kind", leg.mapKind.rawValue)
                w.member("shipment", leg.kind == .loaded ? leg.from : nil)
                w.member("shipments", t.shipments.joined(separator: " "))
                w.member("distance_m", leg.distanceM)
                w.member("tour_saving_m", t.savingM)
                w.member("tour_co2e_saved_kg_wtw", t.co2eSavedKgWTW, decimals: 3)
                w.endObject()
                MatchReport.writeLineString(leg.polyline, &w)
                w.endObject()
            }
        }
    }
}
