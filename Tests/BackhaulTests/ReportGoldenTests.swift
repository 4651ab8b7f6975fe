import Emissions
import Foundation
import Pairing
import Routing
import Testing
@testable import Backhaul

/// A small hand-made report covering every section: two pairs (one shared
/// between companies), every kind of leftover row, a warning and text that
/// needs escaping in every format.
func sampleReport() -> MatchReport {
    let växjö = Coordinate(latitude: 56.87767, longitude: 14.80906)
    let kalmar = Coordinate(latitude: 56.66157, longitude: 16.36163)
    let ljungby = Coordinate(latitude: 56.83324, longitude: 13.94082)
    let oskarshamn = Coordinate(latitude: 57.26455, longitude: 16.44837)
    var summary = MatchReport.Summary()
    summary.shipments = 7
    summary.valid = 5
    summary.rejected = 1
    summary.paired = 4
    summary.unpaired = 1
    summary.pairs = 2
    summary.loadedM = 650_000
    summary.emptyBeforeM = 650_000
    summary.emptyAfterM = 12_345
    summary.co2eSavedKgWTW = 439.123
    summary.co2eSavedKgTTW = 346.5
    summary.fuelSavedLitres = 140.3
    summary.observedEmptyRuns = 1
    summary.observedEmptyM = 36_200
    let legs1: [MatchReport.Leg] = [
        .init(kind: .loaded, shipment: "DEMO-01", distanceM: 110_000, polyline: [växjö, kalmar]),
        .init(kind: .reposition, shipment: nil, distanceM: 0, polyline: [kalmar, kalmar]),
        .init(kind: .loaded, shipment: "DEMO-02", distanceM: 110_000, polyline: [kalmar, växjö]),
        .init(kind: .return, shipment: nil, distanceM: 0, polyline: [växjö, växjö]),
    ]
    let legs2: [MatchReport.Leg] = [
        .init(kind: .loaded, shipment: "DEMO-03", distanceM: 215_000, polyline: [ljungby, oskarshamn]),
        .init(kind: .reposition, shipment: nil, distanceM: 12_345, polyline: [oskarshamn, Coordinate(latitude: 57.2, longitude: 16.4)]),
        .init(kind: .loaded, shipment: "DEMO-04", distanceM: 215_000, polyline: [Coordinate(latitude: 57.2, longitude: 16.4), ljungby]),
        .init(kind: .return, shipment: nil, distanceM: 0, polyline: []),
    ]
    var report = MatchReport(
        graph: .init(file: "samples/demo.osm.pbf", nodes: 1234, edges: 2345, profile: "hgv", distanceModel: "road",
                     attribution: "© OpenStreetMap contributors, ODbL 1.0"),
        parameters: .init(strategy: "optimal", vehicle: "artic-40t", fuel: "diesel-b7", maxDeadheadKm: nil,
                          handlingMinutes: 45, ignoreBodyType: false, ignoreTimeWindows: false, emissionBasis: "EN 16258"),
        summary: summary,
        pairs: [
            .init(a: "DEMO-01", b: "DEMO-02", first: "DEMO-01", savingM: 220_000, emptyBeforeM: 220_000, emptyAfterM: 0,
                  repositionM: 0, co2eSavedKgWTW: 151.448, co2eSavedKgTTW: 119.5, fuelSavedLitres: 48.4,
                  companyA: "Glasbruk <AB>", companyB: "Glasbruk <AB>", vehicle: "artic-40t", fuel: "diesel-b7", legs: legs1),
            .init(a: "DEMO-03", b: "DEMO-04", first: "DEMO-04", savingM: 417_655, emptyBeforeM: 430_000, emptyAfterM: 12_345,
                  repositionM: 12_345, co2eSavedKgWTW: 287.675, co2eSavedKgTTW: 227.0, fuelSavedLitres: 91.9,
                  companyA: "Trä, \"Oskarshamn\"", companyB: "Ljungby | Metall", vehicle: "artic-40t", fuel: "diesel-b7", legs: legs2),
        ],
        unpaired: [.init(id: "DEMO-09", reason: "no_saving")],
        observedEmpty: [.init(id: "SG-000002", distanceM: 36_200, replaces: "DEMO-02")],
        rejected: [.init(file: "batch.csv", line: 7, id: "x", reason: "origin_lat out of range: 123.4")],
        companies: [
            .init(company: "Glasbruk <AB>", shipments: 2, paired: 2, pairs: 1, sharedPairs: 0, savedM: 220_000, co2eSavedKgWTW: 151.448),
            .init(company: "Ljungby | Metall", shipments: 1, paired: 1, pairs: 1, sharedPairs: 1, savedM: 417_655, co2eSavedKgWTW: 287.675),
        ],
        warnings: ["1 unknown column ignored: vehicleType"],
        backgroundRoads: [[växjö, ljungby, oskarshamn]]
    )
    report.certificate.initialCandidates = 10
    report.certificate.initialCandidatePairs = 3
    report.certificate.pricingRounds = 2
    report.certificate.pairsPriced = 1
    report.certificate.violations = 1
    report.certificate.pairsEvaluated = 4
    report.certificate.pairsRuledOutByBound = 6
    report.certificate.boundFactor = 0.99
    report.certificate.boundSlackM = 12
    // The observed run (36.2 km) against the 12.345 km left after pairing:
    // 23.855 km saved, at the artic-40t's empty 22.0 l, 54.34 kg TTW and
    // 68.86 kg WTW per 100 km. It plausibly is DEMO-02's return.
    report.baselines.observed?.saving = Saving(metres: 23_855, litres: 5.248, co2eKgTTW: 12.963, co2eKgWTW: 16.427)
    report.baselines.replacement = .init(runs: 1, metres: 36_200, rule: .init(), candidatePairs: 2)
    let base = MatchReport.Sensitivity.Variant(
        name: "base (as run)", pairs: 2, counterfactualSavedM: 637_655, counterfactualCO2eKgWTW: 439.123, observedSavedM: 23_855,
        observedCO2eKgWTW: 16.427, optimality: "certified")
    var roads = base
    roads.name = "circuity 1.2–1.4"
    roads.notApplicable = "road distances over the graph: there is no circuity factor to vary"
    report.baselines.sensitivity = .init(base: base, variants: [
        roads,
        .init(name: "handling 30 min", pairs: 2, counterfactualSavedM: 637_655, counterfactualCO2eKgWTW: 439.123,
              observedSavedM: 23_855, observedCO2eKgWTW: 16.427, optimality: "certified"),
        .init(name: "handling 60 min", pairs: 1, counterfactualSavedM: 417_655, counterfactualCO2eKgWTW: 287.675,
              observedSavedM: -196_145, observedCO2eKgWTW: -135.066, optimality: "certified"),
        .init(name: "greedy", pairs: 2, counterfactualSavedM: 637_655, counterfactualCO2eKgWTW: 439.123,
              observedSavedM: 23_855, observedCO2eKgWTW: 16.427, optimality: "not_optimal"),
    ])
    return report
}

