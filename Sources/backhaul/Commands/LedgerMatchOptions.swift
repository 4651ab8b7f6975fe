import Backhaul
import Emissions

extension BackhaulCommand {
    /// The `match` options for splitting savings, money and the ledger
    /// (issue 13), kept here so that MatchCommand.swift only lists them.
    static var allocationOptions: [OptionSpec] {
        [
            .value("split", "method", help: "How each pair's saving is split between its companies: shapley (the Shapley value; an equal split for two companies), equal-profit (Frisk et al. 2010: equal relative savings within the core), proportional (to stand-alone empty km). See docs/allocation.md.", choices: SplitMethod.allCases.map(\.rawValue), default: "shapley"),
            .value("cost-per-km", "amount", help: "What a truck costs per km, for the money columns (every company not in --companies)."),
            .value("cost-per-hour", "amount", help: "What a truck costs per hour of driving, for the money columns."),
            .value("currency", "code", help: "The currency of the cost rates, shown with the money figures (e.g. SEK)."),
            .value("companies", "file", help: "CSV company,cost_per_km,cost_per_hour: each company's own rates (every company named must be in the run)."),
            .value("ledger", "db", help: "Append the run to this SQLite savings ledger (created when missing); the same inputs and options are recorded once. See 'backhaul ledger --help'."),
            .flag("ledger-replace", help: "Record the run even if recorded before, superseding runs with the same fingerprint, or the same date and input file names."),
            .value("ledger-date", "date", help: "The day the run is recorded for, YYYY-MM-DD (default: today)."),
        ]
    }

    /// Reads the options of ``allocationOptions``.
    static func allocationOptions(_ args: ParsedArguments) throws(CommandFailure) -> AllocationOptions {
        var a = AllocationOptions()
        a.split = SplitMethod(rawValue: args.string("split") ?? "shapley") ?? .shapley
        a.costPerKm = try args.double("cost-per-km", in: 0...1_000_000)
        a.costPerHour = try args.double("cost-per-hour", in: 0...1_000_000)
        a.currency = args.string("currency")
        a.companiesFile = args.string("companies")
        a.ledgerPath = args.string("ledger")
        a.ledgerReplace = args.flag("ledger-replace")
        if a.ledgerReplace && a.ledgerPath == nil { throw args.usage("--ledger-replace needs --ledger <db>") }
        a.ledgerDate = try date(args, "ledger-date")
        if a.ledgerDate != nil && a.ledgerPath == nil { throw args.usage("--ledger-date needs --ledger <db>") }
        return a
    }

    /// `--name` as a `YYYY-MM-DD` date.
    static func date(_ args: ParsedArguments, _ name: String) throws(CommandFailure) -> String? {
        guard let text = args.string(name) else { return nil }
        let b = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }) else { return nil }
            return r.reduce(0) { $0 * 10 + Int(b[$1] - 48) }
        }
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), digits(0..<4) != nil,
              let m = digits(5..<7), let d = digits(8..<10), (1...12).contains(m), (1...31).contains(d)
        else {
            throw args.usage("invalid value '\(text)' for '--\(name) <date>': expected a date YYYY-MM-DD, e.g. 2026-11-25")
        }
        return text
    }
}
