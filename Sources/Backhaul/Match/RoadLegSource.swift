import Dispatch
import Foundation
import Pairing
import Routing
import Synchronization

/// Empty legs over the road graph, computed only for the shipment pairs the
/// pairing asks about.
///
/// With a contraction hierarchy (stored in the `.bhg`, or built for the
/// run) the legs come from ``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``:
/// bucket many-to-many restricted to the wanted legs, in spatial blocks, in
/// parallel. Without one (small graphs, `--router dijkstra`) the legs are
/// grouped by their start and each group is one one-to-many Dijkstra search.
struct RoadLegSource: EmptyLegSource {
    let graph: RoadGraph
    let hierarchy: ContractionHierarchy?
    let origins: [NetworkPoint?]
    let destinations: [NetworkPoint?]
    let threads: Int?
    let file: String
    let console: Console
    /// The placed destinations and origins, and each shipment's index among
    /// them (-1: not placed), for the hierarchy's index pairs.
    private let placedDestinations: [NetworkPoint]
    private let placedOrigins: [NetworkPoint]
    private let destinationSlot: [Int32]
    private let originSlot: [Int32]

    init(
        graph: RoadGraph, hierarchy: ContractionHierarchy?, origins: [NetworkPoint?], destinations: [NetworkPoint?],
        threads: Int?, file: String, console: Console
    ) {
        self.graph = graph
        self.hierarchy = hierarchy
        self.origins = origins
        self.destinations = destinations
        self.threads = threads
        self.file = file
        self.console = console
        func compact(_ points: [NetworkPoint?]) -> ([NetworkPoint], [Int32]) {
            var placed: [NetworkPoint] = []
            let slots = points.map { p -> Int32 in
                guard let p else { return -1 }
                placed.append(p)
                return Int32(placed.count - 1)
            }
            return (placed, slots)
        }
        (placedDestinations, destinationSlot) = compact(destinations)
        (placedOrigins, originSlot) = compact(origins)
    }

    func legs(_ arcs: [ShipmentArc]) throws -> [Leg?] {
        guard let hierarchy else {
            return try costs(arcs.map { (destinations[Int($0.from)], origins[Int($0.to)]) }).map { $0.map(Leg.init) }
        }
        var wanted: [IndexPair] = []
        var position: [Int] = []
        wanted.reserveCapacity(arcs.count)
        position.reserveCapacity(arcs.count)
        for (x, a) in arcs.enumerated() {
            let s = destinationSlot[Int(a.from)], t = originSlot[Int(a.to)]
            guard s >= 0, t >= 0 else { continue }
            wanted.append(IndexPair(source: UInt32(s), target: UInt32(t)))
            position.append(x)
        }
        let found = try hierarchy.costs(from: placedDestinations, to: placedOrigins, pairs: wanted, threads: threads)
        var result = [Leg?](repeating: nil, count: arcs.count)
        for (k, x) in position.enumerated() { result[x] = found[k].map(Leg.init) }
        return result
    }

    /// The cost of the route for each (from, to); `nil` when an end is
    /// missing or there is no route.
    func costs(_ pairs: [(NetworkPoint?, NetworkPoint?)]) throws -> [PathCost?] {
        if let hierarchy {
            let (sources, targets, position) = Self.present(pairs)
            let found = try hierarchy.costs(
                from: sources, to: targets, pairs: (0..<sources.count).map { IndexPair(source: $0, target: $0) },
                threads: threads)
            var result = [PathCost?](repeating: nil, count: pairs.count)
            for (k, x) in position.enumerated() { result[x] = found[k] }
            return result
        }
        return try dijkstraCosts(pairs)
    }

    /// Without a hierarchy: pairs grouped by start point, one one-to-many
    /// search per group, groups in parallel.
    private func dijkstraCosts(_ pairs: [(NetworkPoint?, NetworkPoint?)]) throws -> [PathCost?] {
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
        let graph = graph, groups = grouped
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var search = ShortestPathSearch(graph: graph)
            while failure.withLock({ $0 == nil }) {
                let g = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard g < groups.count else { break }
                let group = groups[g]
                let targets = group.members.map { pairs[$0].1! }
                do {
                    let row = try search.costs(from: group.source, to: SearchTargets(targets, in: graph))
                    results.withLock { r in for (k, x) in group.members.enumerated() { r[x] = row[k] } }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0 }
    }

    /// The pairs with both ends, as parallel source and target lists, and
    /// where each stands in `pairs`.
    static func present(_ pairs: [(NetworkPoint?, NetworkPoint?)]) -> (sources: [NetworkPoint], targets: [NetworkPoint], position: [Int]) {
        var sources: [NetworkPoint] = [], targets: [NetworkPoint] = [], position: [Int] = []
        for (x, p) in pairs.enumerated() {
            guard let a = p.0, let b = p.1 else { continue }
            sources.append(a)
            targets.append(b)
            position.append(x)
        }
        return (sources, targets, position)
    }

    /// The routes (edge paths) for each (from, to), for drawing: unpacked
    /// from the hierarchy when there is one, else one Dijkstra search each.
    func routes(_ pairs: [(NetworkPoint?, NetworkPoint?)], console: Console) throws(CommandFailure) -> [Route?] {
        guard let hierarchy else {
            return try MatchJob.routes(pairs, graph: graph, threads: threads, console: console, phase: "drawing routes")
        }
        let (sources, targets, position) = Self.present(pairs)
        do {
            let found = try hierarchy.routes(
                from: sources, to: targets, pairs: (0..<sources.count).map { IndexPair(source: $0, target: $0) },
                threads: threads)
            var result = [Route?](repeating: nil, count: pairs.count)
            for (k, x) in position.enumerated() { result[x] = found[k] }
            return result
        } catch {
            throw CommandFailure(.invalidInput, "a route is longer than 32-bit costs allow; the graph's weights are too large")
        }
    }
}
