import Testing
@testable import Pairing

/// The focused pricing passes of ``CertifiedPairingRun/price(duals:perShipment:)``:
/// after new duals only the shipments whose room grew (or whose quota cut
/// their last search short) search, and a pass is `complete` — the only kind
/// after which the loop may certify — once every shipment has searched
/// under the current duals.
@Suite struct FocusedPricingTests {
    static func run(seed: UInt64, count: Int, relativeGap: Double? = nil) throws -> CertifiedPairingRun {
        var (geo, shipments, options) = CertifiedPairingTests.instance(seed: seed, count: count)
        options.pricingBudget.relativeGap = relativeGap
        let loaded = (0..<count).map { Optional(geo.loaded($0)) }
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) },
            space: geo.space, legs: geo.source)
        return CertifiedPairingRun(problem: spatial, options: options, progress: nil)
    }

    static func duals(_ u: [Int]) -> MatchingDuals {
        MatchingDuals(vertexDuals: u, blossomDuals: [], blossomParents: [], vertexBlossoms: .init(repeating: -1, count: u.count))
    }

    /// New duals under which no room grows: the focused pass searches only
    /// the shipments left open, is not complete, and the next pass under
    /// the same duals searches the rest and is.
    @Test(arguments: [UInt64(11), 12, 13])
    func aFocusedPassIsNotComplete(seed: UInt64) throws {
        var run = try Self.run(seed: seed, count: 160)
        let n = run.n
        let first = run.price(duals: Self.duals(.init(repeating: 0, count: n)), perShipment: 2)
        let firstComplete = first.complete, firstFound = first.pairs.count
        #expect(firstComplete, "the first pass searches every shipment")
        #expect(firstFound > 0)
        // Every dual up by 2 km: every room falls.
        run.dualsChanged = true
        let focused = run.price(duals: Self.duals(.init(repeating: 4_000, count: n)), perShipment: 2)
        let focusedComplete = focused.complete
        let unsearched = run.pricingState.indices.filter { run.usable[$0] && run.pricingState[$0] == .unsearched }
        #expect(!unsearched.isEmpty)
        #expect(!focusedComplete)
        for i in unsearched { #expect(focused.largestRoom[i] == .infinity, "an unsearched room is unknown") }
        run.dualsChanged = false  // as the loop does after each pass
        let complete = run.price(duals: Self.duals(.init(repeating: 4_000, count: n)), perShipment: 2).complete
        #expect(run.pricingState.allSatisfy { $0 != .unsearched })
        #expect(complete)
    }

    /// A run that stops at a relative gap (the `--sensitivity` reruns)
    /// checks its bound after every pass, so every pass searches every
    /// shipment.
    @Test func aRunWithAGapToleranceNeverFocuses() throws {
        var run = try Self.run(seed: 11, count: 160, relativeGap: 0.01)
        let n = run.n
        _ = run.price(duals: Self.duals(.init(repeating: 0, count: n)), perShipment: 2)
        run.dualsChanged = true
        let pass = run.price(duals: Self.duals(.init(repeating: 4_000, count: n)), perShipment: 2)
        let complete = pass.complete, largest = pass.largestRoom
        #expect(complete)
        #expect(!largest.contains(.infinity))
    }

    /// One shipment's room grows: it searches in the focused pass, and a
    /// shipment whose room fell and whose search was exhausted does not.
    @Test func aGrownRoomIsSearched() throws {
        var run = try Self.run(seed: 14, count: 160)
        let n = run.n
        let high = [Int](repeating: 1_000_000_000, count: n)
        let first = run.price(duals: Self.duals(high), perShipment: 2)
        let firstFound = first.pairs.count, firstComplete = first.complete
        #expect(firstFound == 0 && firstComplete, "duals this high leave no room")
        guard let grown = (0..<n).first(where: { run.usable[$0] }) else {
            Issue.record("no usable shipment")
            return
        }
        var lower = high
        lower[run.rank[grown]] = 0
        run.dualsChanged = true
        _ = run.price(duals: Self.duals(lower), perShipment: 2)
        #expect(run.pricingState[grown] != .unsearched)
        #expect(run.pricingState.indices.filter { $0 != grown && run.usable[$0] }.allSatisfy { run.pricingState[$0] == .unsearched })
    }

    /// A focused pass that finds only a few pairs leaves them for the rest
    /// of the pass under the same duals, and one re-solve takes them all
    /// (``CertifiedPairingRun/fewPairs``): over generated batches some
    /// passes do, and every result is still the dense optimum.
    @Test func fewPairsWaitForTheRestOfThePass() throws {
        var waited = 0
        for seed in UInt64(30)..<42 {
            let count = 200 + Int(seed % 3) * 100
            let (geo, shipments, options) = CertifiedPairingTests.instance(seed: seed, count: count)
            let (reference, spatial) = try CertifiedPairingTests.problems(geo, shipments, options)
            let result = try spatial.pair(options: options)
            #expect(result.optimality == .certified, "seed \(seed)")
            #expect(result.savedMetres == reference.savedMetres, "seed \(seed)")
            waited += try #require(result.statistics).pricingRoundsCompletedBeforeSolves
        }
        #expect(waited > 0)
    }
}
