import Emissions
import Foundation
import Pairing
import Testing
@testable import Backhaul

/// `match --max-tour`: tours through the whole job and every report.
@Suite struct TourJobTests {
    /// A triangle Växjö → Kalmar → Jönköping → Växjö that no pair closes,
    /// a reverse pair Ljungby ⇄ Oskarshamn, and a lone trip that saves
    /// nothing with anyone. Crow-fly, no time windows.
    static let batch = """
        id,company,origin_lat,origin_lon,dest_lat,dest_lon,weight_kg,body_type
        T-VXO-KLR,Alfa,56.87767,14.80906,56.66157,16.36163,12000,dry_van
        T-KLR-JKG,Beta,56.66157,16.36163,57.78261,14.16181,11000,dry_van
        T-JKG-VXO,Gamma,57.78261,14.16181,56.87767,14.80906,9000,dry_van
        P-LJU-OSK,Alfa,56.83324,13.94082,57.26455,16.44837,8000,dry_van
        P-OSK-LJU,Delta,57.26455,16.44837,56.83324,13.94082,8000,dry_van
        L-LUL-KIR,Beta,65.58415,22.15465,67.85572,20.22513,5000,dry_van

        """

    static func run(maxTour: Int, _ configure: (inout MatchOptions) -> Void = { _ in }) throws -> MatchReport {
        let folder = try TemporaryFolder()
        let path = try folder.file("batch.csv", batch)
        return try runMatch {
            $0.batches = [path]
            $0.maxTour = maxTour
            $0.outDirectory = nil
            $0.format = .geojson  // draws the cycles
            configure(&$0)
        }.report
    }

    /// Every valid row in exactly one tour or unpaired; pairs are the
    /// tours of 2; totals are the sums over the tours; the bound holds.
    static func checkTourAccounting(_ r: MatchReport) {
        let s = r.summary
        let inTours = r.tours.flatMap(\.shipments)
        #expect(s.valid == inTours.count + r.unpaired.count)
        #expect(s.paired == inTours.count)
        #expect(s.shipments == s.valid + r.observedEmpty.count + r.rejected.count)
        let ids = inTours + r.unpaired.map(\.id)
        #expect(Set(ids).count == ids.count, "an id appears twice")
        #expect(r.pairs.count == r.tours.filter { $0.shipments.count == 2 }.count)
        for t in r.tours {
            if let p = t.pair {
                #expect(Set([r.pairs[p].a, r.pairs[p].b]) == Set(t.shipments))
                #expect(r.pairs[p].first == t.shipments[0] && r.pairs[p].savingM == t.savingM)
            }
            #expect(t.legs.count == 2 * t.shipments.count)
            #expect(t.legs.last?.home == true && t.legs.last?.to == t.shipments[0])
            #expect(t.emptyAfterM == t.legs.filter { $0.kind == .empty }.reduce(0) { $0 + $1.distanceM })
            #expect(t.schedule.stops.count == 2 * t.shipments.count + 1)
        }
        #expect(s.savedM == r.tours.reduce(0) { $0 + $1.savingM })
        #expect(abs(s.co2eSavedKgWTW - r.tours.reduce(0) { $0 + $1.co2eSavedKgWTW }) < 1e-6)
        let plan = try! #require(r.tourPlan)
        #expect(plan.totalM == s.loadedM + s.emptyAfterM)
        #expect(plan.lowerBoundTotalM <= plan.totalM)
        #expect(plan.gap >= 0 && plan.gap < 1)
    }

