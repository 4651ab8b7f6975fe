import Dispatch
import Foundation
import Synchronization

extension ContractionHierarchy {
    /// The shortest-path cost of each wanted leg — `pairs[k]` goes from
    /// `sources[pairs[k].source]` to `targets[pairs[k].target]` — in the
    /// order of `pairs`: a many-to-many query restricted to the legs that
    /// are needed, so that its time grows with the number of legs, never
    /// with sources × targets.
    ///
    /// Built for candidate legs: each of up to hundreds of thousands of
    /// shipment destinations with 20–60 nearby origins. The technique is the
    /// bucket-based many-to-many search of S. Knopp, P. Sanders, D. Schultes,
    /// F. Schulz and D. Wagner ("Computing Many-to-Many Shortest Paths Using
    /// Highway Hierarchies", ALENEX 2007) on a contraction hierarchy
    /// (R. Geisberger, P. Sanders, D. Schultes, D. Delling, WEA 2008),
    /// restricted to the wanted pairs by intersecting search spaces:
    ///
    /// 1. The sources that have legs are put in the graph's node order of
    ///    their first departure (a Hilbert curve over the coordinates, see
    ///    ``RoadGraphBuilder``), so that neighbours follow each other, and
    ///    cut into blocks of at most ``pairBlockLegs`` legs and
    ///    ``pairBlockTargets`` distinct targets.
    /// 2. For a block, one backward upward search per distinct target of
    ///    the block records that target's search space — the bucket entries
    ///    of Knopp et al., kept per target instead of per node — in the
    ///    order the search settled them (nondecreasing cost).
    /// 3. One forward upward search per source; then each of its legs scans
    ///    its target's space against the forward search's costs, stopping
    ///    at the first entry that costs as much as the best meeting so far.
    ///    The cheapest meeting is the shortest path (the peak of a shortest
    ///    path is settled by both searches). A source and target on one
    ///    edge also consider driving straight along it
    ///    (``NetworkPoint/sameEdgeCost(to:in:)``), as Dijkstra does.
    ///
    /// Blocks are handed to `threads` workers (`DispatchQueue.concurrentPerform`,
    /// the next block from a shared counter); each leg is computed by one
    /// deterministic pair of searches, so the result does not depend on
    /// `threads`, the block size or the scheduling. Memory stays bounded:
    /// 8 bytes per leg for the result and 4 for the grouping, plus per worker
    /// two searches (8 bytes per node each) and one block's target spaces
    /// (at most ``pairBlockTargets`` spaces of about a hundred 12-byte
    /// entries on DIMACS New York: about 20 MB).
    ///
    /// Weights equal Dijkstra's exactly (``DistanceMatrix``, ``ShortestPathSearch``).
    /// Lengths and durations belong to a shortest path; where several paths
    /// tie on the metric, the other measure may come from a different one
    /// than Dijkstra picks.
    ///
    /// ```swift
    /// let legs = destinations.indices.flatMap { i in nearbyOrigins[i].map { IndexPair(source: i, target: $0) } }
    /// let costs = try ch.costs(from: destinations, to: origins, pairs: legs, threads: 2)
    /// for (k, leg) in legs.enumerated() { use(leg, costs[k]) }   // PathCost? (nil: unreachable)
    /// ```
    ///
    /// - Parameters:
    ///   - sources: the points the legs start from; only those named by a
    ///     pair are searched from.
    ///   - targets: the points the legs end at.
    ///   - pairs: the legs, by index into `sources` and `targets`; the same
    ///     leg may appear more than once.
    ///   - threads: the most workers to use; `nil` means every active core.
    ///   - progress: called from the workers after each block with the
    ///     number of legs done so far (increasing, not necessarily in order
    ///     of the calls).
    /// - Returns: one cost per pair, in the order of `pairs`.
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    /// - Precondition: every index is in range; every anchor node is a node
    ///   of ``graph``.
    /// - Complexity: O(*p* · *k*) for *p* legs and upward search spaces of
    ///   *k* nodes (a few hundred on road networks), plus one forward search
    ///   per source and one backward search per target and block it appears
    ///   in (O(*k* log *k*) each), plus O(*s* log *s*) to order the *s*
    ///   sources.
    public func costs(
        from sources: [NetworkPoint], to targets: [NetworkPoint], pairs: [IndexPair], threads: Int? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) -> PairCosts {
        try costs(
            from: sources, to: targets, pairs: pairs, threads: threads, blockLegs: Self.pairBlockLegs,
            blockTargets: Self.pairBlockTargets, progress: progress)
    }

