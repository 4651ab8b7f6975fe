/// Maximum-weight matching on a general graph in O(*n*³): Edmonds' blossom
/// algorithm with dual variables (J. Edmonds, "Paths, trees, and flowers",
/// Canad. J. Math. 17, 1965; "Maximum matching and a polyhedron with 0,1
/// vertices", J. Res. NBS 69B, 1965) in the O(*n*³) formulation of Z. Galil,
/// "Efficient algorithms for finding maximum matching in graphs", ACM
/// Computing Surveys 18(1), 1986, following the structure of J. van
/// Rantwijk's well-known implementation (the one networkx uses).
///
/// The algorithm runs in *stages*; each stage labels every exposed vertex as
/// the root of an alternating tree (label S), grows the trees over tight
/// edges, shrinks odd cycles into blossoms, and when no tight edge helps,
/// changes the duals by the largest δ that keeps them feasible (δ1: a vertex
/// dual reaches 0 — the optimum; δ2: an edge from S to a free vertex becomes
/// tight; δ3: an edge between two S-blossoms becomes tight; δ4: a T-blossom's
/// dual reaches 0 and it is expanded). A stage ends with an augmentation;
/// there are at most *n*/2 stages of O(*n*² + *m*) work each, using the
/// least-slack edge of every blossom to find δ.
///
/// This solver is the reference: simple, exact, and the one the faster
/// ``HeapBlossomSolver`` is compared with in tests and benchmarks. Duals are
/// doubled so that everything is an integer (see ``MatchingDuals``).
///
/// - Complexity: O(*n*³) time, O(*n* + *m*) memory.
struct CubicBlossomSolver {
    private let graph: MatchingGraph
    private let n: Int
    /// Per vertex: the remote endpoint of its matched edge, or -1.
    private var mate: [Int]
    /// Per vertex or blossom id (`0..<2n`): 0 free, 1 S, 2 T; bit 4 marks
    /// breadcrumbs of ``scanBlossom``. For a vertex inside a T-blossom, 2
    /// means it was reached over a tight edge from an S-vertex outside.
    private var label: [Int]
    /// Per labelled vertex or blossom: the remote endpoint of the edge it was
    /// labelled through (its vertex is outside), or -1 for roots.
    private var labelEnd: [Int]
    /// Per vertex: the top-level blossom holding it.
    private var inBlossom: [Int]
    private var blossomParent: [Int]
    private var blossomChildren: [[Int]]
    private var blossomBase: [Int]
    /// Per blossom: the endpoints linking consecutive children around the
    /// cycle (`blossomEndpoints[b][i]` joins child `i` and `i + 1`, its
    /// vertex in child `i`).
    private var blossomEndpoints: [[Int]]
    /// Per free vertex / S-blossom: the least-slack edge to an S-vertex or
    /// different S-blossom, or -1.
    private var bestEdge: [Int]
    /// Per non-trivial S-blossom: its least-slack edges to other S-blossoms.
    private var blossomBestEdges: [[Int]?]
    private var unusedBlossoms: [Int]
    /// `0..<n`: vertex duals `u = 2y`; `n..<2n`: blossom duals `z`.
    private var dual: [Int]
    private var allowEdge: [Bool]
    private var queue: [Int] = []

    init(graph: MatchingGraph) {
        self.graph = graph
        let n = graph.vertexCount
        self.n = n
        let maxWeight = graph.weights.max() ?? 0
        mate = .init(repeating: -1, count: n)
        label = .init(repeating: 0, count: 2 * n)
        labelEnd = .init(repeating: -1, count: 2 * n)
        inBlossom = Array(0..<n)
        blossomParent = .init(repeating: -1, count: 2 * n)
        blossomChildren = .init(repeating: [], count: 2 * n)
        blossomBase = Array(0..<n) + .init(repeating: -1, count: n)
        blossomEndpoints = .init(repeating: [], count: 2 * n)
        bestEdge = .init(repeating: -1, count: 2 * n)
        blossomBestEdges = .init(repeating: nil, count: 2 * n)
        unusedBlossoms = Array((n..<2 * n).reversed())
        dual = .init(repeating: maxWeight, count: n) + .init(repeating: 0, count: n)
        allowEdge = .init(repeating: false, count: graph.edgeCount)
    }

    // MARK: Small helpers

