import Dispatch

/// Maximum-weight matching on a general graph with all alternating trees
/// grown at once and the dual changes driven by one priority queue of
/// events — the approach of Galil, Micali and Gabow ("An O(EV log V)
/// algorithm for finding a maximal weighted matching in general graphs",
/// SIAM J. Comput. 15(1), 1986) and of the LEMON library's
/// `MaxWeightedMatching`, on top of Edmonds' blossom algorithm (1965) as
/// formulated by Galil (ACM Computing Surveys 18(1), 1986).
///
/// ## How it differs from the O(*n*³) formulation
///
/// ``CubicBlossomSolver`` relabels every vertex after each augmentation and
/// finds δ by a linear scan: *n*/2 stages of Θ(*n* + *m*) work even when a
/// stage changes almost nothing, which is what makes large sparse batches
/// slow. Here:
///
/// - Every vertex starts exposed as the root of its own tree, with dual
///   `u(v)` = its largest incident weight (rounded up to even; duals are
///   doubled as in ``MatchingDuals``). Trees are never reset wholesale: an
///   augmentation (or a root giving up, below) *dissolves* only the trees
///   it touches; their vertices become free (matched, unlabelled) and other
///   trees can grow over them.
/// - The dual change δ is implicit: a global clock `time` advances, S
///   vertices have `u = base − time`, T vertices `u = base + time`, free
///   ones a constant; blossom duals likewise. Every event is a point on that
///   clock: an S vertex's dual reaching 0 (δ1), an edge from S to a free
///   vertex becoming tight (δ2), an edge between two S-blossoms becoming
///   tight (δ3), a T-blossom's dual reaching 0 (δ4). One indexed heap holds
///   them all: per tree one δ1 entry (its S-vertices' duals fall together,
///   so the least of them reaches 0 first), per S-vertex a scan entry for
///   its δ2 and δ3 edges (below), per T-blossom a δ4 entry.
/// - The state a grow touches is packed so that it costs few cache misses
///   at 310,000 national rows (5.6 million edges): arcs of 8 bytes (the
///   remote vertex and a 32-bit weight), each blossom's label edge and tree
///   links in one 16-byte record, and each mate's vertex beside its
///   endpoint. Together with the δ1 entry per tree this took the re-solves
///   of that batch from 279.0 s to 208.7 s (`docs/benchmarks/match-job.md`,
///   ninth round).
/// - Edge events are held *per S-vertex*, not per edge: each S-vertex has
///   one *scan* entry whose time is never later than the earliest event of
///   an edge it owns, and when it pops the vertex's edges are scanned again:
///   the tight ones are acted on and the entry goes back at the next
///   earliest time. A vertex owns its edges to S- and free vertices from
///   the moment it becomes S (it scans them then); a vertex that becomes
///   free (it was T or S) hands its edges to its S neighbours by lowering
///   their entries — the only moments at which an edge's slack starts to
///   fall or falls faster. An entry per edge, as in LEMON, left most of the
///   heap's pops to edges whose trees had dissolved meanwhile (6.9 of 8.4
///   million in one re-solve of the national-50,000 batch), each a sift
///   through a heap of *m* entries; here the heap holds at most 3*n*.
/// - Because roots start with different duals, a root's tree may reach
///   δ1 before finding an augmenting path: then the alternating path from
///   the root to the vertex whose dual is 0 is flipped (that vertex becomes
///   exposed, with dual 0 as complementary slackness wants, and stays free
///   for other trees to augment into), and the tree is dissolved.
///
/// Every operation on blossoms (shrinking, expansion of T-blossoms,
/// augmenting through them) is Galil's; the proof of optimality is the same
/// dual certificate, checked by ``MatchingDuals/certify(_:on:)``.
///
/// - Complexity: O(*n*·*m*·(log *n* + Δ)) worst case, Δ the largest degree
///   (a scan entry's pop rescans its vertex); on the savings graphs of
///   backhaul (random sparse and dense instances) close to O(*m* log *m*) —
///   see `docs/benchmarks/matching.md`.
struct HeapBlossomSolver {
    private let graph: MatchingGraph
    private let n: Int
    private let m: Int
    /// Per vertex: the remote endpoint of its matched edge and that
    /// endpoint's vertex, or -1 for both. The vertex is kept beside it so
    /// that a grow reaches the mate without a read of
    /// `graph.endpointVertices` (2*m* entries, a cache miss each at
    /// 310,000 national rows).
    private var mate: [Mate]
    /// Per vertex, packed for the scans: its dual relative to the clock
    /// (see ``vertexDual(_:)``), its top-level blossom and that blossom's
    /// label.
    private var vertex: [VertexState]
    /// The adjacency of every vertex with neighbour and weight inline
    /// (`graph.adjacencyStart` indexes it), or empty: a solve with very
    /// few trees (``MatchingGraph/tinyRepairDivisor``) reads the graph's
    /// arrays instead of paying O(*m*) random reads to build it — at
    /// 310,000 national rows most of the 0.33 s each of the last passes'
    /// re-solves took.
    private let arcs: [Arc]
    /// Per vertex or blossom (`0..<2n`): the enclosing blossom, or -1.
    private var blossomParent: [Int]
    /// Per blossom id: its base vertex, or -1 when the id is unused.
    private var blossomBase: [Int]
    private var blossomChildren: [[Int]]
    /// `blossomEndpoints[b][i]` joins children `i` and `i + 1` (its vertex
    /// is in child `i`).
    private var blossomEndpoints: [[Int]]
    private var unusedBlossoms: [Int]
    /// Per top-level blossom: 0 free, 1 S (even), 2 T (odd). Sub-blossoms 0.
    private var label: [UInt8]
    /// Per labelled top-level blossom, in one 16-byte record (a grow writes
    /// all four for two blossoms): the remote endpoint (outside the blossom)
    /// of the edge it was labelled through, or -1 for a root; the root
    /// vertex naming its tree; and its neighbours in the tree's member list.
    private var links: [Links]
    /// Per root vertex: the first blossom of its tree's member list.
    private var treeHead: [Int]
    /// Per root vertex: the S-vertex of its tree whose dual reaches 0 first
    /// (the tree's δ1 event, at that vertex's `dualBase`).
    private var treeZeroDual: [ZeroDual]

