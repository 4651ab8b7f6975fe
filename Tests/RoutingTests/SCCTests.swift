import Testing
@testable import Routing

@Suite struct SCCTests {
    /// Random CSR graph: `n` nodes, `m` edges with random ends.
    static func randomCSR(seed: UInt64) -> (n: Int, start: [UInt32], target: [UInt32]) {
        var rng = SplitMix64(seed: seed)
        let n = Int(rng.next() % 30) + 1
        let m = Int(rng.next() % UInt64(3 * n + 1))
        var edges: [(Int, Int)] = []
        for _ in 0..<m { edges.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n)))) }
        edges.sort { $0.0 < $1.0 }
        var start = [UInt32](repeating: 0, count: n + 1)
        for (u, _) in edges { start[u + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        return (n, start, edges.map { UInt32($0.1) })
    }

    /// reach[u][v]: v reachable from u, by a breadth-first search from every node.
    static func reachability(n: Int, start: [UInt32], target: [UInt32]) -> [[Bool]] {
        (0..<n).map { s in
            var seen = [Bool](repeating: false, count: n)
            seen[s] = true
            var queue = [s]
            var i = 0
            while i < queue.count {
                let u = queue[i]; i += 1
                for e in Int(start[u])..<Int(start[u + 1]) where !seen[Int(target[e])] {
                    seen[Int(target[e])] = true
                    queue.append(Int(target[e]))
                }
            }
            return seen
        }
    }

    @Test(arguments: 0..<300)
    func componentsAreMutualReachability(seed: Int) {
        let (n, start, target) = Self.randomCSR(seed: UInt64(seed))
        let scc = StronglyConnectedComponents(nodeCount: n, edgeStart: start, edgeTarget: target)
        let reach = Self.reachability(n: n, start: start, target: target)
        for u in 0..<n {
            for v in 0..<n {
                let same = scc.componentOfNode[u] == scc.componentOfNode[v]
                #expect(same == (reach[u][v] && reach[v][u]), "seed \(seed): nodes \(u), \(v)")
            }
        }
        // Sizes, the largest component and its mask.
        var sizes = [Int](repeating: 0, count: scc.componentCount)
        for c in scc.componentOfNode { sizes[Int(c)] += 1 }
        #expect(sizes == scc.componentSizes.map(Int.init))
        #expect(scc.largestComponentSize == sizes.max())
        let mask = scc.largestComponentMask()
        #expect(mask.count == scc.largestComponentSize)
        #expect(mask.nodes.allSatisfy { scc.componentOfNode[Int($0)] == scc.largestComponent })
        // Numbering is a reverse topological order of the condensation.
        for u in 0..<n {
            for e in Int(start[u])..<Int(start[u + 1]) {
                #expect(scc.componentOfNode[u] >= scc.componentOfNode[Int(target[e])])
            }
        }
    }

    @Test func longCycleDoesNotRecurse() {
        // 300,000 nodes on one directed cycle: a recursive DFS would need a
        // stack frame per node.
        let n = 300_000
        let start = (0...n).map { UInt32($0) }
        let target = (0..<n).map { UInt32(($0 + 1) % n) }
        let scc = StronglyConnectedComponents(nodeCount: n, edgeStart: start, edgeTarget: target)
        #expect(scc.componentCount == 1)
        #expect(scc.largestComponentSize == n)
    }

    @Test func longPathIsAllSingletons() {
        let n = 100_000
        let start = (0...n).map { UInt32(min($0, n - 1)) }
        let target = (1..<n).map { UInt32($0) }
        let scc = StronglyConnectedComponents(nodeCount: n, edgeStart: start, edgeTarget: target)
        #expect(scc.componentCount == n)
        #expect(scc.largestComponentSize == 1)
    }

    @Test func emptyGraph() {
        let scc = StronglyConnectedComponents(nodeCount: 0, edgeStart: [0], edgeTarget: [])
        #expect(scc.componentCount == 0)
        #expect(scc.largestComponent == nil)
        #expect(scc.largestComponentSize == 0)
        #expect(scc.largestComponentMask().count == 0)
    }

    @Test func roadGraphEntryPoint() throws {
        // Two-way square plus a one-way spur: the square is the largest component.
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<5 { b.addNode(originalID: Int64(100 + i)) }
        for (u, v) in [(0, 1), (1, 2), (2, 3), (3, 0)] {
            b.addEdge(from: u, to: v, length: 1, duration: 1)
            b.addEdge(from: v, to: u, length: 1, duration: 1)
        }
        b.addEdge(from: 2, to: 4, length: 1, duration: 1)
        let g = try b.build()
        let mask = StronglyConnectedComponents(graph: g).largestComponentMask()
        #expect(mask.count == 4)
        let spur = try #require(g.node(originalID: 104))
        #expect(!mask.contains(spur))
    }

    @Test(arguments: [0, 1, 63, 64, 65, 200])
    func nodeMaskRoundTrip(nodeCount: Int) {
        var mask = NodeMask(nodeCount: nodeCount)
        for i in stride(from: 0, to: nodeCount, by: 3) { mask.insert(i) }
        let copy = NodeMask(words: mask.words, nodeCount: nodeCount)
        #expect(copy == mask)
        #expect(mask.count == (nodeCount + 2) / 3)
        #expect(mask.nodes == stride(from: 0, to: nodeCount, by: 3).map { UInt32($0) })
        if nodeCount % 64 != 0 {
            var words = mask.words
            words[words.count - 1] |= 1 << 63
            #expect(NodeMask(words: words, nodeCount: nodeCount) == nil)
        }
        #expect(NodeMask(words: mask.words + [0], nodeCount: nodeCount) == nil)
    }
}
