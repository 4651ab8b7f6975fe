import Backhaul
import Pairing

extension BackhaulCommand {
    static var match: CommandSpec {
        CommandSpec(
            path: ["match"],
            abstract: "Pair shipments so trucks stop returning empty, and report the savings.",
            discussion: """
                The main job. Reads shipment batches (CSV or JSON; a folder means every \
                *.csv and *.json in it, sorted by name; - reads CSV from standard input), \
                places every origin and destination on the road graph, routes every \
                loaded leg and every empty leg between a destination and an origin, and \
                pairs shipments a (A→B) and b (C→D) so that one truck drives A→B→C→D→A \
                instead of two trucks each returning empty. The pairing maximises the \
                total empty kilometres saved (an exact maximum-weight matching) under \
                body-type, vehicle, time-window and repositioning constraints. With \
                --max-tour 3 or 4 it also chains three or four shipments into one \
                truck's tour when no return load exists, starting from that pairing, \
                and reports a proven lower bound on the total kilometres and the gap \
                to it; every tour carries its schedule under the EU driving-time rules.

                Every input row ends in exactly one place of the report: a pair, \
                unpaired (with the reason), an observed empty run (load_status=empty), \
                or rejected (with file, line and reason). Savings are converted to \
                litres and kg CO2e for the pair's vehicle and fuel (see 'backhaul \
                emissions --list').

                Without --graph the distances are an honest estimate — great-circle × \
                --circuity at 70 km/h — and every report says "distance_model": \
                "crowfly". The same input always gives byte-identical reports \
                (unless --tour-seconds stops tours of 3 or 4 on a large batch, \
                which a warning says).
                """,
            options: [
                .value("graph", "graph", help: "The road graph: a .bhg file or OpenStreetMap .osm.pbf/.osm/.osm.gz or DIMACS .gr/.gr.gz."),
                .value("format", "format", help: "Report written to standard output.", choices: MatchOptions.Format.allCases.map(\.rawValue), default: "json"),
                .value("out", "dir", help: "Write every report (result.json, pairs.csv, report.md, report.html, pairs.geojson) into this folder as one atomic set (through the link latest; the run before stays as previous) and print a one-line summary. Not with --format."),
                .value("csv-dialect", "dialect", help: "pairs.csv as rfc4180 (',' and '.') or excel-sv (';', decimal comma, UTF-8 BOM, km with one decimal: opens as columns in Swedish Excel).", choices: CSVDialect.all.map(\.name), default: "rfc4180"),
                .value("lock-timeout", "seconds", help: "With --out: how long to wait while another run writes the same folder, then exit 6.", default: "60"),
                .value("strategy", "strategy", help: "optimal: maximum total saving; greedy: best saving first (a baseline).", choices: ["optimal", "greedy"], default: "optimal"),
                .value("vehicle", "vehicle", help: "Vehicle class for emissions, unless a row names its own; given explicitly, also the truck whose height, width, length and mass decide which roads an OpenStreetMap graph allows (artic-64t: the Swedish 64 t, 25.25 m combination).", default: "artic-40t"),
                .value("fuel", "fuel", help: "Fuel for emissions, unless a row names its own.", default: "diesel-b7"),
                .value("factors", "file", help: "A JSON file replacing or adding vehicles and fuels (see 'backhaul emissions --help')."),
                .value("max-deadhead-km", "km", help: "Longest empty repositioning leg between the two loads of a pair."),
                .value("handling-min", "minutes", help: "Time per loading or unloading stop.", default: "45"),
                .flag("ignore-body-type", help: "Pair regardless of body types."),
                .flag("ignore-time-windows", help: "Pair regardless of pickup and delivery times."),
                .value("max-tour", "k", help: "Most shipments one truck chains into a tour: 2 pairs A→B with B→A (the exact pairing); 3 or 4 also closes triangles and squares A→B, B→C, C→A when no return load exists, under Regulation 561/2006 (45 min break after 4.5 h, 9 h daily driving, 11 h or reduced 9 h daily rest). 3 drove 4.6–8.5 % fewer total km than optimal pairs on Samgods trips (time windows ignored); see docs/tours.md.", choices: ["2", "3", "4"], default: "\(TourOptions.defaultMaxTour)"),
                .value("daily-driving-h", "h", help: "Daily driving limit of the tour schedules: 9, or 10 to allow the extension Regulation 561/2006 Art. 6(1) permits twice a week (used on at most two days of a tour).", choices: ["9", "10"], default: "9"),
                .value("max-tour-km", "km", help: "Longest tour, loaded and empty legs together (default: no limit)."),
                .value("max-tour-h", "hours", help: "Longest tour from the first loading to the return home, waits, breaks and rests included (default: no limit; 24 keeps every tour within a day)."),
                .value("tour-seconds", "s", help: "With --max-tour 3 or 4: stop improving the tours after this many seconds (after the pairing) and report the plan found with its proven lower bound and gap, and a warning saying where the budget stopped; none for no limit. Binds only on large batches (5,000 shipments take about 2 minutes); the bound stays valid, but a run the budget stops depends on the machine's speed and load.", default: "300"),
                .value("candidates", "k", help: "Partners each shipment starts with before the pricing adds what the optimality certificate needs; changes the work, never the result.", default: "\(SpatialPairingProblem.defaultCandidates)"),
                .value("pricing-seconds", "s", help: "Stop proving optimality after this many seconds of pairing and report the proven gap instead; the first solve and a pricing pass under way still finish (default: no limit)."),
                .value("max-memory-gb", "gb", help: "Refuse (exit 7) a batch estimated to need more memory than this, besides the machine's own limit."),
                .flag("strict", help: "Exit 1 when any row was rejected (the reports are still written)."),
                .value("threads", "n", help: "Worker threads for routing (default: every core)."),
                .value("router", "router", help: "ch: the contraction hierarchy stored in the .bhg (graph build stores one), or one built for the run; dijkstra: one search per group of legs; auto: the stored hierarchy if any, else ch for large batches on large graphs.", choices: MatchOptions.Router.allCases.map(\.rawValue), default: "auto"),
                .value("max-snap-m", "metres", help: "Shipment ends farther than this from the roads are unreachable.", default: "1000"),
                .value("profile", "profile", help: "Vehicle profile when --graph is a raw OpenStreetMap file.", choices: ["hgv", "car"], default: "hgv"),
                .value("dimacs-unit", "unit", help: "Unit of DIMACS arc weights (USA-road-d files are dm).", choices: ["m", "dm"], default: "m"),
                .value("circuity", "factor", help: "Road/great-circle ratio without --graph.", default: "1.3"),
                .flag("stamp", help: "Put the date and time of the run into the reports."),
                .flag("sensitivity", help: "Also rerun the pairing with crow-fly circuity 1.2/1.3/1.4, handling ±15 min, time windows 30 min wider and narrower, and the other strategy, and report the range of the saved km and CO2e (docs/baselines.md)."),
                .value("replace-radius-km", "km", help: "An observed empty run counts as one the pairing could replace when it starts and ends within this distance of a paired shipment's destination and origin.", default: "25"),
                .value("replace-wait-h", "hours", help: "An observed empty run counts as one the pairing could replace only when it leaves at most this long after the paired shipment's truck is empty at its destination.", default: "12"),
            ] + BackhaulCommand.allocationOptions + [
                .flag("quiet", help: "No progress on standard error (warnings and errors only)."),
            ],
            arguments: [ArgumentSpec(name: "batch", help: "Batch files or folders; - for CSV on standard input.", variadic: true)],
            examples: [
                "backhaul match --graph samples/malta/malta-latest.osm.pbf samples/shipments/demo-malta.csv",
                "backhaul match samples/shipments/demo-smaland.csv --format md",
                "backhaul match samples/shipments/smaland-samgods.csv --max-tour 3 --ignore-time-windows --format md",
                "backhaul match --graph malta.bhg samples/shipments/demo-malta.csv --out reports-$(date +%F) --quiet --strict",
                "backhaul match --graph malta.bhg samples/shipments/demo-malta.csv --out reports-ledger --quiet --ledger savings.db --ledger-date 2026-11-26 --cost-per-km 1.9 --currency EUR",
            ],
            run: { args throws(CommandFailure) in
                var o = MatchOptions(graphPath: args.string("graph"), batches: args.positionals)
                o.format = MatchOptions.Format(rawValue: args.string("format") ?? "json") ?? .json
                o.outDirectory = args.string("out")
                if o.outDirectory != nil, args.string("format") != nil {
                    throw .usage("--format chooses the one report written to standard output; --out writes all five formats. Give one of them.")
                }
                o.csvDialect = CSVDialect(named: args.string("csv-dialect") ?? "rfc4180") ?? .rfc4180
                o.lockTimeoutSeconds = try args.double("lock-timeout", in: 0...86_400) ?? 60
                o.strategy = MatchOptions.Strategy(rawValue: args.string("strategy") ?? "optimal") ?? .optimal
                o.vehicle = args.string("vehicle") ?? o.vehicle
                o.vehicleGiven = args.string("vehicle") != nil
                o.fuel = args.string("fuel") ?? o.fuel
                o.factorsFile = args.string("factors")
                o.maxDeadheadKm = try args.double("max-deadhead-km", in: 0...100_000)
                o.handlingMinutes = try args.double("handling-min", in: 0...1440) ?? 45
                o.ignoreBodyType = args.flag("ignore-body-type")
                o.ignoreTimeWindows = args.flag("ignore-time-windows")
                o.maxTour = try args.int("max-tour", in: 2...4) ?? TourOptions.defaultMaxTour
                o.dailyDrivingHours = try args.int("daily-driving-h", in: 9...10) ?? 9
                o.maxTourKm = try args.double("max-tour-km", in: 0...1_000_000)
                o.maxTourHours = try args.double("max-tour-h", in: 0...10_000)
                o.tourSeconds = args.string("tour-seconds") == "none"
                    ? nil : try args.double("tour-seconds", in: 0...1_000_000) ?? MatchOptions.defaultTourSeconds
                o.candidatesPerShipment = try args.int("candidates", in: 1...10_000)
                o.pricingSeconds = try args.double("pricing-seconds", in: 0...1_000_000)
                o.maxMemoryBytes = try args.double("max-memory-gb", in: 0.001...1_000_000).map { Int($0 * 1e9) }
                o.strict = args.flag("strict")
                o.threads = try args.int("threads", in: 1...256)
                o.router = MatchOptions.Router(rawValue: args.string("router") ?? "auto") ?? .auto
                o.maxSnapMetres = try args.double("max-snap-m", in: 0...1_000_000) ?? 1000
                o.profile = args.string("profile") ?? "hgv"
                o.dimacsUnit = args.string("dimacs-unit") ?? "m"
                o.circuity = try args.double("circuity", in: 1...10) ?? 1.3
                o.stamp = args.flag("stamp")
                o.sensitivity = args.flag("sensitivity")
                o.replacementRule.radiusMetres = 1000 * (try args.double("replace-radius-km", in: 0.01...20_000) ?? 25)
                o.replacementRule.waitSeconds = Int(3600 * (try args.double("replace-wait-h", in: 0...8_760) ?? 12))
                o.quiet = args.flag("quiet")
                o.allocation = try BackhaulCommand.allocationOptions(args)
                return try MatchJob.execute(o, console: Console(quiet: o.quiet))
            }
        )
    }
}