/// Golden files for each report format. A change in a writer shows up as a
/// diff here; after checking it, regenerate with
/// `BACKHAUL_REGENERATE_GOLDEN=1 swift test --filter ReportGoldenTests`
/// (never automatically).
@Suite struct ReportGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: ["json", "csv", "md", "html", "geojson"])
    func matchesGolden(format: String) throws {
        let report = sampleReport()
        let text = MatchOutput.render(report, try #require(MatchOptions.Format(rawValue: format)))
        let url = Self.goldenDirectory.appendingPathComponent("sample-report.\(format)")
        if ProcessInfo.processInfo.environment["BACKHAUL_REGENERATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(format) differs from \(url.path); regenerate with BACKHAUL_REGENERATE_GOLDEN=1 after checking the change")
    }

    @Test func jsonAndGeoJSONParse() throws {
        let report = sampleReport()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(MatchOutput.render(report, .json).utf8)) as? [String: Any])
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(summary["saved_km"] as? Double == 637.655)
        let geo = try #require(try JSONSerialization.jsonObject(with: Data(MatchOutput.render(report, .geojson).utf8)) as? [String: Any])
        let features = try #require(geo["features"] as? [[String: Any]])
        // Four legs of pair 1 (two of them zero-length but drawn), three of pair 2 (the return has no polyline).
        #expect(features.count == 7)
    }

    @Test func csvHasOneRowPerInputRow() {
        let lines = MatchOutput.render(sampleReport(), .csv).split(separator: "\n")
        // header + 2 pairs + 1 unpaired + 1 observed empty + 1 rejected, then
        // 2 baseline rows and 2 × 5 sensitivity rows (two baselines each)
        #expect(lines.count == 6 + 2 + 10)
        #expect(lines[2].hasPrefix("pair,DEMO-03,DEMO-04,DEMO-04,417655,"))
    }

    /// Nothing in the page can fetch or run anything. The check looks at
    /// tags and attributes (not at text, where user strings such as
    /// `http://…` are harmless) and is shown to catch each kind of
    /// reference below.
    @Test func htmlIsSelfContained() {
        for report in [sampleReport(), hostileReport(), generatedReport(pairs: 500)] {
            let html = MatchOutput.render(report, .html)
            #expect(externalReferences(in: html) == [])
            #expect(html.contains("<svg"))
        }
        #expect(MatchOutput.render(sampleReport(), .html).contains("Glasbruk &lt;AB&gt;"))
    }

    @Test(arguments: [
        #"<img src="http://x.example/a.png">"#, #"<link rel="stylesheet" href="https://x.example/a.css">"#,
        #"<script>1</script>"#, #"<p style="background:url(//x.example/a.png)">"#, #"<style>@import "a.css";</style>"#,
        #"<style>body{background:url(https://x.example/a.png)}</style>"#, #"<a href="https://x.example">x</a>"#,
        #"<svg><image xlink:href="a.png"/></svg>"#, #"<svg><use href="https://x.example/s.svg#a"/></svg>"#,
        #"<body onload="x()">"#, #"<iframe src="a.html"></iframe>"#, #"<meta http-equiv="refresh" content="0;url=https://x">"#,
        #"<svg xmlns="http://www.w3.org/2000/svg"></svg>"#,
    ])
    func theSelfContainedCheckCatches(snippet: String) {
        let html = MatchOutput.render(sampleReport(), .html).replacingOccurrences(of: "</body>", with: snippet + "</body>")
        #expect(!externalReferences(in: html).isEmpty, "not caught: \(snippet)")
    }
}
