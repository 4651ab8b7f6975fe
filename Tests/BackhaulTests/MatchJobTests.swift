import Foundation
import Routing
import Testing
@testable import Backhaul

/// The package root, for the bundled samples.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func sample(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

/// Runs `match` through the library entry point, without printing.
func runMatch(_ configure: (inout MatchOptions) -> Void) throws(CommandFailure) -> MatchJob.Outcome {
    var options = MatchOptions(graphPath: nil, batches: [])
    configure(&options)
    return try MatchJob.run(options, console: Console(quiet: true, captureOnly: true))
}

/// A temporary folder removed at the end of the test.
struct TemporaryFolder: ~Copyable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bh-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// Checks the invariants every report must satisfy, whatever the input.
func checkAccounting(_ r: MatchReport) {
    let s = r.summary
    // Every input row is in exactly one of pairs, unpaired, observed_empty, rejected.
    #expect(s.shipments == 2 * r.pairs.count + r.unpaired.count + r.observedEmpty.count + r.rejected.count)
    #expect(s.valid == s.paired + s.unpaired)
    #expect(s.paired == 2 * s.pairs && s.pairs == r.pairs.count && s.unpaired == r.unpaired.count)
    let ids = r.pairs.flatMap { [$0.a, $0.b] } + r.unpaired.map(\.id) + r.observedEmpty.map(\.id)
    #expect(Set(ids).count == ids.count, "an id appears twice")
    // Totals equal the sums over the pairs.
    #expect(s.savedM == r.pairs.reduce(0) { $0 + $1.savingM })
    #expect(abs(s.co2eSavedKgWTW - r.pairs.reduce(0) { $0 + $1.co2eSavedKgWTW }) < 1e-6)
    #expect(abs(s.fuelSavedLitres - r.pairs.reduce(0) { $0 + $1.fuelSavedLitres }) < 1e-6)
    for p in r.pairs {
        #expect(p.savingM == p.emptyBeforeM - p.emptyAfterM && p.savingM > 0)
        #expect(p.first == p.a || p.first == p.b)
    }
}

@Suite struct MatchJobSmalandCrowflyTests {
    /// The synthetic Småland demo with the crow-fly estimate (no graph).
    ///
    /// Worked out by hand from the file (see samples/shipments/README.md):
    /// - 01⇄02 (Växjö–Kalmar), 03⇄04 (Ljungby–Oskarshamn) and 05⇄06
    ///   (Alvesta–Västervik) are exact reverses with equal body types: each
    ///   pair saves both empty returns (2 × 1.3 × great-circle), and the
    ///   return pickup is hours after the outbound delivery, so a-first works.
    /// - 07 (Nybro→Älmhult, reefer) and 08 (Älmhult→Nybro, tipper) are
    ///   reverses, but a reefer and a tipper cannot share a truck: 08's best
    ///   partner is 07 (body_type). 07's compatible partners (01, 02, 03)
    ///   fail the time windows in both orders (e.g. 07 first reaches Växjö
    ///   around 12:40, long after 01's 09:00 pickup limit), so its best
    ///   partner 08 decides: body_type.
    /// - 09 (Emmaboda→Tingsryd) would save most with 08 (tipper, body_type);
    ///   its compatible partners 01 and 03 also fail the windows: body_type.
    @Test func demoPairsAndReasons() throws {
        let r = try runMatch { $0.batches = [sample("samples/shipments/demo-smaland.csv")] }.report
        checkAccounting(r)
        #expect(r.graph.distanceModel == "crowfly" && r.graph.circuity == 1.3)
        #expect(r.pairs.map { "\($0.a)+\($0.b)" } == ["DEMO-01+DEMO-02", "DEMO-03+DEMO-04", "DEMO-05+DEMO-06"])
        #expect(r.unpaired.map { "\($0.id):\($0.reason)" } == ["DEMO-07:body_type", "DEMO-08:body_type", "DEMO-09:body_type"])
        // An exact reverse pair saves both empty returns: 2 × 1.3 × great-circle.
        let växjö = Coordinate(latitude: 56.87767, longitude: 14.80906)
        let kalmar = Coordinate(latitude: 56.66157, longitude: 16.36163)
        let oneWay = (växjö.distance(to: kalmar) * 1.3).rounded()
        let p = r.pairs[0]
        #expect(p.savingM == 2 * Int64(oneWay) && p.emptyAfterM == 0 && p.repositionM == 0)
        // 100 km empty artic-40t on diesel-b7 is 22 l and 68.86 kg WTW (contract), so per metre
        // (reported in whole grams, apportioned so that pairs and companies add up to the total):
        #expect(abs(p.co2eSavedKgWTW - Double(p.savingM) / 100_000 * 22 * 3.13) <= 0.001)
    }

