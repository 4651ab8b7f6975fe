import Dispatch
import Synchronization

/// Contracts the nodes of a ``RoadGraph`` one at a time, cheapest first,
/// adding shortcuts between the remaining neighbours where no witness path
/// exists: the preprocessing of contraction hierarchies (R. Geisberger,
/// P. Sanders, D. Schultes, D. Delling, "Contraction Hierarchies: Faster and
/// Simpler Hierarchical Routing in Road Networks", WEA 2008).
///
/// The node order comes from a priority queue with lazy updates: a node's
/// priority is recomputed when it reaches the top and it is contracted only
/// if it is still the minimum; the neighbours of a contracted node are
/// re-evaluated at once. The priority combines the edge difference (shortcuts
/// added minus arcs removed), the number of already contracted neighbours
/// (spreads the contraction evenly) and the node's level (the hierarchy's
/// depth below it).
///
/// When node `v` is contracted, its remaining arcs all lead to nodes that
/// will be contracted later (higher rank): its out-arcs become `v`'s upward
/// arcs for forward searches and its in-arcs `v`'s upward arcs for backward
/// searches. They stay frozen in ``outArcs`` / ``inArcs``, each with the
/// node it bypasses when it is a shortcut (``ArcPool/middle``): that node was
/// contracted before both ends, and its own frozen arcs to them are the
/// shortcut's two halves.
struct HierarchyBuilder {
    let nodeCount: Int
    /// Out-arcs (graph numbering); for contracted nodes, frozen upward arcs.
    private(set) var outArcs: ArcPool
    /// In-arcs (`node` is the tail); for contracted nodes, frozen.
    private(set) var inArcs: ArcPool
    /// The contraction order: `rank[v]` is `v`'s position in it.
    private(set) var rank: [UInt32]
    /// Arcs after removing self-loops and merging parallel arcs.
    private(set) var originalArcCount = 0
    /// Set when a needed shortcut's cost does not fit 32 bits.
    private(set) var overflowed = false

    private var contracted: [Bool]
    private var level: [Int32]
    private var contractedNeighbours: [Int32]
    private var priority: [Int32]
    private var witness: WitnessSearch

    /// Settled-node limit of the witness searches that estimate priorities.
    /// (20 gives the same number of shortcuts on DIMACS New York as 60, with
    /// a third less preprocessing time; see docs/benchmarks/hierarchy.md.)
    static let simulationLimit = 20
    /// Settled-node limit of the witness searches of a real contraction.
    static let contractionLimit = 500

    init(graph: RoadGraph) {
        let n = graph.nodeCount
        nodeCount = n
        var outDegree = [Int](repeating: 0, count: n), inDegree = [Int](repeating: 0, count: n)
        for u in 0..<n {
            for e in graph.edges(from: u) {
                outDegree[u] += 1
                inDegree[Int(graph.edgeTarget[e])] += 1
            }
        }
        var outArcs = ArcPool(degrees: outDegree)
        var inArcs = ArcPool(degrees: inDegree)
        let distanceMetric = graph.metric == .distance
        var count = 0
        for u in 0..<n {
            for e in graph.edges(from: u) {
                let v = Int(graph.edgeTarget[e])
                guard v != u else { continue }  // a self-loop is never on a shortest path
                let w = distanceMetric ? graph.edgeLength[e] : graph.edgeDuration[e]
                let o = distanceMetric ? graph.edgeDuration[e] : graph.edgeLength[e]
                if outArcs.add(u, HierarchyArc(node: UInt32(v), weight: w, other: o)) {
                    count += 1
                }
                inArcs.add(v, HierarchyArc(node: UInt32(u), weight: w, other: o))
            }
        }
        self.outArcs = outArcs
        self.inArcs = inArcs
        originalArcCount = count
        rank = [UInt32](repeating: 0, count: n)
        contracted = [Bool](repeating: false, count: n)
        level = [Int32](repeating: 0, count: n)
        contractedNeighbours = [Int32](repeating: 0, count: n)
        priority = [Int32](repeating: 0, count: n)
        witness = WitnessSearch(nodeCount: n)
    }

