import Emissions
import Pairing

extension MatchReport {
    /// Writes `report.html` into `out`, streamed: one self-contained page
    /// — how the distances were obtained, the key figures, then the
    /// sections of ``humanSections(rowLimit:colouredPairs:)`` with the map
    /// (``writeHTMLMap(to:coloured:)``) after the summary. No scripts,
    /// fonts, tiles, links or other external files.
    ///
    /// Every piece of user text goes through ``HTMLText/escape(_:)``.
    /// Tables stop at ``ReportLimits/htmlRows`` rows (the largest savings
    /// first) and the map aggregates above
    /// ``ReportLimits/mapDetailedPairs`` pairs, so the page stays readable
    /// and bounded in size at 100,000 pairs (docs/reports.md gives the
    /// sizes).
    public func writeHTML(to out: BufferedWriter) {
        out.write(Self.htmlHead)
        out.write("<p class=\"\(graph.distanceModel == "crowfly" ? "warn" : "note")\">\(HTMLText.render(modelSentence))</p>\n")
        htmlKeyFigures(out)
        let coloured = mapColouredPairs
        for (k, section) in humanSections(rowLimit: ReportLimits.htmlRows, colouredPairs: Set(coloured)).enumerated() {
            out.write("<h2>\(HTMLText.escape(section.title))</h2>\n")
            for block in section.blocks {
                switch block {
                case .paragraph(let spans): out.write("<p class=\"note\">\(HTMLText.render(spans))</p>\n")
                case .table(let table): Self.writeHTMLTable(table, out)
                case .list(let items):
                    out.write("<ul>\n")
                    for item in items { out.write("<li>\(HTMLText.escape(item))</li>\n") }
                    out.write("</ul>\n")
                }
            }
            if k == 0 {
                out.write("<h2>Map</h2>\n")
                writeHTMLMap(to: out, coloured: coloured)
            }
        }
        out.write("<p class=\"note\">")
        if let a = graph.attribution { out.write(HTMLText.escape(a) + "<br>") }
        out.write("Generated\(stamp.map { " " + HTMLText.escape($0) } ?? "") by backhaul \(HTMLText.escape(version)).</p>\n</body>\n</html>\n")
    }

    /// A table; every cell escaped, numeric columns right-aligned.
    private static func writeHTMLTable(_ table: ReportTable, _ out: BufferedWriter) {
        out.write("<table>\n")
        if table.columns.contains(where: { !$0.title.isEmpty }) {
            out.write("<tr>")
            for c in table.columns { out.write(c.numeric ? "<th class=\"n\">" : "<th>"); out.write(HTMLText.escape(c.title) + "</th>") }
            out.write("</tr>\n")
        }
        for (i, cells) in table.rows.enumerated() {
            out.write("<tr>")
            for (j, cell) in cells.enumerated() {
                var text = HTMLText.escape(cell)
                if table.strongRows.contains(i) && !(j == 0 && table.rowHeaders) { text = "<strong>\(text)</strong>" }
                if j == 0, let colour = table.swatches[i] { text = "<span style=\"color:\(colour)\">■</span> " + text }
                let tag = j == 0 && table.rowHeaders ? "th" : "td"
                out.write(table.columns[j].numeric ? "<\(tag) class=\"n\">\(text)</\(tag)>" : "<\(tag)>\(text)</\(tag)>")
            }
            out.write("</tr>\n")
        }
        out.write("</table>\n")
    }

    static let htmlHead = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>backhaul: pairing report</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2430}
        h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d6dbe3;padding-bottom:.2rem}
        table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}
        th,td{border:1px solid #d6dbe3;padding:.25rem .6rem;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        th{background:#f1f4f8}.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{background:#f1f4f8;border-radius:6px;padding:.6rem 1rem}
        .kpi b{display:block;font-size:1.4rem}.note{color:#5b6472;font-size:.9rem}
        svg.map{background:#fbfcfd;border:1px solid #d6dbe3;max-width:100%;height:auto}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;font-size:.9rem;color:#333}
        .legend svg{vertical-align:middle;margin-right:.35rem}
        .warn{background:#fff6e0;padding:.5rem 1rem;border-left:4px solid #e0a800}
        </style>
        </head>
        <body>
        <h1>backhaul: pairing report</h1>

        """

    private func htmlKeyFigures(_ out: BufferedWriter) {
        out.write("<div class=\"kpi\">")
        // The quoted baseline's figures (observed empty running when the
        // batch has it, else every return empty), named.
        let quoted = baselines.quoted
        func saving(_ value: (Saving) -> Double) -> String { quoted.saving.map { grouped(value($0), decimals: 1) } ?? "—" }
        out.write("<div><b>\(kmText(quoted.figures.savedMetres)) km</b>empty km saved against the \(HTMLText.escape(quotedBaselineLabel))</div>")
        out.write("<div><b>\(saving { $0.co2eKgWTW }) kg</b>CO2e saved (well-to-wheel)</div>")
        out.write("<div><b>\(saving { $0.litres }) l</b>fuel saved</div>")
        if let plan = tourPlan, plan.maxTour > 2 {
            out.write("<div><b>\(grouped(tours.count))</b>tours (\(grouped(summary.pairs)) pairs) of \(grouped(summary.valid)) shipments</div>")
        } else {
            out.write("<div><b>\(grouped(summary.pairs))</b>pairs of \(grouped(summary.valid)) shipments</div>")
        }
        out.write("</div>\n")
    }

    /// A distinct colour per pair (golden-angle hues).
    static func pairColour(_ i: Int) -> String {
        let hue = (i * 137) % 360
        return "hsl(\(hue),70%,40%)"
    }
}
