import Testing
@testable import Routing
import Synchronization

/// Contraction hierarchies (``ContractionHierarchy``) against a plain
/// Dijkstra written here, and against ``DistanceMatrix``.
@Suite struct HierarchyTests {
    /// The midtown Manhattan piece and its hierarchy, built once for the
    /// tests that use it.
    static let newYork = Result { () throws -> (RoadGraph, ContractionHierarchy) in
        let g = try NewYorkPieceTests.load()
        return (g, try ContractionHierarchy(graph: g, threads: 2))
    }

    /// What the reference computes for one source: per node, the cheapest
    /// cost, the other measure along it, and whether that cheapest path is
    /// the only one.
    struct Reference {
        var weight: [UInt64?]
        var other: [UInt64]
        var unique: [Bool]
    }

    /// Dijkstra (1959) by linear scans, from several anchors at once, over
    /// the plain edge list: O(n²), fine for test graphs. Counts cheapest
    /// paths (capped at 2), which is meaningful when no weight is zero.
    static func dijkstra(_ g: RoadGraph, from anchors: [NetworkPoint.Anchor]) -> Reference {
        let n = g.nodeCount
        let distanceMetric = g.metric == .distance
        var d = [UInt64?](repeating: nil, count: n)
        var o = [UInt64](repeating: 0, count: n)
        var paths = [Int](repeating: 0, count: n)
        var done = [Bool](repeating: false, count: n)
        for a in anchors {
            let v = Int(a.node), w = UInt64(a.weight), x = UInt64(distanceMetric ? a.duration : a.length)
            if d[v] == nil || w < d[v]! {
                d[v] = w
                o[v] = x
                paths[v] = 1
            } else if w == d[v]! {
                paths[v] = min(2, paths[v] + 1)
            }
        }
        while true {
            var u = -1
            for v in 0..<n where !done[v] && d[v] != nil && (u < 0 || d[v]! < d[u]!) { u = v }
            guard u >= 0 else { break }
            done[u] = true
            for e in g.edges(from: u) {
                let v = Int(g.edgeTarget[e])
                let nd = d[u]! + UInt64(g.weight(of: e))
                let no = o[u] + UInt64(distanceMetric ? g.edgeDuration[e] : g.edgeLength[e])
                if d[v] == nil || nd < d[v]! {
                    d[v] = nd
                    o[v] = no
                    paths[v] = paths[u]
                } else if nd == d[v]!, v != u {
                    paths[v] = min(2, paths[v] + paths[u])
                }
            }
        }
        return Reference(weight: d, other: o, unique: paths.map { $0 == 1 })
    }

    /// The reference cell from `s` to `t`: (weight, other, unique), or nil.
    static func reference(_ g: RoadGraph, _ r: Reference, from s: NetworkPoint, to t: NetworkPoint)
        -> (UInt64, UInt64, Bool)?
    {
        let distanceMetric = g.metric == .distance
        var best: (UInt64, UInt64, Bool)?
        for a in t.arrivals {
            guard let x = r.weight[Int(a.node)] else { continue }
            let c = x + UInt64(a.weight)
            let oc = r.other[Int(a.node)] + UInt64(distanceMetric ? a.duration : a.length)
            if best == nil || c < best!.0 {
                best = (c, oc, r.unique[Int(a.node)])
            } else if c == best!.0 {
                best!.2 = false
            }
        }
        if let same = s.sameEdgeCost(to: t, in: g) {
            let c = UInt64(same.weight)
            if best == nil || c < best!.0 {
                best = (c, UInt64(distanceMetric ? same.duration : same.length), true)
            } else if c == best!.0 {
                best!.2 = false
            }
        }
        return best
    }

    /// A point part-way along `edge`, in both directions when the road has
    /// a reverse edge (the mirror anchors a snapper adds).
    static func point(_ g: RoadGraph, edge: Int, fraction: Double) -> NetworkPoint {
        var p = pointOnEdge(g, edge: edge, fraction: fraction)
        let u = g.tail(of: edge), v = Int(g.edgeTarget[edge])
        if let back = g.edges(from: v).first(where: { Int(g.edgeTarget[$0]) == u }) {
            let q = pointOnEdge(g, edge: back, fraction: 1 - fraction)
            p.departures += q.departures
            p.arrivals += q.arrivals
            p.positions += q.positions
        }
        return p
    }

