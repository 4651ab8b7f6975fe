import Testing
@testable import Pairing

/// The spatial index answers exactly what a scan over all shipments would.
@Suite struct ShipmentSpaceTests {
    /// Every arc and pair query, with and without bonuses, equals brute force
    /// over every shipment (same bound function, so equality is exact).
    @Test(arguments: 0..<40)
    func queriesEqualBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: 0x5_9ACE + seed)
        let n = Int.random(in: 1...300, using: &rng)
        let batch = GeoShipments(count: n, towns: Int.random(in: 1...20, using: &rng), using: &rng)
        // A few shipments without coordinates (snapping failed).
        var origins: [GeoPoint?] = batch.origins, destinations: [GeoPoint?] = batch.destinations
        for _ in 0..<(n / 20) { origins[Int.random(in: 0..<n, using: &rng)] = nil }
        for _ in 0..<(n / 20) { destinations[Int.random(in: 0..<n, using: &rng)] = nil }
        let space = ShipmentSpace(origins: origins, destinations: destinations, bound: .crowfly(circuity: batch.circuity))
        let useBonus = seed % 2 == 1
        let bonusValues = (0..<n).map { _ in Double.random(in: -20_000...60_000, using: &rng) }
        let bonus = useBonus ? space.bonus(bonusValues) : nil
        func b(_ j: Int) -> Double { useBonus ? bonusValues[j] : 0 }
        for i in 0..<n {
            let limit = Double.random(in: -10_000...150_000, using: &rng)
            var arcs: [Int] = []
            space.forEachArc(from: i, below: limit, bonus: bonus) { j, lb, _ in
                #expect(lb == space.emptyLegLowerBound(from: i, to: j))
                arcs.append(j)
            }
            var pairs: [Int] = []
            space.forEachPair(with: i, below: limit, bonus: bonus) { j, lb, _ in
                #expect(lb == space.emptyLegLowerBound(from: i, to: j) + space.emptyLegLowerBound(from: j, to: i))
                pairs.append(j)
            }
            let known = (0..<n).filter { space.contains($0) && $0 != i }
            let expectedArcs = space.contains(i) ? known.filter { space.emptyLegLowerBound(from: i, to: $0) < limit + b($0) } : []
            let expectedPairs = space.contains(i)
                ? known.filter {
                    space.emptyLegLowerBound(from: i, to: $0) + space.emptyLegLowerBound(from: $0, to: i) < limit + b($0)
                } : []
            #expect(arcs.sorted() == expectedArcs)
            #expect(pairs.sorted() == expectedPairs)
        }
    }

    /// The bound never exceeds the crow-fly leg it bounds.
    @Test func boundIsAdmissibleForCrowFlyLegs() {
        var rng = SplitMix64(seed: 77)
        let batch = GeoShipments(count: 400, towns: 30, spreadDegrees: 6, using: &rng)
        let space = batch.space
        for i in 0..<batch.count {
            for j in 0..<batch.count {
                #expect(space.emptyLegLowerBound(from: i, to: j) <= Double(batch.empty(i, j).metres))
            }
        }
    }

    /// Lowering the limit inside the body gives a best-k search: the k
    /// nearest origins, as a sort of every bound would.
    @Test(arguments: [1, 5, 17])
    func shrinkingLimitFindsTheNearest(k: Int) {
        var rng = SplitMix64(seed: 4242 + UInt64(k))
        let batch = GeoShipments(count: 500, towns: 25, using: &rng)
        let space = batch.space
        for i in stride(from: 0, to: batch.count, by: 7) {
            var best: [(lb: Double, j: Int)] = []
            space.forEachArc(from: i, below: .infinity) { j, lb, limit in
                best.append((lb, j))
                best.sort { ($0.lb, $0.j) < ($1.lb, $1.j) }
                if best.count > k { best.removeLast() }
                if best.count == k { limit = best[k - 1].lb.nextUp }
            }
            let expected = (0..<batch.count).filter { $0 != i }
                .map { (lb: space.emptyLegLowerBound(from: i, to: $0), j: $0) }
                .sorted { ($0.lb, $0.j) < ($1.lb, $1.j) }.prefix(k).map(\.lb)
            #expect(best.map(\.lb) == Array(expected))
        }
    }

    @Test func emptyAndSingleton() {
        let empty = ShipmentSpace(origins: [], destinations: [], bound: .crowfly(circuity: 1.3))
        #expect(empty.count == 0)
        let one = ShipmentSpace(
            origins: [GeoPoint(latitude: 57, longitude: 15)], destinations: [GeoPoint(latitude: 56.7, longitude: 16.3)],
            bound: .crowfly(circuity: 1.3))
        var visited = 0
        one.forEachPair(with: 0, below: .infinity) { _, _, _ in visited += 1 }
        #expect(visited == 0)
    }
}
