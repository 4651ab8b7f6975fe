/// A latitude/longitude rectangle in WGS84 degrees, such as the bounding box
/// of a road graph's nodes.
///
/// The box does not wrap around the antimeridian: `minLongitude` ≤
/// `maxLongitude`.
public struct CoordinateBox: Sendable, Hashable, CustomStringConvertible {
    public var minLatitude: Double
    public var maxLatitude: Double
    public var minLongitude: Double
    public var maxLongitude: Double

    public init(minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
        self.minLatitude = minLatitude
        self.maxLatitude = maxLatitude
        self.minLongitude = minLongitude
        self.maxLongitude = maxLongitude
    }

    /// Whether the point lies in the box, edges included.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func contains(latitude: Double, longitude: Double) -> Bool {
        latitude >= minLatitude && latitude <= maxLatitude && longitude >= minLongitude && longitude <= maxLongitude
    }

    /// `lat 35.786…36.082, lon 14.183…14.576`, for messages.
    public var description: String {
        "lat \(Plausibility.degrees(minLatitude))…\(Plausibility.degrees(maxLatitude)), "
            + "lon \(Plausibility.degrees(minLongitude))…\(Plausibility.degrees(maxLongitude))"
    }
}
