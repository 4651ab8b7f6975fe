import Backhaul

extension BackhaulCommand {
    /// `backhaul graph build INPUT -o GRAPH.bhg [--profile hgv|car]`.
    static var graphBuild: CommandSpec {
        CommandSpec(
            path: ["graph", "build"],
            abstract: "Build the road graph of a map file once and store it as a .bhg file.",
            discussion: """
                Reads INPUT (OpenStreetMap .osm.pbf, .osm, .osm.gz, or DIMACS .gr/.gr.gz with \
                its .co/.co.gz beside it), builds the road graph for the vehicle profile and \
                vehicle (--vehicle: roads too low, narrow, short or weak for it are left \
                out, and the .bhg records the vehicle; using it for another is refused), \
                finds its largest strongly connected component (the roads every snapped \
                point can be routed between), and writes everything to the output file with \
                a checksum. The file records INPUT's name, size and modification time: a \
                .bhg whose map file beside it has changed since is refused as stale.

                By default the file also stores the graph's contraction hierarchy, which \
                match (and any job routing many legs) would otherwise build at the start of \
                every run. It costs build time and space once: on DIMACS New York (264,346 \
                nodes) about 11 s of one core and 25 MB; every later run loads it in tens of \
                milliseconds instead of spending those seconds. --no-hierarchy skips it for a \
                smaller file and a quicker build, when the graph only serves single routes.

                Prints the build time, node and edge counts, the hierarchy's shortcuts and \
                bytes. The output is written atomically: nothing appears at its path unless \
                it is complete.
                """,
            options: [
                .value("output", short: "o", "graph.bhg", help: "(required) The binary graph file to write."),
                .value("profile", "profile", help: "Vehicle profile for OpenStreetMap input.", choices: ["hgv", "car"], default: "hgv"),
                .value("dimacs-unit", "unit", help: "Unit of DIMACS arc weights (the USA-road-d files are in decimetres).", choices: ["m", "dm"], default: "m"),
                .flag("no-hierarchy", help: "Do not store a contraction hierarchy (quicker build, smaller file; runs that route many legs then build one each time)."),
                .value("threads", "n", help: "Worker threads for the hierarchy's parallel part (default: every core)."),
                .flag("quiet", help: "No progress on standard error."),
            ] + VehicleOptions.specs,
            arguments: [ArgumentSpec(name: "input", help: "The OpenStreetMap or DIMACS file to build from.")],
            examples: [
                "backhaul graph build samples/malta/malta-latest.osm.pbf -o malta.bhg",
                "backhaul graph build samples/osm/stockholm.osm.pbf --profile car -o stockholm-car.bhg",
                "backhaul graph build samples/dimacs/NY-midtown.gr.gz --dimacs-unit dm -o ny.bhg",
                "backhaul graph build samples/malta/malta-latest.osm.pbf --vehicle artic-64t -o malta-64t.bhg",
                "backhaul graph build samples/malta/malta-latest.osm.pbf --no-hierarchy -o malta-small.bhg",
            ],
            run: { args throws(CommandFailure) in
                guard let input = args.positionals.first, args.positionals.count == 1 else {
                    throw args.usage(args.positionals.isEmpty ? "missing expected argument '<input>'" : "expected one input file, got \(args.positionals.count)")
                }
                var options = GraphBuildJob.Options(inputPath: input, outputPath: try args.required("output"))
                let profile = args.string("profile") ?? "hgv"
                options.loading = GraphLoader.Options(
                    profile: profile, dimacsUnit: args.string("dimacs-unit") ?? "m",
                    vehicle: try VehicleOptions.parse(args).dimensions(profile: profile))
                options.hierarchy = !args.flag("no-hierarchy")
                options.threads = try args.int("threads", in: 1...256)
                let summary = try GraphBuildJob.run(options, console: Console(quiet: args.flag("quiet")))
                Console.writeStdout(summary.text())
                return .success
            }
        )
    }
}