    @inline(__always) private func endpoint(_ p: Int) -> Int { graph.endpointVertex(p) }

    /// Twice the slack of edge `k` (valid between different top-level blossoms).
    @inline(__always) private func slack(_ k: Int) -> Int {
        dual[endpoint(2 * k)] + dual[endpoint(2 * k + 1)] - 2 * graph.weights[k]
    }

    /// The vertices of blossom `b` (or `[b]` for a vertex).
    private func leaves(_ b: Int) -> [Int] {
        if b < n { return [b] }
        var result: [Int] = []
        var stack = [b]
        while let t = stack.popLast() {
            if t < n { result.append(t) } else { stack.append(contentsOf: blossomChildren[t]) }
        }
        return result
    }

    @inline(__always) private func wrap(_ j: Int, _ count: Int) -> Int { j < 0 ? j + count : j }

    // MARK: Labels, blossoms, augmentation

    /// Labels the top-level blossom of `w` with `t` (1 = S, 2 = T), reached
    /// through remote endpoint `p`; a T label passes S on to its mate.
    private mutating func assignLabel(_ w0: Int, _ t0: Int, _ p0: Int) {
        var w = w0, t = t0, p = p0
        while true {
            let b = inBlossom[w]
            assert(label[w] == 0 && label[b] == 0)
            label[w] = t
            label[b] = t
            labelEnd[w] = p
            labelEnd[b] = p
            bestEdge[w] = -1
            bestEdge[b] = -1
            if t == 1 {
                queue.append(contentsOf: leaves(b))
                return
            }
            // T: label the mate of the base S.
            let base = blossomBase[b]
            assert(mate[base] >= 0)
            w = endpoint(mate[base])
            t = 1
            p = mate[base] ^ 1
        }
    }

    /// Follows the trees up from `v` and `w`; returns the base of a new
    /// blossom, or -1 when they lead to two different roots.
    private mutating func scanBlossom(_ v0: Int, _ w0: Int) -> Int {
        var path: [Int] = []
        var base = -1
        var v = v0, w = w0
        while v != -1 || w != -1 {
            let b = inBlossom[v]
            if label[b] & 4 != 0 {
                base = blossomBase[b]
                break
            }
            assert(label[b] == 1)
            path.append(b)
            label[b] = 5
            if labelEnd[b] == -1 {
                v = -1
            } else {
                v = endpoint(labelEnd[b])
                let bt = inBlossom[v]
                assert(label[bt] == 2)
                v = endpoint(labelEnd[bt])
            }
            if w != -1 { swap(&v, &w) }
        }
        for b in path { label[b] = 1 }
        return base
    }

    /// Shrinks the odd cycle through edge `k` and `base` into a new S-blossom.
    private mutating func addBlossom(_ base: Int, _ k: Int) {
        var v = endpoint(2 * k), w = endpoint(2 * k + 1)
        let bb = inBlossom[base]
        var bv = inBlossom[v], bw = inBlossom[w]
        let b = unusedBlossoms.removeLast()
        blossomBase[b] = base
        blossomParent[b] = -1
        blossomParent[bb] = b
        var path: [Int] = []
        var endps: [Int] = []
        while bv != bb {
            blossomParent[bv] = b
            path.append(bv)
            endps.append(labelEnd[bv])
            assert(label[bv] == 2 || (label[bv] == 1 && labelEnd[bv] == mate[blossomBase[bv]]))
            v = endpoint(labelEnd[bv])
            bv = inBlossom[v]
        }
        path.append(bb)
        path.reverse()
        endps.reverse()
        endps.append(2 * k)
        while bw != bb {
            blossomParent[bw] = b
            path.append(bw)
            endps.append(labelEnd[bw] ^ 1)
            assert(label[bw] == 2 || (label[bw] == 1 && labelEnd[bw] == mate[blossomBase[bw]]))
            w = endpoint(labelEnd[bw])
            bw = inBlossom[w]
        }
        assert(label[bb] == 1)
        blossomChildren[b] = path
        blossomEndpoints[b] = endps
        label[b] = 1
        labelEnd[b] = labelEnd[bb]
        dual[b] = 0
        for x in leaves(b) {
            if label[inBlossom[x]] == 2 { queue.append(x) }
            inBlossom[x] = b
        }
        // The least-slack edges from the new blossom to other S-blossoms.
        var bestEdgeTo = [Int](repeating: -1, count: 2 * n)
        var touched: [Int] = []
        for child in path {
            var candidates: [Int]
            if let list = blossomBestEdges[child] {
                candidates = list
                blossomBestEdges[child] = nil
            } else {
                candidates = []
                for x in leaves(child) {
                    let s = graph.adjacencyStart[x], e = graph.adjacencyStart[x + 1]
                    for i in s..<e { candidates.append(Int(graph.adjacency[i]) >> 1) }
                }
            }
            for k2 in candidates {
                var i = endpoint(2 * k2), j = endpoint(2 * k2 + 1)
                if inBlossom[j] == b { swap(&i, &j) }
                let bj = inBlossom[j]
                if bj != b && label[bj] == 1 && (bestEdgeTo[bj] == -1 || slack(k2) < slack(bestEdgeTo[bj])) {
                    if bestEdgeTo[bj] == -1 { touched.append(bj) }
                    bestEdgeTo[bj] = k2
                }
            }
            blossomBestEdges[child] = nil
            bestEdge[child] = -1
        }
        let mine = touched.map { bestEdgeTo[$0] }
        blossomBestEdges[b] = mine
        var best = -1
        for k2 in mine where best == -1 || slack(k2) < slack(best) { best = k2 }
        bestEdge[b] = best
    }

