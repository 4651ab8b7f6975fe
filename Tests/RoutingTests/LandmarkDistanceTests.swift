import Testing
@testable import Routing

/// ``LandmarkDistances``: the ALT bound built from them never exceeds the
/// leg the routers (Dijkstra and the contraction hierarchy) compute between
/// the same snapped points, in length and in duration, on random graphs with
/// one-way, parallel, zero-length arcs, self-loops, disconnected parts,
/// points part-way along edges and split (turn-restricted) nodes; and on the
/// real midtown Manhattan piece it beats the great-circle bound.
@Suite struct LandmarkDistanceTests {
    /// The ALT bound from source `s` to target `t` in tenths (decimetres,
    /// deciseconds): the formula of `Pairing.LandmarkBounds` before rounding
    /// to whole units, 0 for points that share an edge.
    static func bound(_ d: LandmarkDistances, from s: Int, to t: Int) -> (length: Int, duration: Int) {
        let se = d.sourceEdges[(2 * s)..<(2 * s + 2)], te = d.targetEdges[(2 * t)..<(2 * t + 2)]
        if se.contains(LandmarkDistances.anyEdge) || te.contains(LandmarkDistances.anyEdge)
            || se.contains(where: { $0 != LandmarkDistances.noEdge && te.contains($0) })
        {
            return (0, 0)
        }
        let l = d.landmarks.count
        func one(_ m: LandmarkDistances.Measure) -> Int {
            var best = 0
            for k in 0..<l {
                best = max(best, Int(m.targetFrom[t * l + k]) - Int(m.sourceFrom[s * l + k]))
                best = max(best, Int(m.sourceTo[s * l + k]) - Int(m.targetTo[t * l + k]))
            }
            return best
        }
        return (one(d.length), one(d.duration))
    }

    /// Checks the bound against Dijkstra's and the hierarchy's legs for every
    /// source and target; returns (pairs with a route, pairs with a positive
    /// length bound).
    @discardableResult
    static func checkValid(
        _ g: RoadGraph, sources: [NetworkPoint], targets: [NetworkPoint], landmarks: Int = 4, threads: Int = 2,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (routed: Int, positive: Int) {
        let d = LandmarkDistances(graph: g, sources: sources, targets: targets, landmarkCount: landmarks, threads: threads)
        #expect(d.landmarks.count <= landmarks, sourceLocation: sourceLocation)
        let dijkstra = try DistanceMatrix(graph: g, sources: sources, targets: targets, threads: 1)
        let ch = try ContractionHierarchy(graph: g)
        let hierarchy = try ch.matrix(sources: sources, targets: targets, threads: 1)
        var routed = 0, positive = 0
        for s in sources.indices {
            for t in targets.indices {
                let b = bound(d, from: s, to: t)
                if b.length > 0 { positive += 1 }
                for leg in [dijkstra[s, t], hierarchy[s, t]] {
                    guard let leg else { continue }
                    #expect(b.length <= Int(leg.length), "length \(s) → \(t): bound \(b.length) > \(leg.length)", sourceLocation: sourceLocation)
                    #expect(b.duration <= Int(leg.duration), "duration \(s) → \(t): bound \(b.duration) > \(leg.duration)", sourceLocation: sourceLocation)
                }
                if dijkstra[s, t] != nil { routed += 1 }
            }
        }
        return (routed, positive)
    }

    /// Hundreds of random graphs in both metrics; sources and targets are
    /// nodes and points on edges (both directions of two-way roads).
    @Test(arguments: 0..<150)
    func randomGraphsNeverExceedTheRoute(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 6151 &+ 11)
        let (g, _, sources, targets) = try HierarchyTests.randomCase(
            graphSeed: UInt64(seed) &+ 9000, metric: seed % 2 == 0 ? .duration : .distance, rng: &rng)
        try Self.checkValid(g, sources: sources, targets: targets, landmarks: 1 + seed % 5, threads: 1 + seed % 3)
    }

