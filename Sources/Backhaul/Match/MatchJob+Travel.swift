import Dispatch
import Foundation
import Pairing
import Routing
import Synchronization

/// The distances of a run and the network points they were measured
/// between (for drawing the pairs' routes afterwards).
struct TravelResult: Sendable {
    var legs: ShipmentTravel
    /// Road length of each observed empty run (`nil`: no route).
    var observedMetres: [Int?]
    /// Per shipment, where its origin and destination lie on the graph
    /// (`nil` without a graph or when it could not be placed).
    var origins: [NetworkPoint?]
    var destinations: [NetworkPoint?]
}

extension MatchJob {
    /// Phases 2 and 3: place the shipment ends and measure every leg.
    static func computeTravel(
        for shipments: [Shipment], observed: [Shipment], model: DistanceModel, options: MatchOptions,
        console: Console, clock: inout PhaseClock
    ) throws(CommandFailure) -> TravelResult {
        let n = shipments.count
        var legs = ShipmentTravel(count: n)
        switch model {
        case .crowfly(let circuity, let speed):
            let origins = shipments.map { $0.origin.coordinate.map(UnitVector.init) }
            let destinations = shipments.map { $0.destination.coordinate.map(UnitVector.init) }
            func leg(_ a: UnitVector?, _ b: UnitVector?) -> Leg? {
                guard let a, let b else { return nil }
                return Leg(crowflyMetres: a.distance(to: b), circuity: circuity, speedKmh: speed)
            }
            for i in 0..<n {
                legs.loaded[i] = leg(origins[i], destinations[i])
                for j in 0..<n { legs[empty: i, j] = leg(destinations[i], origins[j]) }
            }
            let observedMetres = observed.map {
                leg($0.origin.coordinate.map(UnitVector.init), $0.destination.coordinate.map(UnitVector.init))?.metres
            }
            clock.lap("matrix")
            return TravelResult(
                legs: legs, observedMetres: observedMetres,
                origins: Array(repeating: nil, count: n), destinations: Array(repeating: nil, count: n))

        case .road(let network):
            let graph = network.graph
            // 2. Snap.
            console.phase("placing \(2 * (n + observed.count)) shipment ends on the road graph")
            let locations = shipments.flatMap { [$0.origin, $0.destination] } + observed.flatMap { [$0.origin, $0.destination] }
            let points = place(locations, on: network, maxSnapMetres: options.maxSnapMetres)
            let unplaced = points.filter { $0 == nil }.count
            if unplaced > 0 {
                console.warning("\(unplaced) shipment end\(unplaced == 1 ? " is" : "s are") farther than \(Int(options.maxSnapMetres)) m from the roads of \(network.file): their shipments are unreachable")
            }
            let origins = (0..<n).map { points[2 * $0] }
            let destinations = (0..<n).map { points[2 * $0 + 1] }
            clock.lap("snap")

            // 3. Empty legs: every placed destination to every placed origin;
            // loaded legs and observed empty runs: each origin to its destination.
            let sourceRows = (0..<n).filter { destinations[$0] != nil }
            let targetColumns = (0..<n).filter { origins[$0] != nil }
            let ends = (0..<n).map { (origins[$0], destinations[$0]) }
                + (0..<observed.count).map { (points[2 * (n + $0)], points[2 * (n + $0) + 1]) }
            let hierarchy: ContractionHierarchy?
            if options.usesHierarchy(shipments: n, nodes: graph.nodeCount) {
                console.phase("building a contraction hierarchy of \(graph.nodeCount) nodes")
                do {
                    hierarchy = try ContractionHierarchy(graph: graph, threads: options.threads)
                } catch {
                    throw CommandFailure(.invalidInput, "\(network.file): \(error)")
                }
                clock.lap("hierarchy")
            } else {
                hierarchy = nil
            }
            console.phase("routing \(sourceRows.count) × \(targetColumns.count) empty legs")
            let matrix: DistanceMatrix
            do {
                let rows = sourceRows.count
                let sources = sourceRows.map { destinations[$0]! }, targets = targetColumns.map { origins[$0]! }
                let progress: @Sendable (Int) -> Void = { done in console.progress("routing empty legs", done: done, total: rows) }
                if let hierarchy {
                    matrix = try hierarchy.matrix(sources: sources, targets: targets, threads: options.threads, progress: progress)
                } else {
                    matrix = try DistanceMatrix(graph: graph, sources: sources, targets: targets, threads: options.threads, progress: progress)
                }
            } catch {
                throw CommandFailure(.invalidInput, "\(network.file): \(error)")
            }
            for (r, i) in sourceRows.enumerated() {
                for (c, j) in targetColumns.enumerated() {
                    legs[empty: i, j] = matrix[r, c].map(Leg.init)
                }
            }
            let costs: [PathCost?]
            if let hierarchy {
                costs = try diagonalCosts(ends, hierarchy: hierarchy, threads: options.threads, file: network.file)
            } else {
                costs = try routeCosts(ends, graph: graph, threads: options.threads, console: console)
            }
            for i in 0..<n { legs.loaded[i] = costs[i].map(Leg.init) }
            let observedMetres = (0..<observed.count).map { costs[n + $0]?.metres }
            clock.lap("matrix")
            return TravelResult(legs: legs, observedMetres: observedMetres, origins: origins, destinations: destinations)
        }
    }