    @Test func ignoringBodyTypesPairsTheReeferWithTheTipper() throws {
        let r = try runMatch {
            $0.batches = [sample("samples/shipments/demo-smaland.csv")]
            $0.ignoreBodyType = true
        }.report
        checkAccounting(r)
        #expect(r.pairs.map { "\($0.a)+\($0.b)" }.contains("DEMO-07+DEMO-08"))
        // 09's compatible partners are now all taken by better pairs.
        #expect(r.unpaired.map { "\($0.id):\($0.reason)" } == ["DEMO-09:partners_taken"])
    }

    @Test func greedyNeverBeatsOptimal() throws {
        for file in ["samples/shipments/demo-smaland.csv", "samples/shipments/smaland-samgods.csv"] {
            let optimal = try runMatch { $0.batches = [sample(file)] }.report
            let greedy = try runMatch { $0.batches = [sample(file)]; $0.strategy = .greedy }.report
            checkAccounting(greedy)
            #expect(greedy.summary.savedM <= optimal.summary.savedM)
        }
    }

    /// The real Samgods trips (Bischoff et al., MT-ITS 2019): 301 loads and
    /// 149 observed empty runs, no rejection, everything accounted for.
    @Test func samgodsTripsAreAllAccountedFor() throws {
        let r = try runMatch { $0.batches = [sample("samples/shipments/smaland-samgods.csv")] }.report
        checkAccounting(r)
        #expect(r.summary.shipments == 450 && r.summary.valid == 301 && r.summary.observedEmptyRuns == 149)
        #expect(r.rejected.isEmpty)
        #expect(r.summary.pairs > 0)
        #expect(r.observedEmpty.allSatisfy { $0.distanceM != nil })
    }

    @Test func sameInputGivesByteIdenticalReports() throws {
        let run = { () throws -> [String] in
            let r = try runMatch {
                $0.batches = [sample("samples/shipments/demo-smaland.csv"), sample("samples/shipments/demo-malta.csv")]
                $0.outDirectory = "unused"  // asks for geometry, as --out does
            }.report
            return MatchOptions.Format.allCases.map { MatchOutput.render(r, $0) }
        }
        #expect(try run() == run())
    }
}

@Suite struct MatchJobFailureTests {
    func status(_ configure: (inout MatchOptions) -> Void) -> (Backhaul.ExitStatus, String)? {
        do {
            _ = try runMatch(configure)
            return nil
        } catch {
            return (error.status, error.message)
        }
    }

    @Test func missingGraphIsAUsageError() throws {
        let r = status { $0.graphPath = "/nonexistent/g.bhg"; $0.batches = [sample("samples/shipments/demo-smaland.csv")] }
        #expect(r?.0 == .usage)
    }

    @Test func corruptGraphIsInvalidInput() throws {
        let t = try TemporaryFolder()
        let g = try t.file("broken.gr", "p sp 3 2\na 1 2 x\n")
        let r = status { $0.graphPath = g; $0.batches = [sample("samples/shipments/demo-smaland.csv")] }
        #expect(r?.0 == .invalidInput)
        #expect(r?.1.contains("broken.gr:2") == true)
    }

    @Test func emptyAndAllBadBatchesAreInvalidInput() throws {
        let t = try TemporaryFolder()
        let empty = try t.file("empty.csv", "id,origin_lat,origin_lon,dest_lat,dest_lon\n")
        let bad = try t.file("bad.csv", "id,origin_lat,origin_lon,dest_lat,dest_lon\nA,123,14,56,15\nB,x,14,56,15\n")
        #expect(status { $0.batches = [empty] }?.0 == .invalidInput)
        let r = status { $0.batches = [bad] }
        #expect(r?.0 == .invalidInput)
        #expect(r?.1.contains("bad.csv") == true)
    }

    @Test func missingBatchIsAUsageError() {
        #expect(status { $0.batches = ["/nonexistent/batch.csv"] }?.0 == .usage)
    }

    @Test func unknownVehicleIsAUsageError() {
        let r = status { $0.batches = [sample("samples/shipments/demo-smaland.csv")]; $0.vehicle = "artic-99t" }
        #expect(r?.0 == .usage)
        #expect(r?.1.contains("artic-40t") == true)
    }

    @Test func strictTurnsRejectionsIntoExitOne() throws {
        let t = try TemporaryFolder()
        let mixed = try t.file("mixed.csv", "id,origin_lat,origin_lon,dest_lat,dest_lon\nA,56.87,14.80,56.66,16.36\nB,123,14,56,15\n")
        let lenient = try runMatch { $0.batches = [mixed] }
        #expect(lenient.status == .success && lenient.report.rejected.count == 1)
        checkAccounting(lenient.report)
        let strict = try runMatch { $0.batches = [mixed]; $0.strict = true }
        #expect(strict.status == .rejectedRows)
    }

