/// Why a coordinate could not be placed on the road network.
public struct SnapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of refusal.
    public enum Reason: Sendable, Hashable {
        /// The nearest road of the largest strongly connected component is
        /// `distanceMetres` away, more than the limit of `maxDistanceMetres`.
        case tooFar(distanceMetres: Double, maxDistanceMetres: Double)
        /// The latitude or longitude is not a finite value in range.
        case invalidCoordinate
        /// The graph has no node coordinates (a DIMACS `.gr` without its
        /// `.co`) or no edges to snap onto.
        case noRoads
    }

    /// The coordinate that was asked for.
    public var coordinate: Coordinate
    /// Why it was refused.
    public var reason: Reason
    /// For a point too far from the network: the distance to a nearer road
    /// that is *outside* the vehicle's connected network (a part of the map
    /// the vehicle cannot both enter and leave: behind one-way streets,
    /// barriers, turn restrictions or roads closed to it), else `nil`.
    public var outsideNetworkDistanceMetres: Double?
    /// When the coordinate with latitude and longitude swapped lies within
    /// the allowed distance of the network: that distance (the two were
    /// probably given in the wrong order), else `nil`.
    public var swappedDistanceMetres: Double?

    public init(coordinate: Coordinate, reason: Reason) {
        self.coordinate = coordinate
        self.reason = reason
    }

    /// The distance to the nearest road when the point was refused as too
    /// far, else `nil`.
    public var distanceMetres: Double? {
        if case .tooFar(let d, _) = reason { return d }
        return nil
    }

    public var description: String {
        var text: String
        switch reason {
        case .tooFar(let d, let limit):
            text = "\(coordinate) is \(Self.metres(d)) from the nearest road of the network (more than the \(Self.metres(limit)) allowed)"
            if let o = outsideNetworkDistanceMetres {
                text += "; a road \(Self.metres(o)) away is outside the network this vehicle can drive in and out of"
                    + " (cut off by one-way streets, barriers, turn restrictions or roads closed to the vehicle)"
            }
        case .invalidCoordinate:
            text = "\(coordinate) is not a valid WGS84 coordinate"
        case .noRoads:
            return "the graph has no road geometry to snap \(coordinate) onto (no coordinates or no edges)"
        }
        if let s = swappedDistanceMetres {
            text += "; latitude and longitude may be swapped: \(Self.decimal(coordinate.longitude)),"
                + "\(Self.decimal(coordinate.latitude)) is \(Self.metres(s)) from a road"
        }
        return text
    }

    /// Metres, rounded, with thousands grouped by commas ("1,250 m").
    static func metres(_ d: Double) -> String {
        guard d.isFinite else { return "\(d) m" }
        var digits = String(Int(d.rounded()))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + " m"
    }

    /// Six decimals, as coordinates are usually written.
    static func decimal(_ x: Double) -> String {
        let scaled = (x * 1_000_000).rounded()
        let negative = scaled < 0
        let m = Int(abs(scaled))
        let frac = String(m % 1_000_000)
        return (negative ? "-" : "") + "\(m / 1_000_000)." + String(repeating: "0", count: 6 - frac.count) + frac
    }
}