    /// Nodes and points on edges, drawn from `rng`.
    static func points(_ g: RoadGraph, count: Int, rng: inout SplitMix64) -> [NetworkPoint] {
        (0..<count).map { _ in
            if g.edgeCount > 0 && rng.next() % 3 == 0 {
                let e = Int(rng.next() % UInt64(g.edgeCount))
                return point(g, edge: e, fraction: Double(rng.next() % 101) / 100)
            }
            return .node(Int(rng.next() % UInt64(g.nodeCount)), in: g)
        }
    }

    /// Checks every cell of `m` against the reference: weights always; the
    /// other measure where the cheapest path is unique and `checkOther`.
    /// Returns how many cells had their other measure checked.
    @discardableResult
    static func check(
        _ m: DistanceMatrix, _ g: RoadGraph, sources: [NetworkPoint], targets: [NetworkPoint], checkOther: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        var checked = 0
        for (i, s) in sources.enumerated() {
            let r = dijkstra(g, from: s.departures)
            for (j, t) in targets.enumerated() {
                if expectCell(m[i, j], reference(g, r, from: s, to: t), g, checkOther: checkOther,
                              "cell \(i), \(j)", sourceLocation: sourceLocation) {
                    checked += 1
                }
            }
        }
        return checked
    }

    /// Checks one cost against the reference's (weight, other, unique): the
    /// weight always, the other measure where the cheapest path is unique
    /// and `checkOther`; `true` when the other measure was checked.
    static func expectCell(
        _ got: PathCost?, _ expected: (UInt64, UInt64, Bool)?, _ g: RoadGraph, checkOther: Bool, _ what: String,
        sourceLocation: SourceLocation
    ) -> Bool {
        #expect(got.map { UInt64($0.weight) } == expected?.0, "\(what)", sourceLocation: sourceLocation)
        guard let got, let expected else { return false }
        #expect(got.weight == (g.metric == .distance ? got.length : got.duration), sourceLocation: sourceLocation)
        guard checkOther && expected.2 else { return false }
        let other = g.metric == .distance ? got.duration : got.length
        #expect(UInt64(other) == expected.1, "other measure of \(what)", sourceLocation: sourceLocation)
        return true
    }

    /// A random graph of up to 60 nodes with one-way, parallel, zero-length
    /// arcs, self-loops and disconnected parts, its hierarchy, and 1–12
    /// sources and targets drawn from `rng` (nodes and points on edges).
    static func randomCase(graphSeed: UInt64, metric: RoutingMetric, rng: inout SplitMix64) throws
        -> (RoadGraph, ContractionHierarchy, [NetworkPoint], [NetworkPoint])
    {
        let n = Int(rng.next() % 60) + 1
        let degree = Int(rng.next() % 5)
        let maxWeight: UInt32 = [1, 3, 100, 100_000][Int(rng.next() % 4)]
        let g = try randomGraph(seed: graphSeed, n: n, degree: degree, maxWeight: maxWeight, metric: metric)
        let ch = try ContractionHierarchy(graph: g)
        let sources = points(g, count: Int(rng.next() % 12) + 1, rng: &rng)
        let targets = points(g, count: Int(rng.next() % 12) + 1, rng: &rng)
        return (g, ch, sources, targets)
    }

