/// What `backhaul ledger report` asks: how to group, and which runs and
/// company to include. Only current runs count (not superseded).
public struct LedgerQuery: Sendable, Hashable {
    /// The rows of a report.
    public enum Grouping: String, Sendable, Hashable, CaseIterable {
        /// One row per company: stand-alone, shared and saved.
        case company
        /// One row per calendar month of the run dates (`2026-11`).
        case month
        /// One row per partnership: the set of companies sharing tours
        /// (`Acme + Birch`), with what its tours saved.
        case pair
        /// One row per recorded run.
        case run
    }

    public var grouping: Grouping
    /// First run date included (`YYYY-MM-DD`), if any.
    public var from: String?
    /// Last run date included, if any.
    public var to: String?
    /// Only this company's figures (its share of each tour).
    public var company: String?

    public init(grouping: Grouping, from: String? = nil, to: String? = nil, company: String? = nil) {
        self.grouping = grouping
        self.from = from
        self.to = to
        self.company = company
    }
}
