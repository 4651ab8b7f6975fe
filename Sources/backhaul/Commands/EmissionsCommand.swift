import Backhaul

extension BackhaulCommand {
    /// `backhaul emissions`: fuel and CO2e of one trip, or the factor tables.
    static var emissions: CommandSpec {
        CommandSpec(
            path: ["emissions"],
            abstract: "Fuel and CO2e of one trip, or (--list) the vehicle classes and fuels.",
            discussion: """
                Fuel use is interpolated linearly between the vehicle's empty and full \
                consumption by the load factor, load_kg / payload_kg clamped to [0, 1]; \
                without --load-kg the trip is an empty run (load factor 0), which is \
                what pairing saves. CO2e = litres × the fuel's factor, tank-to-wheel (TTW) \
                and well-to-wheel (WTW), on the EN 16258 basis (GLEC v3 / ISO 14083 diesel \
                factors are about 3 % higher). Output is rounded only when written: \
                3 decimals for km, litres, kg and the load factor.

                --list prints every vehicle class and fuel with its factors and the \
                source and year of each value; with --format json it prints them as a \
                factors file that --factors reads back.

                --factors FILE.json replaces or adds vehicles and fuels; see \
                docs/emissions.md for the format. Unknown vehicle or fuel: exit 2; a \
                refused factors file: exit 3 with file, line and key.
                """,
            options: [
                .value("distance-km", "km", help: "(required unless --list) Trip distance in kilometres (≥ 0)."),
                .value("load-kg", "kg", help: "Cargo weight in kilograms (≥ 0); omitted means an empty run."),
                .value("vehicle", "vehicle", help: "Vehicle class key.", default: "artic-40t"),
                .value("fuel", "fuel", help: "Fuel key.", default: "diesel-b7"),
                .value("format", "format", help: "Output format.", choices: ["text", "json"], default: "text"),
                .value("factors", "file", help: "A JSON factors file replacing or adding vehicles and fuels."),
                .flag("list", help: "List the vehicle classes and fuels with their factors and sources."),
            ],
            examples: [
                "backhaul emissions --distance-km 110 --load-kg 20000",
                "backhaul emissions --distance-km 220 --vehicle artic-64t --fuel hvo100 --format json",
                "backhaul emissions --list",
                "backhaul emissions --list --format json > factors.json",
                "backhaul emissions --distance-km 100 --factors factors.json",
            ],
            run: { args throws(CommandFailure) in
                let format = EmissionsJob.Format(rawValue: args.string("format") ?? "text") ?? .text
                let mode: EmissionsJob.Mode
                if args.flag("list") {
                    guard args.string("distance-km") == nil, args.string("load-kg") == nil else {
                        throw args.usage("--list takes no trip: leave out --distance-km and --load-kg")
                    }
                    mode = .list
                } else {
                    let distance = try args.double("distance-km", in: 0...Double.greatestFiniteMagnitude)
                    guard let distance else {
                        throw args.usage("missing expected option '--distance-km <km>' (or --list)")
                    }
                    mode = .trip(
                        distanceKm: distance,
                        loadKg: try args.double("load-kg", in: 0...Double.greatestFiniteMagnitude))
                }
                let job = EmissionsJob(
                    mode: mode, vehicle: args.string("vehicle"), fuel: args.string("fuel"), format: format,
                    factorsFile: args.string("factors"))
                return try job.run(console: Console(quiet: true))
            })
    }
}
