import Dispatch
import Foundation
import Pairing
import Routing
import Synchronization

/// Empty legs over the road graph, computed only for the shipment pairs the
/// pairing asks about: the arcs are grouped by their start (a destination),
/// and each group is one search to its targets — an upward search of the
/// contraction hierarchy against the targets' buckets when the run has one,
/// a one-to-many Dijkstra search otherwise. Groups run in parallel.
struct RoadLegSource: EmptyLegSource {
    let graph: RoadGraph
    let hierarchy: ContractionHierarchy?
    let origins: [NetworkPoint?]
    let destinations: [NetworkPoint?]
    let threads: Int?
    let file: String
    let console: Console

    func legs(_ arcs: [ShipmentArc]) throws -> [Leg?] {
        try costs(arcs.map { (destinations[Int($0.from)], origins[Int($0.to)]) }).map { $0.map(Leg.init) }
    }

    /// The cost of the route for each (from, to); `nil` when an end is
    /// missing or there is no route. Pairs with the same start are searched
    /// together.
    func costs(_ pairs: [(NetworkPoint?, NetworkPoint?)]) throws -> [PathCost?] {
        // Group the pairs by start point, in order of first appearance.
        var groupOf: [NetworkPoint: Int] = [:]
        var grouped: [(source: NetworkPoint, members: [Int])] = []
        for (x, p) in pairs.enumerated() {
            guard let a = p.0, p.1 != nil else { continue }
            if let g = groupOf[a] {
                grouped[g].members.append(x)
            } else {
                groupOf[a] = grouped.count
                grouped.append((a, [x]))
            }
        }
        let results = Mutex([PathCost?](repeating: nil, count: pairs.count))
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, grouped.count))
        let graph = graph, hierarchy = hierarchy, groups = grouped
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var search = ShortestPathSearch(graph: graph)
            while failure.withLock({ $0 == nil }) {
                let g = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard g < groups.count else { break }
                let group = groups[g]
                let targets = group.members.map { pairs[$0].1! }
                do {
                    let row: [PathCost?]
                    if let hierarchy {
                        let m = try hierarchy.matrix(sources: [group.source], targets: targets, threads: 1)
                        row = (0..<targets.count).map { m[0, $0] }
                    } else {
                        row = try search.costs(from: group.source, to: SearchTargets(targets, in: graph))
                    }
                    results.withLock { r in for (k, x) in group.members.enumerated() { r[x] = row[k] } }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0 }
    }
}
