/// Where a shipment starts or ends: a WGS84 coordinate, or a node id of the
/// road graph file (DIMACS or OpenStreetMap id).
public enum Location: Sendable, Hashable {
    case coordinate(latitude: Double, longitude: Double)
    case node(Int64)
}
