/// `backhaul graph info GRAPH`: what a road graph holds.
public enum GraphInfoJob {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    /// Everything `graph info` can be asked.
    public struct Options: Sendable {
        /// A `.bhg` file or a raw road file (built on the spot).
        public var graphPath: String
        public var format: Format = .text
        /// How raw files are read.
        public var loading = GraphLoader.Options()

        public init(graphPath: String) {
            self.graphPath = graphPath
        }
    }

    /// Loads the graph and describes it.
    ///
    /// - Returns: the report in the asked format, for standard output.
    /// A stale `.bhg` is described (its source is reported as changed), not
    /// refused.
    ///
    /// - Throws: ``CommandFailure``: exit 2 for a missing file, 3 for an
    ///   unreadable or corrupt one.
    public static func run(_ options: Options) throws(CommandFailure) -> String {
        let loaded = try GraphLoader.load(options.graphPath, options: options.loading, allowStale: true)
        let info = GraphInfo(file: options.graphPath, loaded: loaded)
        switch options.format {
        case .text: return info.text()
        case .json: return info.json().serialized()
        }
    }
}
