import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an OpenStreetMap file into a ``RoadGraph`` for one vehicle
/// profile.
///
/// Both formats OSM is distributed in are read, told apart by their content
/// rather than their name:
///
/// - **PBF** (`.osm.pbf`), the compact binary format
///   (https://wiki.openstreetmap.org/wiki/PBF_Format), decoded here from the
///   blob framing down: zlib or raw blobs, string tables, dense and plain
///   nodes with delta coding, granularity and offsets, ways with their tags.
///   Read in two passes (ways, then only the nodes they use), blobs decoded
///   in parallel, nothing held whole: a country extract fits in memory.
/// - **XML** (`.osm`, `.osm.gz`), streamed with a tokenizer of its own.
///
/// Both feed the same graph assembly, so the same data gives the same graph
/// in either format. The graph's metric is ``RoutingMetric/duration`` (the
/// fastest route for the profile); lengths are kept alongside. Edge shapes
/// hold the road geometry. Node ids are the OSM node ids.
///
/// Turn restrictions (`type=restriction` relations, via a node or via ways),
/// barriers (node tags) and destination-only roads are applied by splitting
/// junctions (``JunctionSplitter``), so the result stays an ordinary graph;
/// `docs/osm.md` explains the choice.
///
/// ```swift
/// let graph = try OSMGraphReader(profile: .hgv).read(path: "sweden.osm.pbf")
/// ```
public struct OSMGraphReader: Sendable {
    /// How much of the way geometry becomes graph nodes.
    public enum Simplification: String, Sendable, Hashable, CaseIterable {
        /// Every node of a routable way is a graph node; edges have no shape.
        case none
        /// Graph nodes where ways meet or end; the nodes between become edge
        /// shapes.
        case intersections
        /// As `intersections`, then chains through nodes where just two
        /// roads meet end to end (same directions allowed) are merged into
        /// one edge, lengths and durations summed exactly.
        case chains
    }

    /// The two encodings of OSM data.
    public enum Format: String, Sendable, Hashable {
        /// Protocol buffer binary format (`.osm.pbf`).
        case pbf
        /// OSM XML (`.osm`, `.osm.gz`).
        case xml
    }

    /// The vehicle the graph is for.
    public var profile: VehicleProfile
    /// How far the geometry is simplified; ``Simplification/chains`` by
    /// default (see `docs/osm.md` for the measurements behind the choice).
    public var simplification: Simplification
    /// Cores used to decode PBF blobs.
    public var threads: Int
    /// Apply turn-restriction relations (on by default; off to measure what
    /// they cost, `docs/benchmarks/osm.md`).
    public var turnRestrictions = true

    /// Creates a reader for `profile`; `threads` cores decode PBF blobs and
    /// cut ways into edges (all of them by default).
    public init(
        profile: VehicleProfile = .hgv, simplification: Simplification = .chains,
        threads: Int = OSMGraphReader.availableCores
    ) {
        self.profile = profile
        self.simplification = simplification
        self.threads = max(1, threads)
    }

    /// The number of online cores (at least 1).
    public static var availableCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Reads the graph in `path`.
    ///
    /// - Throws: ``InputError`` when the file cannot be read, is not OSM
    ///   data, is corrupt or truncated, or holds no road the profile may use.
    /// - Complexity: O(file size + *n* log *n*) for *n* graph nodes.
    public func read(path: String) throws(InputError) -> RoadGraph {
        try readWithStatistics(path: path).graph
    }