    /// A tree's δ1 event: its time (`Int.max` before the tree has one) and
    /// the S-vertex whose dual reaches 0 then. Kept beside the heap entry so
    /// that a new S-vertex compares with it without a heap lookup.
    private struct ZeroDual {
        var key = Int.max
        var vertex: Int32 = -1
    }
    /// Blossom duals relative to the clock (see ``blossomDual(_:)``).
    private var zBase: [Int]
    /// The dual clock: the sum of all δ so far.
    private var time = 0
    private let heap: IndexedMinHeap
    private var mark: [Int]
    private var stamp = 0
    private var activeTrees = 0
    /// Scratch stack for ``forEachLeaf(_:_:)``.
    private var leafStack: [Int] = []
    /// What the run did, for tests and benchmarks.
    private(set) var statistics = Statistics()

    private struct Mate {
        var endpoint: Int32
        var vertex: Int32
        static let none = Mate(-1, -1)
        var isExposed: Bool { endpoint < 0 }

        /// Endpoint `p`, at `vertex`.
        init(_ p: Int, _ vertex: Int) {
            endpoint = Int32(truncatingIfNeeded: p)
            self.vertex = Int32(truncatingIfNeeded: vertex)
        }
    }

    private struct VertexState {
        var dualBase: Int
        /// The top-level blossom holding the vertex (itself when trivial).
        var top: Int32
        /// The label of `top`.
        var label: UInt8
    }

    private struct Links {
        var labelEnd: Int32 = -1
        var tree: Int32 = -1
        var next: Int32 = -1
        var prev: Int32 = -1
    }

    /// An arc of the inline adjacency: 8 bytes, so that a scan reads half
    /// the cache lines of one with its endpoint and a 64-bit weight (the
    /// endpoint is read from the graph only when the arc's edge acts).
    private struct Arc {
        var to: Int32
        var weight: Int32
    }

    /// Counts of the steps of one run.
    struct Statistics: Sendable, Hashable {
        var events = 0
        var staleEvents = 0
        var grows = 0
        var blossoms = 0
        var expansions = 0
        var augmentations = 0
        var zeroDualExposures = 0
        var vertexScans = 0
    }

