import Pairing

extension MatchReport {
    /// Writes `report.html` into `out`, streamed: one self-contained page
    /// — the summary, a map (``writeHTMLMap(to:coloured:)``), the largest savings
    /// and the other tables of the Markdown report. No scripts, fonts,
    /// tiles, links or other external files.
    ///
    /// Every piece of user text goes through ``HTMLText/escape(_:)``.
    /// Tables stop at ``ReportLimits/htmlRows`` rows (the largest savings
    /// first) and the map aggregates above
    /// ``ReportLimits/mapDetailedPairs`` pairs, so the page stays readable
    /// and bounded in size at 100,000 pairs (docs/reports.md gives the
    /// sizes).
    ///
    /// Each section is one function; a new section (tours, allocation,
    /// baselines) is one more function called here.
    public func writeHTML(to out: BufferedWriter) {
        out.write(Self.htmlHead)
        out.write("<p class=\"\(graph.distanceModel == "crowfly" ? "warn" : "note")\">\(HTMLText.render(modelSentence))</p>\n")
        htmlKeyFigures(out)
        htmlSummary(out)
        out.write("<h2>Map</h2>\n")
        let coloured = mapColouredPairs
        writeHTMLMap(to: out, coloured: coloured)
        htmlPairs(out, coloured: Set(coloured))
        htmlCompanies(out)
        htmlUnpaired(out)
        htmlRejected(out)
        htmlWarnings(out)
        htmlFooter(out)
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
        out.write("<div><b>\(kmText(summary.savedM)) km</b>empty km saved</div>")
        out.write("<div><b>\(grouped(summary.co2eSavedKgWTW, decimals: 1)) kg</b>CO2e saved (well-to-wheel)</div>")
        out.write("<div><b>\(grouped(summary.fuelSavedLitres, decimals: 1)) l</b>fuel saved</div>")
        out.write("<div><b>\(grouped(summary.pairs))</b>pairs of \(grouped(summary.valid)) shipments</div>")
        out.write("</div>\n")
    }

    private func htmlSummary(_ out: BufferedWriter) {
        out.write("<h2>Summary</h2>\n<table>\n")
        for r in summaryRows {
            let value = r.strong ? "<strong>\(HTMLText.escape(r.value))</strong>" : HTMLText.escape(r.value)
            out.write("<tr><th>\(HTMLText.escape(r.label))</th><td class=\"n\">\(value)</td></tr>\n")
        }
        out.write("</table>\n<p class=\"note\">\(HTMLText.render(parametersSentence))</p>\n")
    }

    /// A table header row: `(title, numeric)`.
    private static func headerRow(_ columns: [(String, Bool)], _ out: BufferedWriter) {
        out.write("<table>\n<tr>")
        for (title, numeric) in columns { out.write(numeric ? "<th class=\"n\">\(title)</th>" : "<th>\(title)</th>") }
        out.write("</tr>\n")
    }

    private func htmlPairs(_ out: BufferedWriter, coloured: Set<Int>) {
        guard !pairs.isEmpty else { out.write("<h2>Pairs</h2>\n<p>No pairs.</p>\n"); return }
        let (listed, isTop) = listedPairs(limit: ReportLimits.htmlRows)
        if isTop {
            out.write("<h2>The \(grouped(listed.count)) largest savings</h2>\n<p class=\"note\">Of \(grouped(pairs.count)) pairs, "
                + "largest saving first; every pair is in <code>result.json</code>, <code>pairs.csv</code> and "
                + "<code>pairs.geojson</code>. # is the pair's number there.</p>\n")
        } else {
            out.write("<h2>Pairs</h2>\n")
        }
        Self.headerRow([("#", false), ("First", false), ("Then", false), ("Companies", false), ("Saved km", true),
                        ("Reposition km", true), ("Empty km before → after", true), ("CO2e saved kg", true)], out)
        for i in listed {
            let p = pairs[i]
            let second = p.first == p.a ? p.b : p.a
            let companies = [p.companyA, p.companyB].compactMap { $0 }.joined(separator: " / ")
            let number = coloured.contains(i) ? "<span style=\"color:\(Self.pairColour(i))\">■</span> \(i + 1)" : "\(i + 1)"
            out.write("<tr><td class=\"n\">\(number)</td><td>\(HTMLText.escape(p.first))</td><td>\(HTMLText.escape(second))</td>"
                + "<td>\(HTMLText.escape(companies))</td><td class=\"n\">\(kmText(p.savingM))</td><td class=\"n\">\(kmText(p.repositionM))</td>"
                + "<td class=\"n\">\(kmText(p.emptyBeforeM)) → \(kmText(p.emptyAfterM))</td>"
                + "<td class=\"n\">\(grouped(p.co2eSavedKgWTW, decimals: 1))</td></tr>\n")
        }
        out.write("</table>\n")
    }

