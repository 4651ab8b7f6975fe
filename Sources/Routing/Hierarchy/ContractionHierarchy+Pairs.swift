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
    /// restricted to the wanted pairs and cut into blocks:
    ///
    /// 1. The sources that have legs are put in the graph's node order of
    ///    their first departure (a Hilbert curve over the coordinates, see
    ///    ``RoadGraphBuilder``), so that neighbours follow each other, and
    ///    cut into blocks of at most ``pairBlockLegs`` legs,
    ///    ``pairBlockSources`` sources and ``pairBlockTargets`` distinct
    ///    targets.
    /// 2. For a block, one forward upward search per source leaves an entry
    ///    (source, cost) in the bucket of every node it settles.
    /// 3. One backward upward search per distinct target of the block scans
    ///    the buckets of the nodes it settles, keeping only the entries of
    ///    sources it has a leg from, and stops as soon as every one of its
    ///    legs has met and the search has reached the cost of the dearest:
    ///    no later node can improve a leg. For the short legs of candidate
    ///    pairs that prunes most of the backward search. The cheapest
    ///    meeting is the shortest path (the peak of a shortest path is
    ///    settled by both searches). A source and target on one edge also
    ///    consider driving straight along it
    ///    (``NetworkPoint/sameEdgeCost(to:in:)``), as Dijkstra does.
    ///
    /// Blocks are handed to `threads` workers (`DispatchQueue.concurrentPerform`,
    /// the next block from a shared counter); each leg is computed by one
    /// deterministic pair of searches over buckets filled in source order,
    /// so the result does not depend on `threads` or the scheduling. Memory
    /// stays bounded: 8 bytes per leg for the result and 4 for the grouping,
    /// plus per worker two searches (8 bytes per node each), a bucket index
    /// (12 bytes per node) and one block's buckets (about a hundred 12-byte
    /// entries per source on DIMACS New York).
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
    /// - Complexity: one forward upward search per source (O(*k* log *k*)
    ///   for *k* settled nodes, about a hundred on road networks), one
    ///   backward search per target and block it appears in, pruned at its
    ///   dearest leg, and the scans of the buckets it meets (entries of the
    ///   block's sources at those nodes); plus O(*s* log *s*) to order the
    ///   *s* sources. Nothing grows with sources × targets.
    public func costs(
        from sources: [NetworkPoint], to targets: [NetworkPoint], pairs: [IndexPair], threads: Int? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) -> PairCosts {
        try costs(
            from: sources, to: targets, pairs: pairs, threads: threads, blockLegs: Self.pairBlockLegs,
            blockSources: Self.pairBlockSources, blockTargets: Self.pairBlockTargets, progress: progress)
    }

    /// ``costs(from:to:pairs:threads:progress:)`` with other block limits
    /// (tests: many small blocks must give the same result).
    func costs(
        from sources: [NetworkPoint], to targets: [NetworkPoint], pairs: [IndexPair], threads: Int?,
        blockLegs: Int, blockSources: Int = pairBlockSources, blockTargets: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) -> PairCosts {
        let plan = PairPlan(
            sources: sources, targets: targets, pairs: pairs, graph: graph, maxLegs: blockLegs,
            maxSources: blockSources, maxTargets: blockTargets)
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
    /// source's legs); a block's buckets hold about a hundred entries per
    /// source on New York.
    public static var pairBlockLegs: Int { 65_536 }
    /// The most sources in one block: a bucket holds at most one entry per
    /// source of the block, which bounds what a backward search that is not
    /// pruned early (a long or unreachable leg) scans at each node.
    public static var pairBlockSources: Int { 1_024 }
    /// The most distinct targets one block searches from. Larger blocks
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
        maxSources: Int, maxTargets: Int
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
        var blockLegs = 0, blockSources = 0, blockTargets = 0
        for (position, i) in ordered.enumerated() {
            let mine = legs[Int(start[Int(i)])..<Int(start[Int(i) + 1])]
            var newTargets = 0
            let block = Int32(blockStart.count - 1)
            for k in mine where mark[Int(pairs[Int(k)].target)] != block { newTargets += 1 }
            if blockLegs > 0
                && (blockLegs + mine.count > maxLegs || blockSources >= maxSources
                    || blockTargets + newTargets > maxTargets)
            {
                blockStart.append(position)
                blockLegs = 0
                blockSources = 0
                blockTargets = 0
            }
            let current = Int32(blockStart.count - 1)
            for k in mine where mark[Int(pairs[Int(k)].target)] != current {
                mark[Int(pairs[Int(k)].target)] = current
                blockTargets += 1
            }
            blockLegs += mine.count
            blockSources += 1
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
    /// Per node (rank), where its bucket lies in ``bucketEntries`` for the
    /// current block (valid when its stamp is the block's).
    var bucketIndex: [BucketRange]
    var stamp: UInt32 = 0
    /// The block's buckets: entry node = block-local source, weight and
    /// other = that source's forward cost to the bucket's node.
    var bucketEntries: [HierarchyArc] = []
    var rawNodes: [UInt32] = []
    var rawEntries: [HierarchyArc] = []
    var distinctNodes: [UInt32] = []
    /// Whether each block source's forward search dropped a cost beyond 32
    /// bits.
    var sourceOverflowed: [Bool] = []
    /// The block-local number of each target, -1 when not in the block.
    var slot: [Int32]
    var blockTargets: [UInt32] = []
    /// The block's legs by local target: `targetLegs[targetLegStart[t] ..<
    /// targetLegStart[t + 1]]` = (leg index, local source).
    var targetLegStart: [Int] = []
    var targetLegs: [(leg: UInt32, source: UInt32)] = []
    /// For the target being searched: each local source's position among
    /// its distinct legs, -1 for sources it has no leg from.
    var need: [Int32] = []
    var bestWeight: [UInt64] = []
    var bestOther: [UInt64] = []

    struct BucketRange {
        var stamp: UInt32
        var start: UInt32
        var end: UInt32
    }

    init(hierarchy: ContractionHierarchy, targetCount: Int) {
        self.hierarchy = hierarchy
        forward = UpwardSearch(nodeCount: hierarchy.nodeCount)
        backward = UpwardSearch(nodeCount: hierarchy.nodeCount)
        bucketIndex = [BucketRange](repeating: BucketRange(stamp: 0, start: 0, end: 0), count: hierarchy.nodeCount)
        slot = [Int32](repeating: -1, count: targetCount)
    }

    /// Computes every leg of block `b` into `out`; returns the number of
    /// legs, or `nil` when a cost does not fit 32 bits.
    mutating func run(
        block b: Int, of plan: PairPlan, sources: [NetworkPoint], targets: [NetworkPoint], pairs: [IndexPair],
        into out: PairCells
    ) -> Int? {
        let h = hierarchy
        let blockSources = Array(plan.ordered[plan.blockStart[b]..<plan.blockStart[b + 1]])

        // 1. Every source's full forward search, its settled nodes into buckets.
        rawNodes.removeAll(keepingCapacity: true)
        rawEntries.removeAll(keepingCapacity: true)
        sourceOverflowed.removeAll(keepingCapacity: true)
        var rawNodes: [UInt32] = [], rawEntries: [HierarchyArc] = []
        swap(&rawNodes, &self.rawNodes)
        swap(&rawEntries, &self.rawEntries)
        for (local, i) in blockSources.enumerated() {
            forward.run(
                from: h.starts(sources[Int(i)].departures), up: (h.forwardStart, h.forwardArcs),
                stall: (h.backwardStart, h.backwardArcs)
            ) { x, d, o in
                rawNodes.append(x)
                rawEntries.append(HierarchyArc(node: UInt32(local), weight: d, other: o))
                return true
            }
            sourceOverflowed.append(forward.overflowed)
        }
        fillBuckets(nodes: rawNodes, entries: rawEntries)
        swap(&rawNodes, &self.rawNodes)
        swap(&rawEntries, &self.rawEntries)

        // 2. The block's distinct targets and their legs.
        blockTargets.removeAll(keepingCapacity: true)
        var legCount = 0
        for i in blockSources {
            for k in plan.legs[Int(plan.legStart[Int(i)])..<Int(plan.legStart[Int(i) + 1])] {
                let j = Int(pairs[Int(k)].target)
                if slot[j] < 0 {
                    slot[j] = Int32(blockTargets.count)
                    blockTargets.append(UInt32(j))
                }
                legCount += 1
            }
        }
        defer { for j in blockTargets { slot[Int(j)] = -1 } }
        targetLegStart.removeAll(keepingCapacity: true)
        targetLegStart.append(contentsOf: repeatElement(0, count: blockTargets.count + 1))
        for i in blockSources {
            for k in plan.legs[Int(plan.legStart[Int(i)])..<Int(plan.legStart[Int(i) + 1])] {
                targetLegStart[Int(slot[Int(pairs[Int(k)].target)]) + 1] += 1
            }
        }
        for t in 0..<blockTargets.count { targetLegStart[t + 1] += targetLegStart[t] }
        var fill = targetLegStart
        targetLegs.removeAll(keepingCapacity: true)
        targetLegs.append(contentsOf: repeatElement((leg: UInt32(0), source: UInt32(0)), count: legCount))
        for (local, i) in blockSources.enumerated() {
            for k in plan.legs[Int(plan.legStart[Int(i)])..<Int(plan.legStart[Int(i) + 1])] {
                let t = Int(slot[Int(pairs[Int(k)].target)])
                targetLegs[fill[t]] = (k, UInt32(local))
                fill[t] += 1
            }
        }

        // 3. One backward search per target, pruned once every one of its
        // legs has met and the search costs at least the dearest of them.
        if need.count < blockSources.count { need = [Int32](repeating: -1, count: blockSources.count) }
        for (t, j) in blockTargets.enumerated() {
            let legs = targetLegStart[t]..<targetLegStart[t + 1]
            var distinct = 0
            for l in legs where need[Int(targetLegs[l].source)] < 0 {
                need[Int(targetLegs[l].source)] = Int32(distinct)
                distinct += 1
            }
            searchTarget(targets[Int(j)], distinct: distinct)
            let targetOverflowed = backward.overflowed
            for l in legs {
                let (k, s) = targetLegs[l]
                let p = Int(need[Int(s)])
                var cost: PathCost?
                if bestWeight[p] != .max {
                    guard let c = h.pathCost(weight: bestWeight[p], other: bestOther[p]) else { return nil }
                    cost = c
                } else if targetOverflowed || sourceOverflowed[Int(s)] {
                    return nil  // reachable perhaps, but not representable
                }
                out.set(Int(k), h.withSameEdge(cost, from: sources[Int(blockSources[Int(s)])], to: targets[Int(j)]))
            }
            for l in legs { need[Int(targetLegs[l].source)] = -1 }
        }
        return legCount
    }

    /// Sorts the block's forward entries into buckets by node (a counting
    /// sort over the nodes reached, with stamps instead of clearing).
    private mutating func fillBuckets(nodes: [UInt32], entries: [HierarchyArc]) {
        stamp &+= 1
        if stamp == 0 {
            for i in bucketIndex.indices { bucketIndex[i].stamp = 0 }
            stamp = 1
        }
        let stamp = self.stamp
        distinctNodes.removeAll(keepingCapacity: true)
        bucketEntries.removeAll(keepingCapacity: true)
        bucketEntries.append(contentsOf: repeatElement(HierarchyArc(node: 0, weight: 0, other: 0), count: entries.count))
        var distinctNodes: [UInt32] = []
        swap(&distinctNodes, &self.distinctNodes)
        defer { swap(&distinctNodes, &self.distinctNodes) }
        bucketIndex.withUnsafeMutableBufferPointer { index in
            for x in nodes {
                if index[Int(x)].stamp != stamp {
                    index[Int(x)] = BucketRange(stamp: stamp, start: 0, end: 0)
                    distinctNodes.append(x)
                }
                index[Int(x)].end &+= 1
            }
            var running: UInt32 = 0
            for x in distinctNodes {
                let count = index[Int(x)].end
                index[Int(x)].start = running
                index[Int(x)].end = running
                running &+= count
            }
            bucketEntries.withUnsafeMutableBufferPointer { out in
                for (x, e) in zip(nodes, entries) {
                    out[Int(index[Int(x)].end)] = e
                    index[Int(x)].end &+= 1
                }
            }
        }
    }

    /// The backward search from `target`, meeting the buckets: fills
    /// ``bestWeight`` / ``bestOther`` for its `distinct` legs (positions
    /// by ``need``).
    private mutating func searchTarget(_ target: NetworkPoint, distinct: Int) {
        let h = hierarchy
        bestWeight.removeAll(keepingCapacity: true)
        bestOther.removeAll(keepingCapacity: true)
        bestWeight.append(contentsOf: repeatElement(.max, count: distinct))
        bestOther.append(contentsOf: repeatElement(0, count: distinct))
        var bestWeight: [UInt64] = [], bestOther: [UInt64] = []
        swap(&bestWeight, &self.bestWeight)
        swap(&bestOther, &self.bestOther)
        defer {
            swap(&bestWeight, &self.bestWeight)
            swap(&bestOther, &self.bestOther)
        }
        let stamp = self.stamp
        var unmet = distinct
        var bound = UInt64.max
        bucketIndex.withUnsafeBufferPointer { index in
            bucketEntries.withUnsafeBufferPointer { entries in
                need.withUnsafeBufferPointer { need in
                    bestWeight.withUnsafeMutableBufferPointer { bw in
                        bestOther.withUnsafeMutableBufferPointer { bo in
                            backward.run(
                                from: h.starts(target.arrivals), up: (h.backwardStart, h.backwardArcs),
                                stall: (h.forwardStart, h.forwardArcs)
                            ) { x, d, o in
                                guard UInt64(d) < bound else { return false }
                                let range = index[Int(x)]
                                guard range.stamp == stamp else { return true }
                                var improved = false
                                var e = Int(range.start)
                                let end = Int(range.end)
                                while e < end {
                                    let entry = entries[e]
                                    let p = Int(need[Int(entry.node)])
                                    if p >= 0 {
                                        let c = UInt64(entry.weight) &+ UInt64(d)
                                        if c < bw[p] {
                                            if bw[p] == .max { unmet &-= 1 }
                                            bw[p] = c
                                            bo[p] = UInt64(entry.other) &+ UInt64(o)
                                            improved = true
                                        }
                                    }
                                    e &+= 1
                                }
                                if improved && unmet == 0 {
                                    bound = 0
                                    for p in 0..<distinct { bound = max(bound, bw[p]) }
                                }
                                return true
                            }
                        }
                    }
                }
            }
        }
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
