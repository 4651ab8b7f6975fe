import Testing
@testable import Pairing

/// Tours over legs on demand (``SpatialPairingProblem``): the same optimum
/// as exhaustive search on small batches, bounds that hold against the dense
/// table's plans on larger ones, and far fewer legs than a table.
@Suite struct TourSpatialTests {
    static func instance(seed: UInt64, count: Int, windows: Bool) throws -> (SpatialPairingProblem, PairingProblem) {
        var rng = SplitMix64(seed: seed)
        let geo = GeoShipments(count: count, towns: 6, using: &rng)
        let shipments = (0..<count).map { i -> Shipment in
            let pe: Int64? = windows && Bool.random(using: &rng) ? 1_800_000_000 + Int64.random(in: 0..<40_000, using: &rng) : nil
            let pl = pe.map { $0 + Int64.random(in: 0..<20_000, using: &rng) }
            return Shipment(
                id: "g\(i)", origin: .coordinate(latitude: geo.origins[i].latitude, longitude: geo.origins[i].longitude),
                destination: .coordinate(latitude: geo.destinations[i].latitude, longitude: geo.destinations[i].longitude),
                pickupEarliest: pe.map { Timestamp(seconds: $0) }, pickupLatest: pl.map { Timestamp(seconds: $0) })
        }
        let loaded = (0..<count).map { Optional(geo.loaded($0)) }
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) },
            space: geo.space, legs: geo.source)
        let dense = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: try geo.denseTable())
        return (spatial, dense)
    }

    @Test(arguments: 0..<16)
    func smallBatchesReachTheOptimum(seed: Int) throws {
        let windows = seed % 2 == 1
        let (spatial, dense) = try Self.instance(seed: UInt64(seed) &+ 60_000, count: 2 + seed % 8, windows: windows)
        var options = TourOptions(maxTour: 3)
        options.pairing.ignoreTimeWindows = !windows
        options.drivingRules = nil
        let result = try spatial.tours(options: options)
        let best = TourBruteForceTests.Reference(problem: dense, options: options).optimum()
        #expect(result.bound.scope == .allLegs)
        #expect(result.bound.emptyMetres <= best, "seed \(seed)")
        #expect(result.emptyMetresAfter == best, "seed \(seed): \(result.emptyMetresAfter) vs \(best)")
    }

    /// Each side's bound is below the other side's plan; with tours of 2
    /// the spatial plan is the certified pairing.
    @Test(arguments: [(70_001, 90), (70_002, 160)])
    func boundsHoldAcrossTheTwoPaths(seed: Int, count: Int) throws {
        let (spatial, dense) = try Self.instance(seed: UInt64(seed), count: count, windows: false)
        var options = TourOptions(maxTour: 3)
        options.pairing.ignoreTimeWindows = true
        let s = try spatial.tours(options: options)
        let d = dense.tours(options: options)
        #expect(s.bound.emptyMetres <= d.emptyMetresAfter)
        #expect(d.bound.emptyMetres <= s.emptyMetresAfter)
        #expect(s.bound.emptyMetres <= s.emptyMetresAfter && d.bound.emptyMetres <= d.emptyMetresAfter)
        #expect(s.bound.assignmentEmptyMetres == d.bound.assignmentEmptyMetres, "the assignment bound is exact on both")
        #expect(s.statistics.legsComputed < count * count / 2, "\(s.statistics.legsComputed) legs for \(count) shipments")
        var seen = [Int](repeating: 0, count: count)
        for t in s.tours { for i in t.shipments { seen[i] += 1 } }
        for u in s.unpaired { seen[u.index] += 1 }
        #expect(seen.allSatisfy { $0 == 1 })

        var two = options
        two.maxTour = 2
        two.drivingRules = nil
        let pairs = try spatial.tours(options: two)
        #expect(pairs.savedMetres == dense.pair(options: two.pairing).savedMetres)
        #expect(pairs.bound.emptyMetres == pairs.emptyMetresAfter)
    }
}
