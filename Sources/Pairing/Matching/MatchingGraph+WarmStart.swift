/// A starting point for ``HeapBlossomSolver`` other than "every vertex its
/// own tree": vertex duals feasible for every edge, and a matching of edges
/// that are tight under them.
///
/// The solver's invariants then hold at time 0 exactly as after some of its
/// own steps: matched vertices are free (unlabelled) with tight matched
/// edges; exposed vertices with a positive dual are roots of their own
/// trees; exposed vertices with dual 0 are done. Exposed duals are even, so
/// that every slack between two S-vertices stays even (the solver's events
/// for those edges are at half the slack).
struct BlossomWarmStart: Sendable {
    /// `u(v) = 2·y(v)` per vertex: `u(i) + u(j) ≥ 2·w(ij)` for every edge.
    var vertexDuals: [Int]
    /// The matched edge of every vertex (an edge of the new graph), or -1.
    var mateEdge: [Int32]
}

extension MatchingGraph {
    /// A maximum-weight matching of this graph, started from `previous`, the
    /// certified optimum of `previousGraph` — the same vertices and a subset
    /// of these edges (the certified pairing adds the pairs its pricing
    /// found and solves again).
    ///
    /// The warm start keeps as much of `previous` as stays valid
    /// (``warmStart(from:on:)``), so the solver only repairs the region the
    /// new edges touch. The result is checked against its dual certificate
    /// in debug builds, like a cold solve.
    ///
    /// Any optimum over the same vertices is a valid start, also when edges
    /// were dropped or reweighted (the reruns of `match --sensitivity`:
    /// ``SpatialPairingProblem/rerun(options:from:reusingLegs:progress:)``):
    /// step 3 makes every edge of this graph feasible and step 2 keeps only
    /// pairs that are edges here and tight; only the amount of repair
    /// differs. `previousGraph` is used for its vertex count only.
    ///
    /// - Complexity: at most that of a cold solve; far less when few edges
    ///   were added.
    public func maximumWeightMatching(warmStartingFrom previous: CertifiedMatching, on previousGraph: MatchingGraph) -> CertifiedMatching {
        guard let result = maximumWeightMatching(warmStartingFrom: previous, on: previousGraph, deadline: nil) else {
            preconditionFailure("a solve without a deadline always finishes")
        }
        return result
    }

    /// ``maximumWeightMatching(warmStartingFrom:on:)`` that gives up,
    /// returning `nil`, once the monotonic clock passes `deadline`
    /// (`DispatchTime.now().uptimeNanoseconds`): how the certified pairing
    /// keeps its time budget when one re-solve takes minutes. A
    /// `checkpoint` gets the duals on the way (``SolverCheckpoint``).
    func maximumWeightMatching(
        warmStartingFrom previous: CertifiedMatching, on previousGraph: MatchingGraph, deadline: UInt64?,
        checkpoint: SolverCheckpoint? = nil
    ) -> CertifiedMatching? {
        maximumWeightMatching(from: warmStart(from: previous, on: previousGraph), deadline: deadline, checkpoint: checkpoint)
    }

    /// The solve of ``maximumWeightMatching(warmStartingFrom:on:deadline:checkpoint:)``
    /// from its warm start, for callers that look at the start first.
    func maximumWeightMatching(from start: BlossomWarmStart, deadline: UInt64?, checkpoint: SolverCheckpoint? = nil) -> CertifiedMatching? {
        guard let (mateEdge, duals) = heapBlossomMatching(warmStart: start, deadline: deadline, checkpoint: checkpoint) else { return nil }
        let result = CertifiedMatching(matching: Matching(graph: self, mateEdge: mateEdge), duals: duals)
        assert(result._checkOptimality(on: self))
        return result
    }

