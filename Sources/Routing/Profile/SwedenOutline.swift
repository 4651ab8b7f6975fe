/// A coarse outline of Sweden, enough to tell which roads Swedish traffic
/// rules apply to.
///
/// The polygon (73 vertices) follows the land borders with Norway and
/// Finland and runs through the middle of the seas towards Denmark, Finland
/// (Åland) and the Baltic; it keeps Bornholm, Åland, Anholt and Læsø out and
/// Gotland, Öland, Ven and the Koster islands in. It is accurate to a few
/// kilometres in settled areas and about 10–20 km along the mountain border
/// with Norway, where few roads cross; a road within that distance of the
/// border may get the wrong country's truck speed cap. Hand-digitised from
/// general maps (no third-party boundary data is embedded).
public enum SwedenOutline {
    /// Vertices (latitude, longitude), clockwise from Svinesund.
    static let vertices: [(Double, Double)] = [
        (59.09, 11.27), (59.00, 11.52), (59.15, 11.65), (59.50, 11.78), (59.90, 12.24),
        (60.20, 12.55), (60.55, 12.60), (61.00, 12.68), (61.50, 12.45), (61.90, 12.25),
        (62.20, 12.15), (62.60, 12.10), (63.00, 12.10), (63.30, 12.03), (63.60, 12.15),
        (64.10, 13.70), (64.50, 14.05), (65.00, 14.45), (65.50, 14.55), (65.80, 14.60),
        (66.20, 15.00), (66.50, 15.40), (67.10, 16.35), (67.50, 16.45), (68.00, 17.10),
        (68.40, 18.10), (68.60, 18.80), (68.90, 19.90), (69.06, 20.55), (68.90, 21.00),
        (68.44, 22.47), (67.95, 23.55), (67.20, 23.55), (66.80, 23.95), (66.39, 23.68),
        (65.85, 24.16), (65.45, 24.00), (65.00, 23.40), (64.50, 22.70), (63.90, 21.50),
        (63.55, 21.05), (63.00, 20.30), (62.50, 19.90), (61.50, 19.50), (60.70, 19.30),
        (60.40, 19.10), (60.00, 19.25), (59.70, 19.55), (59.30, 19.50), (58.40, 19.50),
        (57.90, 19.60), (57.30, 19.20), (56.85, 18.40), (56.15, 16.70), (55.75, 15.20),
        (55.45, 14.45), (55.25, 13.90), (55.28, 13.35), (55.33, 12.75), (55.60, 12.86),
        (55.70, 12.86), (55.85, 12.76), (56.04, 12.655), (56.30, 12.35), (56.60, 12.15),
        (57.20, 11.75), (57.65, 11.45), (58.00, 11.25), (58.35, 10.95), (58.60, 10.90),
        (58.90, 10.85), (58.95, 10.85), (59.03, 11.05),
    ]

    /// The bounding box of ``vertices``, for a fast rejection.
    private static let bounds: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) = (
        vertices.map(\.0).min()!, vertices.map(\.0).max()!,
        vertices.map(\.1).min()!, vertices.map(\.1).max()!
    )

    /// `true` when `coordinate` lies inside the outline (even–odd ray
    /// casting; W. R. Franklin, "PNPOLY — Point Inclusion in Polygon Test").
    ///
    /// - Complexity: O(1) outside the bounding box, else O(vertices).
    public static func contains(_ coordinate: Coordinate) -> Bool {
        let y = coordinate.latitude, x = coordinate.longitude
        let b = bounds
        guard y >= b.minLat, y <= b.maxLat, x >= b.minLon, x <= b.maxLon else { return false }
        var inside = false
        var j = vertices.count - 1
        for i in vertices.indices {
            let (yi, xi) = vertices[i], (yj, xj) = vertices[j]
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside.toggle()
            }
            j = i
        }
        return inside
    }
}
