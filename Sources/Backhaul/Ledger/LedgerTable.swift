import Emissions
import Ledger

/// A ledger report laid out as a table — one layout for Markdown, CSV, JSON
/// and HTML, so that the formats cannot disagree. Figures are integers
/// printed exactly (km, litres and kg with 3 decimals, money with 2), so the
/// rows add up to the total row in every format.
struct LedgerTable {
    let report: LedgerReport

    init(_ report: LedgerReport) { self.report = report }

    /// Money is shown when every run in the report used the same currency.
    var money: Bool { report.currencies.count == 1 }
    var currency: String { report.currencies.first.flatMap { $0.isEmpty ? nil : $0 } ?? "" }
    /// Pair rows have no stand-alone figures (a partnership has no
    /// stand-alone cost of its own).
    var standalone: Bool { report.query.grouping != .pair }

    var labelTitle: String {
        switch report.query.grouping {
        case .company: "Company"
        case .month: "Month"
        case .pair: "Partners"
        case .run: "Run"
        }
    }

    /// (title, machine name, value) for each figure column.
    func columns(_ row: LedgerReport.Row?) -> [(title: String, key: String, value: String)] {
        let f = row?.figures ?? report.total
        let k = MatchReport.thousandths, c = MatchReport.hundredths
        var out: [(String, String, String)] = []
        if report.query.grouping == .run { out.append(("Date", "date", row?.date ?? "")) }
        out.append(("Runs", "runs", String(row?.runs ?? report.runs)))
        if standalone { out.append(("Shipments", "shipments", String(f.shipments))) }
        out.append(("Tours", "tours", String(f.tours)))
        if standalone {
            out += [("Stand-alone km", "standalone_km", k(f.standaloneMetres)), ("Shared km", "shared_km", k(f.sharedMetres))]
        }
        out += [
            ("Saved km", "saved_km", k(f.savedMetres)),
            ("Fuel saved (l)", "fuel_saved_litres", k(f.fuelSavedMillilitres)),
            ("CO2e saved kg (TTW)", "co2e_saved_kg_ttw", k(f.co2eSavedGramsTTW)),
            ("CO2e saved kg (WTW)", "co2e_saved_kg_wtw", k(f.co2eSavedGramsWTW)),
        ]
        if money {
            let unit = currency.isEmpty ? "" : " (\(currency))"
            if standalone {
                out += [("Stand-alone cost\(unit)", "standalone_cost", c(f.standaloneCents)), ("Shared cost\(unit)", "shared_cost", c(f.sharedCents))]
            }
            out.append(("Saved\(unit)", "saved_cost", c(f.savedCents)))
        }
        return out
    }

    var scopeSentence: String {
        var s = "\(report.runs) current run\(report.runs == 1 ? "" : "s")"
        if let a = report.firstDate, let b = report.lastDate { s += " dated \(a)" + (a == b ? "" : " to \(b)") }
        if let c = report.query.company { s += ", company \(c) only (its share of each tour)" }
        s += ". Split: \(report.splitMethods.isEmpty ? "none" : report.splitMethods.joined(separator: ", "))."
        if money && report.runsWithMoney < report.runs {
            s += " Money covers the \(report.runsWithMoney) run\(report.runsWithMoney == 1 ? "" : "s") recorded with cost rates; the others count none."
        }
        if report.currencies.count > 1 { s += " Money is left out: the runs use different currencies (\(report.currencies.joined(separator: ", ")))." }
        s += " Rows add up exactly to the total."
        return s
    }

    func markdown(title: String) -> String {
        func cell(_ s: String) -> String { MarkdownText.escape(s) }
        let titles = columns(nil).map(\.title)
        var o = "# \(title)\n\nBy \(report.query.grouping.rawValue). \(scopeSentence)\n\n"
        o += "| \(labelTitle) | " + titles.joined(separator: " | ") + " |\n| --- |" + String(repeating: " ---: |", count: titles.count) + "\n"
        for r in report.rows { o += "| \(cell(r.label)) | " + columns(r).map(\.value).joined(separator: " | ") + " |\n" }
        o += "| **Total** | " + columns(nil).map(\.value).joined(separator: " | ") + " |\n"
        return o
    }

    var csv: String {
        let keys = columns(nil).map(\.key)
        var o = ([report.query.grouping.rawValue] + keys).joined(separator: ",") + "\n"
        for r in report.rows { o += ([csvField(r.label)] + columns(r).map { csvField($0.value) }).joined(separator: ",") + "\n" }
        o += (["total"] + columns(nil).map { csvField($0.value) }).joined(separator: ",") + "\n"
        return o
    }

    func json(path: String) -> JSONValue {
        func object(_ label: String?, _ row: LedgerReport.Row?) -> JSONValue {
            var m: [(String, JSONValue)] = label.map { [(report.query.grouping.rawValue, JSONValue.string($0))] } ?? []
            for c in columns(row) {
                switch c.key {
                case "date": m.append((c.key, .string(c.value)))
                case "runs", "shipments", "tours": m.append((c.key, .int(Int(c.value) ?? 0)))
                default: m.append((c.key, .number(Double(c.value) ?? 0, decimals: c.key.hasSuffix("cost") ? 2 : 3)))
                }
            }
            return .object(m)
        }
        return .object([
            ("backhaul", .object([("version", .string(BackhaulVersion.string))])),
            ("ledger", .string(path)),
            ("by", .string(report.query.grouping.rawValue)),
            ("from", report.query.from.map(JSONValue.string) ?? .null),
            ("to", report.query.to.map(JSONValue.string) ?? .null),
            ("company", report.query.company.map(JSONValue.string) ?? .null),
            ("runs", .int(report.runs)),
            ("split", .array(report.splitMethods.map(JSONValue.string))),
            ("currency", money ? .string(currency) : .null),
            ("rows", .array(report.rows.map { object($0.label, $0) })),
            ("total", object(nil, nil)),
        ])
    }

    func html(title: String) -> String {
        // `esc` is the report writers' HTML escaping (Reports/MatchReport+HTML.swift).
        var o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(esc(title))</title>\n"
        o += "<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
            + "th,td{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left}.n{text-align:right;font-variant-numeric:tabular-nums}</style>\n"
        o += "</head>\n<body>\n<h1>\(esc(title))</h1>\n<p>By \(report.query.grouping.rawValue). \(esc(scopeSentence))</p>\n<table>\n<tr><th>\(labelTitle)</th>"
        o += columns(nil).map { "<th class=\"n\">\(esc($0.title))</th>" }.joined() + "</tr>\n"
        for r in report.rows {
            o += "<tr><td>\(esc(r.label))</td>" + columns(r).map { "<td class=\"n\">\(esc($0.value))</td>" }.joined() + "</tr>\n"
        }
        o += "<tr><th>Total</th>" + columns(nil).map { "<th class=\"n\">\(esc($0.value))</th>" }.joined() + "</tr>\n</table>\n</body>\n</html>\n"
        return o
    }
}
