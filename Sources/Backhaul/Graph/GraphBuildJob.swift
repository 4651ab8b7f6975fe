import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `backhaul graph build INPUT -o GRAPH.bhg`: build a road graph once and
/// store it as a binary graph file that later runs load in milliseconds.
public enum GraphBuildJob {
    /// Everything `graph build` can be asked.
    public struct Options: Sendable {
        /// The raw road file: OpenStreetMap or DIMACS.
        public var inputPath: String
        /// The `.bhg` to write (atomically).
        public var outputPath: String
        /// How the raw file is read (profile, DIMACS unit).
        public var loading = GraphLoader.Options()
        /// Store the graph's contraction hierarchy (the default): the build
        /// takes longer (tens of microseconds per node) and the file grows
        /// by about 16 bytes per hierarchy arc, but runs that route many
        /// legs load it instead of building it every time.
        public var hierarchy = true
        /// Workers for the parallel part of the hierarchy's build; `nil`:
        /// every core.
        public var threads: Int?

        public init(inputPath: String, outputPath: String) {
            self.inputPath = inputPath
            self.outputPath = outputPath
        }
    }

    /// What was built, for the report on standard output.
    public struct Summary: Sendable {
        public var input: String
        public var output: String
        public var format: String
        public var profile: String
        public var nodes: Int
        public var edges: Int
        public var largestComponentNodes: Int
        public var buildSeconds: Double
        public var componentSeconds: Double
        public var writeSeconds: Double
        public var outputBytes: UInt64
        /// The stored hierarchy: its shortcuts, its bytes in the file and
        /// the seconds its build took; `nil` with `--no-hierarchy`.
        public var hierarchy: (shortcuts: Int, bytes: Int, seconds: Double)?

        /// Four lines: the build, the component, the hierarchy, the file
        /// written.
        public func text() -> String {
            let share = nodes > 0 ? Double(largestComponentNodes) / Double(nodes) * 100 : 0
            let hierarchyLine = hierarchy.map {
                "contraction hierarchy: \($0.shortcuts) shortcuts, \($0.bytes) bytes, built in "
                    + "\(JSONValue.format($0.seconds, decimals: 3)) s (stored: runs load it instead of building it)\n"
            } ?? "contraction hierarchy: not stored (--no-hierarchy); runs that route many legs build one each time\n"
            return "built \(input) (\(format)) in \(JSONValue.format(buildSeconds, decimals: 3)) s: "
                + "\(nodes) nodes, \(edges) edges, profile \(profile)\n"
                + "largest strongly connected component: \(largestComponentNodes) nodes "
                + "(\(JSONValue.format(share, decimals: 2)) %), found in \(JSONValue.format(componentSeconds, decimals: 3)) s\n"
                + hierarchyLine
                + "wrote \(output) (\(outputBytes) bytes) in \(JSONValue.format(writeSeconds, decimals: 3)) s\n"
        }
    }

    /// Builds the graph (and unless told otherwise its contraction
    /// hierarchy) and writes the file.
    ///
    /// - Parameter console: shows the phases on a terminal; `nil` for none.
    /// - Throws: ``CommandFailure``: exit 2 for a missing input or an input
    ///   that is already a `.bhg`, 3 for an unreadable input (or one whose
    ///   weights are too large for a hierarchy), 5 when the output cannot be
    ///   written (nothing is left at the output path).
    public static func run(_ options: Options, console: Console? = nil) throws(CommandFailure) -> Summary {
        if let a = SourceFileStamp(describing: options.inputPath), let b = SourceFileStamp(describing: options.outputPath),
           a == b, realPath(options.inputPath) == realPath(options.outputPath) {
            throw .usage("the output \(options.outputPath) is the input file; give the .bhg another name")
        }
        if BinaryGraphFile.hasMagic(atPath: options.inputPath) {
            throw .usage("\(options.inputPath) is already a backhaul graph (.bhg); give the OpenStreetMap or DIMACS file it was built from")
        }
        let loaded = try GraphLoader.load(options.inputPath, options: options.loading)
        let componentStart = monotonicSeconds()
        let component = StronglyConnectedComponents(graph: loaded.graph).largestComponentMask()
        let componentSeconds = monotonicSeconds() - componentStart
        var hierarchy: ContractionHierarchy?
        var hierarchySeconds = 0.0
        if options.hierarchy {
            console?.phase("building the contraction hierarchy of \(loaded.graph.nodeCount) nodes")
            let start = monotonicSeconds()
            do {
                hierarchy = try ContractionHierarchy(graph: loaded.graph, threads: options.threads)
            } catch {
                throw .invalidInput("\(options.inputPath): \(error); build with --no-hierarchy")
            }
            hierarchySeconds = monotonicSeconds() - start
        }
        let file = BinaryGraphFile(
            graph: loaded.graph, source: SourceFileStamp(describing: options.inputPath), largestComponent: component,
            hierarchy: hierarchy)
        let writeStart = monotonicSeconds()
        do { try file.write(to: options.outputPath) } catch {
            throw CommandFailure(.ioFailure, error.description)
        }
        let writeSeconds = monotonicSeconds() - writeStart
        return Summary(
            input: options.inputPath, output: options.outputPath, format: loaded.format,
            profile: loaded.graph.profile, nodes: loaded.graph.nodeCount, edges: loaded.graph.edgeCount,
            largestComponentNodes: component.count, buildSeconds: loaded.seconds, componentSeconds: componentSeconds,
            writeSeconds: writeSeconds, outputBytes: SourceFileStamp(describing: options.outputPath)?.size ?? 0,
            hierarchy: hierarchy.map { ($0.shortcutCount, $0.storedByteCount, hierarchySeconds) }
        )
    }
}

/// The canonical absolute path of an existing file, or the path itself.
private func realPath(_ path: String) -> String {
    guard let p = realpath(path, nil) else { return path }
    defer { free(p) }
    return String(cString: p)
}
