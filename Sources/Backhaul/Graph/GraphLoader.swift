public import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens the road graph a user names (`--graph`, `graph info`): a built
/// `.bhg` file, recognised by its first bytes whatever its name, or a raw
/// road file, built on the spot.
public enum GraphLoader {
    /// A graph and where it came from.
    public struct Loaded: Sendable {
        /// The graph.
        public var graph: RoadGraph
        /// The file's format: `bhg`, or the raw format's name.
        public var format: String
        /// The `.bhg` file's contents (source stamp, stored component), when
        /// the graph came from one.
        public var binary: BinaryGraphFile?
        /// Seconds spent reading (and for raw files, building) the graph.
        public var seconds: Double
    }

    /// Options for raw files.
    public struct Options: Sendable, Hashable {
        /// The vehicle profile for OpenStreetMap files (`hgv`, `car`).
        public var profile: String
        /// The unit of DIMACS arc weights: `m` or `dm`.
        public var dimacsUnit: String
        /// The vehicle to build an OpenStreetMap graph for (`nil`: the
        /// profile's default); a `.bhg` built for another is refused
        /// (``RoadVehicle/check(_:builtFrom:for:)``).
        public var vehicle: VehicleDimensions?

        public init(profile: String = "hgv", dimacsUnit: String = "m", vehicle: VehicleDimensions? = nil) {
            self.profile = profile
            self.dimacsUnit = dimacsUnit
            self.vehicle = vehicle
        }
    }

    /// Reads the graph at `path`.
    ///
    /// A `.bhg` whose source file (named in it) sits beside it and has
    /// changed since the build is refused as stale
    /// (``BinaryGraphFile/checkNotStale(graphPath:)``).
    ///
    /// - Throws: ``CommandFailure`` with exit status 2 for a missing file and
    ///   3 for an unreadable, corrupt or stale one.
    ///
    /// - Parameter allowStale: accept a stale `.bhg` (for `graph info`, which
    ///   reports it).
    public static func load(_ path: String, options: Options = Options(), allowStale: Bool = false) throws(CommandFailure) -> Loaded {
        guard access(path, F_OK) == 0 else {
            throw CommandFailure(.usage, "\(path): no such file")
        }
        let start = monotonicSeconds()
        if BinaryGraphFile.hasMagic(atPath: path) {
            let file: BinaryGraphFile
            do {
                file = try BinaryGraphFile.read(from: path)
                if !allowStale { try file.checkNotStale(graphPath: path) }
            } catch {
                throw .invalidInput(error.description)
            }
            try RoadVehicle.check(file.graph, builtFrom: path, for: options.vehicle)
            return Loaded(graph: file.graph, format: "bhg", binary: file, seconds: monotonicSeconds() - start)
        }
        let graph = try buildRaw(path, options: options)
        return Loaded(graph: graph, format: rawFormatName(path), binary: nil, seconds: monotonicSeconds() - start)
    }
}

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
