/// Opens the road graph a user names with `--graph`, whatever its format.
///
/// The format is decided by the file name (`.gr`, `.gr.gz`, `.osm.pbf`,
/// `.osm`, `.osm.gz`, `.bhg`) and, for names that say nothing, by the first
/// bytes of the (decompressed) content.
public enum GraphFile {
    /// The road-graph formats `--graph` accepts.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// DIMACS `.gr` (+ `.co`), plain or gzip: see ``DIMACS``.
        case dimacs
        /// OpenStreetMap PBF (`.osm.pbf`).
        case osmPBF
        /// OpenStreetMap XML (`.osm`, `.osm.gz`).
        case osmXML
        /// backhaul's own binary graph (`.bhg`), written by `graph build`.
        case backhaulGraph
    }

    /// How to read the formats that need to be told something.
    public struct Options: Sendable, Hashable {
        /// What one unit of a DIMACS arc weight is.
        public var dimacsUnit: DIMACS.Unit
        /// The vehicle an OpenStreetMap file is read for (``VehicleProfile/hgv``
        /// unless told otherwise).
        public var profile: VehicleProfile

        public init(dimacsUnit: DIMACS.Unit = .metres, profile: VehicleProfile = .hgv) {
            self.dimacsUnit = dimacsUnit
            self.profile = profile
        }
    }

    /// The format of `path` judged by its name, or `nil` when the name does
    /// not say.
    public static func format(ofName path: String) -> Format? {
        let name = path.lowercased()
        if name.hasSuffix(".gr") || name.hasSuffix(".gr.gz") { return .dimacs }
        if name.hasSuffix(".osm.pbf") || name.hasSuffix(".pbf") { return .osmPBF }
        if name.hasSuffix(".osm") || name.hasSuffix(".osm.gz") { return .osmXML }
        if name.hasSuffix(".bhg") { return .backhaulGraph }
        return nil
    }

    /// The format of `path` judged by its name, else by its first bytes.
    ///
    /// - Throws: ``InputError`` when the file cannot be read or its format
    ///   is not recognised.
    public static func format(of path: String) throws(InputError) -> Format {
        if let f = format(ofName: path) { return f }
        var stream = try ByteStream(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        defer { buffer.deallocate() }
        let n = try stream.read(into: buffer)
        let bytes = Array(buffer.prefix(n))
        func starts(_ s: String) -> Bool { bytes.starts(with: Array(s.utf8)) }
        if starts("c ") || starts("p sp ") || starts("c\n") { return .dimacs }
        if starts("<?xml") || starts("<osm") { return .osmXML }
        // PBF: a 4-byte length, then a BlobHeader whose field 1 is "OSMHeader".
        if bytes.count >= 15, bytes[4] == 0x0A, bytes[5] == 0x09, Array(bytes[6..<15]) == Array("OSMHeader".utf8) {
            return .osmPBF
        }
        throw InputError(
            path: path,
            message: "unrecognised road graph format; expected .bhg, .osm.pbf, .osm, .osm.gz, .gr or .gr.gz")
    }

    /// Reads the road graph at `path`.
    ///
    /// DIMACS graphs take their coordinates from the `.co`/`.co.gz` beside
    /// the `.gr` (see ``DIMACS/coordinatesPath(besideGraphAt:)``) when there
    /// is one; without it the graph has no coordinates.
    ///
    /// - Throws: ``InputError`` naming the file (and line, for text formats)
    ///   when it cannot be read or is not a valid graph.
    public static func open(_ path: String, options: Options = Options()) throws(InputError) -> RoadGraph {
        switch try format(of: path) {
        case .dimacs:
            return try DIMACS.loadGraph(
                at: path, coordinatesAt: DIMACS.coordinatesPath(besideGraphAt: path), unit: options.dimacsUnit)
        case .osmPBF, .osmXML:
            return try OSMGraphReader(profile: options.profile).read(path: path)
        case .backhaulGraph:
            // Verified (checksum, invariants) and refused when stale.
            return try BinaryGraphFile.load(graphAt: path).graph
        }
    }
}
