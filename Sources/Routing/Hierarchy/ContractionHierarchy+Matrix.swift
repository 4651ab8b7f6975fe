import Dispatch
import Foundation
import Synchronization

extension ContractionHierarchy {
    /// Shortest-path costs from every source to every target, by bucket-based
    /// many-to-many search (S. Knopp, P. Sanders, D. Schultes, F. Schulz,
    /// D. Wagner, "Computing Many-to-Many Shortest Paths Using Highway
    /// Hierarchies", ALENEX 2007, applied to contraction hierarchies as in
    /// Geisberger et al., WEA 2008).
    ///
    /// One backward upward search per target, starting from the target's
    /// arrival anchors with their costs, leaves an entry (target, cost) in
    /// the bucket of every node it settles; one forward upward search per
    /// source, starting from its departure anchors, scans the buckets of the
    /// nodes it settles. The cheapest meeting node of each pair gives its
    /// cost. A source and target on one edge also consider driving straight
    /// along it (``NetworkPoint/sameEdgeCost(to:in:)``), as Dijkstra does.
    ///
    /// The backward searches run in contiguous blocks of targets, one block
    /// per worker; the forward searches take the next source from a shared
    /// counter. Both use `DispatchQueue.concurrentPerform` with at most
    /// `threads` workers. Buckets are filled in target order whatever the
    /// scheduling, so the result does not depend on `threads`.
    ///
    /// Weights equal Dijkstra's exactly. Lengths and durations belong to a
    /// shortest path; where several paths tie on the metric, the other
    /// measure may come from a different one than ``DistanceMatrix`` picks.
    ///
    /// - Parameters:
    ///   - threads: the most workers to use; `nil` means every active core.
    ///   - progress: called from the workers after each row with the number
    ///     of rows done so far (each count once, not necessarily in order).
    /// - Returns: the same table as ``DistanceMatrix/init(graph:sources:targets:threads:progress:)``
    ///   (rows = sources, columns = targets, in the caller's order).
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    /// - Precondition: every anchor node is a node of ``graph``.
    /// - Complexity: O((*s* + *t*) · *k* log *k* + bucket scans) for upward
    ///   searches settling *k* nodes (a few hundred on road networks), plus
    ///   O(*s* · *t*) for the table; memory 12 bytes per pair, 12 bytes per
    ///   bucket entry (*t* · *k*) and 20 bytes per node per worker.
    public func matrix(
        sources: [NetworkPoint], targets: [NetworkPoint], threads: Int? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) -> DistanceMatrix {
        let s = sources.count
        let t = targets.count
        let maxWorkers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let overflow = Atomic<Bool>(false)
        let buckets = fillBuckets(targets: targets, workers: min(maxWorkers, max(1, t)), overflow: overflow)

        var onEdge: [UInt32: [Int]] = [:]
        for (j, p) in targets.enumerated() {
            for pos in p.positions where onEdge[pos.edge]?.last != j { onEdge[pos.edge, default: []].append(j) }
        }
        let targetsOnEdge = onEdge

        var lengths = [UInt32](repeating: 0, count: s * t)
        var durations = [UInt32](repeating: 0, count: s * t)
        let workers = min(maxWorkers, max(1, s))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let metric = graph.metric
        lengths.withUnsafeMutableBufferPointer { lBuf in
            durations.withUnsafeMutableBufferPointer { dBuf in
                let out = MatrixCells(lengths: lBuf, durations: dBuf, width: t, metric: metric)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var search = UpwardSearch(nodeCount: nodeCount)
                    var best = RowScratch(count: t)
                    while !failed.load(ordering: .relaxed) {
                        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard i < s else { break }
                        scanBuckets(from: sources[i], buckets: buckets, search: &search, best: &best)
                        let lost = search.overflowed || overflow.load(ordering: .relaxed)
                        if !write(best, row: i, to: out, overflowed: lost) {
                            failed.store(true, ordering: .relaxed)
                        }
                        // Driving straight along an edge shared with the source.
                        for pos in sources[i].positions {
                            guard let list = targetsOnEdge[pos.edge] else { continue }
                            for j in list {
                                guard let c = sources[i].sameEdgeCost(to: targets[j], in: graph),
                                    c.weight < out.weight(row: i, column: j)
                                else { continue }
                                out.set(row: i, column: j, c.length, c.duration)
                            }
                        }
                        if let progress { progress(done.wrappingAdd(1, ordering: .relaxed).newValue) }
                    }
                }
            }
        }
        guard !failed.load(ordering: .relaxed) else { throw CostOverflowError() }
        return DistanceMatrix(sourceCount: s, targetCount: t, metric: metric, lengths: lengths, durations: durations)
    }

    /// One row's forward search: the cheapest meeting of `source`'s upward
    /// search with each target's bucket entries, into `best`.
    private func scanBuckets(
        from source: NetworkPoint, buckets: Buckets, search: inout UpwardSearch, best: inout RowScratch
    ) {
        best.reset()
        let anchors = starts(source.departures)
        buckets.start.withUnsafeBufferPointer { bucketStart in
            buckets.entries.withUnsafeBufferPointer { entries in
                best.weight.withUnsafeMutableBufferPointer { bw in
                    best.other.withUnsafeMutableBufferPointer { bo in
                        search.run(
                            from: anchors, up: (forwardStart, forwardArcs), stall: (backwardStart, backwardArcs)
                        ) { x, d, o in
                            var k = Int(bucketStart[Int(x)])
                            let end = Int(bucketStart[Int(x) &+ 1])
                            while k < end {
                                let entry = entries[k]
                                let j = Int(entry.node)
                                let c = UInt64(d) &+ UInt64(entry.weight)
                                if c < bw[j] {
                                    bw[j] = c
                                    bo[j] = UInt64(o) &+ UInt64(entry.other)
                                }
                                k &+= 1
                            }
                            return true
                        }
                    }
                }
            }
        }
    }

    /// Writes row `row` from `best`; `false` when a cost does not fit 32
    /// bits, or a target is unreached while the row's search or some
    /// target's dropped a path too long to represent (it might have been
    /// reachable).
    private func write(_ best: RowScratch, row: Int, to out: MatrixCells, overflowed: Bool) -> Bool {
        var ok = true
        for j in 0..<best.weight.count {
            let w = best.weight[j]
            if w == .max {
                if overflowed { ok = false }
                out.set(row: row, column: j, .max, .max)
            } else if let c = pathCost(weight: w, other: best.other[j]) {
                out.set(row: row, column: j, c.length, c.duration)
            } else {
                ok = false
            }
        }
        return ok
    }

    /// Runs the backward upward searches, `workers` contiguous blocks of
    /// targets in parallel, and gathers their entries into buckets in
    /// target order.
    private func fillBuckets(targets: [NetworkPoint], workers: Int, overflow: borrowing Atomic<Bool>) -> Buckets {
        let t = targets.count
        let n = nodeCount
        let blocks = Mutex<[Int: (nodes: [UInt32], entries: [HierarchyArc])]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { block in
            var search = UpwardSearch(nodeCount: n)
            var nodes: [UInt32] = []
            var entries: [HierarchyArc] = []
            var lost = false
            for j in (block * t / workers)..<((block + 1) * t / workers) {
                search.run(
                    from: starts(targets[j].arrivals), up: (backwardStart, backwardArcs),
                    stall: (forwardStart, forwardArcs)
                ) { x, d, o in
                    nodes.append(x)
                    entries.append(HierarchyArc(node: UInt32(j), weight: d, other: o))
                    return true
                }
                if search.overflowed { lost = true }
            }
            if lost { overflow.store(true, ordering: .relaxed) }
            blocks.withLock { $0[block] = (nodes, entries) }
        }
        let all = blocks.withLock { $0 }
        var start = [UInt32](repeating: 0, count: n + 1)
        var total = 0
        for b in 0..<workers {
            guard let blk = all[b] else { continue }
            for x in blk.nodes { start[Int(x) + 1] += 1 }
            total += blk.nodes.count
        }
        for r in 0..<n { start[r + 1] += start[r] }
        var fill = start
        var entries = [HierarchyArc](repeating: HierarchyArc(node: 0, weight: 0, other: 0), count: total)
        for b in 0..<workers {
            guard let blk = all[b] else { continue }
            for (x, e) in zip(blk.nodes, blk.entries) {
                entries[Int(fill[Int(x)])] = e
                fill[Int(x)] += 1
            }
        }
        return Buckets(start: start, entries: entries)
    }
}