    /// - Parameter arcTable: whether to build the inline adjacency (a
    ///   solve that scans many vertices), or read the graph's.
    init(graph: MatchingGraph, arcTable: Bool = true) {
        self.graph = graph
        let n = graph.vertexCount
        self.n = n
        self.m = graph.edgeCount
        mate = .init(repeating: .none, count: n)
        vertex = (0..<n).map { VertexState(dualBase: 0, top: Int32(truncatingIfNeeded: $0), label: 0) }
        // Weights beyond 32 bits (never a saving in metres) read the graph.
        let narrow = arcTable && graph.weights.allSatisfy { $0 <= Int(Int32.max) }
        arcs = !narrow ? [] : graph.adjacency.map { p in
            let p = Int(p)
            return Arc(to: graph.endpointVertices[p], weight: Int32(truncatingIfNeeded: graph.weights[p >> 1]))
        }
        blossomParent = .init(repeating: -1, count: 2 * n)
        blossomBase = Array(0..<n) + .init(repeating: -1, count: n)
        blossomChildren = .init(repeating: [], count: 2 * n)
        blossomEndpoints = .init(repeating: [], count: 2 * n)
        unusedBlossoms = Array((n..<2 * n).reversed())
        label = .init(repeating: 0, count: 2 * n)
        links = .init(repeating: Links(), count: 2 * n)
        treeHead = .init(repeating: -1, count: n)
        treeZeroDual = .init(repeating: ZeroDual(), count: n)
        zBase = .init(repeating: 0, count: 2 * n)
        mark = .init(repeating: 0, count: 2 * n)
        heap = IndexedMinHeap(capacity: 3 * n)
    }

    /// Arc `i` of the adjacency: its remote vertex and its edge's weight.
    @inline(__always) private func arc(_ i: Int) -> (to: Int32, weight: Int) {
        if arcs.isEmpty {
            let p = Int(graph.adjacency[i])
            return (graph.endpointVertices[p], graph.weights[p >> 1])
        }
        let arc = arcs[i]
        return (arc.to, Int(arc.weight))
    }

    /// The remote endpoint of arc `i` (`p >> 1` is its edge).
    @inline(__always) private func arcEndpoint(_ i: Int) -> Int { Int(graph.adjacency[i]) }

    // MARK: Duals on the clock

    @inline(__always) private func endpoint(_ p: Int) -> Int { graph.endpointVertex(p) }

    /// `u(v) = 2·y(v)` now.
    @inline(__always) private func vertexDual(_ v: Int) -> Int {
        let state = vertex[v]
        switch state.label {
        case 1: return state.dualBase - time
        case 2: return state.dualBase + time
        default: return state.dualBase
        }
    }

    /// The top-level blossom holding vertex `v`.
    @inline(__always) private func inBlossom(_ v: Int) -> Int { Int(vertex[v].top) }

    /// `z(b)` now (sub-blossoms have label 0: their dual is frozen).
    @inline(__always) private func blossomDual(_ b: Int) -> Int {
        switch label[b] {
        case 1: return zBase[b] + time
        case 2: return zBase[b] - time
        default: return zBase[b]
        }
    }

    /// Twice the slack of edge `k`, between different top-level blossoms.
    @inline(__always) private func slack(_ k: Int) -> Int {
        vertexDual(endpoint(2 * k)) + vertexDual(endpoint(2 * k + 1)) - 2 * graph.weights[k]
    }

    /// Heap items: `0..<n` the scan entry of S-vertex `v`, `n..<2n` the δ1
    /// event of the tree rooted at vertex `r` (``offerZeroDual(_:at:root:)``),
    /// `2n..<3n` the δ4 event of T-blossom `b` (`n ≤ b < 2n`).
    @inline(__always) private func scanItem(_ v: Int) -> Int { v }
    @inline(__always) private func treeItem(_ root: Int) -> Int { n + root }
    @inline(__always) private func blossomItem(_ b: Int) -> Int { n + b }

    private mutating func forEachLeaf(_ b: Int, _ body: (inout Self, Int) -> Void) {
        if b < n {
            body(&self, b)
            return
        }
        var stack = leafStack
        leafStack = []
        stack.removeAll(keepingCapacity: true)
        stack.append(b)
        while let t = stack.popLast() {
            if t < n { body(&self, t) } else { stack.append(contentsOf: blossomChildren[t]) }
        }
        leafStack = stack
    }

    @inline(__always) private func wrap(_ j: Int, _ count: Int) -> Int { j < 0 ? j + count : j }

