import Foundation
import Testing
@testable import Backhaul

/// The injection strings of issue 15 in every output format: inert in
/// spreadsheets (CSV), Markdown renderers (rendered with cmark-gfm), and
/// HTML (rendered with Chromium in ``HTMLBrowserTests``); exact in JSON and
/// GeoJSON.
@Suite struct ReportSafetyTests {
    // MARK: CSV

    @Test(arguments: CSVDialect.all)
    func csvCellsNeverStartAFormula(dialect: CSVDialect) throws {
        let report = hostileReport()
        let text = MatchOutput.render(report, .csv, csvDialect: dialect)
        let rows = parseCSV(text, separator: dialect.separator)
        #expect(rows.first == MatchReport.csvColumns)
        #expect(rows.allSatisfy { $0.count == MatchReport.csvColumns.count })
        // header + 2 pairs + 2 unpaired + 1 observed + 1 rejected, 2 baseline
        // rows, 2 × 5 sensitivity rows (sampleReport's)
        #expect(rows.count == 7 + 2 + 10)
        let starters: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n"]
        for row in rows.dropFirst() {
            for cell in row where cell.first.map(starters.contains) == true {
                #expect(CSVDialect.isPlainNumber(cell), "cell \(cell.debugDescription) would start a formula")
            }
        }
        // Neutralised cells are the user's text behind one quote, so nothing is lost.
        let pair = rows[1]
        #expect(pair[1] == "'" + Hostile.hyperlink && pair[2] == "'" + Hostile.sum && pair[3] == "'" + Hostile.hyperlink)
        #expect(pair[12] == Hostile.script && pair[13] == Hostile.markdown)
        #expect(pair[20] == "'" + Hostile.at && pair[21] == "'" + Hostile.tab)
        // Real negative numbers stay numbers.
        #expect(rows[2][1] == "-12" && rows[2][13] == "-3.5")
        #expect(rows[3][1] == "'" + Hostile.at && rows[3][12] == "'" + Hostile.sum)
        #expect(rows[6][10] == "'" + Hostile.hyperlink + ".csv")
    }

