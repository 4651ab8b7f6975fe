import Foundation
import Pairing
import Testing
@testable import Backhaul

/// Structural checks of the Markdown and HTML reports that do not depend on
/// golden files: sections in order, tables with consistent columns,
/// elements properly nested, figures from the model, honest captions, and
/// sizes that stay bounded as the number of pairs grows.
@Suite struct ReportStructureTests {
    static let reports: [(String, MatchReport)] = [
        ("sample", sampleReport()), ("hostile", hostileReport()), ("30 pairs", generatedReport(pairs: 30)),
        ("150 pairs", generatedReport(pairs: 150, unpaired: 20, rejected: 3, companies: 12)),
        ("2,500 pairs", generatedReport(pairs: 2_500, unpaired: 1_500, rejected: 1_200, companies: 1_500)),
    ]

    // MARK: Markdown

    /// The cells of a Markdown table row: split on `|` not preceded by `\`.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = [], cell = "", escaped = false
        for c in line.dropFirst().dropLast() {
            if c == "|" && !escaped { cells.append(cell); cell = "" } else { cell.append(c) }
            escaped = c == "\\" && !escaped
        }
        return cells + [cell]
    }

    /// The tables of a Markdown text: runs of lines starting with `|`.
    static func tables(_ md: String) -> [[[String]]] {
        var tables: [[[String]]] = [], current: [[String]] = []
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") { current.append(cells(line)) } else if !current.isEmpty { tables.append(current); current = [] }
        }
        return tables
    }

    @Test(arguments: reports.indices)
    func markdownStructure(index: Int) throws {
        let (name, report) = Self.reports[index]
        let md = MatchOutput.render(report, .md)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        let order = ["# backhaul: pairing report", "## Summary", "## Baselines", "## Sensitivity", "## Pairs", "## By company", "## Unpaired",
                     "## Rejected rows", "## Warnings"]
        #expect(headings.first == order[0], "\(name)")
        #expect(headings.allSatisfy(order.contains), "\(name): unexpected heading in \(headings)")
        #expect(headings == order.filter(headings.contains), "\(name): sections out of order")
        let tables = Self.tables(md)
        for table in tables {
            #expect(Set(table.map(\.count)).count == 1, "\(name): a row of a table has a different number of cells")
            #expect(table.count >= 2 && table[1].allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("---") || $0.contains("---:") })
        }
        // The summary table: figures from the model, thousands grouped.
        let summary = try #require(tables.first)
        #expect(summary.contains { $0[0].contains("Shipments read") && $0[1].trimmingCharacters(in: .whitespaces) == grouped(report.summary.shipments) })
        // The saving of the quoted baseline, which the summary names.
        #expect(summary.contains { $0[0].contains("Empty km saved") && $0[1].contains(kmText(report.baselines.quoted.figures.savedMetres)) })
        #expect(summary.contains { $0[0] == " Baseline " && $0[1].contains(report.baselines.quoted.name.rawValue) })
        // The pairs table lists every pair, or the largest savings at the limit.
        if !report.pairs.isEmpty {
            let pairTable = try #require(tables.first { $0[0].contains { $0.contains("First") } })
            #expect(pairTable.count - 2 == min(report.pairs.count, ReportLimits.markdownRows), "\(name)")
            if report.pairs.count > ReportLimits.markdownRows {
                let saved = pairTable.dropFirst(2).map { Double($0[4].replacingOccurrences(of: "\u{202F}", with: "").trimmingCharacters(in: .whitespaces))! }
                #expect(saved == saved.sorted(by: >), "the largest savings come first")
                #expect(saved.first == km(report.pairs.map(\.savingM).max()!).rounded(toPlaces: 1))
                #expect(md.contains("The 1\u{202F}000 largest savings of \(grouped(report.pairs.count)) pairs"))
            }
        }
        #expect(md.hasSuffix("by backhaul \(report.version).\n"))
    }

    @Test func markdownAtScaleCountsTheRest() {
        let report = generatedReport(pairs: 2_500, unpaired: 1_500, rejected: 1_200, companies: 1_500)
        let md = MatchOutput.render(report, .md)
        #expect(md.contains("The first 1\u{202F}000 of 1\u{202F}500 unpaired shipments"))
        #expect(md.contains("| no_saving — no partner would save anything | 500 |"))
        #expect(md.contains("The first 1\u{202F}000 of 1\u{202F}200 rejected rows"))
        #expect(md.contains("The 1\u{202F}000 companies with the most saved km, of 1\u{202F}500"))
    }

    // MARK: HTML

    @Test(arguments: reports.indices)
    func htmlStructure(index: Int) throws {
        let (name, report) = Self.reports[index]
        let html = MatchOutput.render(report, .html)
        let tokens = tokenizeHTML(html)
        #expect(nestingProblems(tokens) == [], "\(name)")
        for table in htmlTableShapes(html) {
            #expect(Set(table).count == 1, "\(name): rows with different numbers of cells: \(table)")
        }
        func starts(_ tag: String) -> [[String: String]] {
            tokens.compactMap { if case .start(tag, let a, _) = $0 { a } else { nil } }
        }
        let headings = tokens.enumerated().compactMap { i, t -> String? in
            guard case .start("h2", _, _) = t, case .text(let s) = tokens[i + 1] else { return nil }
            return s
        }
        #expect(headings.prefix(3) == ["Summary", "Map", "Baselines"])
        // The pairs table (after the summary, baselines and sensitivity
        // tables): one row per listed pair, under a header row.
        let pairRows = htmlTableShapes(html)[report.baselines.sensitivity == nil ? 2 : 3].count - 1
        #expect(pairRows == min(report.pairs.count, ReportLimits.htmlRows), "\(name)")
        // The map: a scale bar, a legend, and a bounded number of shapes.
        #expect(starts("svg").first?["class"] == "map")
        #expect(html.contains("<ul class=\"legend\">") && html.contains("scale bar: "))
        let shapes = starts("polyline").count + starts("line").count + starts("circle").count + starts("rect").count
        #expect(shapes < 4 * ReportLimits.mapFlows, "\(name): \(shapes) shapes")
        if report.pairs.count > ReportLimits.mapDetailedPairs {
            #expect(html.contains("pairs are too many to draw one by one"))
            // The numbered highlighted pairs, and the scale bar's label.
            #expect(starts("text").count == ReportLimits.mapHighlighted + 1)
        }
        // Honest captions: roads only where roads are drawn.
        let drawsRoads = html.contains("<g fill=\"none\" stroke=\"#c5ccd6\"")
        #expect(html.contains("grey: roads of the graph") == drawsRoads, "\(name)")
        #expect(html.contains("Grey: the road network") == false)
    }

    @Test func htmlCaptionsWithoutARoadGraph() {
        var report = generatedReport(pairs: 30)
        report.graph = .init(file: nil, nodes: 0, edges: 0, profile: nil, distanceModel: "crowfly", circuity: 1.3, crowflySpeedKmh: 70)
        let html = MatchOutput.render(report, .html)
        #expect(html.contains("without a road graph the distances are a crow-fly estimate, and no roads are drawn"))
        #expect(!html.contains("roads of the graph"))
        #expect(!html.contains("#c5ccd6\" stroke-width=\"0.6\""))
    }

    @Test func thousandsAreGrouped() {
        #expect(grouped(1_234_567.891, decimals: 1) == "1\u{202F}234\u{202F}567.9")
        #expect(grouped(-12_345, decimals: 0) == "-12\u{202F}345")
        #expect(grouped(999.95, decimals: 1) == "1\u{202F}000.0")
        #expect(grouped(12) == "12")
        let html = MatchOutput.render(sampleReport(), .html)
        #expect(html.contains("1\u{202F}234 nodes, 2\u{202F}345 edges"))
    }

    /// At four times the pairs the HTML report stays the same size: the
    /// tables stop at 100 rows and the map aggregates (up to
    /// ``ReportLimits/mapFlows`` lines, reached here: 60 towns). (docs/reports.md has
    /// the sizes at 100 and 100,000 pairs from `ReportBenchmark`.)
    @Test func htmlSizeIsBounded() {
        let small = MatchOutput.render(generatedReport(pairs: 5_000), .html).utf8.count
        let large = MatchOutput.render(generatedReport(pairs: 20_000), .html).utf8.count
        #expect(large < 400_000, "\(large) bytes")
        #expect(Double(large) < 1.1 * Double(small), "5,000 pairs: \(small) bytes, 20,000 pairs: \(large) bytes")
    }

    @Test func reportsAreDeterministic() {
        let report = generatedReport(pairs: 300, unpaired: 10, companies: 5)
        for format in MatchOptions.Format.allCases {
            #expect(MatchOutput.render(report, format) == MatchOutput.render(report, format), "\(format)")
        }
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded(.toNearestOrAwayFromZero) / scale
    }
}