    /// Changes the label of top-level blossom `b`, re-expressing the duals of
    /// its vertices and its own dual on the clock, and keeping the δ1 event
    /// of the tree an S-blossom joins (`root`, required then) and the δ4
    /// event of a T-blossom in step. A dissolving tree's δ1 entry is
    /// ``dissolve(_:)``'s; edge events are the caller's business.
    private mutating func relabel(_ b: Int, to new: UInt8, root: Int = -1) {
        let old = b < n ? vertex[b].label : label[b]
        guard old != new else { return }
        assert(new != 1 || root >= 0, "an S-blossom joins a tree")
        let t = time
        forEachLeaf(b) { s, v in
            let base = s.vertex[v].dualBase
            assert(s.vertex[v].label == old)
            let u: Int
            switch old {
            case 1: u = base - t
            case 2: u = base + t
            default: u = base
            }
            switch new {
            case 1:
                s.vertex[v].dualBase = u + t
                s.offerZeroDual(v, at: t + u, root: root)
            case 2:
                s.vertex[v].dualBase = u - t
            default:
                s.vertex[v].dualBase = u
            }
            s.vertex[v].label = new
            if old == 1 { s.heap.remove(s.scanItem(v)) }
        }
        if b >= n {
            let z: Int
            switch old {
            case 1: z = zBase[b] + t
            case 2: z = zBase[b] - t
            default: z = zBase[b]
            }
            switch new {
            case 1: zBase[b] = z - t
            case 2:
                zBase[b] = z + t
                heap.insertOrDecrease(blossomItem(b), key: t + z)
            default: zBase[b] = z
            }
            if old == 2 { heap.remove(blossomItem(b)) }
        }
        label[b] = new
    }

    /// S-vertex `v` of the tree rooted at `root` reaches dual 0 at `key`: the
    /// tree's δ1 event moves there if that is sooner. An S-vertex's `key`
    /// (its `dualBase`) is fixed while it stays S, and S-vertices leave a
    /// tree only when it dissolves, so a tree's event only ever comes
    /// sooner: one heap entry per tree instead of one per S-vertex.
    @inline(__always) private mutating func offerZeroDual(_ v: Int, at key: Int, root: Int) {
        guard key < treeZeroDual[root].key else { return }
        assert(heap.key(of: treeItem(root)).map { $0 == treeZeroDual[root].key } ?? (treeZeroDual[root].key == .max))
        heap.insertOrDecrease(treeItem(root), key: key)
        treeZeroDual[root] = ZeroDual(key: key, vertex: Int32(truncatingIfNeeded: v))
    }

    // MARK: Edge events

    /// The earliest time at which an edge of S-vertex `v` to an S- or free
    /// vertex in another blossom becomes tight (`Int.max` if none).
    @inline(__always) private func earliestEdgeEvent(_ v: Int) -> Int {
        let bv = vertex[v].top
        let uv = vertexDual(v)
        let t = time
        var best = Int.max
        for i in graph.adjacencyStart[v]..<graph.adjacencyStart[v + 1] {
            let arc = arc(i)
            let w = vertex[Int(arc.to)]
            if w.top == bv { continue }
            switch w.label {
            case 1:
                let s = uv + w.dualBase - t - 2 * arc.weight
                assert(s >= 0 && s % 2 == 0, "S–S slack \(s)")
                best = min(best, t + s / 2)
            case 0:
                let s = uv + w.dualBase - 2 * arc.weight
                assert(s >= 0, "S–free slack \(s)")
                best = min(best, t + s)
            default:
                break
            }
        }
        return best
    }

    /// `v` just became an S-vertex: it takes over its edges to S- and free
    /// vertices in other blossoms, with one scan entry at the earliest.
    private mutating func scanFromEven(_ v: Int) {
        statistics.vertexScans += 1
        let e = earliestEdgeEvent(v)
        if e < Int.max { heap.insertOrDecrease(scanItem(v), key: e) }
    }

    /// `v` just became free (it was T, or S in a dissolved tree): its edges
    /// to S-vertices pass to those vertices' scan entries.
    private mutating func scanFromFree(_ v: Int) {
        statistics.vertexScans += 1
        let uv = vertex[v].dualBase
        assert(vertex[v].label == 0)
        let t = time
        for i in graph.adjacencyStart[v]..<graph.adjacencyStart[v + 1] {
            let arc = arc(i)
            let w = vertex[Int(arc.to)]
            guard w.label == 1 else { continue }
            let s = uv + w.dualBase - t - 2 * arc.weight
            assert(s >= 0, "free–S slack \(s)")
            heap.insertOrDecrease(scanItem(Int(arc.to)), key: t + s)
        }
    }

    // MARK: Trees

    private mutating func treeInsert(_ b: Int, _ root: Int) {
        links[b].tree = Int32(truncatingIfNeeded: root)
        links[b].prev = -1
        let head = treeHead[root]
        links[b].next = Int32(truncatingIfNeeded: head)
        if head >= 0 { links[head].prev = Int32(truncatingIfNeeded: b) }
        treeHead[root] = b
    }

    private mutating func treeRemove(_ b: Int) {
        let root = Int(links[b].tree)
        assert(root >= 0)
        let prev = Int(links[b].prev), next = Int(links[b].next)
        if prev >= 0 { links[prev].next = Int32(truncatingIfNeeded: next) } else { treeHead[root] = next }
        if next >= 0 { links[next].prev = Int32(truncatingIfNeeded: prev) }
        links[b].tree = -1
        links[b].next = -1
        links[b].prev = -1
    }

