import Pairing
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Routing

extension MatchReport {
    /// `report.html`: one self-contained page — the summary, the tables of
    /// the Markdown report and an inline SVG map of every pair's cycle over
    /// the road network. No scripts, fonts, tiles or other external files.
    public var html: String {
        func k(_ m: Int64) -> String { JSONValue.format(km(m), decimals: 1) }
        func f(_ x: Double, _ d: Int = 1) -> String { JSONValue.format(x, decimals: d) }
        var o = """
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
            th,td{border:1px solid #d6dbe3;padding:.25rem .6rem;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f1f4f8}.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{background:#f1f4f8;border-radius:6px;padding:.6rem 1rem}
            .kpi b{display:block;font-size:1.4rem}.note{color:#5b6472;font-size:.9rem}svg{background:#fbfcfd;border:1px solid #d6dbe3;max-width:100%;height:auto}
            .warn{background:#fff6e0;padding:.5rem 1rem;border-left:4px solid #e0a800}
            </style>
            </head>
            <body>
            <h1>backhaul: pairing report</h1>

            """
        o += "<p class=\"\(graph.distanceModel == "crowfly" ? "warn" : "note")\">\(MatchReport.htmlInline(modelSentence))</p>\n"
        o += "<div class=\"kpi\">"
        o += "<div><b>\(k(summary.savedM)) km</b>empty km saved</div>"
        o += "<div><b>\(f(summary.co2eSavedKgWTW)) kg</b>CO2e saved (well-to-wheel)</div>"
        o += "<div><b>\(f(summary.fuelSavedLitres)) l</b>fuel saved</div>"
        o += "<div><b>\(summary.pairs)</b>pairs of \(summary.valid) shipments</div>"
        o += "</div>\n"
        o += "<h2>Summary</h2>\n<table>\n"
        let rows: [(String, String)] = [
            ("Shipments read", "\(summary.shipments)"), ("Valid (to pair)", "\(summary.valid)"),
            ("Observed empty runs", "\(summary.observedEmptyRuns) (\(k(summary.observedEmptyM)) km)"),
            ("Rejected rows", "\(summary.rejected)"), ("Pairs", "\(summary.pairs) (\(summary.paired) shipments)"),
            ("Unpaired", "\(summary.unpaired)"), ("Loaded km", k(summary.loadedM)),
            ("Empty km before", k(summary.emptyBeforeM)), ("Empty km after", k(summary.emptyAfterM)),
            ("Empty km saved", k(summary.savedM)), ("Fuel saved (l)", f(summary.fuelSavedLitres)),
            ("CO2e saved, well-to-wheel (kg)", f(summary.co2eSavedKgWTW)),
            ("CO2e saved, tank-to-wheel (kg)", f(summary.co2eSavedKgTTW)),
            ("Optimality", certificate.optimality.replacingAll("_", with: " ")),
        ]
        for (label, value) in rows { o += "<tr><th>\(esc(label))</th><td class=\"n\">\(esc(value))</td></tr>\n" }
        o += "</table>\n"
        o += "<p class=\"note\">Strategy <code>\(esc(parameters.strategy))</code>, vehicle <code>\(esc(parameters.vehicle))</code>, "
            + "fuel <code>\(esc(parameters.fuel))</code>, handling \(f(parameters.handlingMinutes, 0)) min per stop"
            + (parameters.maxDeadheadKm.map { ", reposition at most \(f($0)) km" } ?? "")
            + (parameters.ignoreBodyType ? ", body types ignored" : "")
            + (parameters.ignoreTimeWindows ? ", time windows ignored" : "")
            + ". Emission factor basis: \(esc(parameters.emissionBasis)).</p>\n"
        o += "<p class=\"note\">\(esc(certificateSentence))</p>\n"

        o += "<h2>Map</h2>\n" + svgMap() + "\n"
        o += "<p class=\"note\">Solid: loaded; dashed: repositioning between the two loads; dotted: the remaining empty return. "
            + "Grey: the road network.</p>\n"

        o += "<h2>Pairs</h2>\n"
        if pairs.isEmpty {
            o += "<p>No pairs.</p>\n"
        } else {
            o += "<table>\n<tr><th>#</th><th>First</th><th>Then</th><th>Companies</th><th class=\"n\">Saved km</th>"
                + "<th class=\"n\">Reposition km</th><th class=\"n\">Empty km before → after</th><th class=\"n\">CO2e saved kg</th></tr>\n"
            for (i, p) in pairs.enumerated() {
                let second = p.first == p.a ? p.b : p.a
                let companies = [p.companyA, p.companyB].compactMap { $0 }.joined(separator: " / ")
                o += "<tr><td style=\"color:\(MatchReport.pairColour(i))\">■ \(i + 1)</td><td>\(esc(p.first))</td><td>\(esc(second))</td>"
                    + "<td>\(esc(companies))</td><td class=\"n\">\(k(p.savingM))</td><td class=\"n\">\(k(p.repositionM))</td>"
                    + "<td class=\"n\">\(k(p.emptyBeforeM)) → \(k(p.emptyAfterM))</td><td class=\"n\">\(f(p.co2eSavedKgWTW))</td></tr>\n"
            }
            o += "</table>\n"
        }
        if hasAllocatedCompanies {
            // Allocated figures (Ledger/MatchReport+Allocation.swift).
            o += "<h2>By company</h2>\n<p class=\"note\">\(esc(allocationSentence))</p>\n<table>\n<tr><th>Company</th>"
                + allocationColumnTitles.map { "<th class=\"n\">\(esc($0))</th>" }.joined() + "</tr>\n"
            for c in companies {
                o += "<tr><td>\(esc(c.company))</td>" + allocationCells(c).map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>\n"
            }
            o += "<tr><th>Total</th>" + allocationCells(nil).map { "<th class=\"n\">\($0)</th>" }.joined() + "</tr>\n</table>\n"
        } else if !companies.isEmpty {
            o += "<h2>By company</h2>\n<p class=\"note\">A pair between two companies counts in full for both (no allocation between companies yet); the run total counts it once.</p>\n"
            o += "<table>\n<tr><th>Company</th><th class=\"n\">Shipments</th><th class=\"n\">Paired</th><th class=\"n\">Pairs (shared)</th>"
                + "<th class=\"n\">Saved km</th><th class=\"n\">CO2e saved kg</th></tr>\n"
            for c in companies {
                o += "<tr><td>\(esc(c.company))</td><td class=\"n\">\(c.shipments)</td><td class=\"n\">\(c.paired)</td>"
                    + "<td class=\"n\">\(c.pairs) (\(c.sharedPairs))</td><td class=\"n\">\(k(c.savedM))</td><td class=\"n\">\(f(c.co2eSavedKgWTW))</td></tr>\n"
            }
            o += "</table>\n"
        }
        if !unpaired.isEmpty {
            o += "<h2>Unpaired</h2>\n<table>\n<tr><th>Shipment</th><th>Reason</th></tr>\n"
            for u in unpaired { o += "<tr><td>\(esc(u.id))</td><td>\(esc(MatchReport.reasonText(u.reason)))</td></tr>\n" }
            o += "</table>\n"
        }
        if !rejected.isEmpty {
            o += "<h2>Rejected rows</h2>\n<table>\n<tr><th>File</th><th class=\"n\">Line</th><th>Id</th><th>Reason</th></tr>\n"
            for r in rejected {
                o += "<tr><td>\(esc(r.file))</td><td class=\"n\">\(r.line)</td><td>\(esc(r.id ?? ""))</td><td>\(esc(r.reason))</td></tr>\n"
            }
            o += "</table>\n"
        }
        if !warnings.isEmpty {
            o += "<h2>Warnings</h2>\n<ul>\n"
            for w in warnings { o += "<li>\(esc(w))</li>\n" }
            o += "</ul>\n"
        }
        o += "<p class=\"note\">"
        if let a = graph.attribution { o += esc(a) + "<br>" }
        o += "Generated\(stamp.map { " " + esc($0) } ?? "") by backhaul \(esc(version)).</p>\n</body>\n</html>\n"
        return o
    }

