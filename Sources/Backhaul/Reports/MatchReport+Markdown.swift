import Pairing

extension MatchReport {
    /// Writes `report.md` into `out`, streamed: a summary a coordinator can
    /// paste into a report — totals, the pairs, per-company figures,
    /// unpaired shipments with reasons, and how the distances were
    /// obtained.
    ///
    /// Every piece of user text (ids, companies, files, reasons, warnings,
    /// names of vehicles and fuels) goes through ``MarkdownText``. Tables
    /// stop at ``ReportLimits/markdownRows`` rows (the largest savings
    /// first, then a line saying how many more are in `result.json` and
    /// `pairs.csv`), so the report stays readable at 100,000 pairs.
    ///
    /// Each section is one function; a new section (tours, allocation,
    /// baselines) is one more function called here.
    ///
    /// - Complexity: O(n log n) for more pairs than the limit (sorting by
    ///   saving), else O(n).
    public func writeMarkdown(to out: BufferedWriter) {
        out.write("# backhaul: pairing report\n\n")
        out.write(MarkdownText.render(modelSentence) + "\n\n")
        markdownSummary(out)
        markdownPairs(out)
        markdownCompanies(out)
        markdownUnpaired(out)
        markdownRejected(out)
        markdownWarnings(out)
        markdownFooter(out)
    }

    /// A table row of already escaped cells.
    private static func row(_ cells: [String], _ out: BufferedWriter) {
        out.write("| " + cells.joined(separator: " | ") + " |\n")
    }

    private func markdownSummary(_ out: BufferedWriter) {
        out.write("## Summary\n\n| | |\n| --- | ---: |\n")
        for r in summaryRows {
            Self.row(r.strong ? ["**\(r.label)**", "**\(r.value)**"] : [r.label, r.value], out)
        }
        out.write("\n" + MarkdownText.render(parametersSentence) + "\n")
    }

    private func markdownPairs(_ out: BufferedWriter) {
        out.write("\n## Pairs\n\n")
        guard !pairs.isEmpty else { out.write("No pairs.\n"); return }
        let (listed, isTop) = listedPairs(limit: ReportLimits.markdownRows)
        if isTop {
            out.write("The \(grouped(listed.count)) largest savings of \(grouped(pairs.count)) pairs, largest first; "
                + "every pair is in `result.json`, `pairs.csv` and `pairs.geojson`.\n\n")
        }
        out.write("| First | Then | Companies | Saved km | Reposition km | Empty km before → after | CO2e saved kg (WTW) |\n")
        out.write("| --- | --- | --- | ---: | ---: | ---: | ---: |\n")
        for i in listed {
            let p = pairs[i]
            let second = p.first == p.a ? p.b : p.a
            let companies = [p.companyA, p.companyB].compactMap { $0 }.map { MarkdownText.escape($0) }.joined(separator: " / ")
            Self.row([
                MarkdownText.escape(p.first), MarkdownText.escape(second), companies, kmText(p.savingM), kmText(p.repositionM),
                "\(kmText(p.emptyBeforeM)) → \(kmText(p.emptyAfterM))", grouped(p.co2eSavedKgWTW, decimals: 1),
            ], out)
        }
    }

    private func markdownCompanies(_ out: BufferedWriter) {
        guard !companies.isEmpty else { return }
        out.write("\n## By company\n\nA pair between two companies counts in full for both (no allocation between companies yet); "
            + "the run total counts it once.\n\n")
        let (listed, isTop) = listedCompanies(limit: ReportLimits.markdownRows)
        if isTop {
            out.write("The \(grouped(listed.count)) companies with the most saved km, of \(grouped(companies.count)); "
                + "all of them are in `result.json`.\n\n")
        }
        out.write("| Company | Shipments | Paired | Pairs (shared) | Saved km | CO2e saved kg (WTW) |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: |\n")
        for i in listed {
            let c = companies[i]
            Self.row([
                MarkdownText.escape(c.company), grouped(c.shipments), grouped(c.paired),
                "\(grouped(c.pairs)) (\(grouped(c.sharedPairs)))", kmText(c.savedM), grouped(c.co2eSavedKgWTW, decimals: 1),
            ], out)
        }
    }

    private func markdownUnpaired(_ out: BufferedWriter) {
        guard !unpaired.isEmpty else { return }
        out.write("\n## Unpaired\n\n")
        let limit = ReportLimits.markdownRows
        if unpaired.count > limit {
            out.write("| Reason | Shipments |\n| --- | ---: |\n")
            for (reason, count) in unpairedReasonCounts { Self.row([MarkdownText.escape(Self.reasonText(reason)), grouped(count)], out) }
            out.write("\nThe first \(grouped(limit)) of \(grouped(unpaired.count)) unpaired shipments; "
                + "all of them are in `result.json` and `pairs.csv`.\n\n")
        }
        out.write("| Shipment | Reason |\n| --- | --- |\n")
        for u in unpaired.prefix(limit) {
            Self.row([MarkdownText.escape(u.id), MarkdownText.escape(Self.reasonText(u.reason))], out)
        }
    }

    private func markdownRejected(_ out: BufferedWriter) {
        guard !rejected.isEmpty else { return }
        out.write("\n## Rejected rows\n\n")
        let limit = ReportLimits.markdownRows
        if rejected.count > limit {
            out.write("The first \(grouped(limit)) of \(grouped(rejected.count)) rejected rows; "
                + "all of them are in `result.json` and `pairs.csv`.\n\n")
        }
        out.write("| File | Line | Id | Reason |\n| --- | ---: | --- | --- |\n")
        for r in rejected.prefix(limit) {
            Self.row([MarkdownText.escape(r.file), String(r.line), MarkdownText.escape(r.id ?? ""), MarkdownText.escape(r.reason)], out)
        }
    }

    private func markdownWarnings(_ out: BufferedWriter) {
        guard !warnings.isEmpty else { return }
        out.write("\n## Warnings\n\n")
        for w in warnings.prefix(ReportLimits.warnings) { out.write("- " + MarkdownText.escape(w, lineStart: true) + "\n") }
        if warnings.count > ReportLimits.warnings {
            out.write("- … and \(grouped(warnings.count - ReportLimits.warnings)) more, in `result.json`\n")
        }
    }

    private func markdownFooter(_ out: BufferedWriter) {
        if let a = graph.attribution { out.write("\n---\n" + MarkdownText.escape(a, lineStart: true) + "\n") }
        out.write("\nGenerated" + (stamp.map { " " + $0 } ?? "") + " by backhaul \(version).\n")
    }
}
