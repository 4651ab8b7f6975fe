public import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `backhaul graph info` reports about a road graph.
public struct GraphInfo: Sendable {
    /// The file as the user named it.
    public var file: String
    /// `bhg`, or the raw format's name.
    public var format: String
    /// The `.bhg` format version, `nil` for raw files.
    public var formatVersion: UInt32?
    /// The file's size in bytes.
    public var fileBytes: UInt64
    public var profile: String
    public var metric: RoutingMetric
    public var nodes: Int
    public var edges: Int
    public var shapePoints: Int
    /// South-west and north-east corners over every node, `nil` without
    /// coordinates.
    public var boundingBox: (southWest: Coordinate, northEast: Coordinate)?
    /// Nodes in the largest strongly connected component.
    public var largestComponentNodes: Int
    /// `true` when the component was stored in the file rather than computed.
    public var largestComponentStored: Bool
    /// Bytes the graph's arrays take in memory.
    public var memoryBytes: Int
    /// The raw file a `.bhg` was built from.
    public var source: SourceFileStamp?
    /// `unchanged` or `changed` when the source file sits beside the graph,
    /// `absent` when it does not; `nil` without a source.
    public var sourceStatus: String?
    /// Seconds spent loading (or building) the graph.
    public var loadSeconds: Double
    /// The contraction hierarchy stored in a `.bhg`: its shortcuts, all its
    /// arcs and its bytes in the file; `nil` when none is stored (raw files,
    /// `graph build --no-hierarchy`).
    public var hierarchy: (shortcuts: Int, arcs: Int, bytes: Int)?
    /// The vehicle whose physical limits the graph was built for (`graph
    /// build --vehicle`), or `nil` when none was recorded.
    public var vehicle: VehicleDimensions?

    /// The share of nodes in the largest strongly connected component (0…1).
    public var largestComponentShare: Double {
        nodes > 0 ? Double(largestComponentNodes) / Double(nodes) : 0
    }

    /// Gathers the facts about a loaded graph.
    ///
    /// - Complexity: O(*n* + *m*) (the bounding box; the strongly connected
    ///   components unless the file stores them).
    public init(file: String, loaded: GraphLoader.Loaded) {
        let g = loaded.graph
        self.file = file
        self.format = loaded.format
        self.formatVersion = loaded.binary == nil ? nil : BinaryGraphFile.formatVersion
        var st = stat()
        self.fileBytes = stat(file, &st) == 0 ? UInt64(max(0, st.st_size)) : 0
        self.profile = g.profile
        self.metric = g.metric
        self.nodes = g.nodeCount
        self.edges = g.edgeCount
        self.shapePoints = g.shapeLatitudeE7.count
        if g.hasCoordinates, g.nodeCount > 0 {
            var minLat = Int32.max, maxLat = Int32.min, minLon = Int32.max, maxLon = Int32.min
            for i in 0..<g.nodeCount {
                minLat = min(minLat, g.latitudeE7[i]); maxLat = max(maxLat, g.latitudeE7[i])
                minLon = min(minLon, g.longitudeE7[i]); maxLon = max(maxLon, g.longitudeE7[i])
            }
            self.boundingBox = (Coordinate(fixedLatitude: minLat, fixedLongitude: minLon),
                                Coordinate(fixedLatitude: maxLat, fixedLongitude: maxLon))
        } else {
            self.boundingBox = nil
        }
        if let stored = loaded.binary?.largestComponent {
            self.largestComponentNodes = stored.count
            self.largestComponentStored = true
        } else {
            self.largestComponentNodes = StronglyConnectedComponents(graph: g).largestComponentSize
            self.largestComponentStored = false
        }
        self.memoryBytes = g.memoryFootprint
        self.source = loaded.binary?.source
        if let binary = loaded.binary, let source = binary.source {
            if let raw = binary.sourcePath(besideGraphAt: file) {
                self.sourceStatus = source.matchesFile(atPath: raw) ? "unchanged" : "changed"
            } else {
                self.sourceStatus = "absent"
            }
        } else {
            self.sourceStatus = nil
        }
        self.loadSeconds = loaded.seconds
        self.hierarchy = loaded.binary?.hierarchy.map { ($0.shortcutCount, $0.arcCount, $0.storedByteCount) }
        self.vehicle = g.vehicle
    }
}
