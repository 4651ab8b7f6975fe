import Testing
@testable import Pairing

/// Reruns of the certified pairing from a previous run
/// (``SpatialPairingProblem/rerun(options:from:reusingLegs:progress:)``, the
/// sensitivity runs of `match --sensitivity`) find what a fresh run finds,
/// while reusing its legs, candidates and matching.
@Suite struct BaselineRerunTests {
    /// The fresh optimum (certified) for a problem and options.
    static func fresh(_ p: SpatialPairingProblem, _ o: PairingOptions) throws -> PairingResult {
        try p.pair(options: o)
    }

    static func problem(_ geo: GeoShipments, _ shipments: [Shipment]) throws -> SpatialPairingProblem {
        try SpatialPairingProblem(
            shipments: shipments, loadedLegs: (0..<geo.count).map { Optional(geo.loaded($0)) },
            ownReturns: (0..<geo.count).map { Optional(geo.empty($0, $0)) }, space: geo.space, legs: geo.source)
    }

    /// Handling ±15 min, windows ±30 min, the other strategy and another
    /// circuity, on generated batches: every rerun equals a fresh run.
    @Test func rerunsEqualFreshRuns() throws {
        for seed in 0..<48 as Range<UInt64> {
            let count = 40 + Int(seed % 5) * 25
            let (geo, shipments, options) = CertifiedPairingTests.instance(seed: seed, count: count)
            let base = try Self.problem(geo, shipments)
            let (result, restart) = try base.pairKeepingRestart(options: options)
            let plain = try Self.fresh(base, options)
            #expect(result.pairs == plain.pairs && result.unpaired == plain.unpaired && result.optimality == plain.optimality,
                    "seed \(seed): keeping the restart changes nothing")

            // Handling.
            for delta in [-900, 900] {
                var o = options
                o.handlingSeconds = max(0, o.handlingSeconds + delta)
                let rerun = try base.rerun(options: o, from: restart, reusingLegs: true)
                let reference = try Self.fresh(base, o)
                #expect(rerun.optimality == .certified && rerun.savedMetres == reference.savedMetres, "seed \(seed) handling \(delta)")
                #expect(rerun.emptyMetresBefore == reference.emptyMetresBefore && rerun.loadedMetres == reference.loadedMetres)
            }
            // Windows.
            for delta in [-1800, 1800] as [Int64] {
                let moved = try SpatialPairingProblem(
                    shipments: shipments.map { $0.windowsAdjusted(bySeconds: delta) }, loadedLegs: base.loadedLegs,
                    ownReturns: base.ownReturns, space: base.space, legs: base.legs)
                let rerun = try moved.rerun(options: options, from: restart, reusingLegs: true)
                #expect(rerun.savedMetres == (try Self.fresh(moved, options)).savedMetres, "seed \(seed) windows \(delta)")
            }
            // The other strategy: greedy is the same greedy matching (its
            // own candidates), optimal the certified optimum.
            var o = options
            o.strategy = .greedy
            let greedy = try base.rerun(options: o, from: restart, reusingLegs: true)
            let freshGreedy = try Self.fresh(base, o)
            #expect(greedy.pairs == freshGreedy.pairs && greedy.optimality == .notOptimal, "seed \(seed) greedy")
            #expect(greedy.savedMetres <= result.savedMetres)
            let (_, greedyRestart) = try base.pairKeepingRestart(options: o)
            let optimal = try base.rerun(options: options, from: greedyRestart, reusingLegs: true)
            #expect(optimal.savedMetres == result.savedMetres, "seed \(seed) optimal from greedy")

            // Another circuity: every leg differs, so none is reused; the
            // index is the same, its bound rescaled.
            let c = 1.2
            let scaled = TableLegSource { i, j in Self.crowfly(geo.destinations[i], geo.origins[j], c) }
            let other = try SpatialPairingProblem(
                shipments: shipments, loadedLegs: (0..<count).map { Self.crowfly(geo.origins[$0], geo.destinations[$0], c) },
                ownReturns: (0..<count).map { Self.crowfly(geo.destinations[$0], geo.origins[$0], c) },
                space: base.space.withBound(.crowfly(circuity: c)), legs: scaled)
            let rerun = try other.rerun(options: options, from: restart, reusingLegs: false)
            let freshSpace = try SpatialPairingProblem(
                shipments: shipments, loadedLegs: other.loadedLegs, ownReturns: other.ownReturns,
                space: ShipmentSpace(origins: geo.origins, destinations: geo.destinations, bound: .crowfly(circuity: c)), legs: scaled)
            #expect(rerun.savedMetres == (try Self.fresh(freshSpace, options)).savedMetres, "seed \(seed) circuity")
        }
    }

    static func crowfly(_ a: GeoPoint, _ b: GeoPoint, _ circuity: Double) -> Leg {
        let metres = (a.distance(to: b) * circuity).rounded()
        return Leg(metres: Int(metres), seconds: Int((metres / (70 / 3.6)).rounded()))
    }

    /// Reusing the legs asks the source only for pairs the previous run did
    /// not evaluate: a rerun with unchanged options asks for none.
    @Test func reusedLegsAreNotAskedAgain() throws {
        let (geo, shipments, options) = CertifiedPairingTests.instance(seed: 11, count: 150)
        let base = try Self.problem(geo, shipments)
        let (result, restart) = try base.pairKeepingRestart(options: options)
        let same = try base.rerun(options: options, from: restart, reusingLegs: true)
        #expect(same.savedMetres == result.savedMetres)
        #expect(same.statistics.legsComputed == 0)
        #expect(restart.evaluatedPairs > 0 && restart.candidatePairs == result.candidatePairs)
        let recomputed = try base.rerun(options: options, from: restart, reusingLegs: false)
        #expect(recomputed.savedMetres == result.savedMetres && recomputed.statistics.legsComputed > 0)
    }

    /// With a gap tolerance the rerun may stop early, and then says so:
    /// the saving found ≤ the optimum ≤ the proven bound, and the bound is
    /// within the tolerance.
    @Test func gapToleranceIsProven() throws {
        var stopped = 0
        for seed in 0..<30 as Range<UInt64> {
            let (geo, shipments, options) = CertifiedPairingTests.instance(seed: seed, count: 200)
            let base = try Self.problem(geo, shipments)
            let (_, restart) = try base.pairKeepingRestart(options: options)
            var o = options
            // A change that only excludes pairs (the first run's edges
            // usually hold the new optimum) and one that admits pairs the
            // pricing must find.
            if seed % 2 == 0 { o.handlingSeconds += 900 } else { o.ignoreTimeWindows = true }
            o.pricingBudget.relativeGap = 0.01
            let rerun = try base.rerun(options: o, from: restart, reusingLegs: true)
            o.pricingBudget.relativeGap = nil
            let optimum = try Self.fresh(base, o).savedMetres
            switch rerun.optimality {
            case .certified:
                #expect(rerun.savedMetres == optimum, "seed \(seed)")
            case .bounded(let bound):
                stopped += 1
                #expect(rerun.savedMetres <= optimum && optimum <= bound, "seed \(seed)")
                #expect(Double(bound - rerun.savedMetres) <= 0.01 * Double(rerun.savedMetres))
                #expect(rerun.statistics.stoppedBy?.contains("gap tolerance") == true)
            case .notOptimal:
                Issue.record("seed \(seed): an optimal rerun reported no optimality")
            }
        }
        #expect(stopped > 0, "no rerun stopped at the tolerance: the test shows nothing")
    }

    /// A restart belongs to its shipments.
    @Test func otherShipmentsAreRefused() throws {
        let (geo, shipments, options) = CertifiedPairingTests.instance(seed: 5, count: 30)
        let (_, restart) = try Self.problem(geo, shipments).pairKeepingRestart(options: options)
        var renamed = shipments
        renamed[0].id = "another"
        let other = try Self.problem(geo, renamed)
        #expect(throws: PairingError.self) { try other.rerun(options: options, from: restart, reusingLegs: true) }
    }
}
