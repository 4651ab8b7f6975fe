import Backhaul

extension BackhaulCommand {
    /// `backhaul graph build INPUT -o GRAPH.bhg [--profile hgv|car]`.
    static var graphBuild: CommandSpec {
        CommandSpec(
            path: ["graph", "build"],
            abstract: "Build the road graph of a map file once and store it as a .bhg file.",
            discussion: """
                Reads INPUT (OpenStreetMap .osm.pbf, .osm, .osm.gz, or DIMACS .gr/.gr.gz with \
                its .co/.co.gz beside it), builds the road graph for the vehicle profile, \
                finds its largest strongly connected component (the roads every snapped \
                point can be routed between), and writes everything to the output file with \
                a checksum. The file records INPUT's name, size and modification time: a \
                .bhg whose map file beside it has changed since is refused as stale.

                Prints the build time, node and edge counts. The output is written \
                atomically: nothing appears at its path unless it is complete.
                """,
            options: [
                .value("output", short: "o", "graph.bhg", help: "(required) The binary graph file to write."),
                .value("profile", "profile", help: "Vehicle profile for OpenStreetMap input.", choices: ["hgv", "car"], default: "hgv"),
                .value("dimacs-unit", "unit", help: "Unit of DIMACS arc weights (the USA-road-d files are in decimetres).", choices: ["m", "dm"], default: "m"),
            ],
            arguments: [ArgumentSpec(name: "input", help: "The OpenStreetMap or DIMACS file to build from.")],
            examples: [
                "backhaul graph build samples/malta/malta-latest.osm.pbf -o malta.bhg",
                "backhaul graph build samples/osm/stockholm.osm.pbf --profile car -o stockholm-car.bhg",
                "backhaul graph build samples/dimacs/NY-midtown.gr.gz --dimacs-unit dm -o ny.bhg",
            ],
            run: { args throws(CommandFailure) in
                guard let input = args.positionals.first, args.positionals.count == 1 else {
                    throw args.usage(args.positionals.isEmpty ? "missing expected argument '<input>'" : "expected one input file, got \(args.positionals.count)")
                }
                var options = GraphBuildJob.Options(inputPath: input, outputPath: try args.required("output"))
                options.loading = GraphLoader.Options(profile: args.string("profile") ?? "hgv", dimacsUnit: args.string("dimacs-unit") ?? "m")
                let summary = try GraphBuildJob.run(options)
                Console.writeStdout(summary.text())
                return .success
            }
        )
    }
}
