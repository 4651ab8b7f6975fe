import Testing
@testable import Pairing

/// The time pruning of the pair queries (``PairTimes``): it never skips a
/// pair that some order could serve in time, and the index skips exactly
/// what the per-pair test skips.
@Suite struct PairTimesTests {
    /// Pair queries with ownership and time keys equal brute force over
    /// every shipment: whole-node skips lose nothing.
    @Test(arguments: 0..<30)
    func ownedTimedQueriesEqualBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: 0x71_4E5 + seed)
        let n = Int.random(in: 1...300, using: &rng)
        let batch = GeoShipments(count: n, towns: Int.random(in: 1...20, using: &rng), using: &rng)
        let space = batch.space
        let day = 86_400.0
        // Times over two days, some shipments unable to go first or second.
        let free = (0..<n).map { _ -> Double in
            Int.random(in: 0..<10, using: &rng) == 0 ? .infinity : .random(in: 0...(2 * day), using: &rng)
        }
        let latest = (0..<n).map { _ -> Double in
            Int.random(in: 0..<10, using: &rng) == 0 ? -.infinity : .random(in: 0...(2 * day), using: &rng)
        }
        let times = space.pairTimes(free: free, latest: latest)
        let bonusValues = (0..<n).map { _ in Double.random(in: -20_000...60_000, using: &rng) }
        let bonus = space.bonus(bonusValues)
        let owned = seed % 2 == 0
        var visitedSome = false, timeSkippedSome = false
        for i in 0..<n {
            let limit = Double.random(in: -10_000...150_000, using: &rng)
            let cap = Double.random(in: -10_000...60_000, using: &rng)
            var pairs: [Int] = []
            space.forEachPair(with: i, below: limit, bonus: bonus, bonusCap: cap, ownedOnly: owned, times: times) { j, _, _, _ in
                pairs.append(j)
            }
            let expected = (0..<n).filter { j in
                guard j != i else { return false }
                let ij = space.emptyLegLowerBound(from: i, to: j), ji = space.emptyLegLowerBound(from: j, to: i)
                guard ij + ji < limit + min(bonusValues[j], cap) else { return false }
                if owned && bonusValues[j] > cap { return false }
                if times.excludes(free: free[i], latest: latest[i], ij, ji, free: free[j], latest: latest[j]) {
                    timeSkippedSome = true
                    return false
                }
                return true
            }
            #expect(pairs.sorted() == expected)
            visitedSome = visitedSome || !expected.isEmpty
        }
        if n > 50 {
            #expect(visitedSome)
            #expect(timeSkippedSome)
        }
    }

    /// Whatever the real legs (at least the bound's), a pair the time keys
    /// exclude fails ``TimeWindows/fit`` in both orders; and the keys do
    /// exclude pairs (the test is not vacuous).
    @Test(arguments: 0..<20)
    func excludedPairsFitInNoOrder(seed: UInt64) {
        var rng = SplitMix64(seed: 0xF1_7 + seed)
        let hour = 3_600
        func stamp(_ s: Int) -> Timestamp { Timestamp(seconds: Int64(s)) }
        let n = 60
        let shipments = (0..<n).map { k -> Shipment in
            let e = Int.random(in: 0...(30 * hour), using: &rng)
            let some = { (rng: inout SplitMix64) in Int.random(in: 0..<5, using: &rng) != 0 }
            return Shipment(
                id: "S\(k)", origin: .coordinate(latitude: 57, longitude: 15), destination: .coordinate(latitude: 57.5, longitude: 15.5),
                pickupEarliest: some(&rng) ? stamp(e) : nil,
                pickupLatest: some(&rng) ? stamp(e + Int.random(in: -hour...(4 * hour), using: &rng)) : nil,
                deliveryLatest: some(&rng) ? stamp(e + Int.random(in: 0...(20 * hour), using: &rng)) : nil)
        }
        let loaded = (0..<n).map { _ in Int.random(in: 0...(12 * hour), using: &rng) }
        let options = PairingOptions(handlingSeconds: Int.random(in: 0...(hour), using: &rng))
        let constraints = PairConstraints(shipments: shipments, options: options)
        guard let keys = constraints.pairTimeKeys(loadedSeconds: loaded) else {
            Issue.record("time keys without ignored windows")
            return
        }
        let bound = LegLowerBound.crowfly(circuity: 1.3)
        let space = ShipmentSpace(origins: [nil], destinations: [nil], bound: bound)
        let times = space.pairTimes(free: [keys.free[0]], latest: [keys.latest[0]])
        var excluded = 0
        for a in 0..<n {
            for b in 0..<n where a != b {
                let ab = Double.random(in: 0...600_000, using: &rng), ba = Double.random(in: 0...600_000, using: &rng)
                guard times.excludes(free: keys.free[a], latest: keys.latest[a], ab, ba, free: keys.free[b], latest: keys.latest[b]) else { continue }
                excluded += 1
                // Real legs are at least the bound's seconds, possibly longer.
                let abSeconds = Int(times.seconds(ab).rounded(.up)) + Int.random(in: 0...600, using: &rng)
                let baSeconds = Int(times.seconds(ba).rounded(.up)) + Int.random(in: 0...600, using: &rng)
                let h = options.handlingSeconds
                let w = constraints.windows
                #expect(!TimeWindows.fit(first: w[a], firstLoadedSeconds: loaded[a], repositionSeconds: abSeconds,
                                         second: w[b], secondLoadedSeconds: loaded[b], handling: h))
                #expect(!TimeWindows.fit(first: w[b], firstLoadedSeconds: loaded[b], repositionSeconds: baSeconds,
                                         second: w[a], secondLoadedSeconds: loaded[a], handling: h))
            }
        }
        #expect(excluded > 0)
        #expect(PairConstraints(shipments: shipments, options: PairingOptions(ignoreTimeWindows: true))
            .pairTimeKeys(loadedSeconds: loaded) == nil)
    }
}
