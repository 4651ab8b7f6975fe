/// How many rows the human reports list before they summarise: the
/// Markdown and HTML reports stay readable and bounded at 100,000 pairs;
/// every row is always in `result.json`, `pairs.csv` and `pairs.geojson`.
enum ReportLimits {
    /// Rows of each table in `report.md`.
    static let markdownRows = 1_000
    /// Rows of each table in `report.html`.
    static let htmlRows = 100
    /// Warnings listed in either report.
    static let warnings = 100
    /// Pairs up to which the HTML map draws every pair's cycle; above,
    /// flows are aggregated on a grid.
    static let mapDetailedPairs = 60
    /// Grid flows drawn at most (the heaviest).
    static let mapFlows = 2_000
    /// Share of load ends the aggregated map may leave outside its frame at
    /// each side, so that a few far-away ends do not shrink the rest.
    static let mapTrim = 0.005
    /// Pairs drawn in colour over the aggregated map (the largest savings).
    static let mapHighlighted = 10
}
