import Backhaul

extension BackhaulCommand {
    /// `backhaul graph info GRAPH [--format text|json]`.
    static var graphInfo: CommandSpec {
        CommandSpec(
            path: ["graph", "info"],
            abstract: "Describe a road graph: nodes, edges, bounding box, profile, largest SCC.",
            discussion: """
                Loads GRAPH (a .bhg file, or a map file that is built on the spot) and prints \
                its node and edge counts, bounding box, vehicle profile and search metric, \
                the size and share of its largest strongly connected component, the memory \
                its arrays take, and for a .bhg its format version and the map file it was \
                built from (and whether that file has changed since).
                """,
            options: [
                .value("format", "format", help: "Output format.", choices: ["text", "json"], default: "text"),
                .value("profile", "profile", help: "Vehicle profile for OpenStreetMap input.", choices: ["hgv", "car"], default: "hgv"),
                .value("dimacs-unit", "unit", help: "Unit of DIMACS arc weights.", choices: ["m", "dm"], default: "m"),
            ],
            arguments: [ArgumentSpec(name: "graph", help: "A .bhg file, or an OpenStreetMap or DIMACS file.")],
            examples: [
                "backhaul graph info samples/malta/malta-latest.osm.pbf",
                "backhaul graph info malta.bhg --format json",
            ],
            run: { args throws(CommandFailure) in
                guard let graph = args.positionals.first, args.positionals.count == 1 else {
                    throw args.usage(args.positionals.isEmpty ? "missing expected argument '<graph>'" : "expected one graph file, got \(args.positionals.count)")
                }
                var options = GraphInfoJob.Options(graphPath: graph)
                options.format = GraphInfoJob.Format(rawValue: args.string("format") ?? "text") ?? .text
                options.loading = GraphLoader.Options(profile: args.string("profile") ?? "hgv", dimacsUnit: args.string("dimacs-unit") ?? "m")
                Console.writeStdout(try GraphInfoJob.run(options))
                return .success
            }
        )
    }
}
