import Backhaul
import Ledger

extension BackhaulCommand {
    /// `backhaul ledger`: the parent of `report`, `runs`, `export`, `check`.
    static var ledger: CommandSpec {
        CommandSpec(
            path: ["ledger"],
            abstract: "Read the SQLite savings ledger that 'match --ledger' appends to.",
            discussion: """
                A ledger keeps every recorded match run — its parameters, input \
                fingerprints, tours with their shipments, the split of each tour's saving \
                between companies, and totals — so that a coordinator can report what \
                collaboration gained each company, month after month. Only current runs \
                count (a run replaced with --ledger-replace is kept but superseded). The \
                schema is in docs/ledger.md, for queries with the sqlite3 shell.
                """,
            subcommands: [ledgerReport, ledgerRuns, ledgerExport, ledgerCheck]
        )
    }

    static var ledgerReport: CommandSpec {
        CommandSpec(
            path: ["ledger", "report"],
            abstract: "Savings by company, month, partnership or run.",
            discussion: """
                Sums the recorded runs dated from --from to --to (both included). Per \
                company: stand-alone km (every shipment on its own truck), shared km \
                (after the split), saved km, fuel and CO2e saved (TTW and WTW) and, when \
                the runs had cost rates in one currency, money. Rows add up exactly to the \
                total row. --by pair lists each partnership (the companies sharing tours) \
                with what its tours saved.
                """,
            options: [
                .value("by", "grouping", help: "One row per company, month, pair (partnership) or run.", choices: LedgerQuery.Grouping.allCases.map(\.rawValue), default: "company"),
                .value("from", "date", help: "First run date included, YYYY-MM-DD."),
                .value("to", "date", help: "Last run date included, YYYY-MM-DD."),
                .value("company", "name", help: "Only this company's figures (its share of each tour)."),
                .value("format", "format", help: "Output format.", choices: LedgerReportJob.Format.allCases.map(\.rawValue), default: "md"),
            ],
            arguments: [ArgumentSpec(name: "db", help: "The ledger file.")],
            examples: [
                "backhaul ledger report savings.db --by company",
                "backhaul ledger report savings.db --by month --from 2026-01-01 --to 2026-12-31 --format csv",
                "backhaul ledger report savings.db --by run --company 'Freeport Logistics' --format html > freeport.html",
            ],
            run: { args throws(CommandFailure) in
                let path = try single(args, "db")
                var query = LedgerQuery(grouping: LedgerQuery.Grouping(rawValue: args.string("by") ?? "company") ?? .company)
                query.from = try date(args, "from")
                query.to = try date(args, "to")
                query.company = args.string("company")
                var o = LedgerReportJob.Options(path: path, query: query)
                o.format = LedgerReportJob.Format(rawValue: args.string("format") ?? "md") ?? .md
                Console.writeStdout(try LedgerReportJob.run(o))
                return .success
            }
        )
    }

    static var ledgerRuns: CommandSpec {
        CommandSpec(
            path: ["ledger", "runs"],
            abstract: "List the recorded runs.",
            discussion: "One line per run: id, date, when it was recorded, split, shipments, tours, saved km, CO2e, fingerprint and input files; superseded runs say by which run.",
            options: [.value("format", "format", help: "Output format.", choices: ["text", "json"], default: "text")],
            arguments: [ArgumentSpec(name: "db", help: "The ledger file.")],
            examples: ["backhaul ledger runs savings.db"],
            run: { args throws(CommandFailure) in
                Console.writeStdout(try LedgerRunsJob.run(path: try single(args, "db"), json: args.string("format") == "json"))
                return .success
            }
        )
    }

    static var ledgerExport: CommandSpec {
        CommandSpec(
            path: ["ledger", "export"],
            abstract: "Export recorded tours and avoided emissions in the iLEAP data model.",
            discussion: """
                Writes JSON with iLEAP's field names (SINE Foundation's logistics extension \
                of PACT, ISO 14083 basis): a ShipmentFootprint with one TCE per shipment of \
                every recorded tour (emissions as driven with pairing), a TOC per vehicle \
                and fuel, and backhaul's avoidedEmissions list beside them. The mapping and \
                what is not covered are in docs/ledger.md and in the output's notCovered.
                """,
            options: [
                .value("format", "format", help: "Export format.", choices: ["ileap"], default: "ileap"),
                .value("from", "date", help: "First run date included, YYYY-MM-DD."),
                .value("to", "date", help: "Last run date included, YYYY-MM-DD."),
                .value("company", "name", help: "Only this company's shipments."),
            ],
            arguments: [ArgumentSpec(name: "db", help: "The ledger file.")],
            examples: ["backhaul ledger export savings.db --format ileap --from 2026-11-01 --to 2026-11-30 > november.json"],
            run: { args throws(CommandFailure) in
                var o = LedgerExportJob.Options(path: try single(args, "db"))
                o.from = try date(args, "from")
                o.to = try date(args, "to")
                o.company = args.string("company")
                Console.writeStdout(try LedgerExportJob.run(o))
                return .success
            }
        )
    }

    static var ledgerCheck: CommandSpec {
        CommandSpec(
            path: ["ledger", "check"],
            abstract: "Run SQLite's full integrity check on a ledger.",
            discussion: "Opening a ledger checks it quickly (the whole file up to 256 MiB, the tables reports read beyond that); this checks every page and index. Exit 3 and the problems when it is damaged.",
            arguments: [ArgumentSpec(name: "db", help: "The ledger file.")],
            examples: ["backhaul ledger check savings.db"],
            run: { args throws(CommandFailure) in
                Console.writeStdout(try LedgerRunsJob.check(path: try single(args, "db")))
                return .success
            }
        )
    }

    /// The one positional argument `name`.
    static func single(_ args: ParsedArguments, _ name: String) throws(CommandFailure) -> String {
        guard let p = args.positionals.first, args.positionals.count == 1 else {
            throw args.usage(args.positionals.isEmpty ? "missing expected argument '<\(name)>'" : "expected one \(name), got \(args.positionals.count)")
        }
        return p
    }
}
