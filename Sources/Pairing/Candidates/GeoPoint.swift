#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A WGS84 position in decimal degrees, as the pairing sees a shipment end
/// for its distance bounds (the match job passes the snapped road position
/// when it routes over a graph, the batch's coordinate otherwise).
public struct GeoPoint: Sendable, Hashable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public var description: String { "\(latitude),\(longitude)" }

    /// The mean Earth radius (IUGG R₁) in metres — the radius every
    /// great-circle distance of the project uses.
    public static let earthRadiusMetres = 6_371_008.8

    /// The point on the unit sphere.
    var unitVector: SIMD3<Double> {
        let lat = latitude * .pi / 180, lon = longitude * .pi / 180
        return SIMD3(cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
    }

    /// Great-circle distance in metres: `2R·asin(|p − q| / 2)` over the unit
    /// vectors, equal to the haversine formula.
    public func distance(to other: GeoPoint) -> Double {
        Self.arcMetres(chord: unitVector.distance(to: other.unitVector))
    }

    /// The great-circle distance of a chord of the unit sphere, in metres.
    @inlinable
    static func arcMetres(chord: Double) -> Double {
        2 * earthRadiusMetres * arcsine(min(1, chord / 2))
    }

    /// `asin` from the C library, callable from inlinable code (the import
    /// is internal).
    @usableFromInline
    static func arcsine(_ x: Double) -> Double { asin(x) }
}

extension SIMD3 where Scalar == Double {
    /// Euclidean distance.
    @inlinable
    func distance(to o: SIMD3<Double>) -> Double {
        let d = self - o
        return (d * d).sum().squareRoot()
    }
}