    /// Split nodes, as turn restrictions make them: copies sharing an OSM id
    /// with different arcs, and node points standing for every copy
    /// (arriving through one copy does not allow every departure). With
    /// widely spread weights most bounds are positive, so a wrong one shows.
    @Test(arguments: 0..<60)
    func splitNodesNeverExceedTheRoute(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 424_242)
        let n = 30 + Int(rng.next() % 30)
        var b = RoadGraphBuilder(metric: seed % 2 == 0 ? .distance : .duration, profile: "test")
        // About a third of the ids have two or three copies.
        // (copies share their coordinate, as a split junction does).
        var id: Int64 = 0
        var lat: Int32 = 0, lon: Int32 = 0
        for _ in 0..<n {
            if rng.next() % 3 != 0 || id == 0 {
                id += 1
                lat = 400_000_000 + Int32(rng.next() % 1_000_000)
                lon = -740_000_000 + Int32(rng.next() % 1_000_000)
            }
            b.addNode(originalID: id, latitudeE7: lat, longitudeE7: lon)
        }
        for _ in 0..<(n * 3) {
            let u = Int(rng.next() % UInt64(n)), v = Int(rng.next() % UInt64(n))
            let length = UInt32(rng.next() % 100_000) + 1, duration = UInt32(rng.next() % 100_000) + 1
            b.addEdge(from: u, to: v, length: length, duration: duration)
            if rng.next() % 2 == 0 { b.addEdge(from: v, to: u, length: length, duration: duration) }
        }
        let g = try b.build(order: .breadthFirst)
        #expect(!g.splitCopies.isEmpty)
        let sources = HierarchyTests.points(g, count: 15, rng: &rng)
        let targets = HierarchyTests.points(g, count: 15, rng: &rng)
        let (routed, positive) = try Self.checkValid(g, sources: sources, targets: targets, landmarks: 6)
        // Not vacuous: most routed pairs get a positive bound.
        #expect(routed == 0 || positive * 3 >= routed, "\(positive) positive bounds of \(routed) routed pairs")
    }

    /// Two points on one one-way edge u → v with the landmark at v: the
    /// landmark distances alone would claim a long way round (from the
    /// landmark the later point is reached only through u), yet one drives
    /// straight along the edge. The shared edge makes the bound 0.
    @Test func pointsOnOneEdgeGetNoBound() throws {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<3 { b.addNode(originalID: Int64(i + 1)) }
        b.addEdge(from: 0, to: 1, length: 1000, duration: 1000)  // the one-way street
        b.addEdge(from: 1, to: 2, length: 50_000, duration: 50_000)
        b.addEdge(from: 2, to: 0, length: 50_000, duration: 50_000)
        let g = try b.build(order: .breadthFirst)
        let e = try #require(g.edges(from: g.node(originalID: 1)!).first)
        let early = pointOnEdge(g, edge: e, fraction: 0.2), late = pointOnEdge(g, edge: e, fraction: 0.7)
        let d = LandmarkDistances(graph: g, sources: [early, late], targets: [late, early], landmarkCount: 3)
        #expect(d.landmarks.count == 3)
        #expect(Self.bound(d, from: 0, to: 0) == (0, 0))
        // Without the shared-edge rule the landmark values would exceed the
        // 500 dm leg (this is what the rule is for).
        let l = d.landmarks.count
        let naive = (0..<l).map { k in Int(d.length.targetFrom[k]) - Int(d.length.sourceFrom[k]) }.max()!
        #expect(naive > 500)
        // Back from the later to the earlier point shares the edge too (and
        // goes the long way round); every bound stays below the route.
        #expect(Self.bound(d, from: 1, to: 1) == (0, 0))
        try Self.checkValid(g, sources: [early, late], targets: [late, early], landmarks: 3)
    }

    /// Points that cannot reach or be reached (outside the component the
    /// landmarks are chosen in, or `nil`) get unknown values and a bound of
    /// 0, never an invalid one.
    @Test func unreachablePointsGetNoBound() throws {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<6 { b.addNode(originalID: Int64(i + 1)) }
        // A strongly connected triangle 0-1-2, a node 3 that only leaves
        // into it, a node 4 only reached from it, an isolated node 5.
        b.addEdge(from: 0, to: 1, length: 100, duration: 10)
        b.addEdge(from: 1, to: 2, length: 100, duration: 10)
        b.addEdge(from: 2, to: 0, length: 100, duration: 10)
        b.addEdge(from: 3, to: 0, length: 100, duration: 10)
        b.addEdge(from: 1, to: 4, length: 100, duration: 10)
        let g = try b.build(order: .breadthFirst)
        let points: [NetworkPoint?] = (0..<6).map { NetworkPoint.node(g.node(originalID: Int64($0 + 1))!, in: g) } + [nil]
        let d = LandmarkDistances(graph: g, sources: points, targets: points, landmarkCount: 8)
        #expect(d.landmarks.count == 3)  // only the triangle's nodes qualify
        let node3 = 3, node4 = 4, node5 = 5, missing = 6
        for x in [node5, missing] {
            for y in 0..<7 {
                #expect(Self.bound(d, from: x, to: y) == (0, 0))
                #expect(Self.bound(d, from: y, to: x) == (0, 0))
            }
        }
        // 3 → triangle is routed (and bounded validly); 4 is reached but can
        // not reach a landmark, 3 cannot be reached from one.
        let l = d.landmarks.count
        #expect(d.length.sourceTo[node4 * l] == LandmarkDistances.unknownLow)
        #expect(d.length.targetFrom[node3 * l] == LandmarkDistances.unknownLow)
        try Self.checkValid(g, sources: points.compactMap { $0 }, targets: points.compactMap { $0 }, landmarks: 8)
    }

    /// Landmarks are deterministic and do not depend on the threads.
    @Test func deterministic() throws {
        let g = try NewYorkPieceTests.load()
        var rng = SplitMix64(seed: 5)
        let pts = HierarchyTests.points(g, count: 200, rng: &rng)
        let a = LandmarkDistances(graph: g, sources: pts, targets: pts, landmarkCount: 8, threads: 1)
        let b = LandmarkDistances(graph: g, sources: pts, targets: pts, landmarkCount: 8, threads: 3)
        #expect(a.landmarks == b.landmarks && a.landmarks.count == 8 && Set(a.landmarks).count == 8)
        #expect(a.length == b.length && a.duration == b.duration)
    }

    /// On the real midtown Manhattan piece: for random pairs of nearby
    /// points (nodes and points on edges) the bound never exceeds the
    /// routed leg, and it is on average well above the great-circle bound
    /// the pairing uses today, in metres and in seconds.
    @Test func newYorkPieceBeatsTheGreatCircle() throws {
        let g = try NewYorkPieceTests.load()
        var rng = SplitMix64(seed: 2024)
        let pts = HierarchyTests.points(g, count: 400, rng: &rng)
        let d = LandmarkDistances(graph: g, sources: pts, targets: pts, landmarkCount: 16, threads: 2)
        #expect(d.landmarks.count == 16)
        let gc = try #require(g.greatCircleLowerBound())
        let ch = try ContractionHierarchy(graph: g)
        // Each source with 20 targets by node number (a Hilbert curve: nearby).
        var pairs: [IndexPair] = []
        let order = pts.indices.sorted { (pts[$0].departures.map(\.node).min() ?? 0) < (pts[$1].departures.map(\.node).min() ?? 0) }
        for (x, s) in order.enumerated() {
            for y in max(0, x - 10)..<min(order.count, x + 11) where y != x { pairs.append(IndexPair(source: s, target: order[y])) }
        }
        let legs = try ch.costs(from: pts, to: pts, pairs: pairs, threads: 2)
        var landmarkMetres = 0.0, circleMetres = 0.0, landmarkSeconds = 0.0, circleSeconds = 0.0, better = 0, n = 0
        for (k, p) in pairs.enumerated() {
            guard let leg = legs[k], let a = pts[Int(p.source)].coordinate, let b = pts[Int(p.target)].coordinate else { continue }
            let lb = Self.bound(d, from: Int(p.source), to: Int(p.target))
            #expect(lb.length <= Int(leg.length) && lb.duration <= Int(leg.duration))
            let circle = max(0, gc.factor * a.distance(to: b) - gc.slackMetres)
            let circleS = max(0, circle * gc.secondsPerMetre - gc.slackSeconds)
            landmarkMetres += Double(lb.length) / 10
            circleMetres += circle
            landmarkSeconds += Double(lb.duration) / 10
            circleSeconds += circleS
            if Double(lb.length) / 10 > circle { better += 1 }
            n += 1
        }
        #expect(n > 3000)
        #expect(landmarkMetres > 1.2 * circleMetres, "landmark \(landmarkMetres) m vs great circle \(circleMetres) m")
        #expect(landmarkSeconds > 1.2 * circleSeconds, "landmark \(landmarkSeconds) s vs great circle \(circleSeconds) s")
        #expect(better * 2 > n, "\(better) of \(n) pairs better")
        print("NY-midtown, \(n) nearby pairs: landmark \(landmarkMetres / circleMetres)× the great-circle metres, \(landmarkSeconds / circleSeconds)× its seconds, better for \(better)")
    }
}