    /// Every location as a network point (``RoadNetwork/point(for:maxSnapMetres:)``:
    /// a node id as that node, a coordinate snapped onto the nearest road of
    /// the largest strongly connected component), in parallel; `nil` when it
    /// cannot be placed (too far from any road).
    static func place(_ locations: [Location], on network: RoadNetwork, maxSnapMetres: Double) -> [NetworkPoint?] {
        let results = Mutex([NetworkPoint?](repeating: nil, count: locations.count))
        let chunk = 256
        let chunks = (locations.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (c * chunk)..<min(locations.count, (c + 1) * chunk)
            let local = range.map { try? network.point(for: locations[$0], maxSnapMetres: maxSnapMetres).get() }
            results.withLock { r in r.replaceSubrange(range, with: local) }
        }
        return results.withLock { $0 }
    }

    /// The cost of the shortest route for each (from, to) through a
    /// contraction hierarchy: square blocks of the many-to-many table whose
    /// diagonals are the pairs wanted (one small table per block keeps the
    /// memory at 8 bytes × block² instead of × n²).
    static func diagonalCosts(
        _ pairs: [(NetworkPoint?, NetworkPoint?)], hierarchy: ContractionHierarchy, threads: Int?, file: String
    ) throws(CommandFailure) -> [PathCost?] {
        var costs = [PathCost?](repeating: nil, count: pairs.count)
        let wanted = pairs.indices.filter { pairs[$0].0 != nil && pairs[$0].1 != nil }
        let block = 256
        for start in stride(from: 0, to: wanted.count, by: block) {
            let ids = Array(wanted[start..<min(wanted.count, start + block)])
            do {
                let m = try hierarchy.matrix(
                    sources: ids.map { pairs[$0].0! }, targets: ids.map { pairs[$0].1! }, threads: threads)
                for (k, i) in ids.enumerated() { costs[i] = m[k, k] }
            } catch {
                throw CommandFailure(.invalidInput, "\(file): \(error)")
            }
        }
        return costs
    }

    /// The cost of the shortest route for each (from, to), in parallel with
    /// one reusable search per worker; `nil` when an end is missing or no
    /// route exists.
    static func routeCosts(
        _ pairs: [(NetworkPoint?, NetworkPoint?)], graph: RoadGraph, threads: Int?, console: Console
    ) throws(CommandFailure) -> [PathCost?] {
        try routes(pairs, graph: graph, threads: threads, console: console, phase: "routing loaded legs").map { $0?.cost }
    }

    /// The shortest route for each (from, to), in parallel.
    static func routes(
        _ pairs: [(NetworkPoint?, NetworkPoint?)], graph: RoadGraph, threads: Int?, console: Console, phase: String
    ) throws(CommandFailure) -> [Route?] {
        let results = Mutex([Route?](repeating: nil, count: pairs.count))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, pairs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var search = ShortestPathSearch(graph: graph)
            while !failed.load(ordering: .relaxed) {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < pairs.count else { break }
                guard let a = pairs[i].0, let b = pairs[i].1 else { continue }
                do {
                    let r = try search.route(from: a, to: b)
                    results.withLock { $0[i] = r }
                } catch {
                    failed.store(true, ordering: .relaxed)
                }
                let d = done.wrappingAdd(1, ordering: .relaxed).newValue
                console.progress(phase, done: d, total: pairs.count)
            }
        }
        if failed.load(ordering: .relaxed) {
            throw CommandFailure(.invalidInput, "a route is longer than 32-bit costs allow; the graph's weights are too large")
        }
        return results.withLock { $0 }
    }
}

