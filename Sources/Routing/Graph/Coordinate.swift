/// A WGS84 position in decimal degrees.
public struct Coordinate: Sendable, Hashable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Creates a coordinate from OpenStreetMap's fixed-point form
    /// (10⁻⁷ degrees, as stored in ``RoadGraph``).
    @inlinable
    public init(fixedLatitude: Int32, fixedLongitude: Int32) {
        self.latitude = Double(fixedLatitude) * 1e-7
        self.longitude = Double(fixedLongitude) * 1e-7
    }

    /// `true` when both values are finite and inside [-90, 90] × [-180, 180].
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    public var description: String { "\(latitude),\(longitude)" }

    /// The mean Earth radius used for every great-circle distance in the
    /// project (IUGG mean radius R₁, metres).
    public static let earthRadiusMetres = 6_371_008.8

    /// Great-circle distance in metres (haversine formula; R. W. Sinnott,
    /// "Virtues of the Haversine", Sky and Telescope 68(2), 1984).
    @inlinable
    public func distance(to other: Coordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let s1 = sinHalf(dLat), s2 = sinHalf(dLon)
        let a = s1 * s1 + cosRad(latitude * rad) * cosRad(other.latitude * rad) * s2 * s2
        return 2 * Coordinate.earthRadiusMetres * asinClamped(a.squareRoot())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@usableFromInline func sinHalf(_ x: Double) -> Double { sin(x / 2) }
@usableFromInline func cosRad(_ x: Double) -> Double { cos(x) }
@usableFromInline func asinClamped(_ x: Double) -> Double { asin(min(1, x)) }