    /// The SVG map: an equirectangular projection scaled by cos(latitude)
    /// around the pairs' bounding box.
    func svgMap(width: Double = 1000, height: Double = 640) -> String {
        let pts = pairs.flatMap { $0.legs.flatMap(\.polyline) }
        guard let first = pts.first else {
            return "<p class=\"note\">No pair to draw.</p>"
        }
        var minLat = first.latitude, maxLat = first.latitude, minLon = first.longitude, maxLon = first.longitude
        for p in pts {
            minLat = min(minLat, p.latitude); maxLat = max(maxLat, p.latitude)
            minLon = min(minLon, p.longitude); maxLon = max(maxLon, p.longitude)
        }
        // Pad by 5 % (at least ~500 m) so that lines do not touch the frame.
        let padLat = max((maxLat - minLat) * 0.05, 0.005), padLon = max((maxLon - minLon) * 0.05, 0.005)
        minLat -= padLat; maxLat += padLat; minLon -= padLon; maxLon += padLon
        let kx = cos((minLat + maxLat) / 2 * Double.pi / 180)
        let spanX = (maxLon - minLon) * kx, spanY = maxLat - minLat
        let scale = min(width / spanX, height / spanY)
        let w = spanX * scale, h = spanY * scale
        func xy(_ c: Coordinate) -> String {
            JSONValue.format((c.longitude - minLon) * kx * scale, decimals: 1) + ","
                + JSONValue.format((maxLat - c.latitude) * scale, decimals: 1)
        }
        func inside(_ c: Coordinate) -> Bool {
            c.latitude >= minLat && c.latitude <= maxLat && c.longitude >= minLon && c.longitude <= maxLon
        }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(JSONValue.format(w, decimals: 0)) \(JSONValue.format(h, decimals: 0))\" "
            + "width=\"\(JSONValue.format(w, decimals: 0))\" height=\"\(JSONValue.format(h, decimals: 0))\" role=\"img\" aria-label=\"Map of the pairs\">\n"
        s += "<g fill=\"none\" stroke=\"#c5ccd6\" stroke-width=\"0.6\" stroke-linecap=\"round\">\n"
        for road in backgroundRoads where road.count >= 2 && road.contains(where: inside) {
            s += "<polyline points=\"\(road.map(xy).joined(separator: " "))\"/>\n"
        }
        s += "</g>\n"
        for (i, p) in pairs.enumerated() {
            let colour = MatchReport.pairColour(i)
            s += "<g fill=\"none\" stroke=\"\(colour)\" stroke-linecap=\"round\" stroke-linejoin=\"round\">"
            s += "<title>\(esc(p.a)) + \(esc(p.b)): \(JSONValue.format(km(p.savingM), decimals: 1)) km saved</title>\n"
            for leg in p.legs where leg.polyline.count >= 2 {
                let style: String
                switch leg.kind {
                case .loaded: style = "stroke-width=\"3\""
                case .reposition: style = "stroke-width=\"2\" stroke-dasharray=\"8 5\""
                case .return: style = "stroke-width=\"1.5\" stroke-dasharray=\"2 4\""
                }
                s += "<polyline \(style) points=\"\(leg.polyline.map(xy).joined(separator: " "))\"/>\n"
            }
            s += "</g>\n"
            for leg in p.legs where leg.kind == .loaded {
                guard let a = leg.polyline.first, let b = leg.polyline.last else { continue }
                s += "<circle cx=\"\(xy(a).split(separator: ",")[0])\" cy=\"\(xy(a).split(separator: ",")[1])\" r=\"4\" fill=\"\(colour)\"/>"
                s += "<rect x=\"\(JSONValue.format((b.longitude - minLon) * kx * scale - 4, decimals: 1))\" "
                    + "y=\"\(JSONValue.format((maxLat - b.latitude) * scale - 4, decimals: 1))\" width=\"8\" height=\"8\" fill=\"\(colour)\"/>\n"
            }
        }
        s += "</svg>"
        return s
    }

    /// A distinct colour per pair (golden-angle hues).
    static func pairColour(_ i: Int) -> String {
        let hue = (i * 137) % 360
        return "hsl(\(hue),70%,40%)"
    }

    /// Markdown `**bold**` and backticks as HTML, everything else escaped.
    static func htmlInline(_ s: String) -> String {
        var out = ""
        var bold = false, code = false
        var chars = s[...]
        while let c = chars.first {
            if chars.hasPrefix("**") { out += bold ? "</strong>" : "<strong>"; bold.toggle(); chars = chars.dropFirst(2); continue }
            if c == "`" { out += code ? "</code>" : "<code>"; code.toggle(); chars = chars.dropFirst(); continue }
            out += esc(String(c))
            chars = chars.dropFirst()
        }
        return out
    }
}

/// HTML text escaping (`&`, `<`, `>`, `"`, `'`).
func esc(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
