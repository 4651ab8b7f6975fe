import Foundation
import Pairing
import Testing
@testable import Backhaul

/// What `match` proves about its pairing, and what it refuses before the
/// work starts.
@Suite struct MatchCertificateTests {
    /// The real Samgods sample, crow-fly: certified, every pair accounted
    /// for (evaluated or ruled out by the bound), in every format.
    @Test func samgodsSampleIsCertified() throws {
        let outcome = try runMatch { $0.batches = [sample("samples/shipments/smaland-samgods.csv")] }
        let c = outcome.report.certificate
        #expect(c.optimality == "certified")
        #expect(c.gapM == nil)
        let n = outcome.report.summary.valid
        #expect(c.pairsEvaluated + c.pairsRuledOutByBound == n * (n - 1) / 2)
        #expect(c.pairsRuledOutByBound > c.pairsEvaluated)
        #expect(c.boundFactor == 1.3)
        let json = MatchOutput.render(outcome.report, .json)
        #expect(json.contains("\"optimality\": \"certified\""))
        #expect(MatchOutput.render(outcome.report, .md).contains("Optimality: certified"))
        // The figures of issue 16's table: 64,869 km before, 16,575 after.
        #expect(outcome.report.summary.emptyBeforeM / 1000 == 64_869)
        #expect(outcome.report.summary.emptyAfterM / 1000 == 16_574 || outcome.report.summary.emptyAfterM / 1000 == 16_575)
    }

    /// The same optimum whatever the first candidate set: one partner each
    /// or forty.
    @Test func candidatesChangeTheWorkNotTheResult() throws {
        func saved(_ k: Int) throws -> (Int64, MatchReport.Certificate) {
            let o = try runMatch {
                $0.batches = [sample("samples/shipments/smaland-samgods.csv")]
                $0.candidatesPerShipment = k
            }
            return (o.report.summary.savedM, o.report.certificate)
        }
        let (one, c1) = try saved(1), (forty, c40) = try saved(40)
        #expect(one == forty)
        #expect(c1.optimality == "certified" && c40.optimality == "certified")
        #expect(c1.pairsPriced > c40.pairsPriced)
    }

    /// Stopping the pricing at once gives a proven gap, never "certified",
    /// and the optimum lies within it.
    @Test func pricingBudgetGivesAProvenGap() throws {
        let optimum = try runMatch { $0.batches = [sample("samples/shipments/smaland-samgods.csv")] }.report.summary.savedM
        let bounded = try runMatch {
            $0.batches = [sample("samples/shipments/smaland-samgods.csv")]
            $0.candidatesPerShipment = 1
            $0.pricingSeconds = 0
        }.report
        #expect(bounded.certificate.optimality == "bounded")
        let gap = try #require(bounded.certificate.gapM)
        #expect(bounded.summary.savedM <= optimum && optimum <= bounded.summary.savedM + gap)
        #expect(MatchOutput.render(bounded, .json).contains("\"optimality\": \"bounded\""))
        #expect(MatchOutput.render(bounded, .md).contains("not proven"))
    }

    /// A batch that cannot fit the memory limit is refused with exit 7
    /// before any work, naming the estimate and the limit.
    @Test func tooLargeIsRefusedBeforeTheWork() throws {
        do {
            _ = try runMatch {
                $0.batches = [sample("samples/shipments/smaland-samgods.csv")]
                $0.maxMemoryBytes = 1_000
            }
            Issue.record("expected exit 7")
        } catch {
            #expect(error.status == .tooLarge)
            #expect(error.message.contains("--max-memory-gb") && error.message.contains("pairing 301 shipments"))
        }
    }

    /// Greedy claims nothing.
    @Test func greedyIsNotOptimal() throws {
        let r = try runMatch {
            $0.batches = [sample("samples/shipments/smaland-samgods.csv")]
            $0.strategy = .greedy
        }.report
        #expect(r.certificate.optimality == "not_optimal")
        #expect(MatchOutput.render(r, .md).contains("none claimed"))
    }
}