    /// ``costs(from:to:pairs:threads:progress:)`` with other block limits
    /// (tests: many small blocks must give the same result).
    func costs(
        from sources: [NetworkPoint], to targets: [NetworkPoint], pairs: [IndexPair], threads: Int?,
        blockLegs: Int, blockTargets: Int, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) -> PairCosts {
        let plan = PairPlan(
            sources: sources, targets: targets, pairs: pairs, graph: graph, maxLegs: blockLegs,
            maxTargets: blockTargets)
        var lengths = [UInt32](repeating: .max, count: pairs.count)
        var durations = [UInt32](repeating: .max, count: pairs.count)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, plan.blockCount))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        lengths.withUnsafeMutableBufferPointer { l in
            durations.withUnsafeMutableBufferPointer { d in
                let out = PairCells(lengths: l, durations: d)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var worker = PairWorker(hierarchy: self, targetCount: targets.count)
                    while !failed.load(ordering: .relaxed) {
                        let b = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard b < plan.blockCount else { break }
                        let legs = worker.run(block: b, of: plan, sources: sources, targets: targets, pairs: pairs, into: out)
                        guard let legs else {
                            failed.store(true, ordering: .relaxed)
                            break
                        }
                        let total = done.wrappingAdd(legs, ordering: .relaxed).newValue
                        if let progress { progress(total) }
                    }
                }
            }
        }
        guard !failed.load(ordering: .relaxed) else { throw CostOverflowError() }
        return PairCosts(metric: graph.metric, lengths: lengths, durations: durations)
    }

    /// The most legs in one block of ``costs(from:to:pairs:threads:progress:)``
    /// (a source's legs are never split, so a block may exceed it by one
    /// source's legs).
    public static var pairBlockLegs: Int { 65_536 }
    /// The most distinct targets whose search spaces one block keeps (about
    /// a hundred 12-byte entries each on DIMACS New York). Larger blocks
    /// repeat fewer backward searches of targets shared with the next block:
    /// with these limits, 100,000 sources × their 40 nearest of 100,000
    /// targets on New York run 1.37 backward searches per target.
    public static var pairBlockTargets: Int { 16_384 }
}

/// The legs of a restricted query grouped by source, and the sources cut
/// into blocks in spatial order.
private struct PairPlan: Sendable {
    /// `legs[legStart[s] ..< legStart[s + 1]]` are the indices into `pairs`
    /// of source `s`'s legs, in input order.
    let legStart: [UInt32]
    let legs: [UInt32]
    /// The sources with legs, in spatial order; block `b` is
    /// `ordered[blockStart[b] ..< blockStart[b + 1]]`.
    let ordered: [UInt32]
    let blockStart: [Int]

    var blockCount: Int { blockStart.count - 1 }

    init(
        sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair], graph: RoadGraph, maxLegs: Int,
        maxTargets: Int
    ) {
        let s = sources.count, t = targets.count
        precondition(pairs.count < Int(UInt32.max), "too many pairs for one query")
        // Group by source (a counting sort, stable).
        var start = [UInt32](repeating: 0, count: s + 1)
        for p in pairs {
            precondition(Int(p.source) < s && Int(p.target) < t, "pair index out of range")
            start[Int(p.source) + 1] += 1
        }
        for i in 0..<s { start[i + 1] += start[i] }
        var fill = start
        var legs = [UInt32](repeating: 0, count: pairs.count)
        for (k, p) in pairs.enumerated() {
            legs[Int(fill[Int(p.source)])] = UInt32(k)
            fill[Int(p.source)] += 1
        }
        // Sources with legs in the graph's node order (spatial), ties by index.
        var keyed: [(key: UInt32, source: UInt32)] = []
        keyed.reserveCapacity(s)
        for i in 0..<s where start[i + 1] > start[i] {
            keyed.append((sources[i].departures.lazy.map(\.node).min() ?? .max, UInt32(i)))
        }
        keyed.sort { ($0.key, $0.source) < ($1.key, $1.source) }
        let ordered = keyed.map(\.source)
        // Blocks: cut when the legs or the distinct targets reach their limit.
        var blockStart = [0]
        var mark = [Int32](repeating: -1, count: t)
        var blockLegs = 0, blockTargets = 0
        for (position, i) in ordered.enumerated() {
            let mine = legs[Int(start[Int(i)])..<Int(start[Int(i) + 1])]
            var newTargets = 0
            let block = Int32(blockStart.count - 1)
            for k in mine where mark[Int(pairs[Int(k)].target)] != block { newTargets += 1 }
            if blockLegs > 0 && (blockLegs + mine.count > maxLegs || blockTargets + newTargets > maxTargets) {
                blockStart.append(position)
                blockLegs = 0
                blockTargets = 0
            }
            let current = Int32(blockStart.count - 1)
            for k in mine where mark[Int(pairs[Int(k)].target)] != current {
                mark[Int(pairs[Int(k)].target)] = current
                blockTargets += 1
            }
            blockLegs += mine.count
        }
        if !ordered.isEmpty { blockStart.append(ordered.count) }
        self.legStart = start
        self.legs = legs
        self.ordered = ordered
        self.blockStart = blockStart
    }
}