    /// Dissolves top-level blossom `b`; during a stage (`endStage == false`,
    /// a T-blossom whose dual reached 0) relabels its children.
    private mutating func expandBlossom(_ b0: Int, endStage: Bool) {
        var work = [b0]
        while let b = work.popLast() {
            for s in blossomChildren[b] {
                blossomParent[s] = -1
                if s < n {
                    inBlossom[s] = s
                } else if endStage && dual[s] == 0 {
                    work.append(s)
                } else {
                    for x in leaves(s) { inBlossom[x] = s }
                }
            }
            if !endStage && label[b] == 2 {
                relabelExpandedTBlossom(b)
            }
            label[b] = 0
            labelEnd[b] = -1
            blossomChildren[b] = []
            blossomEndpoints[b] = []
            blossomBase[b] = -1
            blossomBestEdges[b] = nil
            bestEdge[b] = -1
            unusedBlossoms.append(b)
        }
    }

    /// After expanding T-blossom `b`: labels the children on the even path
    /// from the entry child to the base T, S, …, T, and the rest T when one
    /// of their vertices was reached.
    private mutating func relabelExpandedTBlossom(_ b: Int) {
        let children = blossomChildren[b]
        let endps = blossomEndpoints[b]
        let count = children.count
        let entryChild = inBlossom[endpoint(labelEnd[b] ^ 1)]
        guard var j = children.firstIndex(of: entryChild) else {
            assertionFailure("entry child not in blossom")
            return
        }
        let jstep: Int, trick: Int
        if j & 1 != 0 {
            j -= count
            jstep = 1
            trick = 0
        } else {
            jstep = -1
            trick = 1
        }
        var p = labelEnd[b]
        while j != 0 {
            label[endpoint(p ^ 1)] = 0
            label[endpoint(endps[wrap(j - trick, count)] ^ trick ^ 1)] = 0
            assignLabel(endpoint(p ^ 1), 2, p)
            allowEdge[endps[wrap(j - trick, count)] >> 1] = true
            j += jstep
            p = endps[wrap(j - trick, count)] ^ trick
            allowEdge[p >> 1] = true
            j += jstep
        }
        let bv0 = children[wrap(j, count)]
        label[endpoint(p ^ 1)] = 2
        label[bv0] = 2
        labelEnd[endpoint(p ^ 1)] = p
        labelEnd[bv0] = p
        bestEdge[bv0] = -1
        j += jstep
        while children[wrap(j, count)] != entryChild {
            let bv = children[wrap(j, count)]
            if label[bv] == 1 {
                j += jstep
                continue
            }
            var reached = -1
            for x in leaves(bv) where label[x] != 0 {
                reached = x
                break
            }
            if reached >= 0 {
                assert(label[reached] == 2 && inBlossom[reached] == bv)
                label[reached] = 0
                label[endpoint(mate[blossomBase[bv]])] = 0
                assignLabel(reached, 2, labelEnd[reached])
            }
            j += jstep
        }
    }

