import Testing
@testable import Routing

@Suite struct DistanceMatrixTests {
    /// Parallel equals sequential, and row i / column j are the i-th source
    /// and j-th target as given (checked against single searches), for
    /// rectangular shapes and repeated points.
    @Test(arguments: 0..<40)
    func parallelEqualsSequentialInInputOrder(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 31)
        let n = Int(rng.next() % 60) + 1
        let g = try randomGraph(seed: UInt64(seed) &* 31, n: n, degree: 3, maxWeight: 500)
        func randomPoint() -> NetworkPoint {
            if g.edgeCount == 0 || rng.next() % 2 == 0 { return .node(Int(rng.next() % UInt64(n)), in: g) }
            return pointOnEdge(g, edge: Int(rng.next() % UInt64(g.edgeCount)), fraction: Double(rng.next() % 100) / 100)
        }
        let sources = (0..<Int(rng.next() % 12)).map { _ in randomPoint() }
        var targets = (0..<Int(rng.next() % 12)).map { _ in randomPoint() }
        if let first = sources.first { targets.append(first) }  // a point also in the other list
        let sequential = try DistanceMatrix(graph: g, sources: sources, targets: targets, threads: 1)
        #expect(sequential.sourceCount == sources.count && sequential.targetCount == targets.count)
        for threads in [2, 3, 8, nil] as [Int?] {
            let parallel = try DistanceMatrix(graph: g, sources: sources, targets: targets, threads: threads)
            #expect(parallel.lengths == sequential.lengths)
            #expect(parallel.durations == sequential.durations)
        }
        var search = ShortestPathSearch(graph: g)
        for (i, s) in sources.enumerated() {
            let row = try search.costs(from: s, to: SearchTargets(targets, in: g))
            for j in targets.indices {
                #expect(sequential[i, j] == row[j], "row \(i) column \(j)")
                #expect(sequential[i, j]?.weight == (try search.route(from: s, to: targets[j])?.cost.weight))
            }
        }
    }

    @Test func diagonalIsZeroForNodes() throws {
        let g = try randomGraph(seed: 5, n: 30, degree: 2)
        let points = (0..<30).map { NetworkPoint.node($0, in: g) }
        let m = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 2)
        for i in 0..<30 { #expect(m[i, i] == .zero) }
    }

    @Test func emptyListsGiveAnEmptyMatrix() throws {
        let g = try randomGraph(seed: 1, n: 5, degree: 2)
        let p = [NetworkPoint.node(0, in: g)]
        #expect(try DistanceMatrix(graph: g, sources: [], targets: p).lengths.isEmpty)
        let m = try DistanceMatrix(graph: g, sources: p, targets: [])
        #expect(m.sourceCount == 1 && m.targetCount == 0 && m.lengths.isEmpty)
    }

    @Test func progressCountsEveryRow() throws {
        let g = try randomGraph(seed: 2, n: 40, degree: 3)
        let points = (0..<25).map { NetworkPoint.node($0, in: g) }
        let seen = ProgressLog()
        _ = try DistanceMatrix(graph: g, sources: points, targets: points, threads: 2) { seen.add($0) }
        #expect(seen.values.sorted() == Array(1...25))
    }
}

import Synchronization

final class ProgressLog: Sendable {
    private let storage = Mutex<[Int]>([])
    func add(_ x: Int) { storage.withLock { $0.append(x) } }
    var values: [Int] { storage.withLock { $0 } }
}
