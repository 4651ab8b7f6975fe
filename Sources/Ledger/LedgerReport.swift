public import Emissions

/// The answer to a ``LedgerQuery``: rows with integer figures, and their
/// total, which is the exact sum of the rows.
public struct LedgerReport: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        /// What the row is: a company, a month, a partnership, or a run id.
        public var label: String
        /// For `--by run`: the run's date; otherwise `nil`.
        public var date: String?
        /// Current runs contributing to the row.
        public var runs: Int
        public var figures: AllocationFigures

        public init(label: String, date: String? = nil, runs: Int, figures: AllocationFigures) {
            self.label = label
            self.date = date
            self.runs = runs
            self.figures = figures
        }
    }

    public var query: LedgerQuery
    public var rows: [Row]
    /// The sum of the rows.
    public var total: AllocationFigures
    /// Current runs in the date range (and with the company, if filtered).
    public var runs: Int
    /// The distinct currencies of the runs' money figures (empty when none
    /// had cost rates). Money is only meaningful with exactly one.
    public var currencies: [String]
    /// Runs that had cost rates (money figures); the others count 0 money.
    public var runsWithMoney: Int = 0
    /// The distinct split methods of the runs.
    public var splitMethods: [String]
    /// The first and last run date included.
    public var firstDate: String?
    public var lastDate: String?

    public init(query: LedgerQuery, rows: [Row], total: AllocationFigures, runs: Int, currencies: [String],
                splitMethods: [String], firstDate: String?, lastDate: String?) {
        self.query = query
        self.rows = rows
        self.total = total
        self.runs = runs
        self.currencies = currencies
        self.splitMethods = splitMethods
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}
