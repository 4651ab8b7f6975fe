#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The road-graph format of the 9th DIMACS Implementation Challenge:
/// Shortest Paths (C. Demetrescu, A. V. Goldberg, D. S. Johnson, eds., *The
/// Shortest Path Problem*, DIMACS Series 74, AMS 2009;
/// http://www.dis.uniroma1.it/~challenge9/format.shtml).
///
/// A graph is a `.gr` file of arcs and, optionally, a `.co` file of node
/// coordinates beside it, either plain or gzip-compressed:
///
/// ```text
/// c comment                      c comment
/// p sp <nodes> <arcs>            p aux sp co <nodes>
/// a <tail> <head> <weight>       v <id> <x = lon·10⁶> <y = lat·10⁶>
/// ```
///
/// Node ids are 1-based and kept as the graph's original ids. The arc
/// weight is both the routing metric and the length; it is read in metres
/// unless ``Unit/decimetres`` is given (the `USA-road-d` files are in
/// decimetres), and the travel time is the length driven at 60 km/h.
public enum DIMACS {
    /// What one unit of arc weight stands for.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// One metre (the default of the command line).
        case metres = "m"
        /// One decimetre (the `USA-road-d` files).
        case decimetres = "dm"
    }

    /// The speed that turns DIMACS lengths into travel times, km/h.
    public static let speedKilometresPerHour = 60

    /// The most nodes a `p sp` line may announce: 2²⁷ − 1 (134 million, over
    /// five times the whole-USA DIMACS graph). Every announced node is
    /// allocated up front (isolated nodes are valid), so a lying header must
    /// not be able to ask for tens of gigabytes.
    public static let maximumNodeCount = (1 << 27) - 1

    /// Loads a `.gr` graph and, when `coordinatesPath` is given, its `.co`
    /// coordinates.
    ///
    /// Both files are streamed through ``ByteStream`` (plain or gzip) and
    /// parsed as bytes. The graph is a ``RoadGraph`` with
    /// ``RoutingMetric/distance``, profile `dimacs`, lengths in decimetres and
    /// durations in deciseconds; its nodes are renumbered in Hilbert order
    /// when there are coordinates, breadth-first order otherwise.
    ///
    /// - Throws: ``InputError`` naming the file and line of the first
    ///   malformed line, an arc count that disagrees with the `p sp` header,
    ///   node ids out of range, a length that does not fit 32 bits in
    ///   decimetres, or a `.co` that does not give every node exactly one
    ///   coordinate.
    /// - Complexity: O(*n* log *n* + *m*) time; about 16 bytes per arc of
    ///   temporary memory besides the graph.
    public static func loadGraph(
        at graphPath: String, coordinatesAt coordinatesPath: String? = nil, unit: Unit = .metres
    ) throws(InputError) -> RoadGraph {
        var builder = try readArcs(at: graphPath, unit: unit)
        if let coordinatesPath {
            try readCoordinates(at: coordinatesPath, into: &builder)
        }
        do {
            return try builder.build(order: .automatic)
        } catch {
            throw InputError(path: graphPath, message: error.message)
        }
    }

    /// The `.co` / `.co.gz` file beside a `.gr` / `.gr.gz` file, if one
    /// exists: `x.gr.gz` looks for `x.co.gz`, then `x.co`; `x.gr` for `x.co`,
    /// then `x.co.gz`.
    public static func coordinatesPath(besideGraphAt graphPath: String) -> String? {
        let stem: String
        let preferGzip: Bool
        if graphPath.hasSuffix(".gr.gz") {
            stem = String(graphPath.dropLast(6))
            preferGzip = true
        } else if graphPath.hasSuffix(".gr") {
            stem = String(graphPath.dropLast(3))
            preferGzip = false
        } else {
            return nil
        }
        let candidates = preferGzip ? [stem + ".co.gz", stem + ".co"] : [stem + ".co", stem + ".co.gz"]
        return candidates.first(where: isReadableFile)
    }

    /// The length of an arc in decimetres and its duration in deciseconds,
    /// or `nil` when the length does not fit in 32 bits.
    static func measures(weight: Int64, unit: Unit) -> (length: UInt32, duration: UInt32)? {
        guard weight >= 0, weight <= Int64(UInt32.max) else { return nil }
        let length = unit == .metres ? weight * 10 : weight
        guard length <= Int64(UInt32.max) else { return nil }
        // At 60 km/h one decimetre takes 0.06 deciseconds; round to nearest.
        let duration = (length * 6 + 50) / 100
        return (UInt32(length), UInt32(duration))
    }

    // MARK: - .gr

    private static func readArcs(at path: String, unit: Unit) throws(InputError) -> RoadGraphBuilder {
        var reader = try DIMACSLineReader(path: path)
        var builder: RoadGraphBuilder?
        var nodeCount: Int64 = 0
        var declaredArcs = 0
        var headerLine = 0
        var arcs = 0
        try reader.forEachLine { (line: UnsafeRawBufferPointer, number: Int) throws(InputError) in
            var fields = DIMACSFields(line)
            guard let kind = fields.next() else { return }  // blank line
            func fail(_ message: String) -> InputError { InputError(path: path, line: number, message: message) }
            if kind.count == 1 && kind[0] == UInt8(ascii: "a") {
                guard builder != nil else { throw fail("arc line before the 'p sp <nodes> <arcs>' problem line") }
                guard let u = fields.nextInteger(), let v = fields.nextInteger(), let w = fields.nextInteger(),
                      fields.isAtEnd
                else { throw fail("expected 'a <tail> <head> <weight>' with integer fields, found \(line.quotedForError())") }
                arcs += 1
                guard arcs <= declaredArcs else {
                    throw fail("more arcs than the \(declaredArcs) announced by the problem line (line \(headerLine))")
                }
                guard u >= 1 && u <= nodeCount else { throw fail("tail node \(u) is out of range 1…\(nodeCount)") }
                guard v >= 1 && v <= nodeCount else { throw fail("head node \(v) is out of range 1…\(nodeCount)") }
                guard w >= 0 else { throw fail("negative arc weight \(w)") }
                guard let m = measures(weight: w, unit: unit) else {
                    throw fail("arc weight \(w) \(unit.rawValue) is too long (the limit is \(UInt32.max) decimetres)")
                }
                builder!.addEdge(from: Int(u - 1), to: Int(v - 1), length: m.length, duration: m.duration)
            } else if kind.count == 1 && kind[0] == UInt8(ascii: "c") {
                return
            } else if kind.count == 1 && kind[0] == UInt8(ascii: "p") {
                guard builder == nil else { throw fail("second problem line (the first is line \(headerLine))") }
                guard fields.nextIs("sp"), let n = fields.nextInteger(), let m = fields.nextInteger(), fields.isAtEnd else {
                    throw fail("expected the problem line 'p sp <nodes> <arcs>', found \(line.quotedForError())")
                }
                guard n >= 1 && n <= Int64(maximumNodeCount) else {
                    throw fail("node count \(n) is out of range 1…\(maximumNodeCount)")
                }
                guard m >= 0 && m < Int64(UInt32.max) else { throw fail("arc count \(m) is out of range 0…\(UInt32.max - 1)") }
                nodeCount = n
                declaredArcs = Int(m)
                headerLine = number
                // Reserve for what the header promises, within reason: a
                // lying header must not allocate gigabytes up front.
                var b = RoadGraphBuilder(
                    metric: .distance, profile: "dimacs",
                    nodeCapacity: Int(min(n, 1 << 26)), edgeCapacity: Int(min(m, 1 << 27)))
                for id in 1...n { b.addNode(originalID: id) }
                builder = b
            } else {
                throw fail("unexpected line \(line.quotedForError()); DIMACS .gr lines start with 'c', 'p' or 'a'")
            }
        }
        guard let builder else {
            throw InputError(path: path, message: "no 'p sp <nodes> <arcs>' problem line; is this a DIMACS .gr file?")
        }
        guard arcs == declaredArcs else {
            throw InputError(
                path: path, line: headerLine,
                message: "the problem line announces \(declaredArcs) arcs but the file has \(arcs) (truncated file?)")
        }
        return builder
    }

    // MARK: - .co

    private static func readCoordinates(at path: String, into builder: inout RoadGraphBuilder) throws(InputError) {
        var reader = try DIMACSLineReader(path: path)
        let nodeCount = Int64(builder.nodeCount)
        var header = false
        var headerLine = 0
        var seen = 0
        try reader.forEachLine { (line: UnsafeRawBufferPointer, number: Int) throws(InputError) in
            var fields = DIMACSFields(line)
            guard let kind = fields.next() else { return }
            func fail(_ message: String) -> InputError { InputError(path: path, line: number, message: message) }
            if kind.count == 1 && kind[0] == UInt8(ascii: "v") {
                guard header else { throw fail("coordinate line before the 'p aux sp co <nodes>' problem line") }
                guard let id = fields.nextInteger(), let x = fields.nextInteger(), let y = fields.nextInteger(),
                      fields.isAtEnd
                else { throw fail("expected 'v <id> <x> <y>' with integer fields, found \(line.quotedForError())") }
                guard id >= 1 && id <= nodeCount else { throw fail("node \(id) is out of range 1…\(nodeCount)") }
                guard abs(x) <= 180_000_000 else { throw fail("longitude \(x) (x = lon·10⁶) is out of range ±180°") }
                guard abs(y) <= 90_000_000 else { throw fail("latitude \(y) (y = lat·10⁶) is out of range ±90°") }
                let index = Int(id - 1)
                guard !builder.hasCoordinate(ofNode: index) else { throw fail("node \(id) has a second coordinate") }
                builder.setCoordinate(ofNode: index, latitudeE7: Int32(y * 10), longitudeE7: Int32(x * 10))
                seen += 1
            } else if kind.count == 1 && kind[0] == UInt8(ascii: "c") {
                return
            } else if kind.count == 1 && kind[0] == UInt8(ascii: "p") {
                guard !header else { throw fail("second problem line (the first is line \(headerLine))") }
                guard fields.nextIs("aux"), fields.nextIs("sp"), fields.nextIs("co"), let n = fields.nextInteger(),
                      fields.isAtEnd
                else { throw fail("expected the problem line 'p aux sp co <nodes>', found \(line.quotedForError())") }
                guard n == nodeCount else {
                    throw fail("the coordinates are for \(n) nodes but the graph has \(nodeCount)")
                }
                header = true
                headerLine = number
            } else {
                throw fail("unexpected line \(line.quotedForError()); DIMACS .co lines start with 'c', 'p' or 'v'")
            }
        }
        guard header else {
            throw InputError(path: path, message: "no 'p aux sp co <nodes>' problem line; is this a DIMACS .co file?")
        }
        guard seen == builder.nodeCount else {
            let missing = (0..<builder.nodeCount).first { !builder.hasCoordinate(ofNode: $0) } ?? 0
            throw InputError(
                path: path, line: headerLine,
                message: "only \(seen) of \(nodeCount) nodes have a coordinate (node \(missing + 1) has none)")
        }
    }
}

/// `true` when `path` names a readable regular file.
func isReadableFile(_ path: String) -> Bool {
    var st = stat()
    guard stat(path, &st) == 0 else { return false }
    return (st.st_mode & S_IFMT) == S_IFREG && access(path, R_OK) == 0
}
