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
        switch reason {
        case .tooFar(let d, let limit):
            return "\(coordinate) is \(Int(d.rounded())) m from the nearest road of the network"
                + " (more than the \(Int(limit.rounded())) m allowed)"
        case .invalidCoordinate:
            return "\(coordinate) is not a valid WGS84 coordinate"
        case .noRoads:
            return "the graph has no road geometry to snap \(coordinate) onto (no coordinates or no edges)"
        }
    }
}