    /// Unlabels every blossom of the trees rooted at `roots`; their vertices,
    /// now free, then hand their edges to S neighbours in the remaining
    /// trees.
    private mutating func dissolve(_ roots: [Int]) {
        var formerlyLabelled: [Int] = []
        for root in roots {
            var b = treeHead[root]
            while b >= 0 {
                let next = Int(links[b].next)
                formerlyLabelled.append(b)
                relabel(b, to: 0)
                links[b] = Links()
                b = next
            }
            treeHead[root] = -1
            heap.remove(treeItem(root))
            treeZeroDual[root] = ZeroDual()
            activeTrees -= 1
        }
        for b in formerlyLabelled {
            forEachLeaf(b) { s, v in s.scanFromFree(v) }
        }
    }

    // MARK: Blossoms

    /// Follows the trees up from `v0` and `w0`; returns the base of a new
    /// blossom, or -1 when they lead to two different roots.
    private mutating func scanBlossom(_ v0: Int, _ w0: Int) -> Int {
        stamp += 1
        var v = v0, w = w0
        while v != -1 {
            let b = inBlossom(v)
            if mark[b] == stamp { return blossomBase[b] }
            assert(label[b] == 1)
            mark[b] = stamp
            if links[b].labelEnd == -1 {
                v = -1
            } else {
                let bt = inBlossom(endpoint(Int(links[b].labelEnd)))
                assert(label[bt] == 2)
                v = endpoint(Int(links[bt].labelEnd))
            }
            if w != -1 { swap(&v, &w) }
        }
        return -1
    }

    /// Shrinks the odd cycle closed by tight edge `k` (both ends S, same
    /// tree) with the given base into a new S-blossom with dual 0.
    private mutating func addBlossom(_ base: Int, _ k: Int) {
        var v = endpoint(2 * k), w = endpoint(2 * k + 1)
        let bb = inBlossom(base)
        var bv = inBlossom(v), bw = inBlossom(w)
        guard let b = unusedBlossoms.popLast() else {
            assertionFailure("out of blossom ids")
            return
        }
        let root = Int(links[bb].tree)
        var path: [Int] = []
        var endps: [Int] = []
        while bv != bb {
            path.append(bv)
            endps.append(Int(links[bv].labelEnd))
            v = endpoint(Int(links[bv].labelEnd))
            bv = inBlossom(v)
        }
        path.append(bb)
        path.reverse()
        endps.reverse()
        endps.append(2 * k)
        while bw != bb {
            path.append(bw)
            endps.append(Int(links[bw].labelEnd) ^ 1)
            w = endpoint(Int(links[bw].labelEnd))
            bw = inBlossom(w)
        }
        var toScan: [Int] = []
        for c in path {
            if label[c] == 2 {
                relabel(c, to: 1, root: root)
                forEachLeaf(c) { _, x in toScan.append(x) }
            }
            // Freeze the child's dual: it is no longer top-level.
            if c >= n { zBase[c] = zBase[c] + time }
            label[c] = 0
            treeRemove(c)
            blossomParent[c] = b
        }
        blossomBase[b] = base
        blossomParent[b] = -1
        blossomChildren[b] = path
        blossomEndpoints[b] = endps
        label[b] = 1
        links[b].labelEnd = links[bb].labelEnd
        zBase[b] = -time
        treeInsert(b, root)
        forEachLeaf(b) { s, x in s.vertex[x].top = Int32(truncatingIfNeeded: b) }
        for x in toScan { scanFromEven(x) }
    }