    /// Calls `body(u, w, weight, other)` for every shortcut `u → w` that
    /// contracting `v` needs (no witness found within `limit`).
    private static func forEachShortcut(
        of v: Int, limit: Int, outArcs: ArcPool, inArcs: ArcPool, witness: inout WitnessSearch,
        _ body: (UInt32, UInt32, UInt64, UInt64) -> Void
    ) {
        let ins = inArcs.list(v), outs = outArcs.list(v)
        guard !ins.isEmpty, !outs.isEmpty else { return }
        outArcs.arcs.withUnsafeBufferPointer { arcs in
            outArcs.start.withUnsafeBufferPointer { start in
                outArcs.count.withUnsafeBufferPointer { count in
                    for a in ins {
                        witness.newTargets()
                        var maxOut: UInt64 = 0
                        var targets = 0
                        for b in outs where b.node != a.node {
                            maxOut = max(maxOut, UInt64(b.weight))
                            if witness.markTarget(b.node) { targets += 1 }
                        }
                        guard targets > 0 else { continue }
                        witness.run(
                            from: a.node, avoiding: UInt32(v), bound: UInt64(a.weight) + maxOut,
                            targetCount: targets, limit: limit, arcs: arcs, start: start, count: count)
                        for b in outs where b.node != a.node {
                            let via = UInt64(a.weight) + UInt64(b.weight)
                            let witnessCost = witness.dist[Int(b.node)]
                            if witnessCost == .max || UInt64(witnessCost) > via {
                                body(a.node, b.node, via, UInt64(a.other) + UInt64(b.other))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The priority of `v` now: smaller is contracted first.
    private static func priority(
        of v: Int, outArcs: ArcPool, inArcs: ArcPool, witness: inout WitnessSearch, contractedNeighbours: Int32,
        level: Int32
    ) -> Int32 {
        var shortcuts: Int32 = 0
        forEachShortcut(of: v, limit: simulationLimit, outArcs: outArcs, inArcs: inArcs, witness: &witness) {
            _, _, _, _ in shortcuts += 1
        }
        let removed = Int32(inArcs.count[v] + outArcs.count[v])
        let edgeDifference = shortcuts - removed
        return 2 &* edgeDifference &+ contractedNeighbours &+ level
    }

    private mutating func computePriority(_ v: Int) -> Int32 {
        Self.priority(
            of: v, outArcs: outArcs, inArcs: inArcs, witness: &witness,
            contractedNeighbours: contractedNeighbours[v], level: level[v])
    }

    private static func key(_ p: Int32) -> UInt64 { UInt64(Int64(p) - Int64(Int32.min)) }

    /// Contracts every node; afterwards ``rank`` is the order and the arc
    /// lists are the upward graphs. The initial priorities are computed by
    /// up to `threads` workers; the order does not depend on their number.
    mutating func contractAll(threads: Int) {
        initialPriorities(threads: threads)
        var queue = HierarchyHeap()
        for v in 0..<nodeCount { queue.push(UInt32(v), key: Self.key(priority[v])) }
        var next: UInt32 = 0
        var shortcuts: [(UInt32, UInt32, UInt64, UInt64)] = []
        var neighbours: [UInt32] = []
        while let (node, key) = queue.popMin() {
            let v = Int(node)
            guard !contracted[v], key == Self.key(priority[v]) else { continue }
            // Lazy update: contract only if still the minimum.
            let p = computePriority(v)
            priority[v] = p
            if let top = queue.min, (Self.key(p), node) > (top.key, top.node) {
                queue.push(node, key: Self.key(p))
                continue
            }
            shortcuts.removeAll(keepingCapacity: true)
            Self.forEachShortcut(
                of: v, limit: Self.contractionLimit, outArcs: outArcs, inArcs: inArcs, witness: &witness
            ) { shortcuts.append(($0, $1, $2, $3)) }
            contracted[v] = true
            rank[v] = next
            next += 1
            neighbours.removeAll(keepingCapacity: true)
            for a in inArcs.list(v) {
                outArcs.remove(Int(a.node), to: node)
                neighbours.append(a.node)
            }
            for b in outArcs.list(v) {
                inArcs.remove(Int(b.node), to: node)
                neighbours.append(b.node)
            }
            for (u, w, weight, other) in shortcuts {
                guard weight < UInt64(UInt32.max) else {
                    overflowed = true
                    continue
                }
                let o = UInt32(min(other, UInt64(UInt32.max)))
                outArcs.add(Int(u), HierarchyArc(node: w, weight: UInt32(weight), other: o), middle: node)
                inArcs.add(Int(w), HierarchyArc(node: u, weight: UInt32(weight), other: o), middle: node)
            }
            neighbours.sort()
            var last: UInt32?
            for u in neighbours where u != last {
                last = u
                let i = Int(u)
                contractedNeighbours[i] += 1
                level[i] = max(level[i], level[v] + 1)
                priority[i] = computePriority(i)
                queue.push(u, key: Self.key(priority[i]))
            }
        }
    }

    /// Every node's first priority, in parallel (read-only on the arcs).
    private mutating func initialPriorities(threads: Int) {
        let n = nodeCount
        let workers = max(1, min(threads, n / 1024 + 1))
        let outArcs = self.outArcs, inArcs = self.inArcs
        let results = Mutex<[Int: [Int32]]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { block in
            var witness = WitnessSearch(nodeCount: n)
            let range = (block * n / workers) ..< ((block + 1) * n / workers)
            var p = [Int32]()
            p.reserveCapacity(range.count)
            for v in range {
                p.append(
                    Self.priority(
                        of: v, outArcs: outArcs, inArcs: inArcs, witness: &witness, contractedNeighbours: 0, level: 0))
            }
            results.withLock { $0[block] = p }
        }
        let all = results.withLock { $0 }
        priority = (0..<workers).flatMap { all[$0] ?? [] }
    }
}