    @Test func theTriangleIsOneTourOfThree() throws {
        let pairs = try Self.run(maxTour: 2)
        let tours = try Self.run(maxTour: 3)
        Self.checkTourAccounting(pairs)
        Self.checkTourAccounting(tours)
        // Pairs: Ljungby ⇄ Oskarshamn and one leg of the triangle paired at best.
        #expect(pairs.tours.allSatisfy { $0.shipments.count == 2 })
        // Tours: the triangle closes, with no empty leg at all.
        let triangle = try #require(tours.tours.first { $0.shipments.count == 3 })
        #expect(Set(triangle.shipments) == ["T-VXO-KLR", "T-KLR-JKG", "T-JKG-VXO"])
        #expect(triangle.emptyAfterM == 0 && triangle.savingM == triangle.emptyBeforeM)
        #expect(triangle.pair == nil)
        #expect(tours.pairs.map { Set([$0.a, $0.b]) } == [["P-LJU-OSK", "P-OSK-LJU"]])
        #expect(tours.unpaired.map(\.id) == ["L-LUL-KIR"])
        #expect(tours.unpaired.first?.reason == "no_saving")
        #expect(tours.summary.emptyAfterM < pairs.summary.emptyAfterM)
        // The pair is in a shorter tour than 3, and says why: a triangle
        // with a third shipment saves less than the pair and the triangle
        // apart, or nothing at all.
        let shorter = try #require(tours.tourPlan?.inShorterTours)
        #expect(shorter.map(\.id) == ["P-LJU-OSK", "P-OSK-LJU"])
        #expect(shorter.allSatisfy { $0.reason == "partners_taken" || $0.reason == "no_saving" })
        // Six shipments: small enough to be proven optimal.
        #expect(tours.tourPlan?.gap == 0)
        #expect(tours.tourPlan?.optimality == "proven_optimal")
        // Allocation: the triangle's three companies split its saving.
        let total = try #require(tours.allocation).total
        #expect(total.savedMetres == Int(tours.summary.savedM))
        #expect(tours.companies.first { $0.company == "Gamma" }?.allocation?.savedMetres ?? 0 > 0)
    }

