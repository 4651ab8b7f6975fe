import Pairing

extension MatchReport {
    /// Writes `report.md` into `out`, streamed: a summary a coordinator can
    /// paste into a report — how the distances were obtained, then the
    /// sections of ``humanSections(rowLimit:colouredPairs:)`` (totals, the
    /// pairs, per-company figures, unpaired shipments with reasons,
    /// rejected rows, warnings).
    ///
    /// Every piece of user text goes through ``MarkdownText``. Tables stop
    /// at ``ReportLimits/markdownRows`` rows, so the report stays readable
    /// at 100,000 pairs.
    public func writeMarkdown(to out: BufferedWriter) {
        out.write("# backhaul: pairing report\n\n")
        out.write(MarkdownText.render(modelSentence) + "\n")
        for section in humanSections(rowLimit: ReportLimits.markdownRows) {
            out.write("\n## \(section.title)\n")
            for block in section.blocks {
                out.write("\n")
                switch block {
                case .paragraph(let spans): out.write(MarkdownText.render(spans) + "\n")
                case .table(let table): Self.writeMarkdownTable(table, out)
                case .list(let items): for item in items { out.write("- " + MarkdownText.escape(item, lineStart: true) + "\n") }
                }
            }
        }
        if let a = graph.attribution { out.write("\n---\n" + MarkdownText.escape(a, lineStart: true) + "\n") }
        out.write("\nGenerated" + (stamp.map { " " + $0 } ?? "") + " by backhaul \(version).\n")
    }

    /// A GFM table; every cell escaped, strong rows in `**`.
    private static func writeMarkdownTable(_ table: ReportTable, _ out: BufferedWriter) {
        func row(_ cells: [String]) {
            out.write("|" + cells.map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|\n")
        }
        row(table.columns.map { MarkdownText.escape($0.title) })
        row(table.columns.map { $0.numeric ? "---:" : "---" })
        for (i, cells) in table.rows.enumerated() {
            let escaped = cells.map { MarkdownText.escape($0) }
            row(table.strongRows.contains(i) ? escaped.map { $0.isEmpty ? $0 : "**\($0)**" } : escaped)
        }
    }
}
