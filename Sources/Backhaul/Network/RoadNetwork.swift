public import Pairing
public import Routing
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The road graph a job was given with `--graph`, loaded, with what the
/// jobs need around it: turning shipment or point locations into
/// ``NetworkPoint``s and describing the graph in reports.
///
/// `route`, `matrix` and `match` all load their graph through here, so they
/// accept the same files and fail the same way.
public struct RoadNetwork: Sendable {
    /// The graph file as the user named it.
    public let file: String
    /// The DIMACS `.co` file the coordinates came from, if any.
    public let coordinatesFile: String?
    public let graph: RoadGraph
    /// The largest strongly connected component as stored in a `.bhg`
    /// file (`nil` for raw files: the snapper computes it).
    public let largestComponent: NodeMask?
    /// The file's format: `bhg`, or the raw format's name (`osm-pbf`, `dimacs`, …).
    public let format: String
    /// Seconds spent reading (and for raw files, building) the graph.
    public let loadSeconds: Double
    /// The snapper, built on first use (it indexes every road).
    private let snapperCache = SnapperCache()

    /// Wraps an already loaded graph (tests, benchmarks).
    public init(
        graph: RoadGraph, file: String, coordinatesFile: String? = nil, largestComponent: NodeMask? = nil,
        format: String = "", loadSeconds: Double = 0
    ) {
        self.graph = graph
        self.file = file
        self.coordinatesFile = coordinatesFile
        self.largestComponent = largestComponent
        self.format = format
        self.loadSeconds = loadSeconds
    }

    /// The graph's ``GraphSnapper`` (roads of the largest strongly connected
    /// component), built once on first use and shared.
    public var snapper: GraphSnapper {
        snapperCache.snapper(for: graph, component: largestComponent)
    }

    /// Loads `path` through ``GraphLoader``: a `.bhg` (verified, refused
    /// when stale, or when `vehicle` is given and the file was built for
    /// another), or a raw OpenStreetMap or DIMACS file built on the spot
    /// with `profile` for `vehicle` (`nil`: the profile's default vehicle).
    ///
    /// A raw file is built anew on every run; unless `console` is `nil` or
    /// quiet, a note on standard error says how long that took and how to
    /// keep the graph as a `.bhg`.
    ///
    /// - Throws: ``CommandFailure`` with status `.usage` (exit 2) when the
    ///   file does not exist or cannot be opened, and `.invalidInput` (exit 3)
    ///   when it is not a valid graph, with the file (and line) in the
    ///   message.
    public static func load(
        _ path: String, dimacsUnit: DIMACS.Unit = .metres, profile: String = "hgv", vehicle: VehicleDimensions? = nil,
        console: Console? = nil
    ) throws(CommandFailure) -> RoadNetwork {
        guard access(path, F_OK) == 0 else {
            throw .usage("\(path): graph file not found")
        }
        guard access(path, R_OK) == 0 else {
            throw .usage("\(path): graph file is not readable")
        }
        let loaded = try GraphLoader.load(
            path, options: .init(profile: profile, dimacsUnit: dimacsUnit.rawValue, vehicle: vehicle))
        let co = loaded.format == "dimacs" ? DIMACS.coordinatesPath(besideGraphAt: path) : nil
        if loaded.binary == nil, let console {
            console.note(
                "built the road graph from \(path) in \(JSONValue.format(loaded.seconds, decimals: 2)) s "
                    + "(\(loaded.graph.nodeCount) nodes, \(loaded.graph.edgeCount) edges); "
                    + "'backhaul graph build \(path) -o GRAPH.bhg' keeps it for runs that start in milliseconds")
        }
        return RoadNetwork(
            graph: loaded.graph, file: path, coordinatesFile: co, largestComponent: loaded.binary?.largestComponent,
            format: loaded.format, loadSeconds: loaded.seconds)
    }

    /// The graph as reports describe it (`"distance_model": "road"`).
    public var summary: MatchReport.GraphSummary {
        MatchReport.GraphSummary(
            file: file, nodes: graph.nodeCount, edges: graph.edgeCount, profile: graph.profile, distanceModel: "road",
            attribution: graph.profile == "dimacs" ? nil : "© OpenStreetMap contributors, ODbL 1.0")
    }

    /// Why a location could not be placed on the graph.
    public struct PointFailure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The kinds of failure.
        public enum Kind: Sendable, Hashable {
            /// A node id that is not in the graph: an input error.
            case unknownNode
            /// A coordinate, but the graph has none (DIMACS without `.co`):
            /// an input error.
            case noCoordinates
            /// Farther from the roads than allowed: the point is unreachable.
            case tooFar
            /// Not a valid WGS84 coordinate: an input error.
            case invalidCoordinate
        }

        public var kind: Kind
        public var message: String
        public var description: String { message }
    }

    /// The network point for `location`: the node with that id, or the
    /// nearest road position within `maxSnapMetres` of the coordinate
    /// (``GraphSnapper``: the nearest point on a road of the largest strongly
    /// connected component, so every placed point can reach every other).
    ///
    /// - Complexity: O(log *n*) for a node; for a coordinate, a grid search
    ///   of a few dozen road segments (the first call builds the index, O(*n*
    ///   + *m*)). Safe to call from several threads.
    public func point(for location: Location, maxSnapMetres: Double) -> Result<NetworkPoint, PointFailure> {
        switch location {
        case .node(let id):
            guard let v = graph.node(originalID: id) else {
                return .failure(PointFailure(kind: .unknownNode, message: "node \(id) is not in the graph \(file)"))
            }
            return .success(.node(v, in: graph))
        case .coordinate(let latitude, let longitude):
            guard graph.hasCoordinates else {
                return .failure(PointFailure(
                    kind: .noCoordinates,
                    message: "the graph \(file) has no node coordinates"
                        + (graph.profile == "dimacs" ? " (the .co file beside it is missing)" : "")
                        + "; give points as graph node ids (id,node)"))
            }
            do {
                return .success(try snapper.snap(Coordinate(latitude: latitude, longitude: longitude), maxDistanceMetres: maxSnapMetres))
            } catch {
                switch error.reason {
                case .tooFar: return .failure(PointFailure(kind: .tooFar, message: error.description))
                case .invalidCoordinate: return .failure(PointFailure(kind: .invalidCoordinate, message: error.description))
                case .noRoads: return .failure(PointFailure(kind: .noCoordinates, message: error.description))
                }
            }
        }
    }
}

/// Builds a graph's snapper once, on first use, for whichever thread asks
/// first.
private final class SnapperCache: Sendable {
    private let state = Mutex<GraphSnapper?>(nil)

    func snapper(for graph: RoadGraph, component: NodeMask?) -> GraphSnapper {
        state.withLock { cached in
            if let s = cached { return s }
            let s = component.map { GraphSnapper(graph: graph, snappableNodes: $0) } ?? GraphSnapper(graph: graph)
            cached = s
            return s
        }
    }
}