    /// Reads the graph in `path` and reports what the file held and what
    /// each step cost.
    public func readWithStatistics(path: String) throws(InputError) -> (graph: RoadGraph, statistics: OSMReadStatistics) {
        let format = try Self.format(ofFileAt: path)
        var stats = OSMReadStatistics(format: format, profile: profile.name, simplification: simplification)
        let ways: OSMWaySet
        switch format {
        case .pbf:
            var (w, c) = try PBFRoadReader(profile: profile, threads: threads).read(path: path)
            if !turnRestrictions { w.restrictions = [] }
            ways = w
            stats.nodes = c.nodes
            stats.ways = c.ways
            stats.relations = c.relations
            stats.blobs = c.blobs
            stats.nodeBlobs = c.nodeBlobs
            stats.skippedBlobs = c.skippedBlobs
            stats.readSeconds = c.pass1Seconds + c.pass2Seconds
            stats.waysPassSeconds = c.pass1Seconds
            stats.nodesPassSeconds = c.pass2Seconds
            stats.writingProgram = c.header.writingProgram
        case .xml:
            var (w, c) = try OSMXMLRoadReader(profile: profile).read(path: path)
            if !turnRestrictions { w.restrictions = [] }
            ways = w
            stats.nodes = c.nodes
            stats.ways = c.ways
            stats.relations = c.relations
            stats.readSeconds = c.seconds
        }
        stats.routableWays = ways.wayCount
        stats.referencedNodes = ways.nodeCount
        stats.waySetBytes = ways.memoryFootprint
        guard ways.wayCount > 0 else {
            let what = stats.ways == 0 ? "has no ways" : "has \(stats.ways) ways but none is a road the \(profile.name) profile may use"
            throw InputError(path: path, message: "\(what): no road graph to build")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (graph, counts) = try OSMGraphAssembler(profile: profile, simplification: simplification, threads: threads)
            .assemble(consume ways, path: path)
        stats.assemblySeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        stats.missingNodeReferences = counts.missingNodeReferences
        stats.segments = counts.segments
        stats.contractedNodes = counts.contractedNodes
        stats.turnRestrictions = counts.turnRestrictions
        stats.appliedTurnRestrictions = counts.appliedTurnRestrictions
        stats.barriers = counts.barriers
        stats.destinationOnlyEdges = counts.destinationOnlyEdges
        stats.splitNodes = counts.splitNodes
        stats.graphNodes = graph.nodeCount
        stats.graphEdges = graph.edgeCount
        stats.shapePoints = graph.shapeLatitudeE7.count
        return (graph, stats)
    }

    /// Tells PBF from XML by the first bytes of the file (gzip is looked
    /// through).
    ///
    /// - Throws: ``InputError`` when the file is missing, empty or neither.
    public static func format(ofFileAt path: String) throws(InputError) -> Format {
        var stream = try ByteStream(path: path)
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 16)
        defer { head.deallocate() }
        var n = 0
        while n < head.count {
            let r = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: head[n...]))
            if r == 0 { break }
            n += r
        }
        guard n > 0 else { throw InputError(path: path, message: "file is empty") }
        let bytes = Array(head[0..<n])
        // XML: optional UTF-8 byte order mark, optional whitespace, '<'.
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < n, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        if i < n, bytes[i] == UInt8(ascii: "<") { return .xml }
        // PBF: a 4-byte big-endian BlobHeader length, then field 1 (type)
        // holding "OSMHeader".
        if !stream.isCompressed, n >= 15 {
            let length = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
            if length > 0, length <= PBFFile.maxHeaderSize, bytes[4] == 0x0A, bytes[5] == 9,
               Array(bytes[6..<15]) == Array("OSMHeader".utf8) {
                return .pbf
            }
        }
        throw InputError(path: path, message: "not an OpenStreetMap file: neither PBF (it would start with an OSMHeader block) nor XML")
    }
}

/// What ``OSMGraphReader/readWithStatistics(path:)`` found and how long it
/// took.
public struct OSMReadStatistics: Sendable, Hashable {
    /// The file's encoding.
    public var format: OSMGraphReader.Format
    /// The profile the graph was built for (`hgv`, `car`).
    public var profile: String
    /// How far the geometry was simplified.
    public var simplification: OSMGraphReader.Simplification
    /// Nodes in the file.
    public var nodes = 0
    /// Ways in the file.
    public var ways = 0
    /// Relations in the file (turn restrictions are read, the others counted).
    public var relations = 0
    /// PBF blocks in the file.
    public var blobs = 0
    /// PBF blocks that hold nodes (read by the second pass).
    public var nodeBlobs = 0
    /// Node blocks the ways pass recognised from their first bytes and did
    /// not decompress in full.
    public var skippedBlobs = 0
    /// The program that wrote a PBF file.
    public var writingProgram: String?
    /// Ways the profile may use.
    public var routableWays = 0
    /// Distinct nodes of the ways the profile may use.
    public var referencedNodes = 0
    /// References to nodes the file does not hold (ways are split there).
    public var missingNodeReferences = 0
    /// Pieces between meeting points, before chain contraction (each is one
    /// or two directed edges).
    public var segments = 0
    /// Nodes removed by chain contraction.
    public var contractedNodes = 0
    /// Turn restrictions that bind the vehicle, one per from/to pair.
    public var turnRestrictions = 0
    /// Of those, the ones placed on the graph (the others name ways the
    /// vehicle may not use, or ways that do not meet as the relation says).
    public var appliedTurnRestrictions = 0
    /// Nodes on the vehicle's roads that stop it (barriers).
    public var barriers = 0
    /// Directed edges that are destination-only (no through traffic).
    public var destinationOnlyEdges = 0
    /// Graph nodes added by splitting junctions for restrictions, barriers
    /// and destination-only roads.
    public var splitNodes = 0
    /// Nodes of the graph.
    public var graphNodes = 0
    /// Directed edges of the graph.
    public var graphEdges = 0
    /// Shape points of the graph's edges.
    public var shapePoints = 0
    /// Bytes held by the routable ways and their nodes before assembly.
    public var waySetBytes = 0
    /// Time reading the file (both PBF passes), in seconds.
    public var readSeconds = 0.0
    /// Time of the PBF ways pass (including numbering the wanted nodes).
    public var waysPassSeconds = 0.0
    /// Time of the PBF nodes pass.
    public var nodesPassSeconds = 0.0
    /// Time building the graph from the ways.
    public var assemblySeconds = 0.0

    /// Empty statistics for a read of `format` with `profile`.
    public init(format: OSMGraphReader.Format, profile: String, simplification: OSMGraphReader.Simplification) {
        self.format = format
        self.profile = profile
        self.simplification = simplification
    }
}
