import Backhaul

extension BackhaulCommand {
    /// `backhaul graph`: the parent of `graph build` and `graph info`.
    static var graph: CommandSpec {
        CommandSpec(
            path: ["graph"],
            abstract: "Build and inspect road graph files (.bhg).",
            discussion: """
                A road graph is built once from an OpenStreetMap or DIMACS file and stored \
                as a binary graph file (.bhg), which every later --graph loads in \
                milliseconds instead of reading the map again.
                """,
            subcommands: [graphBuild, graphInfo]
        )
    }
}
