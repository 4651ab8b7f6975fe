import Foundation

/// A contraction hierarchy over a ``RoadGraph``: the graph's nodes in a
/// total order, with shortcut arcs added so that every shortest path can be
/// found by two searches that only ever go *up* the order, one from each end
/// (R. Geisberger, P. Sanders, D. Schultes, D. Delling, "Contraction
/// Hierarchies: Faster and Simpler Hierarchical Routing in Road Networks",
/// WEA 2008).
///
/// Build it once per graph, then ask for many-to-many tables with
/// ``matrix(sources:targets:threads:progress:)``, which is orders of
/// magnitude faster than one Dijkstra search per source on a road network:
///
/// ```swift
/// let ch = try ContractionHierarchy(graph: graph)
/// let m = try ch.matrix(sources: origins, targets: destinations, threads: 2)
/// ```
///
/// Costs are exact in the graph's search metric (``RoadGraph/metric``):
/// every weight equals the one ``DistanceMatrix`` computes with Dijkstra's
/// algorithm. The other measure (duration for distance graphs, length for
/// duration graphs) is that of *a* shortest path; where several shortest
/// paths tie on the metric it may belong to a different one than Dijkstra
/// picks.
///
/// Nodes are stored in rank order (the contraction order), so the top of the
/// hierarchy, where every upward search ends, is contiguous in memory.
///
/// - Complexity: preprocessing is roughly linear in practice on road
///   networks (each contraction runs witness searches bounded by
///   ``HierarchyBuilder/contractionLimit`` settled nodes); memory is 16 bytes
///   per hierarchy arc (original arcs plus shortcuts, each stored once, with
///   the node a shortcut bypasses) plus 16 bytes per node.
public struct ContractionHierarchy: Sendable {
    /// The graph the hierarchy was built for (for ``NetworkPoint`` queries).
    public let graph: RoadGraph
    /// `rank[v]`: graph node `v`'s position in the contraction order, which
    /// is also its number inside the hierarchy.
    let rank: [UInt32]
    /// The inverse of ``rank``: the graph node at each rank (derived, not
    /// stored in files).
    let nodeAtRank: [UInt32]
    /// Upward arcs for forward searches, by rank: `forwardArcs[forwardStart[r]
    /// ..< forwardStart[r + 1]]` are the arcs `r → x` with `x > r`.
    let forwardStart: [UInt32]
    let forwardArcs: [HierarchyArc]
    /// Upward arcs for backward searches, by rank: the arcs `x → r` with
    /// `x > r`, stored at `r` with `node == x`.
    let backwardStart: [UInt32]
    let backwardArcs: [HierarchyArc]
    /// For each arc of ``forwardArcs`` / ``backwardArcs``: the rank of the
    /// node a shortcut bypasses, or ``noMiddle`` for an arc of the graph.
    /// A shortcut `u → w` bypassing `m` (`m` below both) is the arc `u → m`,
    /// stored at `m` among its backward arcs, then `m → w`, among its forward
    /// arcs: that is how paths are unpacked into roads.
    let forwardMiddle: [UInt32]
    let backwardMiddle: [UInt32]
    /// The number of arcs that are arcs of the graph (no middle node): the
    /// graph's arcs after dropping self-loops, keeping the cheapest of
    /// parallel arcs and those that a cheaper shortcut replaced.
    let originalArcCount: Int

    /// The value of ``forwardMiddle`` / ``backwardMiddle`` for an arc of the
    /// graph.
    static var noMiddle: UInt32 { .max }

