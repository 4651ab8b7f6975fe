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
/// searches. They are frozen in `outArcs[v]` / `inArcs[v]`.
struct HierarchyBuilder {
    let nodeCount: Int
    /// Out-arcs (graph numbering); for contracted nodes, frozen upward arcs.
    private(set) var outArcs: [[HierarchyArc]]
    /// In-arcs (`node` is the tail); for contracted nodes, frozen.
    private(set) var inArcs: [[HierarchyArc]]
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
    static let simulationLimit = 60
    /// Settled-node limit of the witness searches of a real contraction.
    static let contractionLimit = 500

    init(graph: RoadGraph) {
        let n = graph.nodeCount
        nodeCount = n
        var outArcs = [[HierarchyArc]](repeating: [], count: n)
        var inArcs = [[HierarchyArc]](repeating: [], count: n)
        let distanceMetric = graph.metric == .distance
        var count = 0
        for u in 0..<n {
            for e in graph.edges(from: u) {
                let v = Int(graph.edgeTarget[e])
                guard v != u else { continue }  // a self-loop is never on a shortest path
                let w = distanceMetric ? graph.edgeLength[e] : graph.edgeDuration[e]
                let o = distanceMetric ? graph.edgeDuration[e] : graph.edgeLength[e]
                if Self.merge(HierarchyArc(node: UInt32(v), weight: w, other: o), into: &outArcs[u]) {
                    _ = Self.merge(HierarchyArc(node: UInt32(u), weight: w, other: o), into: &inArcs[v])
                } else {
                    count += 1
                    outArcs[u].append(HierarchyArc(node: UInt32(v), weight: w, other: o))
                    inArcs[v].append(HierarchyArc(node: UInt32(u), weight: w, other: o))
                }
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

    /// Replaces the arc to `arc.node` in `list` by `arc` when `arc` is
    /// cheaper (ties: the smaller other measure); `false` when there is no
    /// arc to that node.
    private static func merge(_ arc: HierarchyArc, into list: inout [HierarchyArc]) -> Bool {
        for i in list.indices where list[i].node == arc.node {
            if arc.weight < list[i].weight || (arc.weight == list[i].weight && arc.other < list[i].other) {
                list[i] = arc
            }
            return true
        }
        return false
    }

    /// Calls `body(u, w, weight, other)` for every shortcut `u → w` that
    /// contracting `v` needs (no witness found within `limit`).
    private mutating func forEachShortcut(
        of v: Int, limit: Int, _ body: (UInt32, UInt32, UInt64, UInt64) -> Void
    ) {
        let ins = inArcs[v], outs = outArcs[v]
        guard !ins.isEmpty, !outs.isEmpty else { return }
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
                from: a.node, avoiding: UInt32(v), bound: UInt64(a.weight) + maxOut, targetCount: targets,
                limit: limit, arcs: outArcs)
            for b in outs where b.node != a.node {
                let via = UInt64(a.weight) + UInt64(b.weight)
                if witness.dist[Int(b.node)] > via {
                    body(a.node, b.node, via, UInt64(a.other) + UInt64(b.other))
                }
            }
        }
    }

    /// The priority of `v` now: smaller is contracted first.
    private mutating func computePriority(_ v: Int) -> Int32 {
        var shortcuts: Int32 = 0
        forEachShortcut(of: v, limit: Self.simulationLimit) { _, _, _, _ in shortcuts += 1 }
        let edgeDifference = shortcuts - Int32(inArcs[v].count + outArcs[v].count)
        return 2 &* edgeDifference &+ contractedNeighbours[v] &+ level[v]
    }

    private static func key(_ p: Int32) -> UInt64 { UInt64(Int64(p) - Int64(Int32.min)) }

    /// Contracts every node; afterwards ``rank`` is the order and the arc
    /// lists are the upward graphs.
    mutating func contractAll() {
        var queue = HierarchyHeap()
        for v in 0..<nodeCount {
            priority[v] = computePriority(v)
            queue.push(UInt32(v), key: Self.key(priority[v]))
        }
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
            forEachShortcut(of: v, limit: Self.contractionLimit) { shortcuts.append(($0, $1, $2, $3)) }
            contracted[v] = true
            rank[v] = next
            next += 1
            neighbours.removeAll(keepingCapacity: true)
            for a in inArcs[v] {
                outArcs[Int(a.node)].removeAll { $0.node == node }
                neighbours.append(a.node)
            }
            for b in outArcs[v] {
                inArcs[Int(b.node)].removeAll { $0.node == node }
                neighbours.append(b.node)
            }
            for (u, w, weight, other) in shortcuts {
                guard weight < UInt64(UInt32.max) else {
                    overflowed = true
                    continue
                }
                let arc = HierarchyArc(node: w, weight: UInt32(weight), other: UInt32(min(other, UInt64(UInt32.max))))
                if !Self.merge(arc, into: &outArcs[Int(u)]) {
                    outArcs[Int(u)].append(arc)
                    inArcs[Int(w)].append(HierarchyArc(node: u, weight: arc.weight, other: arc.other))
                } else {
                    _ = Self.merge(HierarchyArc(node: u, weight: arc.weight, other: arc.other), into: &inArcs[Int(w)])
                }
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
}
