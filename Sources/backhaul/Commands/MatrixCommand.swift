import Backhaul
import Routing

extension BackhaulCommand {
    static var matrix: CommandSpec {
        CommandSpec(
            path: ["matrix"],
            abstract: "Compute distances and durations between every pair of points.",
            discussion: """
                Reads a points file (CSV with a header id,lat,lon or id,node) and prints \
                one row per ordered pair, from-major in file order, including from = to: \
                from,to,distance_m,duration_s. Unreachable pairs have empty distance and \
                duration. --format json gives the points and square distances_m and \
                durations_s arrays (null = unreachable).

                With --graph the distances are shortest road distances (one Dijkstra \
                search per point, in parallel). Without it they are an honest estimate: \
                great-circle distance × --circuity at --crowfly-kmh, and the JSON says \
                "distance_model": "crowfly".
                """,
            options: [
                .value("graph", "graph", help: "The road graph file (.bhg, .osm.pbf, .osm, .osm.gz, DIMACS .gr/.gr.gz)."),
                .value("format", "format", help: "Output format.", choices: MatrixOptions.Format.allCases.map(\.rawValue), default: "csv"),
                .value("output", short: "o", "file", help: "Write to this file (atomically) instead of standard output."),
                .value("threads", "n", help: "Worker threads (default: every core)."),
                .value("max-snap-m", "metres", help: "Points farther than this from the roads are unreachable.", default: "1000"),
                .value("dimacs-unit", "unit", help: "Unit of DIMACS arc weights (USA-road-d files are dm).", choices: ["m", "dm"], default: "m"),
                .value("profile", "profile", help: "Vehicle profile when --graph is a raw OpenStreetMap file.", choices: ["hgv", "car"], default: "hgv"),
                .value("circuity", "factor", help: "Road/great-circle ratio without --graph.", default: "1.3"),
                .value("crowfly-kmh", "speed", help: "Travel speed without --graph.", default: "70"),
                .flag("quiet", help: "No progress on standard error."),
            ] + VehicleOptions.specs,
            arguments: [ArgumentSpec(name: "points", help: "The points file: CSV with id,lat,lon or id,node.")],
            examples: [
                "backhaul matrix --graph samples/dimacs/NY-midtown.gr.gz --dimacs-unit dm samples/dimacs/points.csv",
                "backhaul matrix samples/dimacs/points-latlon.csv --format json -o matrix.json",
            ],
            run: { args throws(CommandFailure) in
                var options = MatrixOptions(graphPath: args.string("graph"), pointsPath: args.positionals[0])
                options.format = MatrixOptions.Format(rawValue: args.string("format") ?? "csv") ?? .csv
                options.outputPath = args.string("output")
                options.threads = try args.int("threads", in: 1...256)
                options.maxSnapMetres = try args.double("max-snap-m", in: 0...Double.greatestFiniteMagnitude) ?? 1000
                options.dimacsUnit = DIMACS.Unit(rawValue: args.string("dimacs-unit") ?? "m") ?? .metres
                options.profile = args.string("profile") ?? "hgv"
                options.vehicle = try VehicleOptions.parse(args)
                options.circuity = try args.double("circuity", in: 1...10) ?? 1.3
                options.crowflySpeedKmh = try args.double("crowfly-kmh", in: 1...200) ?? 70
                options.quiet = args.flag("quiet")
                return try MatrixJob.run(options, console: Console(quiet: options.quiet))
            }
        )
    }
}
