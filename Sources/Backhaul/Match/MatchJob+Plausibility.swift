import Pairing
import Routing

extension MatchJob {
    /// Warnings about shipment ends whose coordinates are valid but probably
    /// wrong (``Plausibility``): with a road graph, ends outside its bounding
    /// box that fall inside with latitude and longitude swapped; without
    /// one, ends far from the rest of the batch. Sorted by file and line.
    ///
    /// - Complexity: O(nodes) for the bounding box with a graph; O(*n* log *n*)
    ///   for *n* shipments without.
    static func plausibilityWarnings(_ shipments: [Shipment], model: DistanceModel) -> [String] {
        let warnings: [PlausibilityWarning]
        switch model {
        case .crowfly:
            warnings = Plausibility.farFromBatch(shipments)
        case .road(let network):
            guard let box = coordinateBox(of: network.graph) else { return [] }
            warnings = Plausibility.swappedCoordinates(shipments, inside: box)
        }
        return warnings.enumerated()
            .sorted { ($0.element.source, $0.offset) < ($1.element.source, $1.offset) }
            .map(\.element.description)
    }

    /// The bounding box of the graph's nodes, `nil` without coordinates.
    static func coordinateBox(of g: RoadGraph) -> CoordinateBox? {
        guard g.hasCoordinates, g.nodeCount > 0 else { return nil }
        var minLat = Int32.max, maxLat = Int32.min, minLon = Int32.max, maxLon = Int32.min
        for i in 0..<g.nodeCount {
            minLat = min(minLat, g.latitudeE7[i]); maxLat = max(maxLat, g.latitudeE7[i])
            minLon = min(minLon, g.longitudeE7[i]); maxLon = max(maxLon, g.longitudeE7[i])
        }
        return CoordinateBox(minLatitude: Double(minLat) * 1e-7, maxLatitude: Double(maxLat) * 1e-7,
                             minLongitude: Double(minLon) * 1e-7, maxLongitude: Double(maxLon) * 1e-7)
    }
}
