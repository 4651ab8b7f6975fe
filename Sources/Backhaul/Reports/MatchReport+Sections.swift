import Pairing

extension MatchReport {
    /// The sections of `report.md` and `report.html`, in order, each table
    /// cut at `rowLimit` rows (the largest savings first) with a sentence
    /// saying what was left out and where it is.
    ///
    /// A new section (tours, allocation, baselines) is one more function
    /// listed here; both human reports then show it.
    ///
    /// - Parameter colouredPairs: pairs the HTML map draws in colour, whose
    ///   rows get a swatch.
    /// - Complexity: O(n log n) above the limit (sorting by saving), else
    ///   O(n); the sections hold at most `rowLimit` rows per table.
    func humanSections(rowLimit: Int, colouredPairs: Set<Int> = []) -> [ReportSection] {
        let sections: [ReportSection?] = [
            summarySection(),
            baselinesSection(),
            sensitivitySection(),
            pairsSection(rowLimit: rowLimit, coloured: colouredPairs),
            toursSection(rowLimit: rowLimit, coloured: colouredPairs),
            companiesSection(rowLimit: rowLimit),
            unpairedSection(rowLimit: rowLimit),
            rejectedSection(rowLimit: rowLimit),
            warningsSection(),
        ]
        return sections.compactMap { $0 }
    }

    /// "The N … of M …; all of them are in …" under a cut table.
    func cutNote(_ text: String, files: [String]) -> ReportSection.Block {
        var spans: [TextSpan] = [.text(text + "; all of them are in ")]
        for (i, f) in files.enumerated() {
            if i > 0 { spans.append(.text(i == files.count - 1 ? " and " : ", ")) }
            spans.append(.code(f))
        }
        return .paragraph(spans + [.text(".")])
    }

    private func summarySection() -> ReportSection {
        var table = ReportTable([("", false), ("", true)], rows: summaryRows.map { [$0.label, $0.value] })
        table.strongRows = Set(summaryRows.indices.filter { summaryRows[$0].strong })
        table.rowHeaders = true
        return ReportSection(
            title: "Summary", blocks: [.table(table), .paragraph(parametersSentence), .paragraph([.text(certificateSentence)])])
    }

    private func pairsSection(rowLimit: Int, coloured: Set<Int>) -> ReportSection {
        guard !pairs.isEmpty else { return ReportSection(title: "Pairs", blocks: [.paragraph([.text("No pairs.")])]) }
        let (listed, isTop) = listedPairs(limit: rowLimit)
        var blocks: [ReportSection.Block] = []
        if isTop {
            blocks.append(cutNote("The \(grouped(listed.count)) largest savings of \(grouped(pairs.count)) pairs, largest first "
                + "(# is the pair's number)", files: ["result.json", "pairs.csv", "pairs.geojson"]))
        }
        var table = ReportTable(
            [("#", true), ("First", false), ("Then", false), ("Companies", false), ("Saved km", true), ("Reposition km", true),
             ("Empty km before → after", true), ("CO2e saved kg (WTW)", true)],
            rows: listed.map { i in
                let p = pairs[i]
                return [
                    String(i + 1), p.first, p.first == p.a ? p.b : p.a, [p.companyA, p.companyB].compactMap { $0 }.joined(separator: " / "),
                    kmText(p.savingM), kmText(p.repositionM), "\(kmText(p.emptyBeforeM)) → \(kmText(p.emptyAfterM))",
                    grouped(p.co2eSavedKgWTW, decimals: 1),
                ]
            })
        for (row, i) in listed.enumerated() where coloured.contains(i) { table.swatches[row] = Self.pairColour(i) }
        return ReportSection(title: "Pairs", blocks: blocks + [.table(table)])
    }

    /// Per company: the allocated figures with a total row when the run
    /// split the savings (Ledger/MatchReport+Allocation.swift), else each
    /// company's pairs counted in full.
    private func companiesSection(rowLimit: Int) -> ReportSection? {
        guard !companies.isEmpty else { return nil }
        let (listed, isTop) = listedCompanies(limit: rowLimit)
        var blocks: [ReportSection.Block] = [.paragraph(hasAllocatedCompanies ? allocationSpans : [.text(
            "A pair between two companies counts in full for both (no allocation between companies yet); the run total counts it once.")])]
        if isTop {
            blocks.append(cutNote("The \(grouped(listed.count)) companies with the most saved km, of \(grouped(companies.count))",
                                  files: ["result.json"]))
        }
        if hasAllocatedCompanies {
            var table = ReportTable([("Company", false)] + allocationColumnTitles.map { ($0, true) },
                                    rows: listed.map { [companies[$0].company] + allocationCells(companies[$0]).map(groupedNumber) })
            table.rows.append(["Total"] + allocationCells(nil).map(groupedNumber))
            table.strongRows = [table.rows.count - 1]
            blocks.append(.table(table))
        } else {
            blocks.append(.table(ReportTable(
                [("Company", false), ("Shipments", true), ("Paired", true), ("Pairs (shared)", true), ("Saved km", true),
                 ("CO2e saved kg (WTW)", true)],
                rows: listed.map { i in
                    let c = companies[i]
                    return [c.company, grouped(c.shipments), grouped(c.paired), "\(grouped(c.pairs)) (\(grouped(c.sharedPairs)))",
                            kmText(c.savedM), grouped(c.co2eSavedKgWTW, decimals: 1)]
                })))
        }
        return ReportSection(title: "By company", blocks: blocks)
    }

    private func unpairedSection(rowLimit: Int) -> ReportSection? {
        guard !unpaired.isEmpty else { return nil }
        var blocks: [ReportSection.Block] = []
        if unpaired.count > rowLimit {
            blocks.append(.table(ReportTable([("Reason", false), ("Shipments", true)],
                                             rows: unpairedReasonCounts.map { [Self.reasonText($0.reason), grouped($0.count)] })))
            blocks.append(cutNote("The first \(grouped(rowLimit)) of \(grouped(unpaired.count)) unpaired shipments",
                                  files: ["result.json", "pairs.csv"]))
        }
        blocks.append(.table(ReportTable([("Shipment", false), ("Reason", false)],
                                         rows: unpaired.prefix(rowLimit).map { [$0.id, Self.reasonText($0.reason)] })))
        return ReportSection(title: "Unpaired", blocks: blocks)
    }

    private func rejectedSection(rowLimit: Int) -> ReportSection? {
        guard !rejected.isEmpty else { return nil }
        var blocks: [ReportSection.Block] = []
        if rejected.count > rowLimit {
            blocks.append(cutNote("The first \(grouped(rowLimit)) of \(grouped(rejected.count)) rejected rows",
                                  files: ["result.json", "pairs.csv"]))
        }
        blocks.append(.table(ReportTable([("File", false), ("Line", true), ("Id", false), ("Reason", false)],
                                         rows: rejected.prefix(rowLimit).map { [$0.file, String($0.line), $0.id ?? "", $0.reason] })))
        return ReportSection(title: "Rejected rows", blocks: blocks)
    }

    private func warningsSection() -> ReportSection? {
        guard !warnings.isEmpty else { return nil }
        var blocks: [ReportSection.Block] = [.list(Array(warnings.prefix(ReportLimits.warnings)))]
        if warnings.count > ReportLimits.warnings {
            blocks.append(cutNote("The first \(grouped(ReportLimits.warnings)) of \(grouped(warnings.count)) warnings",
                                  files: ["result.json"]))
        }
        return ReportSection(title: "Warnings", blocks: blocks)
    }
}
