public import Emissions

/// How `match` splits savings between companies, prices them, and records
/// the run: `--split`, `--cost-per-km`, `--cost-per-hour`, `--currency`,
/// `--companies`, `--ledger`, `--ledger-replace`, `--ledger-date`.
public struct AllocationOptions: Sendable, Hashable {
    public var split: SplitMethod = .shapley
    /// Rates for every company not in the companies file.
    public var costPerKm: Double?
    public var costPerHour: Double?
    /// The currency of the money figures (a label, e.g. `SEK`).
    public var currency: String?
    /// CSV with `company,cost_per_km,cost_per_hour`.
    public var companiesFile: String?
    /// The SQLite ledger to append the run to.
    public var ledgerPath: String?
    /// Supersede the current run(s) with the same inputs (see
    /// ``LedgerDatabase``).
    public var ledgerReplace = false
    /// The day the run is recorded for (`YYYY-MM-DD`); default today (local
    /// time).
    public var ledgerDate: String?

    public init() {}

    /// `true` when money is to be reported.
    public var hasMoney: Bool { costPerKm != nil || costPerHour != nil || companiesFile != nil }
}
