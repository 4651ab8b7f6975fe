public import Pairing
public import Routing

/// Everything `backhaul route` can be asked, as typed values.
public struct RouteOptions: Sendable {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        /// A few lines for people.
        case text
        /// The route with its nodes and geometry.
        case json
        /// A GeoJSON FeatureCollection (RFC 7946): the route as a LineString
        /// along the roads, and the two end points.
        case geojson
    }

    /// The road graph file.
    public var graphPath: String
    /// Where the route starts: a coordinate or a graph node id.
    public var from: Location
    /// Where the route ends.
    public var to: Location
    public var format: Format = .text
    /// The unit of DIMACS arc weights.
    public var dimacsUnit: DIMACS.Unit = .metres
    /// The vehicle profile when the graph is a raw OpenStreetMap file.
    public var profile = "hgv"
    /// The vehicle (`--vehicle` and dimension overrides): a raw file is
    /// built for it; a `.bhg` built for another vehicle is refused.
    public var vehicle = RoadVehicle()
    /// Points farther than this from the roads are unreachable.
    public var maxSnapMetres = 1000.0

    public init(graphPath: String, from: Location, to: Location) {
        self.graphPath = graphPath
        self.from = from
        self.to = to
    }
}