    /// Builds the hierarchy for `graph`.
    ///
    /// - Parameter threads: the most workers for the parallel part (every
    ///   node's first priority); `nil` means every active core. The
    ///   contraction itself is sequential, so the hierarchy does not depend
    ///   on `threads`.
    /// - Throws: ``CostOverflowError`` when a needed shortcut costs more
    ///   than 2³² − 1 (only on implausible graphs).
    /// - Complexity: see the type's documentation; memory while building is
    ///   about three times the final size.
    public init(graph: RoadGraph, threads: Int? = nil) throws(CostOverflowError) {
        var builder = HierarchyBuilder(graph: graph)
        builder.contractAll(threads: max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        guard !builder.overflowed else { throw CostOverflowError() }
        let n = graph.nodeCount
        let rank = builder.rank
        var forwardStart = [UInt32](repeating: 0, count: n + 1)
        var backwardStart = [UInt32](repeating: 0, count: n + 1)
        for v in 0..<n {
            forwardStart[Int(rank[v]) + 1] = builder.outArcs.count[v]
            backwardStart[Int(rank[v]) + 1] = builder.inArcs.count[v]
        }
        for r in 0..<n {
            forwardStart[r + 1] += forwardStart[r]
            backwardStart[r + 1] += backwardStart[r]
        }
        let empty = HierarchyArc(node: 0, weight: 0, other: 0)
        var forwardArcs = [HierarchyArc](repeating: empty, count: Int(forwardStart[n]))
        var backwardArcs = [HierarchyArc](repeating: empty, count: Int(backwardStart[n]))
        var forwardMiddle = [UInt32](repeating: Self.noMiddle, count: Int(forwardStart[n]))
        var backwardMiddle = [UInt32](repeating: Self.noMiddle, count: Int(backwardStart[n]))
        func rankOf(_ middle: UInt32) -> UInt32 { middle == Self.noMiddle ? middle : rank[Int(middle)] }
        for v in 0..<n {
            var i = Int(forwardStart[Int(rank[v])])
            for (a, m) in zip(builder.outArcs.list(v), builder.outArcs.middles(v)) {
                forwardArcs[i] = HierarchyArc(node: rank[Int(a.node)], weight: a.weight, other: a.other)
                forwardMiddle[i] = rankOf(m)
                i += 1
            }
            i = Int(backwardStart[Int(rank[v])])
            for (a, m) in zip(builder.inArcs.list(v), builder.inArcs.middles(v)) {
                backwardArcs[i] = HierarchyArc(node: rank[Int(a.node)], weight: a.weight, other: a.other)
                backwardMiddle[i] = rankOf(m)
                i += 1
            }
        }
        self.init(
            graph: graph, rank: rank, forwardStart: forwardStart, forwardArcs: forwardArcs,
            forwardMiddle: forwardMiddle, backwardStart: backwardStart, backwardArcs: backwardArcs,
            backwardMiddle: backwardMiddle)
        _checkInvariants()
    }

    /// A hierarchy from its arrays (built above, or read from a `.bhg` after
    /// ``validate()``).
    init(
        graph: RoadGraph, rank: [UInt32], forwardStart: [UInt32], forwardArcs: [HierarchyArc],
        forwardMiddle: [UInt32], backwardStart: [UInt32], backwardArcs: [HierarchyArc], backwardMiddle: [UInt32]
    ) {
        self.graph = graph
        self.rank = rank
        var nodeAtRank = [UInt32](repeating: 0, count: rank.count)
        for (v, r) in rank.enumerated() where Int(r) < rank.count { nodeAtRank[Int(r)] = UInt32(v) }
        self.nodeAtRank = nodeAtRank
        self.forwardStart = forwardStart
        self.forwardArcs = forwardArcs
        self.forwardMiddle = forwardMiddle
        self.backwardStart = backwardStart
        self.backwardArcs = backwardArcs
        self.backwardMiddle = backwardMiddle
        self.originalArcCount = forwardMiddle.lazy.filter { $0 == Self.noMiddle }.count
            + backwardMiddle.lazy.filter { $0 == Self.noMiddle }.count
    }

    /// The number of nodes.
    public var nodeCount: Int { graph.nodeCount }

    /// The number of arcs in the hierarchy (upward and downward, each once).
    public var arcCount: Int { forwardArcs.count + backwardArcs.count }

    /// The number of shortcuts: hierarchy arcs that stand for a path of two
    /// or more arcs of the graph.
    public var shortcutCount: Int { arcCount - originalArcCount }

    /// Bytes held by the hierarchy's own arrays (not counting the graph):
    /// 16 bytes per node and 16 per arc (12 for the arc, 4 for its middle
    /// node); a `.bhg` stores all but the 4 bytes per node of the inverse
    /// order.
    public var memoryFootprint: Int {
        rank.count * 8 + forwardStart.count * 4 + backwardStart.count * 4
            + (forwardArcs.count + backwardArcs.count) * (MemoryLayout<HierarchyArc>.stride + 4)
    }
}
