/// One section of the human reports (`report.md`, `report.html`): a title
/// and its blocks as plain text. ``MarkdownText`` and ``HTMLText`` escape
/// and lay it out, so the two reports cannot disagree and a new section
/// (tours, allocation, baselines) is written once, in
/// ``MatchReport/humanSections(rowLimit:colouredPairs:)``.
struct ReportSection {
    enum Block {
        case paragraph([TextSpan])
        case table(ReportTable)
        /// A bulleted list of user text.
        case list([String])
    }

    var title: String
    var blocks: [Block]
}

/// A table of the human reports: cells as plain text (user text not yet
/// escaped).
struct ReportTable {
    struct Column {
        var title: String
        /// Right-aligned, tabular figures.
        var numeric: Bool
    }

    var columns: [Column]
    var rows: [[String]]
    /// Rows shown in bold (the summary's key figures).
    var strongRows: Set<Int> = []
    /// The first cell of each row is its header (`<th>` in HTML).
    var rowHeaders = false
    /// A colour swatch before the first cell of a row (HTML only: the
    /// pair's colour on the map).
    var swatches: [Int: String] = [:]

    init(_ columns: [(String, Bool)], rows: [[String]]) {
        self.columns = columns.map { Column(title: $0.0, numeric: $0.1) }
        self.rows = rows
    }
}