/// The buckets of a many-to-many query in CSR form by rank:
/// `entries[start[r] ..< start[r + 1]]` hold, in target order, (target
/// index, cost from `r` to the target, other measure).
private struct Buckets: Sendable {
    var start: [UInt32]
    var entries: [HierarchyArc]
}

/// A worker's best costs so far for the row being computed.
private struct RowScratch {
    var weight: [UInt64]
    var other: [UInt64]

    init(count: Int) {
        weight = [UInt64](repeating: .max, count: count)
        other = [UInt64](repeating: 0, count: count)
    }

    mutating func reset() {
        for j in weight.indices { weight[j] = .max }
    }
}

/// The two output buffers of a matrix, row-major; each row is written by
/// exactly one worker.
private struct MatrixCells: @unchecked Sendable {
    let lengths: UnsafeMutableBufferPointer<UInt32>
    let durations: UnsafeMutableBufferPointer<UInt32>
    let width: Int
    let metric: RoutingMetric

    func set(row: Int, column: Int, _ length: UInt32, _ duration: UInt32) {
        let k = row &* width &+ column
        lengths[k] = length
        durations[k] = duration
    }

    /// The cell's cost in the search metric (`UInt32.max` = unreachable).
    func weight(row: Int, column: Int) -> UInt32 {
        let k = row &* width &+ column
        return metric == .distance ? lengths[k] : durations[k]
    }
}