    /// Swaps matched and unmatched edges along the even path inside blossom
    /// `b` from vertex `v` to its base, making `v` the base.
    private mutating func augmentBlossom(_ b0: Int, _ v0: Int) {
        // The recursive calls touch disjoint sub-blossoms and never the mate
        // of their new base, so they can run in any order: a work list.
        var work = [(b0, v0)]
        while let (b, v) = work.popLast() {
            var t = v
            while blossomParent[t] != b { t = blossomParent[t] }
            if t >= n { work.append((t, v)) }
            let count = blossomChildren[b].count
            guard let i = blossomChildren[b].firstIndex(of: t) else {
                assertionFailure("child not in blossom")
                return
            }
            var j = i
            let jstep: Int, trick: Int
            if i & 1 != 0 {
                j -= count
                jstep = 1
                trick = 0
            } else {
                jstep = -1
                trick = 1
            }
            while j != 0 {
                j += jstep
                t = blossomChildren[b][wrap(j, count)]
                let p = blossomEndpoints[b][wrap(j - trick, count)] ^ trick
                if t >= n { work.append((t, endpoint(p))) }
                j += jstep
                t = blossomChildren[b][wrap(j, count)]
                if t >= n { work.append((t, endpoint(p ^ 1))) }
                mate[endpoint(p)] = p ^ 1
                mate[endpoint(p ^ 1)] = p
            }
            blossomChildren[b] = Array(blossomChildren[b][i...] + blossomChildren[b][..<i])
            blossomEndpoints[b] = Array(blossomEndpoints[b][i...] + blossomEndpoints[b][..<i])
            // `v` is the new base (the child holding it is rotated to the
            // front; its own rotation may still be on the work list).
            blossomBase[b] = v
        }
    }

    /// Augments along the path through tight edge `k` between two S-vertices
    /// of different trees.
    private mutating func augmentMatching(_ k: Int) {
        for (s0, p0) in [(endpoint(2 * k), 2 * k + 1), (endpoint(2 * k + 1), 2 * k)] {
            var s = s0, p = p0
            while true {
                let bs = inBlossom[s]
                assert(label[bs] == 1)
                if bs >= n { augmentBlossom(bs, s) }
                mate[s] = p
                if labelEnd[bs] == -1 { break }
                let t = endpoint(labelEnd[bs])
                let bt = inBlossom[t]
                assert(label[bt] == 2)
                s = endpoint(labelEnd[bt])
                let j = endpoint(labelEnd[bt] ^ 1)
                assert(blossomBase[bt] == t)
                if bt >= n { augmentBlossom(bt, j) }
                mate[j] = labelEnd[bt]
                p = labelEnd[bt] ^ 1
            }
        }
    }

    // MARK: The main loop