    @Test func unwritableOutFolderFailsBeforeAnyWorkAndLeavesNothing() throws {
        let t = try TemporaryFolder()
        let blocker = try t.file("not-a-folder", "x")
        var o = MatchOptions(graphPath: nil, batches: [sample("samples/shipments/demo-smaland.csv")])
        o.outDirectory = blocker
        #expect(throws: CommandFailure.self) { try MatchJob.execute(o, console: Console(quiet: true, captureOnly: true)) }
        o.outDirectory = t.url.path + "/missing/deeper"
        #expect(throws: CommandFailure.self) { try MatchJob.execute(o, console: Console(quiet: true, captureOnly: true)) }
        #expect(t.contents == ["not-a-folder"])
    }

    @Test func outWritesEveryReportAndNothingElse() throws {
        let t = try TemporaryFolder()
        var o = MatchOptions(graphPath: nil, batches: [sample("samples/shipments/demo-smaland.csv")])
        o.outDirectory = t.url.appendingPathComponent("reports").path
        #expect(try MatchJob.execute(o, console: Console(quiet: true, captureOnly: true)) == .success)
        // The five reports, through the link `latest` (see OutputFolder).
        try expectNoLeftovers(o.outDirectory!, expectPrevious: false)
        let json = try Data(contentsOf: URL(fileURLWithPath: o.outDirectory! + "/result.json"))
        #expect(try JSONSerialization.jsonObject(with: json) is [String: Any])
    }
}

/// The README's main command: the synthetic Malta batch over the real Malta
/// road network (© OpenStreetMap contributors, ODbL 1.0), HGV profile.
@Suite struct MatchJobMaltaRoadTests {
    static let outcome: Result<MatchJob.Outcome, CommandFailure> = Result { () throws(CommandFailure) in
        try runMatch {
            $0.graphPath = sample("samples/malta/malta-latest.osm.pbf")
            $0.batches = [sample("samples/shipments/demo-malta.csv")]
            $0.outDirectory = "unused"  // draw the routes, as --out does
        }
    }

    /// Worked out from the batch (samples/shipments/README.md and the crow-fly
    /// savings between its sites):
    /// - 01⇄02 (Freeport ⇄ Technopark, containers), 03⇄04 (Marsa ⇄ Ċirkewwa,
    ///   tautliners) and 05⇄06 (Ħal Far ⇄ San Ġwann, a reefer with a dry van:
    ///   compatible) are reverse trips whose return pickup is hours later, so
    ///   each pair saves both empty returns (reposition 0);
    /// - 07 (Bulebel→Mrieħel) and 08 (Mrieħel→Kordin) are tippers: a partial
    ///   return — the truck still drives Kordin→Bulebel empty, so the pair
    ///   saves less than both returns;
    /// - 09 (Luqa→Mosta, dry van) would save most with 02 (a container: body
    ///   type) but its compatible partners 04 and 06 are in pairs that save
    ///   more: partners_taken;
    /// - 10 is the only tanker: every partner with a saving has another body:
    ///   body_type.
    @Test func demoPairsOnRealRoads() throws {
        let outcome = try Self.outcome.get()
        let r = outcome.report
        checkAccounting(r)
        #expect(r.graph.distanceModel == "road" && r.graph.profile == "hgv")
        #expect(r.graph.attribution?.contains("OpenStreetMap") == true)
        #expect(r.pairs.map { "\($0.a)+\($0.b)" } == ["MT-01+MT-02", "MT-03+MT-04", "MT-05+MT-06", "MT-07+MT-08"])
        #expect(r.unpaired.map { "\($0.id):\($0.reason)" } == ["MT-09:partners_taken", "MT-10:body_type"])
        for p in r.pairs.prefix(3) {
            #expect(p.emptyAfterM < 500, "\(p.a)+\(p.b) should save (almost) both returns")
        }
        let partial = r.pairs[3]
        #expect(partial.emptyAfterM > 1_000 && partial.savingM > 1_000)
        // Road distances are longer than the crow flies, but not absurdly.
        let crow = try runMatch { $0.batches = [sample("samples/shipments/demo-malta.csv")]; $0.circuity = 1.0 }.report
        #expect(r.summary.loadedM > crow.summary.loadedM && r.summary.loadedM < 2 * crow.summary.loadedM)
        // Per-company figures: every pair here is between two companies.
        #expect(r.companies.count == 10 && r.companies.allSatisfy { $0.pairs == $0.sharedPairs })
        // Every pair's cycle is drawn along the roads: four legs, the loaded
        // ones with many points.
        for p in r.pairs {
            #expect(p.legs.map(\.kind) == [.loaded, .reposition, .loaded, .return])
            #expect(p.legs[0].polyline.count > 10)
        }
        #expect(!r.backgroundRoads.isEmpty)
    }

    @Test func htmlReportOpensInABrowser() throws {
        let html = MatchOutput.render(try Self.outcome.get().report, .html)
        let (png, console) = try Browser.render(html, name: "malta-report")
        #expect(console.isEmpty, "console: \(console)")
        let size = try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int ?? 0
        #expect(size > 20_000, "screenshot \(png.path) is \(size) bytes")
    }
}