    /// Turns the optimum of a subgraph into a feasible start here.
    ///
    /// 1. Blossoms are dropped: each vertex's dual grows by the duals of
    ///    the blossoms around it, `u'(v) = u(v) + Σ_{B ∋ v} z(B)`, which
    ///    keeps every edge feasible (an edge inside `B` gains at least
    ///    `2·z(B)`, the blossom term it loses).
    /// 2. Previous matched edges stay matched when still tight; the others
    ///    (inside blossoms with `z > 0`) are unmatched.
    /// 3. An edge still infeasible (a new one, `u'(i) + u'(j) < 2w`) raises
    ///    the dual of an exposed end when it has one, else of the end with
    ///    more infeasible edges (its `u` end on a tie), whose matched edge
    ///    then is no longer tight and is unmatched. Choosing that end is a
    ///    greedy vertex cover of the infeasible edges: each matched vertex
    ///    raised breaks one pair, and a shipment whose pricing brought
    ///    several new pairs breaks only its own. On 100,000 national rows
    ///    the roots of the first re-solve fell from 50,064 to 37,343, and
    ///    the run took 83.0–83.4 s CPU against 88.4–89.3 s (1 thread, same
    ///    run, alternating); at 50,000 rows and on ny-5000 the difference
    ///    is within noise.
    /// 4. Exposed vertices with an odd dual are raised by one.
    /// 5. Each exposed vertex's dual is lowered to the least even value
    ///    that keeps its edges feasible, `max(0, max_j 2w(vj) − u(j))`, and
    ///    the vertex is matched along an edge that is then tight to another
    ///    exposed vertex with a positive dual, if it has one. This is what
    ///    the solver's first events would do for a tree of one vertex, done
    ///    per vertex instead of on the global clock: step 3 raises many
    ///    ends by the full deficit of their worst new edge, and without
    ///    this every one of them starts a tree (39,920 roots of 50,000 in
    ///    the second solve of the national-50,000 batch; 22,850 with it).
    ///
    /// Raising duals never breaks feasibility, so one pass over the edges
    /// suffices for step 3; step 5 lowers a dual only to the largest value
    /// its edges require at that moment, and a dual lowered later is again
    /// checked against every edge of its vertex.
    func warmStart(from previous: CertifiedMatching, on previousGraph: MatchingGraph) -> BlossomWarmStart {
        precondition(previousGraph.vertexCount == vertexCount, "a warm start needs the same vertices")
        let n = vertexCount
        let d = previous.duals
        // 1. Vertex duals plus the duals of their blossoms.
        var u = d.vertexDuals
        var enclosing = [Int](repeating: -1, count: d.blossomCount)  // Σ z over b and its ancestors
        func total(_ b: Int) -> Int {
            if enclosing[b] >= 0 { return enclosing[b] }
            let p = d.blossomParents[b]
            let t = d.blossomDuals[b] + (p < 0 ? 0 : total(p))
            enclosing[b] = t
            return t
        }
        for v in 0..<n where d.vertexBlossoms[v] >= 0 { u[v] += total(d.vertexBlossoms[v]) }

        // 2. Previous matched pairs as edges of this graph, when tight.
        var mateEdge = [Int32](repeating: -1, count: n)
        for (a, b) in previous.matching.pairs {
            for i in adjacencyStart[a]..<adjacencyStart[a + 1] {
                let p = Int(adjacency[i])
                guard endpointVertex(p) == b else { continue }
                let k = p >> 1
                if u[a] + u[b] == 2 * weights[k] {
                    mateEdge[a] = Int32(truncatingIfNeeded: k)
                    mateEdge[b] = Int32(truncatingIfNeeded: k)
                    break
                }
            }
        }

        // 3. Repair infeasible edges.
        func unmatch(_ v: Int) {
            let k = Int(mateEdge[v])
            guard k >= 0 else { return }
            mateEdge[endpointVertex(2 * k)] = -1
            mateEdge[endpointVertex(2 * k + 1)] = -1
        }
        // Where both ends are matched, the end with more infeasible edges
        // is raised (a greedy vertex cover: each raised matched vertex
        // breaks one pair).
        var infeasibleDegree = [Int32](repeating: 0, count: n)
        for k in 0..<edgeCount where 2 * weights[k] > u[endpointVertex(2 * k)] + u[endpointVertex(2 * k + 1)] {
            infeasibleDegree[endpointVertex(2 * k)] += 1
            infeasibleDegree[endpointVertex(2 * k + 1)] += 1
        }
        for k in 0..<edgeCount {
            let a = endpointVertex(2 * k), b = endpointVertex(2 * k + 1)
            let deficit = 2 * weights[k] - u[a] - u[b]
            guard deficit > 0 else { continue }
            let x = mateEdge[a] < 0 ? a : (mateEdge[b] < 0 ? b : (infeasibleDegree[b] > infeasibleDegree[a] ? b : a))
            u[x] += deficit
            unmatch(x)
        }

        // 4. Even duals at exposed vertices.
        for v in 0..<n where mateEdge[v] < 0 && u[v] % 2 != 0 { u[v] += 1 }

        // 5. Exposed vertices: the least feasible (even) dual, and a match
        //    along a tight edge to another exposed vertex when there is one.
        for v in 0..<n where mateEdge[v] < 0 && u[v] > 0 {
            var need = 0
            for i in adjacencyStart[v]..<adjacencyStart[v + 1] {
                let p = Int(adjacency[i])
                need = max(need, 2 * weights[p >> 1] - u[endpointVertex(p)])
            }
            need += need & 1
            if need < u[v] { u[v] = need }
            guard u[v] > 0 else { continue }
            for i in adjacencyStart[v]..<adjacencyStart[v + 1] {
                let p = Int(adjacency[i])
                let w = endpointVertex(p), k = p >> 1
                if w != v && mateEdge[w] < 0 && u[w] > 0 && u[v] + u[w] == 2 * weights[k] {
                    mateEdge[v] = Int32(truncatingIfNeeded: k)
                    mateEdge[w] = Int32(truncatingIfNeeded: k)
                    break
                }
            }
        }
        #if DEBUG
        for k in 0..<edgeCount {
            assert(u[endpointVertex(2 * k)] + u[endpointVertex(2 * k + 1)] >= 2 * weights[k], "warm start infeasible")
        }
        for v in 0..<n where mateEdge[v] >= 0 {
            let k = Int(mateEdge[v])
            assert(u[endpointVertex(2 * k)] + u[endpointVertex(2 * k + 1)] == 2 * weights[k], "matched edge not tight")
        }
        #endif
        return BlossomWarmStart(vertexDuals: u, mateEdge: mateEdge)
    }
}