    @Test func excelSwedishDialect() throws {
        let text = MatchOutput.render(sampleReport(), .csv, csvDialect: .excelSwedish)
        #expect(text.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let rows = parseCSV(text, separator: ";")
        #expect(rows[0].prefix(3) == ["kind", "a", "b"])
        let header = rows[0]
        func column(_ name: String, _ row: Int) -> String { rows[row][header.firstIndex(of: name)!] }
        // Pair 2 of the sample: 417,655 m saved, 12,345 m repositioning.
        #expect(column("saving_m", 2) == "417655")
        #expect(column("saving_km", 2) == "417,7")
        #expect(column("reposition_km", 2) == "12,3")
        #expect(column("co2e_saved_kg_wtw", 2) == "287,675")
        #expect(column("company_a", 2) == "Trä, \"Oskarshamn\"")
        #expect(column("company_b", 2) == "Ljungby | Metall")
        #expect(column("empty_km_after", 4) == "36,2")  // the observed empty run
        // The default dialect: `,`, `.`, LF, km with 3 decimals, no BOM.
        let plain = MatchOutput.render(sampleReport(), .csv)
        #expect(plain.hasPrefix("kind,a,b,") && !plain.contains("\r"))
        #expect(parseCSV(plain)[2][14] == "417.655")
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+1", "+1"), ("-1", "-1"), ("-1.5", "-1.5"), ("-1,5", "\"-1,5\""), ("-1.5.2", "'-1.5.2"),
        ("-", "'-"), ("+", "'+"), ("-1e5", "'-1e5"), ("@x", "'@x"), ("\tx", "'\tx"), ("＝1", "'＝1"), ("a=1", "a=1"),
        ("", ""), (" =1", "\" =1\""), ("a,b", "\"a,b\""), ("=a,b", "\"'=a,b\""), ("x\"y", "\"x\"\"y\""), ("'=1", "'=1"),
    ])
    func oneCell(input: String, output: String) {
        #expect(CSVDialect.rfc4180.field(input) == output)
    }

    // MARK: JSON, GeoJSON

    @Test func jsonKeepsEveryStringExactly() throws {
        let report = hostileReport()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(MatchOutput.render(report, .json).utf8)) as? [String: Any])
        let pairs = try #require(root["pairs"] as? [[String: Any]])
        #expect(pairs[0]["a"] as? String == Hostile.hyperlink && pairs[0]["fuel"] as? String == Hostile.tab)
        #expect((root["warnings"] as? [String]) == report.warnings)
        let geo = try #require(try JSONSerialization.jsonObject(with: Data(MatchOutput.render(report, .geojson).utf8)) as? [String: Any])
        let features = try #require(geo["features"] as? [[String: Any]])
        #expect((features[0]["properties"] as? [String: Any])?["shipment"] as? String == Hostile.hyperlink)
    }

    // MARK: Markdown

    /// Rendered by cmark-gfm with raw HTML allowed: no HTML element, link,
    /// image, emphasis, heading, list or strikethrough comes from user text,
    /// every table keeps its columns, and every hostile string reads as
    /// itself.
    @Test(.enabled(if: MarkdownRenderer.executable != nil || RequiredComponents.strict,
                   "cmark-gfm is not installed (apt-get install cmark-gfm); required where BACKHAUL_REQUIRE_COMPONENTS=1"))
    func markdownRendersUserTextAsText() throws {
        let report = hostileReport()
        let html = try MarkdownRenderer.render(MatchOutput.render(report, .md))
        for element in ["script", "a", "img", "em", "del", "b", "blockquote", "ol", "h3"] {
            #expect(!html.contains("<\(element)>") && !html.contains("<\(element) "),
                    "<\(element)> in the rendered Markdown: \(html.ranges(of: "<\(element)").map { html[$0.lowerBound...].prefix(160) })")
        }
        let tokens = tokenizeHTML(html)
        func count(_ tag: String) -> Int { tokens.filter { if case .start(tag, _, _) = $0 { true } else { false } }.count }
        #expect(count("h1") == 1)
        #expect(count("h2") == 8)  // Summary, Baselines, Sensitivity, Pairs, By company, Unpaired, Rejected rows, Warnings, and no more
        // The two bold summary rows (2 cells each), the saved row of the
        // baselines table (3 cells), the quoted baseline's name, and the
        // base row of the sensitivity table (7 cells).
        #expect(count("strong") == 4 + 3 + 1 + 7)
        #expect(count("ul") == 1 && count("li") == report.warnings.count)
        for table in htmlTableShapes(html) {
            #expect(Set(table).count == 1, "a table row has a different number of cells: \(table)")
        }
        // (The word joiner after `@` is invisible.)
        let text = visibleText(html).replacingOccurrences(of: "\u{2060}", with: "")
        // (The tab string is only in columns the Markdown report does not have.)
        for s in Hostile.all where s != Hostile.tab {
            #expect(text.contains(s), "\(s) does not read as itself")
        }
        #expect(nestingProblems(tokens) == [])
    }

    @Test(arguments: [
        ("plain", "plain"), ("MT-01", "MT-01"), ("<b>", "&lt;b&gt;"), ("a|b", "a\\|b"), ("**x**", "\\*\\*x\\*\\*"),
        ("[x](y)", "\\[x\\](y)"), ("_em_", "\\_em\\_"), ("(a) #1", "(a) #1"), ("http://e", "http\\://e"), ("www.e.se", "www\\.e.se"), ("a@b.se", "a@\u{2060}b.se"),
        ("line\nbreak", "line break"), ("nul\u{0}", "nul\u{FFFD}"), ("origin_lat", "origin_lat"),
    ])
    func markdownEscape(input: String, output: String) {
        #expect(MarkdownText.escape(input) == output)
    }

    @Test func markdownLineStarts() {
        #expect(MarkdownText.escape("# h", lineStart: true) == "\\# h")
        #expect(MarkdownText.escape("> q", lineStart: true) == "\\> q")
        #expect(MarkdownText.escape("- x", lineStart: true) == "\\- x")
        #expect(MarkdownText.escape("12. x", lineStart: true) == "12\\. x")
        #expect(MarkdownText.escape("12. x") == "12. x")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("`a") == "`` `a ``")
    }

    // MARK: HTML (static; the browser check is in HTMLBrowserTests)

    @Test func htmlEscapesEveryUserString() throws {
        let html = MatchOutput.render(hostileReport(), .html)
        #expect(!html.contains("<script"))
        #expect(externalReferences(in: html) == [])
        let tokens = tokenizeHTML(html)
        #expect(nestingProblems(tokens) == [])
        let text = visibleText(html)
        // (The tab string is only in tables the HTML report does not have.)
        for s in Hostile.all where s != Hostile.tab { #expect(text.contains(s), "\(s.debugDescription) does not read as itself") }
    }
}
