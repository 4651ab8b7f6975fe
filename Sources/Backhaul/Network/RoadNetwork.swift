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
    /// The snapper, built on first use (it indexes every road).
    private let snapperCache = SnapperCache()

    /// Wraps an already loaded graph (tests, benchmarks).
    public init(graph: RoadGraph, file: String, coordinatesFile: String? = nil) {
        self.graph = graph
        self.file = file
        self.coordinatesFile = coordinatesFile
    }

    /// The graph's ``GraphSnapper`` (roads of the largest strongly connected
    /// component), built once on first use and shared.
    public var snapper: GraphSnapper {
        snapperCache.snapper(for: graph)
    }

    /// Loads `path` in any format ``GraphFile`` knows.
    ///
    /// - Throws: ``CommandFailure`` with status `.usage` (exit 2) when the
    ///   file does not exist or cannot be opened, and `.invalidInput` (exit 3)
    ///   when it is not a valid graph, with the file (and line) in the
    ///   message.
    public static func load(_ path: String, dimacsUnit: DIMACS.Unit = .metres) throws(CommandFailure) -> RoadNetwork {
        guard access(path, F_OK) == 0 else {
            throw .usage("\(path): graph file not found")
        }
        guard access(path, R_OK) == 0 else {
            throw .usage("\(path): graph file is not readable")
        }
        do {
            let graph = try GraphFile.open(path, options: .init(dimacsUnit: dimacsUnit))
            let co = (try? GraphFile.format(of: path)) == .dimacs ? DIMACS.coordinatesPath(besideGraphAt: path) : nil
            return RoadNetwork(graph: graph, file: path, coordinatesFile: co)
        } catch {
            throw .invalidInput(error.description)
        }
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

    func snapper(for graph: RoadGraph) -> GraphSnapper {
        state.withLock { cached in
            if let s = cached { return s }
            let s = GraphSnapper(graph: graph)
            cached = s
            return s
        }
    }
}
