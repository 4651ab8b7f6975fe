public import Routing

/// Everything `backhaul matrix` can be asked, as typed values. Defaults are
/// the contract's.
public struct MatrixOptions: Sendable {
    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        /// `from,to,distance_m,duration_s`, one row per ordered pair.
        case csv
        /// The points and two square arrays, `distances_m` and `durations_s`.
        case json
    }

    /// A road graph file, or `nil` for the crow-fly estimate.
    public var graphPath: String?
    /// The points file (`id,lat,lon` or `id,node`).
    public var pointsPath: String
    public var format: Format = .csv
    /// Write here (atomically) instead of standard output.
    public var outputPath: String?
    /// Worker threads for routing; `nil` uses every core.
    public var threads: Int?
    /// The unit of DIMACS arc weights.
    public var dimacsUnit: DIMACS.Unit = .metres
    /// The vehicle profile when the graph is a raw OpenStreetMap file.
    public var profile = "hgv"
    /// The vehicle (`--vehicle` and dimension overrides): a raw file is
    /// built for it; a `.bhg` built for another vehicle is refused.
    public var vehicle = RoadVehicle()
    /// Points farther than this from the roads are unreachable.
    public var maxSnapMetres = 1000.0
    /// Great-circle × `circuity` when there is no graph.
    public var circuity = 1.3
    /// Crow-fly travel speed when there is no graph.
    public var crowflySpeedKmh = 70.0
    public var quiet = false

    public init(graphPath: String?, pointsPath: String) {
        self.graphPath = graphPath
        self.pointsPath = pointsPath
    }
}