    /// Expands top-level T-blossom `b`, whose dual is 0: the children on the
    /// even path from the entry child to the base join the tree (T, S, …, T),
    /// the others become free.
    private mutating func expandTBlossom(_ b: Int) {
        assert(label[b] == 2 && blossomParent[b] == -1 && blossomDual(b) == 0)
        let root = Int(links[b].tree)
        let entryEnd = Int(links[b].labelEnd)
        let entryVertex = endpoint(entryEnd ^ 1)
        relabel(b, to: 0)
        treeRemove(b)
        let children = blossomChildren[b]
        let endps = blossomEndpoints[b]
        let count = children.count
        for c in children {
            blossomParent[c] = -1
            forEachLeaf(c) { s, x in s.vertex[x].top = Int32(truncatingIfNeeded: c) }
        }
        let entryChild = inBlossom(entryVertex)
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
        var p = entryEnd
        var evenChildren: [Int] = []
        while j != 0 {
            let odd = inBlossom(endpoint(p ^ 1))
            relabel(odd, to: 2)
            links[odd].labelEnd = Int32(truncatingIfNeeded: p)
            treeInsert(odd, root)
            let mateOfBase = mate[blossomBase[odd]]
            let mp = Int(mateOfBase.endpoint)
            let even = inBlossom(Int(mateOfBase.vertex))
            assert(label[even] == 0)
            relabel(even, to: 1, root: root)
            links[even].labelEnd = Int32(truncatingIfNeeded: mp ^ 1)
            treeInsert(even, root)
            evenChildren.append(even)
            j += jstep
            p = endps[wrap(j - trick, count)] ^ trick
            j += jstep
        }
        let baseChild = children[0]
        relabel(baseChild, to: 2)
        links[baseChild].labelEnd = Int32(truncatingIfNeeded: p)
        treeInsert(baseChild, root)
        j += jstep
        var freeChildren: [Int] = []
        while children[wrap(j, count)] != entryChild {
            let c = children[wrap(j, count)]
            assert(label[c] == 0)
            freeChildren.append(c)
            j += jstep
        }
        // Release the blossom id.
        blossomBase[b] = -1
        blossomChildren[b] = []
        blossomEndpoints[b] = []
        links[b].labelEnd = -1
        zBase[b] = 0
        unusedBlossoms.append(b)
        for c in evenChildren { forEachLeaf(c) { s, x in s.scanFromEven(x) } }
        for c in freeChildren { forEachLeaf(c) { s, x in s.scanFromFree(x) } }
    }

