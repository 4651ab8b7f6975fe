import Testing
@testable import Routing
import Synchronization

/// The restricted many-to-many query
/// (``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``) and the
/// one-to-one query, against the Dijkstra reference of ``HierarchyTests``
/// and against ``DistanceMatrix``.
@Suite struct HierarchyPairTests {
    /// Random legs between `s` sources and `t` targets, with repeats.
    static func randomPairs(sources s: Int, targets t: Int, count: Int, rng: inout SplitMix64) -> [IndexPair] {
        guard s > 0, t > 0 else { return [] }
        return (0..<count).map { _ in
            IndexPair(source: Int(rng.next() % UInt64(s)), target: Int(rng.next() % UInt64(t)))
        }
    }

    /// Checks every leg against the reference: the weight always; the other
    /// measure where the cheapest path is unique and `checkOther`. Returns
    /// how many other measures were checked.
    @discardableResult
    static func check(
        _ costs: PairCosts, _ g: RoadGraph, sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair],
        checkOther: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        #expect(costs.count == pairs.count, sourceLocation: sourceLocation)
        var references: [UInt32: HierarchyTests.Reference] = [:]
        var checked = 0
        for (k, p) in pairs.enumerated() {
            let s = sources[Int(p.source)], t = targets[Int(p.target)]
            let r = references[p.source] ?? HierarchyTests.dijkstra(g, from: s.departures)
            references[p.source] = r
            if HierarchyTests.expectCell(
                costs[k], HierarchyTests.reference(g, r, from: s, to: t), g, checkOther: checkOther, "leg \(k): \(p)",
                sourceLocation: sourceLocation)
            {
                checked += 1
            }
        }
        return checked
    }

    /// Hundreds of random graphs with one-way, parallel, zero-length arcs,
    /// self-loops and disconnected parts; sources and targets are nodes and
    /// points on edges (both directions of two-way roads, as snapping
    /// gives). One thread, three threads and tiny blocks all agree.
    @Test(arguments: 0..<200)
    func randomGraphsMatchDijkstra(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 3)
        let (g, ch, sources, targets) = try HierarchyTests.randomCase(
            graphSeed: UInt64(seed) &+ 500, metric: seed % 3 == 0 ? .duration : .distance, rng: &rng)
        let pairs = Self.randomPairs(sources: sources.count, targets: targets.count, count: Int(rng.next() % 60), rng: &rng)
        let costs = try ch.costs(from: sources, to: targets, pairs: pairs, threads: 1)
        Self.check(costs, g, sources: sources, targets: targets, pairs: pairs, checkOther: false)
        #expect(try ch.costs(from: sources, to: targets, pairs: pairs, threads: 3) == costs)
        #expect(try ch.costs(from: sources, to: targets, pairs: pairs, threads: 2, blockLegs: 3, blockSources: 2, blockTargets: 2) == costs)
        // The legs a full matrix has too.
        let m = try ch.matrix(sources: sources, targets: targets, threads: 1)
        for (k, p) in pairs.enumerated() {
            #expect(m[Int(p.source), Int(p.target)]?.weight == costs[k]?.weight)
        }
    }

    /// With positive, widely spread weights shortest paths are almost always
    /// unique, and then the other measure must be that of the one path.
    @Test(arguments: 0..<20)
    func uniqueShortestPathsCarryTheOtherMeasure(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let n = 60
        let g = try HierarchyTests.spreadGraph(seed: UInt64(seed) &+ 5077, nodes: n, metric: seed % 2 == 0 ? .duration : .distance)
        let ch = try ContractionHierarchy(graph: g)
        let all = (0..<n).map { NetworkPoint.node($0, in: g) }
        let pairs = Self.randomPairs(sources: n, targets: n, count: 600, rng: &rng)
        let costs = try ch.costs(from: all, to: all, pairs: pairs, threads: 2, blockLegs: 50, blockTargets: 20)
        let checked = Self.check(costs, g, sources: all, targets: all, pairs: pairs, checkOther: true)
        let reachable = costs.lengths.filter { $0 != .max }.count
        #expect(checked * 10 >= reachable * 9 && reachable >= 100)
    }

    /// The real midtown Manhattan piece, as the match job asks: every
    /// source with 20–60 nearby targets (by node number, which follows a
    /// Hilbert curve), sources and targets partly on edges. The legs equal
    /// ``DistanceMatrix`` (Dijkstra) cell for cell on the metric (length),
    /// whatever the threads and block sizes.
    @Test func newYorkPieceEqualsDistanceMatrix() throws {
        let (g, ch) = try HierarchyTests.newYork.get()
        var rng = SplitMix64(seed: 2024)
        let sources = HierarchyTests.points(g, count: 150, rng: &rng)
        let targets = HierarchyTests.points(g, count: 400, rng: &rng)
        func key(_ p: NetworkPoint) -> Int { Int(p.arrivals.first?.node ?? 0) }
        let byKey = targets.indices.sorted { key(targets[$0]) < key(targets[$1]) }
        var pairs: [IndexPair] = []
        for (i, s) in sources.enumerated() {
            let at = byKey.firstIndex { key(targets[$0]) >= key(s) } ?? byKey.count - 1
            let k = 20 + Int(rng.next() % 41)
            let lo = max(0, min(at - k / 2, byKey.count - k))
            for j in byKey[lo..<(lo + k)] { pairs.append(IndexPair(source: i, target: j)) }
        }
        pairs.shuffle(using: &rng)
        let expected = try DistanceMatrix(graph: g, sources: sources, targets: targets, threads: 2)
        let costs = try ch.costs(from: sources, to: targets, pairs: pairs, threads: 2)
        var reached = 0
        for (k, p) in pairs.enumerated() {
            let cell = expected[Int(p.source), Int(p.target)]
            #expect(costs[k]?.length == cell?.length, "leg \(k)")
            if cell != nil { reached += 1 }
        }
        #expect(reached > pairs.count / 2)
        #expect(try ch.costs(from: sources, to: targets, pairs: pairs, threads: 1, blockLegs: 200, blockSources: 7, blockTargets: 64) == costs)
    }

    @Test func progressCountsEveryLeg() throws {
        let (g, ch) = try HierarchyTests.newYork.get()
        var rng = SplitMix64(seed: 5)
        let points = HierarchyTests.points(g, count: 40, rng: &rng)
        let pairs = Self.randomPairs(sources: 40, targets: 40, count: 500, rng: &rng)
        let seen = Mutex<[Int]>([])
        _ = try ch.costs(from: points, to: points, pairs: pairs, threads: 2, blockLegs: 30, blockTargets: 1000) { k in
            seen.withLock { $0.append(k) }
        }
        let counts = seen.withLock { $0.sorted() }
        #expect(counts.count > 10 && counts.last == 500 && Set(counts).count == counts.count)
    }

    @Test func emptyAndUnreachable() throws {
        let g = try ShortestPathSearchTests.handMade()
        let ch = try ContractionHierarchy(graph: g)
        let one = [NetworkPoint.node(0, in: g)]
        #expect(try ch.costs(from: [], to: [], pairs: []).isEmpty)
        #expect(try ch.costs(from: one, to: one, pairs: []).isEmpty)
        let nowhere = NetworkPoint(departures: [], arrivals: [])
        let c = try ch.costs(
            from: [nowhere] + one, to: one + [nowhere],
            pairs: [IndexPair(source: 0, target: 0), IndexPair(source: 1, target: 1), IndexPair(source: 1, target: 0)])
        #expect(c[0] == nil && c[1] == nil && c[2] == .zero)
        #expect(c.lengths == [.max, .max, 0] && c.durations == [.max, .max, 0])
    }
}
