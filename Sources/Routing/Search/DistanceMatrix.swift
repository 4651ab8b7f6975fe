import Dispatch
import Foundation
import Synchronization

/// Shortest-path lengths and durations from every source to every target:
/// a rectangular many-to-many table.
///
/// Row *i* holds the costs from `sources[i]`, column *j* those to
/// `targets[j]`, in the caller's order. Unreachable pairs are `nil`.
public struct DistanceMatrix: Sendable {
    /// The number of sources (rows).
    public let sourceCount: Int
    /// The number of targets (columns).
    public let targetCount: Int
    /// What the searches minimised (``PathCost/weight`` is the length or
    /// the duration accordingly).
    public let metric: RoutingMetric
    /// Lengths in decimetres, row-major; `UInt32.max` = unreachable.
    public let lengths: [UInt32]
    /// Durations in deciseconds, row-major; `UInt32.max` = unreachable.
    public let durations: [UInt32]

    /// The cost from source `row` to target `column`, or `nil` when the
    /// target cannot be reached.
    public subscript(row: Int, column: Int) -> PathCost? {
        precondition(row >= 0 && row < sourceCount && column >= 0 && column < targetCount, "index out of range")
        let k = row * targetCount + column
        guard lengths[k] != .max else { return nil }
        return PathCost(
            weight: metric == .distance ? lengths[k] : durations[k], length: lengths[k], duration: durations[k])
    }

    /// Computes the matrix with one Dijkstra search per source
    /// (``ShortestPathSearch``), each stopping as soon as every target is
    /// settled, spread over `threads` workers with
    /// `DispatchQueue.concurrentPerform`.
    ///
    /// Every worker owns one search object (its scratch memory is reused for
    /// all the sources it takes) and takes the next source from a shared
    /// counter, so uneven rows balance out. Each row is computed by one
    /// deterministic search, so the result does not depend on `threads` or
    /// on scheduling.
    ///
    /// - Parameters:
    ///   - threads: the most workers to use; `nil` means every active core.
    ///   - progress: called from the workers after each row with the number
    ///     of rows done so far (each count once, not necessarily in order).
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    /// - Complexity: O(*s* · (*n* + *m*) log *n*) in the worst case, divided
    ///   among the workers; memory 8 bytes per pair plus 28 bytes per node
    ///   per worker.
    public init(
        graph: RoadGraph, sources: [NetworkPoint], targets: [NetworkPoint], threads: Int? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) {
        let prepared = SearchTargets(targets, in: graph)
        let s = sources.count, t = targets.count
        let cells = s * t
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, s))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        var lengths = [UInt32](repeating: 0, count: cells)
        var durations = [UInt32](repeating: 0, count: cells)
        lengths.withUnsafeMutableBufferPointer { l in
            durations.withUnsafeMutableBufferPointer { d in
                let rows = RowBuffers(lengths: l, durations: d, width: t)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var search = ShortestPathSearch(graph: graph)
                    while !failed.load(ordering: .relaxed) {
                        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard i < s else { break }
                        do {
                            try search.fillRow(
                                from: sources[i], to: prepared, lengths: rows.lengths(i), durations: rows.durations(i))
                        } catch {
                            failed.store(true, ordering: .relaxed)
                        }
                        if let progress { progress(done.wrappingAdd(1, ordering: .relaxed).newValue) }
                    }
                }
            }
        }
        guard !failed.load(ordering: .relaxed) else { throw CostOverflowError() }
        self.sourceCount = s
        self.targetCount = t
        self.metric = graph.metric
        self.lengths = lengths
        self.durations = durations
    }
}

/// The two output buffers of a matrix, sliced by row; each row is written
/// by exactly one worker.
private struct RowBuffers: @unchecked Sendable {
    let lengthBase: UnsafeMutableBufferPointer<UInt32>
    let durationBase: UnsafeMutableBufferPointer<UInt32>
    let width: Int

    init(lengths: UnsafeMutableBufferPointer<UInt32>, durations: UnsafeMutableBufferPointer<UInt32>, width: Int) {
        lengthBase = lengths
        durationBase = durations
        self.width = width
    }

    func lengths(_ row: Int) -> UnsafeMutableBufferPointer<UInt32> { slice(lengthBase, row) }
    func durations(_ row: Int) -> UnsafeMutableBufferPointer<UInt32> { slice(durationBase, row) }

    private func slice(_ b: UnsafeMutableBufferPointer<UInt32>, _ row: Int) -> UnsafeMutableBufferPointer<UInt32> {
        UnsafeMutableBufferPointer(rebasing: b[row * width ..< (row + 1) * width])
    }
}
