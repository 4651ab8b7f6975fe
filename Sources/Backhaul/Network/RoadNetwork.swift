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
    /// The contraction hierarchy stored in the `.bhg` file (`backhaul graph
    /// build`), `nil` when the file stores none or the graph came from a
    /// raw file; ``hierarchy(threads:console:)`` builds one then.
    public let storedHierarchy: ContractionHierarchy?
    /// The raw file a `.bhg` was built from, for the command that rebuilds it.
    public let source: SourceFileStamp?
    /// The snapper, built on first use (it indexes every road).
    private let snapperCache = SnapperCache()
    /// A hierarchy built for this run, when none is stored.
    private let hierarchyCache = HierarchyCache()

    /// Wraps an already loaded graph (tests, benchmarks).
    public init(
        graph: RoadGraph, file: String, coordinatesFile: String? = nil, largestComponent: NodeMask? = nil,
        format: String = "", loadSeconds: Double = 0, hierarchy: ContractionHierarchy? = nil,
        source: SourceFileStamp? = nil
    ) {
        self.graph = graph
        self.file = file
        self.coordinatesFile = coordinatesFile
        self.largestComponent = largestComponent
        self.format = format
        self.loadSeconds = loadSeconds
        self.storedHierarchy = hierarchy?.nodeCount == graph.nodeCount ? hierarchy : nil
        self.source = source
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
            format: loaded.format, loadSeconds: loaded.seconds, hierarchy: loaded.binary?.hierarchy,
            source: loaded.binary?.source)
    }

    /// The graph's contraction hierarchy (Geisberger et al., WEA 2008), for
    /// many-to-many legs (``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``),
    /// one-to-one queries (``HierarchyQuery``) and route geometry
    /// (``ContractionHierarchy/routes(from:to:pairs:threads:progress:)``).
    ///
    /// The one stored in the `.bhg` when there is one (loaded with the
    /// graph, no work here). Otherwise it is built on the first call —
    /// seconds per hundred thousand nodes — and kept for later calls; unless
    /// `console` is `nil` or quiet, a note on standard error says how long
    /// that took and which `graph build` command stores it instead.
    ///
    /// - Parameter threads: workers for the build's parallel part; `nil`:
    ///   every core.
    /// - Throws: ``CommandFailure`` (exit 3) when the graph's weights are
    ///   too large for 32-bit shortcut costs.
    /// - Complexity: O(1) when stored; otherwise the hierarchy's build, about
    ///   three times its final size in memory while it runs.
    public func hierarchy(threads: Int? = nil, console: Console? = nil) throws(CommandFailure) -> ContractionHierarchy {
        if let storedHierarchy { return storedHierarchy }
        return try hierarchyCache.hierarchy { () throws(CommandFailure) -> ContractionHierarchy in
            console?.phase("building a contraction hierarchy of \(graph.nodeCount) nodes")
            let start = monotonicSeconds()
            let built: ContractionHierarchy
            do {
                built = try ContractionHierarchy(graph: graph, threads: threads)
            } catch {
                throw .invalidInput("\(file): \(error)")
            }
            let seconds = JSONValue.format(monotonicSeconds() - start, decimals: 2)
            if format == "bhg" {
                let folder = file.lastIndex(of: "/").map { String(file[...$0]) } ?? ""
                let raw = source.map { folder + $0.name } ?? "MAP-FILE"
                console?.note(
                    "\(file) stores no contraction hierarchy (built with --no-hierarchy): built one in \(seconds) s; "
                        + "'backhaul graph build \(raw) -o \(file)' stores it so that runs load it in milliseconds")
            } else {
                console?.note(
                    "built a contraction hierarchy of \(graph.nodeCount) nodes in \(seconds) s; "
                        + "'backhaul graph build \(file) -o GRAPH.bhg' stores it with the graph so that runs load it in milliseconds")
            }
            return built
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

/// Builds a contraction hierarchy once, on first use, for whichever thread
/// asks first; the others wait for it.
private final class HierarchyCache: Sendable {
    private let state = Mutex<ContractionHierarchy?>(nil)

    func hierarchy(_ build: () throws(CommandFailure) -> ContractionHierarchy) throws(CommandFailure) -> ContractionHierarchy {
        try state.withLock { (cached: inout ContractionHierarchy?) throws(CommandFailure) -> ContractionHierarchy in
            if let h = cached { return h }
            let h = try build()
            cached = h
            return h
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