    /// Hundreds of random graphs with one-way, parallel, zero-length arcs,
    /// self-loops and disconnected parts; nodes and points on edges.
    @Test(arguments: 0..<300)
    func randomGraphsMatchDijkstra(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 17)
        let (g, ch, sources, targets) = try Self.randomCase(
            graphSeed: UInt64(seed), metric: seed % 3 == 0 ? .duration : .distance, rng: &rng)
        let m = try ch.matrix(sources: sources, targets: targets, threads: 1)
        Self.check(m, g, sources: sources, targets: targets, checkOther: false)
        let m2 = try ch.matrix(sources: sources, targets: targets, threads: 3)
        #expect(m2.lengths == m.lengths && m2.durations == m.durations)
    }

    /// A graph of `nodes` nodes and 3 × `nodes` arcs (half of them two-way)
    /// with positive, widely spread, independent lengths and durations: its
    /// shortest paths are almost always unique.
    static func spreadGraph(seed: UInt64, nodes n: Int, metric: RoutingMetric) throws -> RoadGraph {
        var rng = SplitMix64(seed: seed)
        var b = RoadGraphBuilder(metric: metric, profile: "test")
        for i in 0..<n { b.addNode(originalID: Int64(i + 1)) }
        for _ in 0..<(n * 3) {
            let u = Int(rng.next() % UInt64(n)), v = Int(rng.next() % UInt64(n))
            let length = UInt32(rng.next() % 1_000_000) + 1, duration = UInt32(rng.next() % 1_000_000) + 1
            b.addEdge(from: u, to: v, length: length, duration: duration)
            if rng.next() % 2 == 0 { b.addEdge(from: v, to: u, length: length, duration: duration) }
        }
        return try b.build(order: .breadthFirst)
    }

    /// With positive, widely spread weights shortest paths are almost always
    /// unique, and then the other measure must be that of the one path.
    @Test(arguments: 0..<30)
    func uniqueShortestPathsCarryTheOtherMeasure(seed: Int) throws {
        let n = 50
        let g = try Self.spreadGraph(seed: UInt64(seed) &+ 1000, nodes: n, metric: seed % 2 == 0 ? .duration : .distance)
        let ch = try ContractionHierarchy(graph: g)
        let all = (0..<n).map { NetworkPoint.node($0, in: g) }
        let m = try ch.matrix(sources: all, targets: all, threads: 2)
        let checked = Self.check(m, g, sources: all, targets: all, checkOther: true)
        // Not vacuous: most reachable pairs have a unique shortest path.
        let reachable = m.lengths.filter { $0 != .max }.count
        #expect(checked * 10 >= reachable * 9 && reachable >= n)
    }

    /// The real midtown Manhattan piece: the hierarchy equals Dijkstra's
    /// ``DistanceMatrix`` cell for cell on the metric (length).
    @Test func newYorkPieceEqualsDistanceMatrix() throws {
        let (g, ch) = try Self.newYork.get()
        #expect(ch.shortcutCount > 0 && ch.arcCount < 4 * g.edgeCount)
        var rng = SplitMix64(seed: 42)
        let sources = Self.points(g, count: 60, rng: &rng)
        let targets = Self.points(g, count: 70, rng: &rng)
        let expected = try DistanceMatrix(graph: g, sources: sources, targets: targets, threads: 2)
        let m = try ch.matrix(sources: sources, targets: targets, threads: 2)
        #expect(m.sourceCount == 60 && m.targetCount == 70)
        #expect(m.metric == .distance)
        #expect(m.lengths == expected.lengths)
        #expect(m.lengths.contains { $0 != .max })
    }

    /// Preprocessing is deterministic and does not depend on `threads`.
    @Test func preprocessingDoesNotDependOnThreads() throws {
        let (g, ch) = try Self.newYork.get()
        let one = try ContractionHierarchy(graph: g, threads: 1)
        #expect(one.rank == ch.rank)
        #expect(one.forwardStart == ch.forwardStart && one.forwardArcs == ch.forwardArcs)
        #expect(one.backwardStart == ch.backwardStart && one.backwardArcs == ch.backwardArcs)
    }

    /// A source and a target on one edge, the target ahead: driving straight
    /// along the edge, as Dijkstra does; behind: round through the network.
    @Test func pointsOnTheSameEdge() throws {
        let (g, ch) = try Self.newYork.get()
        var rng = SplitMix64(seed: 99)
        var points: [NetworkPoint] = []
        for _ in 0..<30 {
            let e = Int(rng.next() % UInt64(g.edgeCount))
            points.append(Self.point(g, edge: e, fraction: 0.2))
            points.append(Self.point(g, edge: e, fraction: 0.7))
        }
        let m = try ch.matrix(sources: points, targets: points, threads: 2)
        let expected = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 2)
        #expect(m.lengths == expected.lengths)
        var straight = 0
        for k in stride(from: 0, to: points.count, by: 2) {
            let same = try #require(points[k].sameEdgeCost(to: points[k + 1], in: g))
            let cell = try #require(m[k, k + 1])
            #expect(cell.length <= same.length)
            if cell.length == same.length { straight += 1 }
        }
        #expect(straight > 20)
    }

    @Test func handMadeGraphEqualsDistanceMatrix() throws {
        let g = try ShortestPathSearchTests.handMade()
        let ch = try ContractionHierarchy(graph: g)
        let all = (0..<g.nodeCount).map { NetworkPoint.node($0, in: g) }
        let m = try ch.matrix(sources: all, targets: all)
        let expected = try DistanceMatrix(graph: g, sources: all, targets: all)
        #expect(m.lengths == expected.lengths)
        // 1 → 3 takes the shorter parallel arc (3 + 5), and carries its duration.
        let one = g.node(originalID: 1)!, three = g.node(originalID: 3)!
        #expect(m[one, three] == PathCost(weight: 8, length: 8, duration: 120))
    }

    /// A cost beyond 32 bits is an error, as with Dijkstra, not a wrong
    /// number, for the matrix, the restricted legs and one-to-one queries;
    /// costs that fit are still answered.
    @Test(arguments: [RoutingMetric.distance, .duration])
    func costsBeyond32BitsThrow(metric: RoutingMetric) throws {
        var b = RoadGraphBuilder(metric: metric, profile: "test")
        for id in 1...4 { b.addNode(originalID: Int64(id)) }
        b.addEdge(from: 0, to: 1, length: 3_000_000_000, duration: 3_000_000_000)
        b.addEdge(from: 1, to: 2, length: 3_000_000_000, duration: 3_000_000_000)
        b.addEdge(from: 2, to: 3, length: 5, duration: 5)
        b.addEdge(from: 3, to: 2, length: 5, duration: 5)
        let g = try b.build(order: .input)
        let all = (0..<4).map { NetworkPoint.node($0, in: g) }
        #expect(throws: CostOverflowError.self) {
            _ = try DistanceMatrix(graph: g, sources: all, targets: all)
        }
        #expect(throws: CostOverflowError.self) {
            _ = try ContractionHierarchy(graph: g).matrix(sources: all, targets: all)
        }
        let fits = [all[1], all[2], all[3]]
        let expected = try DistanceMatrix(graph: g, sources: fits, targets: fits)
        let ch = try ContractionHierarchy(graph: g)
        let m = try ch.matrix(sources: fits, targets: fits)
        #expect(m.lengths == expected.lengths && m.durations == expected.durations)
        #expect(m[0, 2]?.weight == 3_000_000_005)
        // The restricted legs and the one-to-one query alike.
        #expect(throws: CostOverflowError.self) {
            _ = try ch.costs(from: all, to: all, pairs: [IndexPair(source: 0, target: 3)])
        }
        #expect(throws: CostOverflowError.self) { _ = try ch.cost(from: all[0], to: all[3]) }
        let legs = try ch.costs(from: all, to: all, pairs: [IndexPair(source: 1, target: 3), IndexPair(source: 3, target: 2)])
        #expect(legs[0]?.weight == 3_000_000_005 && legs[1]?.weight == 5)
        #expect(try ch.route(from: all[1], to: all[3])?.cost.weight == 3_000_000_005)
    }

    @Test func emptyInputs() throws {
        let g = try ShortestPathSearchTests.handMade()
        let ch = try ContractionHierarchy(graph: g)
        let one = [NetworkPoint.node(0, in: g)]
        #expect(try ch.matrix(sources: [], targets: one).lengths.isEmpty)
        #expect(try ch.matrix(sources: one, targets: []).lengths.isEmpty)
        let nowhere = NetworkPoint(departures: [], arrivals: [])
        let m = try ch.matrix(sources: [nowhere] + one, targets: one + [nowhere])
        #expect(m.lengths == [.max, .max, 0, .max] && m.durations == [.max, .max, 0, .max])
        let empty = try RoadGraphBuilder(metric: .distance, profile: "test").build()
        let none = try ContractionHierarchy(graph: empty)
        #expect(none.nodeCount == 0 && none.arcCount == 0)
        #expect(try none.matrix(sources: [], targets: []).lengths.isEmpty)
    }

    @Test func progressCountsEveryRowOnce() throws {
        let (g, ch) = try Self.newYork.get()
        var rng = SplitMix64(seed: 7)
        let points = Self.points(g, count: 25, rng: &rng)
        let seen = Mutex<[Int]>([])
        _ = try ch.matrix(sources: points, targets: points, threads: 2) { k in seen.withLock { $0.append(k) } }
        #expect(seen.withLock { $0.sorted() } == Array(1...25))
    }
}