/// One worker's searches and scratch for ``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``.
private struct PairWorker {
    let hierarchy: ContractionHierarchy
    var forward: UpwardSearch
    var backward: UpwardSearch
    /// The block-local number of each target, -1 when not in the block.
    var slot: [Int32]
    var blockTargets: [UInt32] = []
    /// Target `j`'s search space is `space[spaceStart[j] ..< spaceStart[j + 1]]`
    /// (node = rank, weight, other), in the order it was settled.
    var spaceStart: [Int] = []
    var space: [HierarchyArc] = []

    init(hierarchy: ContractionHierarchy, targetCount: Int) {
        self.hierarchy = hierarchy
        forward = UpwardSearch(nodeCount: hierarchy.nodeCount)
        backward = UpwardSearch(nodeCount: hierarchy.nodeCount)
        slot = [Int32](repeating: -1, count: targetCount)
    }

    /// Computes every leg of block `b` into `out`; returns the number of
    /// legs, or `nil` when a cost does not fit 32 bits.
    mutating func run(
        block b: Int, of plan: PairPlan, sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair],
        into out: PairCells
    ) -> Int? {
        let h = hierarchy
        let blockSources = plan.ordered[plan.blockStart[b]..<plan.blockStart[b + 1]]
        // The block's distinct targets and their search spaces.
        blockTargets.removeAll(keepingCapacity: true)
        for i in blockSources {
            for k in plan.legs[Int(plan.legStart[Int(i)])..<Int(plan.legStart[Int(i) + 1])] {
                let j = Int(pairs[Int(k)].target)
                if slot[j] < 0 {
                    slot[j] = Int32(blockTargets.count)
                    blockTargets.append(UInt32(j))
                }
            }
        }
        defer { for j in blockTargets { slot[Int(j)] = -1 } }
        // Moved out (not copied) while the searches' closures fill them.
        var spaceStart: [Int] = [], space: [HierarchyArc] = []
        swap(&spaceStart, &self.spaceStart)
        swap(&space, &self.space)
        defer {
            swap(&spaceStart, &self.spaceStart)
            swap(&space, &self.space)
        }
        spaceStart.removeAll(keepingCapacity: true)
        space.removeAll(keepingCapacity: true)
        spaceStart.append(0)
        // A target whose search dropped a cost beyond 32 bits: reachable
        // perhaps, but not representable.
        var truncated = [Bool](repeating: false, count: blockTargets.count)
        for (local, j) in blockTargets.enumerated() {
            backward.run(
                from: h.starts(targets[Int(j)].arrivals), up: (h.backwardStart, h.backwardArcs),
                stall: (h.forwardStart, h.forwardArcs)
            ) { x, d, o in
                space.append(HierarchyArc(node: x, weight: d, other: o))
                return true
            }
            truncated[local] = backward.overflowed
            spaceStart.append(space.count)
        }

        // Each source's forward search, then its legs.
        var count = 0
        for i in blockSources {
            let source = sources[Int(i)]
            forward.run(from: h.starts(source.departures), up: (h.forwardStart, h.forwardArcs),
                        stall: (h.backwardStart, h.backwardArcs)) { _, _, _ in true }
            let mine = plan.legs[Int(plan.legStart[Int(i)])..<Int(plan.legStart[Int(i) + 1])]
            count += mine.count
            let sourceOverflowed = forward.overflowed
            let ok = forward.withLabels { labels in
                space.withUnsafeBufferPointer { space in
                    for k in mine {
                        let j = Int(pairs[Int(k)].target)
                        let local = Int(slot[j])
                        var best = UInt64.max, bestOther: UInt64 = 0
                        var e = spaceStart[local]
                        let end = spaceStart[local + 1]
                        while e < end {
                            let entry = space[e]
                            let w = UInt64(entry.weight)
                            if w >= best { break }
                            let f = labels[Int(entry.node)]
                            if f.weight != .max {
                                let c = UInt64(f.weight) &+ w
                                if c < best {
                                    best = c
                                    bestOther = UInt64(f.other) &+ UInt64(entry.other)
                                }
                            }
                            e &+= 1
                        }
                        var cost: PathCost?
                        if best != .max {
                            guard let c = h.pathCost(weight: best, other: bestOther) else { return false }
                            cost = c
                        } else if truncated[local] || sourceOverflowed {
                            return false
                        }
                        out.set(Int(k), h.withSameEdge(cost, from: source, to: targets[j]))
                    }
                    return true
                }
            }
            guard ok else { return nil }
        }
        return count
    }
}

/// The two output buffers of a restricted query; each leg is written by
/// exactly one worker.
private struct PairCells: @unchecked Sendable {
    let lengths: UnsafeMutableBufferPointer<UInt32>
    let durations: UnsafeMutableBufferPointer<UInt32>

    func set(_ k: Int, _ cost: PathCost?) {
        lengths[k] = cost?.length ?? .max
        durations[k] = cost?.duration ?? .max
    }
}