    /// Swaps matched and unmatched edges along the even path inside blossom
    /// `b0` from vertex `v0` to its base, making `v0` the base. Does not
    /// touch the mate of `v0`.
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
                let a = endpoint(p), b = endpoint(p ^ 1)
                mate[a] = Mate(p ^ 1, b)
                mate[b] = Mate(p, a)
            }
            if i > 0 {
                blossomChildren[b] = Array(blossomChildren[b][i...] + blossomChildren[b][..<i])
                blossomEndpoints[b] = Array(blossomEndpoints[b][i...] + blossomEndpoints[b][..<i])
            }
            // `v` is the new base (the child holding it is rotated to the
            // front; its own rotation may still be on the work list).
            blossomBase[b] = v
        }
    }

    /// Flips the alternating path from S-vertex `s0` up to its tree's root:
    /// `s0` gets the mate endpoint `p0` (-1: exposed), the root gets matched.
    private mutating func augmentPath(from s0: Int, mateEndpoint p0: Int) {
        var s = s0, p = p0
        while true {
            let bs = inBlossom(s)
            assert(label[bs] == 1)
            if bs >= n { augmentBlossom(bs, s) }
            mate[s] = p < 0 ? .none : Mate(p, endpoint(p))
            if links[bs].labelEnd == -1 { break }
            let t = endpoint(Int(links[bs].labelEnd))
            let bt = inBlossom(t)
            assert(label[bt] == 2 && blossomBase[bt] == t)
            s = endpoint(Int(links[bt].labelEnd))
            let j = endpoint(Int(links[bt].labelEnd) ^ 1)
            if bt >= n { augmentBlossom(bt, j) }
            mate[j] = Mate(Int(links[bt].labelEnd), s)
            p = Int(links[bt].labelEnd) ^ 1
        }
    }

    // MARK: Events

    /// The scan entry of S-vertex `v` popped at the current time: acts on
    /// each of its edges that is tight (while `v` stays an S-vertex), and
    /// puts the entry back at the earliest event of the others. Edges passed
    /// before an action may have changed since; their times stay lower
    /// bounds, and an edge whose event comes sooner because of the action
    /// is handed to a scan entry by the vertex that changed.
    private mutating func scanEvent(_ v: Int) {
        var best = Int.max
        var acted = false
        let t = time
        var i = graph.adjacencyStart[v]
        let end = graph.adjacencyStart[v + 1]
        while i < end {
            let me = vertex[v]
            guard me.label == 1 else { return }
            let arc = arc(i)
            i += 1
            let w = vertex[Int(arc.to)]
            if w.top == me.top { continue }
            let uv = me.dualBase - t
            switch w.label {
            case 1:
                let s = uv + w.dualBase - t - 2 * arc.weight
                assert(s >= 0 && s % 2 == 0, "S–S slack \(s)")
                if s == 0 {
                    acted = true
                    let p = arcEndpoint(i - 1)
                    // `p` is the remote endpoint, at `arc.to`.
                    evenEdgeEvent(p >> 1, p & 1 == 0 ? Int(arc.to) : v, p & 1 == 0 ? v : Int(arc.to))
                } else {
                    best = min(best, t + s / 2)
                }
            case 0:
                let s = uv + w.dualBase - 2 * arc.weight
                assert(s >= 0, "S–free slack \(s)")
                if s == 0 {
                    acted = true
                    // The arc's remote endpoint is the free one.
                    let fp = arcEndpoint(i - 1)
                    freeEdgeEvent(fp >> 1, even: fp ^ 1, free: fp, v, Int(arc.to))
                } else {
                    best = min(best, t + s)
                }
            default:
                break
            }
        }
        if !acted { statistics.staleEvents += 1 }
        if vertex[v].label == 1 && best < Int.max { heap.insertOrDecrease(scanItem(v), key: best) }
    }

    /// Tight edge `k` between two S-blossoms: a new blossom when both are in
    /// one tree, else an augmentation between the two trees.
    /// `i` and `j` are the vertices of endpoints `2k` and `2k + 1`.
    private mutating func evenEdgeEvent(_ k: Int, _ i: Int, _ j: Int) {
        assert(i == endpoint(2 * k) && j == endpoint(2 * k + 1))
        let bi = inBlossom(i), bj = inBlossom(j)
        assert(bi != bj && label[bi] == 1 && label[bj] == 1 && slack(k) == 0)
        let base = scanBlossom(i, j)
        if base >= 0 {
            statistics.blossoms += 1
            addBlossom(base, k)
        } else {
            statistics.augmentations += 1
            let roots = [Int(links[bi].tree), Int(links[bj].tree)]
            augmentPath(from: i, mateEndpoint: 2 * k + 1)
            augmentPath(from: j, mateEndpoint: 2 * k)
            dissolve(roots)
        }
    }

    /// Tight edge `k` from an S-vertex (endpoint `ep`) to a free vertex
    /// (endpoint `fp`): grow the tree, or augment into an exposed free
    /// blossom.
    /// `sv` and `fv` are the vertices of `ep` and `fp`, which the caller
    /// has at hand.
    private mutating func freeEdgeEvent(_ k: Int, even ep: Int, free fp: Int, _ sv: Int, _ fv: Int) {
        assert(slack(k) == 0 && sv == endpoint(ep) && fv == endpoint(fp))
        let bs = inBlossom(sv), bf = inBlossom(fv)
        let root = Int(links[bs].tree)
        let base = bf < n ? bf : blossomBase[bf]
        let mateOfBase = mate[base]
        if mateOfBase.isExposed {
            // An exposed vertex whose dual already reached 0: augment into it.
            statistics.augmentations += 1
            augmentPath(from: sv, mateEndpoint: fp)
            if bf >= n { augmentBlossom(bf, fv) }
            mate[fv] = Mate(ep, sv)
            dissolve([root])
            return
        }
        statistics.grows += 1
        relabel(bf, to: 2)
        links[bf].labelEnd = Int32(truncatingIfNeeded: ep)
        treeInsert(bf, root)
        let mp = Int(mateOfBase.endpoint)
        let bm = inBlossom(Int(mateOfBase.vertex))
        assert(label[bm] == 0)
        relabel(bm, to: 1, root: root)
        links[bm].labelEnd = Int32(truncatingIfNeeded: mp ^ 1)
        treeInsert(bm, root)
        forEachLeaf(bm) { s, x in s.scanFromEven(x) }
    }

    /// S-vertex `v`'s dual reached 0: make it exposed by flipping the path
    /// to its root, and dissolve the tree.
    private mutating func vertexEvent(_ v: Int) {
        assert(label[inBlossom(v)] == 1 && vertexDual(v) == 0)
        statistics.zeroDualExposures += 1
        let root = Int(links[inBlossom(v)].tree)
        augmentPath(from: v, mateEndpoint: -1)
        dissolve([root])
    }

    // MARK: The main loop

    /// Runs the algorithm and returns the matched edge of every vertex (or
    /// -1) with the optimal duals.
    ///
    /// - Parameter warmStart: a feasible starting point (duals and tight
    ///   matched edges, see ``BlossomWarmStart``), or `nil` to start every
    ///   vertex as its own tree with its largest incident weight as dual.
    mutating func solve(warmStart: BlossomWarmStart? = nil) -> (mateEdge: [Int32], duals: MatchingDuals) {
        guard let result = solve(warmStart: warmStart, deadline: nil) else {
            preconditionFailure("a solve without a deadline always finishes")
        }
        return result
    }

    /// ``solve(warmStart:)`` that gives up, returning `nil`, once the
    /// monotonic clock (`DispatchTime.now().uptimeNanoseconds`) passes
    /// `deadline`; checked every 4,096 events, a few milliseconds apart.
    /// A `checkpoint` gets the duals once, when its share of the trees is
    /// left (``SolverCheckpoint``).
    mutating func solve(
        warmStart: BlossomWarmStart?, deadline: UInt64?, checkpoint: SolverCheckpoint? = nil
    ) -> (mateEdge: [Int32], duals: MatchingDuals)? {
        var entries: [(item: Int, key: Int)] = []
        entries.reserveCapacity(2 * n)
        if let warmStart {
            assert(warmStart.vertexDuals.count == n && warmStart.mateEdge.count == n)
            for v in 0..<n {
                let u = warmStart.vertexDuals[v]
                vertex[v].dualBase = u
                let k = Int(warmStart.mateEdge[v])
                if k >= 0 {
                    // Matched: free (unlabelled), the remote endpoint as mate.
                    let remote = endpoint(2 * k) == v ? 2 * k + 1 : 2 * k
                    mate[v] = Mate(remote, endpoint(remote))
                } else if u > 0 {
                    assert(u % 2 == 0, "an exposed vertex starts with an even dual")
                    vertex[v].label = 1
                    label[v] = 1
                    treeInsert(v, v)
                    activeTrees += 1
                    entries.append((treeItem(v), u))
                    treeZeroDual[v] = ZeroDual(key: u, vertex: Int32(truncatingIfNeeded: v))
                }
            }
            #if DEBUG
            for k in 0..<m {
                let s = vertex[endpoint(2 * k)].dualBase + vertex[endpoint(2 * k + 1)].dualBase - 2 * graph.weights[k]
                assert(s >= 0, "a warm start must be dual feasible")
            }
            #endif
        } else {
            let maxIncident = graph.maximumIncidentWeights()
            for v in 0..<n where maxIncident[v] > 0 {
                let u = (maxIncident[v] + 1) & ~1
                vertex[v].dualBase = u  // S at time 0: u = base − 0
                vertex[v].label = 1
                label[v] = 1
                treeInsert(v, v)
                activeTrees += 1
                entries.append((treeItem(v), u))
                treeZeroDual[v] = ZeroDual(key: u, vertex: Int32(truncatingIfNeeded: v))
            }
        }
        // Every S-vertex (each a root at time 0) takes over its edges.
        for v in 0..<n where vertex[v].label == 1 {
            statistics.vertexScans += 1
            let e = earliestEdgeEvent(v)
            if e < Int.max { entries.append((scanItem(v), e)) }
        }
        heap.build(entries)
        entries = []

        var checkpointTrees = checkpoint.map { activeTrees >= $0.minimumRoots ? activeTrees / max(1, $0.divisor) : 0 } ?? 0
        while activeTrees > 0 {
            if activeTrees < checkpointTrees, let checkpoint {
                checkpointTrees = 0
                checkpoint.body((0..<n).map(vertexDual))
            }
            if let deadline, statistics.events & 0xFFF == 0, DispatchTime.now().uptimeNanoseconds > deadline {
                return nil
            }
            guard let (item, key) = heap.popMinimum() else {
                assertionFailure("trees left but no events")
                break
            }
            assert(key >= time)
            time = key
            statistics.events += 1
            if item < n {
                scanEvent(item)
            } else if item < 2 * n {
                vertexEvent(Int(treeZeroDual[item - n].vertex))
            } else {
                statistics.expansions += 1
                expandTBlossom(item - n)
            }
        }
        return (mateEdges(), duals())
    }

    private func mateEdges() -> [Int32] {
        mate.map { $0.isExposed ? -1 : $0.endpoint >> 1 }
    }

    /// The duals in the public form: live blossoms renumbered `0..<count`.
    private func duals() -> MatchingDuals {
        var id = [Int](repeating: -1, count: 2 * n)
        var blossomDuals: [Int] = []
        for b in n..<(2 * n) where blossomBase[b] >= 0 {
            id[b] = blossomDuals.count
            blossomDuals.append(blossomDual(b))
        }
        var parents = [Int](repeating: -1, count: blossomDuals.count)
        for b in n..<(2 * n) where id[b] >= 0 {
            let p = blossomParent[b]
            parents[id[b]] = p < 0 ? -1 : id[p]
        }
        let vertexBlossoms = (0..<n).map { v in blossomParent[v] < 0 ? -1 : id[blossomParent[v]] }
        return MatchingDuals(
            vertexDuals: (0..<n).map(vertexDual), blossomDuals: blossomDuals,
            blossomParents: parents, vertexBlossoms: vertexBlossoms)
    }
}
