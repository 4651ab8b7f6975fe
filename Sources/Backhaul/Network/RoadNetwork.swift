public import Pairing
public import Routing

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

    /// Wraps an already loaded graph (tests, benchmarks).
    public init(graph: RoadGraph, file: String, coordinatesFile: String? = nil) {
        self.graph = graph
        self.file = file
        self.coordinatesFile = coordinatesFile
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
            /// A coordinate, but snapping is not available yet.
            case snappingUnavailable
        }

        public var kind: Kind
        public var message: String
        public var description: String { message }
    }

    /// The network point for `location`: the node with that id, or the
    /// nearest road position within `maxSnapMetres` of the coordinate.
    public func point(for location: Location, maxSnapMetres: Double) -> Result<NetworkPoint, PointFailure> {
        switch location {
        case .node(let id):
            guard let v = graph.node(originalID: id) else {
                return .failure(PointFailure(kind: .unknownNode, message: "node \(id) is not in the graph \(file)"))
            }
            return .success(.node(v, in: graph))
        case .coordinate:
            guard graph.hasCoordinates else {
                return .failure(PointFailure(
                    kind: .noCoordinates,
                    message: "the graph \(file) has no node coordinates"
                        + (graph.profile == "dimacs" ? " (the .co file beside it is missing)" : "")
                        + "; give points as graph node ids (id,node)"))
            }
            return .failure(PointFailure(
                kind: .snappingUnavailable,
                message: "placing latitude/longitude points on the road graph is not supported yet; give points as graph node ids (id,node)"))
        }
    }
}