    /// Runs the algorithm and returns the matched edge of every vertex (or
    /// -1) with the optimal duals.
    mutating func solve() -> (mateEdge: [Int32], duals: MatchingDuals) {
        if n > 0 && graph.edgeCount > 0 {
            stages: while true {
                for i in 0..<(2 * n) { label[i] = 0; bestEdge[i] = -1 }
                for b in n..<(2 * n) { blossomBestEdges[b] = nil }
                for k in 0..<allowEdge.count { allowEdge[k] = false }
                queue.removeAll(keepingCapacity: true)
                for v in 0..<n where mate[v] == -1 && label[inBlossom[v]] == 0 {
                    assignLabel(v, 1, -1)
                }
                var augmented = false
                while true {
                    while !augmented, let v = queue.popLast() {
                        assert(label[inBlossom[v]] == 1)
                        let s = graph.adjacencyStart[v], e = graph.adjacencyStart[v + 1]
                        for i in s..<e {
                            let p = Int(graph.adjacency[i])
                            let k = p >> 1
                            let w = endpoint(p)
                            if inBlossom[v] == inBlossom[w] { continue }
                            var kslack = 0
                            if !allowEdge[k] {
                                kslack = slack(k)
                                if kslack <= 0 { allowEdge[k] = true }
                            }
                            let bw = inBlossom[w]
                            if allowEdge[k] {
                                if label[bw] == 0 {
                                    assignLabel(w, 2, p ^ 1)
                                } else if label[bw] == 1 {
                                    let base = scanBlossom(v, w)
                                    if base >= 0 {
                                        addBlossom(base, k)
                                    } else {
                                        augmentMatching(k)
                                        augmented = true
                                        break
                                    }
                                } else if label[w] == 0 {
                                    assert(label[bw] == 2)
                                    label[w] = 2
                                    labelEnd[w] = p ^ 1
                                }
                            } else if label[bw] == 1 {
                                let b = inBlossom[v]
                                if bestEdge[b] == -1 || kslack < slack(bestEdge[b]) { bestEdge[b] = k }
                            } else if label[w] == 0 {
                                if bestEdge[w] == -1 || kslack < slack(bestEdge[w]) { bestEdge[w] = k }
                            }
                        }
                    }
                    if augmented { break }

                    // δ1: the smallest vertex dual.
                    var deltaType = 1
                    var delta = dual[0..<n].min() ?? 0
                    var deltaEdge = -1, deltaBlossom = -1
                    // δ2: least slack from an S-vertex to a free vertex.
                    for v in 0..<n where label[inBlossom[v]] == 0 && bestEdge[v] != -1 {
                        let d = slack(bestEdge[v])
                        if d < delta {
                            delta = d
                            deltaType = 2
                            deltaEdge = bestEdge[v]
                        }
                    }
                    // δ3: half the least slack between two S-blossoms.
                    for b in 0..<(2 * n) where blossomParent[b] == -1 && label[b] == 1 && bestEdge[b] != -1 {
                        let ks = slack(bestEdge[b])
                        assert(ks % 2 == 0)
                        let d = ks / 2
                        if d < delta {
                            delta = d
                            deltaType = 3
                            deltaEdge = bestEdge[b]
                        }
                    }
                    // δ4: the smallest dual of a T-blossom.
                    for b in n..<(2 * n) where blossomBase[b] >= 0 && blossomParent[b] == -1 && label[b] == 2 {
                        if dual[b] < delta {
                            delta = dual[b]
                            deltaType = 4
                            deltaBlossom = b
                        }
                    }
                    for v in 0..<n {
                        switch label[inBlossom[v]] {
                        case 1: dual[v] -= delta
                        case 2: dual[v] += delta
                        default: break
                        }
                    }
                    for b in n..<(2 * n) where blossomBase[b] >= 0 && blossomParent[b] == -1 {
                        if label[b] == 1 { dual[b] += delta } else if label[b] == 2 { dual[b] -= delta }
                    }
                    switch deltaType {
                    case 1:
                        break stages
                    case 2, 3:
                        allowEdge[deltaEdge] = true
                        var i = endpoint(2 * deltaEdge)
                        if label[inBlossom[i]] == 0 { i = endpoint(2 * deltaEdge + 1) }
                        assert(label[inBlossom[i]] == 1)
                        queue.append(i)
                    default:
                        expandBlossom(deltaBlossom, endStage: false)
                    }
                }
                // End of stage: expand S-blossoms whose dual is 0.
                for b in n..<(2 * n)
                where blossomParent[b] == -1 && blossomBase[b] >= 0 && label[b] == 1 && dual[b] == 0 {
                    expandBlossom(b, endStage: true)
                }
            }
        }
        return (mateEdges(), duals())
    }

    private func mateEdges() -> [Int32] {
        mate.map { $0 < 0 ? -1 : Int32(truncatingIfNeeded: $0 >> 1) }
    }

    /// The duals in the public form: live blossoms renumbered `0..<count`.
    private func duals() -> MatchingDuals {
        var id = [Int](repeating: -1, count: 2 * n)
        var blossomDuals: [Int] = []
        for b in n..<(2 * n) where blossomBase[b] >= 0 {
            id[b] = blossomDuals.count
            blossomDuals.append(dual[b])
        }
        var parents = [Int](repeating: -1, count: blossomDuals.count)
        for b in n..<(2 * n) where id[b] >= 0 {
            let p = blossomParent[b]
            parents[id[b]] = p < 0 ? -1 : id[p]
        }
        let vertexBlossoms = (0..<n).map { v in blossomParent[v] < 0 ? -1 : id[blossomParent[v]] }
        return MatchingDuals(
            vertexDuals: Array(dual[0..<n]), blossomDuals: blossomDuals,
            blossomParents: parents, vertexBlossoms: vertexBlossoms)
    }
}
