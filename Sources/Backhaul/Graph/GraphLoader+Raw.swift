import Routing

extension GraphLoader {
    /// Builds the graph of a raw road file.
    static func buildRaw(_ path: String, options: Options) throws(CommandFailure) -> RoadGraph {
        throw .invalidInput("\(path): not a backhaul graph (.bhg); raw road files are read once the DIMACS and OpenStreetMap readers are on main")
    }

    /// The name of a raw file's format, for reports.
    static func rawFormatName(_ path: String) -> String { "raw" }
}
