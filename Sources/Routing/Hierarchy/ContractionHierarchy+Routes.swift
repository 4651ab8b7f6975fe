import Dispatch
import Foundation
import Synchronization

extension ContractionHierarchy {
    /// The shortest route of each leg — `pairs[k]` goes from
    /// `sources[pairs[k].source]` to `targets[pairs[k].target]` — as edges of
    /// the graph, in the order of `pairs`: hierarchy paths unpacked
    /// (``HierarchyQuery/route(from:to:)``), instead of one Dijkstra search
    /// per leg. Draw them with ``Route/coordinates(in:from:to:)``.
    ///
    /// Legs are handed to `threads` workers in chunks from a shared counter
    /// (`DispatchQueue.concurrentPerform`), each with its own
    /// ``HierarchyQuery``; every route is computed by one deterministic
    /// query, so the result does not depend on `threads`.
    ///
    /// - Parameters:
    ///   - threads: the most workers to use; `nil` means every active core.
    ///   - progress: called from the workers after each chunk with the
    ///     number of legs done so far.
    /// - Returns: one route per pair (`nil`: unreachable), in the order of
    ///   `pairs`; each route's cost is ``HierarchyQuery/cost(from:to:)``'s,
    ///   with the weight ``costs(from:to:pairs:threads:progress:)`` gives.
    /// - Throws: ``CostOverflowError`` when a path cost exceeds 32 bits.
    /// - Precondition: every index is in range; every anchor node is a node
    ///   of ``graph``.
    /// - Complexity: per leg two upward searches (O(*k* log *k*)) and
    ///   O(route edges × degree) to unpack; memory the routes plus 24 bytes
    ///   per node per worker.
    public func routes(
        from sources: [NetworkPoint], to targets: [NetworkPoint], pairs: [IndexPair], threads: Int? = nil,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(CostOverflowError) -> [Route?] {
        for p in pairs { precondition(Int(p.source) < sources.count && Int(p.target) < targets.count, "pair index out of range") }
        var routes = [Route?](repeating: nil, count: pairs.count)
        let chunk = 64
        let chunks = (pairs.count + chunk - 1) / chunk
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, chunks))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        routes.withUnsafeMutableBufferPointer { buffer in
            let out = RouteCells(routes: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var query = HierarchyQuery(hierarchy: self)
                while !failed.load(ordering: .relaxed) {
                    let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard c < chunks else { break }
                    let range = (c * chunk)..<min(pairs.count, (c + 1) * chunk)
                    do {
                        for k in range {
                            out.set(k, try query.route(from: sources[Int(pairs[k].source)], to: targets[Int(pairs[k].target)]))
                        }
                    } catch {
                        failed.store(true, ordering: .relaxed)
                        break
                    }
                    let total = done.wrappingAdd(range.count, ordering: .relaxed).newValue
                    if let progress { progress(total) }
                }
            }
        }
        guard !failed.load(ordering: .relaxed) else { throw CostOverflowError() }
        return routes
    }

    /// The cost of the shortest path from `source` to `target`, or `nil`
    /// when there is none: one ``HierarchyQuery``, for a few extra legs.
    /// For many, keep a ``HierarchyQuery`` (its scratch costs O(*n*) to
    /// allocate) or use ``costs(from:to:pairs:threads:progress:)``.
    ///
    /// - Throws: ``CostOverflowError`` when the cost exceeds 32 bits.
    public func cost(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError) -> PathCost? {
        var query = HierarchyQuery(hierarchy: self)
        return try query.cost(from: source, to: target)
    }

    /// The shortest route from `source` to `target` (``HierarchyQuery/route(from:to:)``),
    /// or `nil` when there is none; see ``cost(from:to:)`` on allocation.
    ///
    /// - Throws: ``CostOverflowError`` when the cost exceeds 32 bits.
    public func route(from source: NetworkPoint, to target: NetworkPoint) throws(CostOverflowError) -> Route? {
        var query = HierarchyQuery(hierarchy: self)
        return try query.route(from: source, to: target)
    }
}

/// The output of ``ContractionHierarchy/routes(from:to:pairs:threads:progress:)``;
/// each slot is written by exactly one worker.
private struct RouteCells: @unchecked Sendable {
    let routes: UnsafeMutableBufferPointer<Route?>

    func set(_ k: Int, _ route: Route?) { routes[k] = route }
}
