import Synchronization
import Testing
@testable import Pairing

/// Re-solves that hand out their duals at a checkpoint
/// (``SolverCheckpoint``), and the certified pairing that prices on them
/// beside the solve (``CertifiedPairingRun/resolve(_:from:on:perShipment:)``).
@Suite struct SolverCheckpointTests {
    /// A warm start with many roots: the checkpoint comes once, with duals
    /// feasible for every edge, in the caller's numbering also when the
    /// graph is renumbered; the solve still ends at the optimum. Above its
    /// root count no checkpoint comes.
    @Test(arguments: [(300, 0), (400, 1), (500, 1)])
    func checkpointDualsAreFeasible(n: Int, renumber: Int) throws {
        var rng = SplitMix64(seed: UInt64(n) &* 7 &+ UInt64(renumber))
        let shipments = RandomShipments(count: n, using: &rng)
        let sparse = try shipments.sparseGraph(k: 2)
        let dense = try shipments.denseGraph()
        let start = dense.warmStart(from: sparse.maximumWeightMatching(), on: sparse)
        let roots = (0..<n).count { start.mateEdge[$0] < 0 && start.vertexDuals[$0] > 0 }
        #expect(roots >= 4)
        let seen = Mutex<[[Int]]>([])
        let checkpoint = SolverCheckpoint(minimumRoots: 1, divisor: 2) { u in seen.withLock { $0.append(u) } }
        let (mateEdge, duals) = try #require(dense.heapBlossomMatching(
            warmStart: start, renumberingThreshold: renumber == 1 ? 0 : .max, deadline: nil, checkpoint: checkpoint))
        let snapshots = seen.withLock { $0 }
        #expect(snapshots.count == 1)
        let u = try #require(snapshots.first)
        for e in dense.edges { #expect(u[e.u] + u[e.v] >= 2 * e.weight, "edge \(e) infeasible at the checkpoint") }
        let matching = Matching(graph: dense, mateEdge: mateEdge)
        try duals.certify(matching, on: dense)

        let none = Mutex(0)
        let late = SolverCheckpoint(minimumRoots: roots + 1, divisor: 2) { _ in none.withLock { $0 += 1 } }
        _ = dense.heapBlossomMatching(warmStart: start, deadline: nil, checkpoint: late)
        #expect(none.withLock { $0 } == 0)
    }

    /// With checkpoints on every re-solve, the certified pairing still
    /// equals the dense optimum, prices beside some re-solves, and gives
    /// the same pairs with one thread as with two.
    @Test(arguments: (0..<24).map(UInt64.init))
    func pricingBesideTheSolveKeepsTheOptimum(seed: UInt64) throws {
        let count = 120 + Int(seed % 5) * 60
        var (geo, shipments, options) = CertifiedPairingTests.instance(seed: seed, count: count)
        options.overlapMinimumRoots = 1
        let (reference, spatial) = try CertifiedPairingTests.problems(geo, shipments, options)
        var results: [PairingResult] = []
        for threads in [1, 2] {
            options.threads = threads
            let result = try spatial.pair(options: options)
            #expect(result.optimality == .certified, "seed \(seed)")
            #expect(result.savedMetres == reference.savedMetres, "seed \(seed), \(threads) threads")
            results.append(result)
        }
        #expect(results[0].pairs.map { [$0.a, $0.b] } == results[1].pairs.map { [$0.a, $0.b] }, "seed \(seed)")
    }

    /// Over the generated batches above, some passes did run beside a
    /// re-solve (on small batches many re-solves have too few trees for a
    /// checkpoint).
    @Test func somePassesRanBesideASolve() throws {
        var total = 0
        for seed in UInt64(0)..<12 {
            let (spatial, options) = try Self.batch(seed: seed)
            total += try #require(spatial.pair(options: options).statistics).pricingRoundsBesideSolves
        }
        #expect(total > 0)
    }

    /// Every warm-started re-solve leaves a record: one with a checkpoint
    /// for each pass beside a solve, its time after the checkpoint within
    /// its time, and a graph that grew by at least one violating edge.
    @Test func everyResolveLeavesARecord() throws {
        for seed in UInt64(0)..<6 {
            let (spatial, options) = try Self.batch(seed: seed)
            let result = try spatial.pair(options: options)
            let statistics = try #require(result.statistics)
            let resolves = statistics.resolves
            #expect(!resolves.isEmpty, "seed \(seed)")
            #expect(resolves.count { $0.secondsAfterCheckpoint != nil } == statistics.pricingRoundsBesideSolves, "seed \(seed)")
            for r in resolves {
                #expect(r.violations > 0 && r.violations <= r.newEdges && r.newEdges <= r.edges, "seed \(seed)")
                #expect(r.roots <= spatial.shipments.count && r.seconds >= 0, "seed \(seed)")
                if let tail = r.secondsAfterCheckpoint { #expect(tail >= 0 && tail <= r.seconds, "seed \(seed)") }
            }
            #expect(zip(resolves, resolves.dropFirst()).allSatisfy { $0.edges < $1.edges }, "seed \(seed)")
            #expect((resolves.last?.edges ?? 0) <= result.candidatePairs, "seed \(seed)")
        }
    }

    /// A generated batch of 300 shipments with one first candidate each (so
    /// that the pricing re-solves often) and a checkpoint in every re-solve.
    static func batch(seed: UInt64) throws -> (SpatialPairingProblem, PairingOptions) {
        let count = 300
        var (geo, shipments, options) = CertifiedPairingTests.instance(seed: seed, count: count)
        options.overlapMinimumRoots = 1
        options.candidatesPerShipment = 1
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: (0..<count).map { Optional(geo.loaded($0)) },
            ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) }, space: geo.space, legs: geo.source)
        return (spatial, options)
    }
}
