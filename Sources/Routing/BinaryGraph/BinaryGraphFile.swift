#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``RoadGraph`` stored in backhaul's binary graph format (`.bhg`), which
/// loads in about the time it takes to copy the file into memory.
///
/// `backhaul graph build` writes one from an OpenStreetMap or DIMACS file,
/// and `--graph` reads it. The file holds the graph's arrays as aligned
/// little-endian sections, the profile and metric, the name, size and
/// modification time of the raw file it was built from (``source``), and the
/// largest strongly connected component (``largestComponent``), all under a
/// CRC-32 checksum that is verified on every load. `docs/bhg-format.md`
/// describes the layout (``BinaryGraphLayout``).
///
/// ```swift
/// let stored = BinaryGraphFile(graph: graph, source: SourceFileStamp(describing: "malta.osm.pbf"))
/// try stored.write(to: "malta.bhg")          // atomic: a temporary file, then rename(2)
/// let loaded = try BinaryGraphFile.read(from: "malta.bhg")
/// ```
///
/// Reading never trusts the file: a file that is empty, truncated, of
/// another format or version, corrupt anywhere (checksum), or whose arrays do
/// not form a valid graph is an ``InputError`` naming the file.
public struct BinaryGraphFile: Sendable {
    /// The format version this build of backhaul writes and reads.
    ///
    /// Version 2 added the optional contraction hierarchy, per-shape-point
    /// durations, the vehicle the graph was built for, and a CRC-32 per
    /// section; version 1 files are refused with a request to rebuild them.
    public static let formatVersion: UInt32 = 2

    /// The graph.
    public var graph: RoadGraph
    /// The raw file the graph was built from, when known.
    public var source: SourceFileStamp?
    /// The nodes of the graph's largest strongly connected component
    /// (``StronglyConnectedComponents``), stored so that snapping need not
    /// recompute it; `nil` when not stored.
    public var largestComponent: NodeMask?
    /// The graph's contraction hierarchy, stored so that runs need not
    /// rebuild it (seconds per hundred thousand nodes); `nil` when not
    /// stored. Read back, it gives exactly the costs of the one built.
    public var hierarchy: ContractionHierarchy?

    /// A file for `graph`, with its largest strongly connected component
    /// computed now (O(*n* + *m*)) and `hierarchy` when given.
    public init(graph: RoadGraph, source: SourceFileStamp? = nil, hierarchy: ContractionHierarchy? = nil) {
        self.init(
            graph: graph, source: source, largestComponent: StronglyConnectedComponents(graph: graph).largestComponentMask(),
            hierarchy: hierarchy)
    }

    /// A file for `graph` with a given component mask (`nil`: none stored)
    /// and hierarchy. A mask or hierarchy over another number of nodes than
    /// the graph's is not stored.
    ///
    /// - Precondition: `hierarchy`, when given, was built for `graph`.
    public init(
        graph: RoadGraph, source: SourceFileStamp?, largestComponent: NodeMask?, hierarchy: ContractionHierarchy? = nil
    ) {
        self.graph = graph
        self.source = source
        self.largestComponent = largestComponent?.nodeCount == graph.nodeCount ? largestComponent : nil
        self.hierarchy = hierarchy?.nodeCount == graph.nodeCount ? hierarchy : nil
    }

    /// `true` when the file at `path` starts with the `.bhg` magic bytes
    /// (whatever its name); `false` when it does not or cannot be read.
    public static func hasMagic(atPath path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: BinaryGraphLayout.magic.count)
        let n = bytes.withUnsafeMutableBytes { readPrefix(fd, $0) }
        return n == bytes.count && bytes == BinaryGraphLayout.magic
    }

    /// A failure to write a `.bhg` file. Nothing is left at the destination
    /// (nor a temporary file) when writing fails.
    public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The destination path.
        public var path: String
        /// What went wrong.
        public var message: String

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }

        public var description: String { "\(path): \(message)" }
    }
}

/// `read(2)` of up to `buffer.count` bytes (a free function: inside the type
/// `read` names ``BinaryGraphFile/read(from:)``).
private func readPrefix(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}