    private func htmlCompanies(_ out: BufferedWriter) {
        guard !companies.isEmpty else { return }
        out.write("<h2>By company</h2>\n<p class=\"note\">A pair between two companies counts in full for both "
            + "(no allocation between companies yet); the run total counts it once.")
        let (listed, isTop) = listedCompanies(limit: ReportLimits.htmlRows)
        if isTop {
            out.write(" The \(grouped(listed.count)) companies with the most saved km, of \(grouped(companies.count)); "
                + "all of them are in <code>result.json</code>.")
        }
        out.write("</p>\n")
        Self.headerRow([("Company", false), ("Shipments", true), ("Paired", true), ("Pairs (shared)", true),
                        ("Saved km", true), ("CO2e saved kg", true)], out)
        for i in listed {
            let c = companies[i]
            out.write("<tr><td>\(HTMLText.escape(c.company))</td><td class=\"n\">\(grouped(c.shipments))</td>"
                + "<td class=\"n\">\(grouped(c.paired))</td><td class=\"n\">\(grouped(c.pairs)) (\(grouped(c.sharedPairs)))</td>"
                + "<td class=\"n\">\(kmText(c.savedM))</td><td class=\"n\">\(grouped(c.co2eSavedKgWTW, decimals: 1))</td></tr>\n")
        }
        out.write("</table>\n")
    }

    private func htmlUnpaired(_ out: BufferedWriter) {
        guard !unpaired.isEmpty else { return }
        let limit = ReportLimits.htmlRows
        out.write("<h2>Unpaired</h2>\n")
        if unpaired.count > limit {
            Self.headerRow([("Reason", false), ("Shipments", true)], out)
            for (reason, count) in unpairedReasonCounts {
                out.write("<tr><td>\(HTMLText.escape(Self.reasonText(reason)))</td><td class=\"n\">\(grouped(count))</td></tr>\n")
            }
            out.write("</table>\n<p class=\"note\">The first \(grouped(limit)) of \(grouped(unpaired.count)) unpaired shipments; "
                + "all of them are in <code>result.json</code> and <code>pairs.csv</code>.</p>\n")
        }
        Self.headerRow([("Shipment", false), ("Reason", false)], out)
        for u in unpaired.prefix(limit) {
            out.write("<tr><td>\(HTMLText.escape(u.id))</td><td>\(HTMLText.escape(Self.reasonText(u.reason)))</td></tr>\n")
        }
        out.write("</table>\n")
    }

    private func htmlRejected(_ out: BufferedWriter) {
        guard !rejected.isEmpty else { return }
        let limit = ReportLimits.htmlRows
        out.write("<h2>Rejected rows</h2>\n")
        if rejected.count > limit {
            out.write("<p class=\"note\">The first \(grouped(limit)) of \(grouped(rejected.count)) rejected rows; "
                + "all of them are in <code>result.json</code> and <code>pairs.csv</code>.</p>\n")
        }
        Self.headerRow([("File", false), ("Line", true), ("Id", false), ("Reason", false)], out)
        for r in rejected.prefix(limit) {
            out.write("<tr><td>\(HTMLText.escape(r.file))</td><td class=\"n\">\(r.line)</td><td>\(HTMLText.escape(r.id ?? ""))</td>"
                + "<td>\(HTMLText.escape(r.reason))</td></tr>\n")
        }
        out.write("</table>\n")
    }

    private func htmlWarnings(_ out: BufferedWriter) {
        guard !warnings.isEmpty else { return }
        out.write("<h2>Warnings</h2>\n<ul>\n")
        for w in warnings.prefix(ReportLimits.warnings) { out.write("<li>\(HTMLText.escape(w))</li>\n") }
        if warnings.count > ReportLimits.warnings {
            out.write("<li>… and \(grouped(warnings.count - ReportLimits.warnings)) more, in <code>result.json</code></li>\n")
        }
        out.write("</ul>\n")
    }

    private func htmlFooter(_ out: BufferedWriter) {
        out.write("<p class=\"note\">")
        if let a = graph.attribution { out.write(HTMLText.escape(a) + "<br>") }
        out.write("Generated\(stamp.map { " " + HTMLText.escape($0) } ?? "") by backhaul \(HTMLText.escape(version)).</p>\n</body>\n</html>\n")
    }

    /// A distinct colour per pair (golden-angle hues).
    static func pairColour(_ i: Int) -> String {
        let hue = (i * 137) % 360
        return "hsl(\(hue),70%,40%)"
    }
}