    @Test func everyFormatCarriesTheTours() throws {
        let r = try Self.run(maxTour: 3)
        let json = MatchOutput.render(r, .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let plan = try #require(object["tour_plan"] as? [String: Any])
        #expect(plan["max_tour"] as? Int == 3)
        #expect(plan["optimality"] as? String == "proven_optimal")
        #expect(plan["lower_bound_total_km"] is Double || plan["lower_bound_total_km"] is Int)
        let tours = try #require(object["tours"] as? [[String: Any]])
        #expect(tours.count == 2)
        let triangle = try #require(tours.first { ($0["shipments"] as? [String])?.count == 3 })
        let legs = try #require(triangle["legs"] as? [[String: Any]])
        #expect(legs.map { $0["kind"] as? String } == ["loaded", "empty", "loaded", "empty", "loaded", "empty"])
        let schedule = try #require(triangle["schedule"] as? [String: Any])
        #expect((schedule["stops"] as? [Any])?.count == 7)
        // The three legs are 2.0 + 2.3 + 1.0 h of driving (crow-fly at
        // 70 km/h): one break is due after 4.5 h.
        #expect(schedule["breaks"] as? Int == 1)

        // CSV: one row per input row; the triangle as three tour rows.
        let csv = MatchOutput.render(r, .csv).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = csv[0].map(String.init)
        #expect(Array(header[22..<25]) == ["tour", "tour_size", "position"])
        let rows = csv.dropFirst()
        #expect(rows.filter { $0[0] == "tour" }.count == 3)
        #expect(rows.filter { $0[0] == "pair" }.count * 2 + rows.filter { $0[0] == "tour" }.count
            + rows.filter { $0[0] == "unpaired" }.count == r.summary.shipments)
        #expect(rows.allSatisfy { $0.count == header.count })

        let md = MatchOutput.render(r, .md)
        #expect(md.contains("## Tours") && md.contains("Lower bound on total km") && md.contains("Proven gap"))
        #expect(md.contains("T-VXO-KLR → T-KLR-JKG → T-JKG-VXO") || md.contains("T-KLR-JKG → T-JKG-VXO → T-VXO-KLR")
            || md.contains("T-JKG-VXO → T-VXO-KLR → T-KLR-JKG"))
        let html = MatchOutput.render(r, .html)
        #expect(html.contains(">T") && html.contains("<title>T"))
        let geojson = MatchOutput.render(r, .geojson)
        #expect(geojson.contains("\"tour\": ") && geojson.contains("\"tour_saving_m\""))
    }

    /// `--max-tour 2` is the certified pairing: the same pairs, savings and
    /// reasons as the pairing itself, on the real Samgods sample.
    @Test func maxTourTwoIsTheCertifiedPairing() throws {
        let outcome = try runMatch { $0.batches = [sample("samples/shipments/smaland-samgods.csv")] }
        let r = outcome.report
        Self.checkTourAccounting(r)
        #expect(r.certificate.optimality == "certified")
        #expect(r.tours.allSatisfy { $0.shipments.count == 2 })
        // The pairing's optimum (MatchCertificateTests): 16,574–16,575 km after.
        #expect(r.summary.emptyAfterM / 1000 == 16_574 || r.summary.emptyAfterM / 1000 == 16_575)
        #expect(r.tourPlan?.pairingEmptyAfterM == r.summary.emptyAfterM)
        // The certified pairing proves the bound: the gap is 0.
        #expect(r.tourPlan?.gap == 0)
        // Pairs that need more driving than the law allows are kept and flagged.
        let unlawful = r.tours.filter { !$0.keepsDrivingRules }
        #expect(unlawful.isEmpty == !r.warnings.contains { $0.contains("Regulation 561/2006") })
    }

    @Test func tourLimitsAreRules() throws {
        // 100 km is shorter than any tour of this batch but the Ljungby pair's
        // legs alone are ~200 km: everything stays alone, for the limit.
        let r = try Self.run(maxTour: 3) { $0.maxTourKm = 100 }
        Self.checkTourAccounting(r)
        #expect(r.tours.isEmpty)
        #expect(r.unpaired.filter { $0.reason == "max_tour_km" }.count == 5)
        #expect(r.unpaired.first { $0.id == "L-LUL-KIR" }?.reason == "no_saving")
    }

    /// Tours need more memory than pairs: a limit the pairs fit in refuses
    /// tours of 3 before any work (exit 7).
    @Test func toursAreRefusedWhenTheyCannotFit() throws {
        var three = MatchOptions(graphPath: nil, batches: [])
        three.maxTour = 3
        let limit = MatchJob.tourEstimatedBytes(three, shipments: 6) / 2
        let pairsOnly = try Self.run(maxTour: 2) { $0.maxMemoryBytes = limit }
        #expect(pairsOnly.tours.count == 2)
        let error = #expect(throws: CommandFailure.self) {
            try Self.run(maxTour: 3) { $0.maxMemoryBytes = limit }
        }
        #expect(error?.status == .tooLarge)
    }

    /// `--tour-seconds 0`: the tours stop at once, the report warns where,
    /// and the proven bound still lies below the plan of an unlimited run;
    /// the default budget does not bind on a small batch.
    @Test func aSpentTourBudgetIsReported() throws {
        let unlimited = try Self.run(maxTour: 3) { $0.tourSeconds = nil }
        let byDefault = try Self.run(maxTour: 3)
        #expect(byDefault.warnings.count == unlimited.warnings.count && byDefault.tourPlan?.totalM == unlimited.tourPlan?.totalM)
        let stopped = try Self.run(maxTour: 3) { $0.tourSeconds = 0 }
        Self.checkTourAccounting(stopped)
        let plan = try #require(stopped.tourPlan), best = try #require(unlimited.tourPlan)
        #expect(plan.lowerBoundTotalM <= best.totalM && plan.lowerBoundTotalM <= plan.totalM)
        #expect(plan.totalM <= plan.pairingEmptyAfterM + (plan.totalM - plan.emptyAfterM))
        #expect(stopped.warnings.contains { $0.hasPrefix("--tour-seconds 0 stopped the assignment bound") }, "\(stopped.warnings)")
        #expect(!unlimited.warnings.contains { $0.contains("--tour-seconds") })
    }

    @Test func greedyTakesNoTours() throws {
        let error = #expect(throws: CommandFailure.self) { try Self.run(maxTour: 3) { $0.strategy = .greedy } }
        #expect(error?.status == .usage)
        // Greedy pairs prove nothing: the bound is the trivial one.
        let r = try Self.run(maxTour: 2) { $0.strategy = .greedy }
        #expect(r.tourPlan?.boundIsTrivial == true && r.tourPlan?.optimality == "bounded")
    }
}
