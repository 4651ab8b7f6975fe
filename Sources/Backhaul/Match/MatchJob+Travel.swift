import Dispatch
import Foundation
import Pairing
import Routing
import Synchronization

/// The travel of a run that the pairing starts from: every shipment's loaded
/// leg and own empty return, where its ends lie (for the bounds and for
/// drawing routes), and a source of the other empty legs on demand.
struct TravelResult: Sendable {
    /// Per shipment, origin → destination (`nil`: no route).
    var loaded: [Leg?]
    /// Per shipment, destination → origin: the empty return of the baseline.
    var ownReturns: [Leg?]
    /// Road length of each observed empty run (`nil`: no route).
    var observedMetres: [Int?]
    /// Per shipment, where its origin and destination lie on the graph
    /// (`nil` without a graph or when it could not be placed).
    var origins: [NetworkPoint?]
    var destinations: [NetworkPoint?]
    /// The ends as the bounds see them: the snapped road position with a
    /// graph, the batch's coordinate without (`nil`: unknown).
    var originPoints: [GeoPoint?]
    var destinationPoints: [GeoPoint?]
    /// How great-circle distances bound the legs (`nil`: the graph has no
    /// coordinates, so nothing can be bounded).
    var bound: LegLowerBound?
    /// Exact empty legs on demand.
    var source: any EmptyLegSource
    /// The hierarchy the run routed with, if any (for drawing routes).
    var hierarchy: ContractionHierarchy?
    /// Landmark lower bounds on the empty legs (road graphs with
    /// coordinates; `nil` for crow-fly and small batches).
    var landmarks: LandmarkBounds? = nil
}

extension MatchJob {
    /// Phases 2 and 3: place the shipment ends and measure the legs every
    /// run needs (loaded legs, own returns, observed runs). The other empty
    /// legs are computed later, only for the pairs the pairing asks about.
    static func computeTravel(
        for shipments: [Shipment], observed: [Shipment], model: DistanceModel, options: MatchOptions,
        console: Console, clock: inout PhaseClock
    ) throws(CommandFailure) -> TravelResult {
        let n = shipments.count
        switch model {
        case .crowfly(let circuity, let speed):
            let source = CrowflyLegSource(
                origins: shipments.map { $0.origin.coordinate.map(UnitVector.init) },
                destinations: shipments.map { $0.destination.coordinate.map(UnitVector.init) },
                circuity: circuity, speedKmh: speed, threads: options.threads)
            let observedMetres = observed.map {
                CrowflyLegSource.leg($0.origin.coordinate.map(UnitVector.init), $0.destination.coordinate.map(UnitVector.init),
                                     circuity: circuity, speedKmh: speed)?.metres
            }
            let travel = TravelResult(
                loaded: (0..<n).map { source.loaded($0) }, ownReturns: (0..<n).map { source.leg(from: $0, to: $0) },
                observedMetres: observedMetres,
                origins: Array(repeating: nil, count: n), destinations: Array(repeating: nil, count: n),
                originPoints: shipments.map { $0.origin.coordinate.map(GeoPoint.init) },
                destinationPoints: shipments.map { $0.destination.coordinate.map(GeoPoint.init) },
                bound: .crowfly(circuity: circuity, speedKmh: speed), source: source, hierarchy: nil)
            clock.lap("legs")
            return travel

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

            // The router: the hierarchy stored in a .bhg whenever there is
            // one (unless --router dijkstra), else one built for the run when
            // it pays (MatchOptions.usesHierarchy).
            let hierarchy: ContractionHierarchy?
            if options.router != .dijkstra, let stored = network.storedHierarchy {
                hierarchy = stored
            } else if options.usesHierarchy(shipments: n, nodes: graph.nodeCount) {
                hierarchy = try network.hierarchy(threads: options.threads, console: console)
                clock.lap("hierarchy")
            } else {
                hierarchy = nil
            }
            let source = RoadLegSource(
                graph: graph, hierarchy: hierarchy, origins: origins, destinations: destinations,
                threads: options.threads, file: network.file, console: console)

            // 3. Loaded legs, own returns and observed runs.
            console.phase("routing \(n) loaded legs and returns")
            let ends = (0..<n).map { (origins[$0], destinations[$0]) }
                + (0..<n).map { (destinations[$0], origins[$0]) }
                + (0..<observed.count).map { (points[2 * (n + $0)], points[2 * (n + $0) + 1]) }
            let costs: [PathCost?]
            do {
                costs = try source.costs(ends)
            } catch {
                throw CommandFailure(.invalidInput, "\(network.file): \(error)")
            }
            let bound = graph.greatCircleLowerBound().map {
                LegLowerBound(factor: $0.factor, slackMetres: $0.slackMetres, secondsPerMetre: $0.secondsPerMetre, slackSeconds: $0.slackSeconds)
            }
            clock.lap("legs")
            let landmarks = try Self.landmarkBounds(
                graph: graph, component: network.largestComponent, origins: origins, destinations: destinations,
                bounded: bound != nil, options: options, console: console)
            if landmarks != nil { clock.lap("landmarks") }
            func geo(_ p: NetworkPoint?) -> GeoPoint? {
                p?.coordinate.map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) }
            }
            return TravelResult(
                loaded: (0..<n).map { costs[$0].map(Leg.init) }, ownReturns: (0..<n).map { costs[n + $0].map(Leg.init) },
                observedMetres: (0..<observed.count).map { costs[2 * n + $0]?.metres },
                origins: origins, destinations: destinations,
                originPoints: origins.map(geo), destinationPoints: destinations.map(geo),
                bound: bound, source: source, hierarchy: hierarchy, landmarks: landmarks)
        }
    }

    /// The fewest shipments for which the match job measures landmark
    /// bounds: below it the great-circle bound prices the few pairs fast
    /// enough and the landmark searches would dominate
    /// (`docs/benchmarks/landmarks.md`).
    static let landmarkMinimumShipments = 10_000

    /// ALT landmark bounds for the empty legs from every destination to
    /// every origin (``LandmarkDistances``), or `nil` when they would not
    /// be used: no great-circle bound (the pairing then routes every pair),
    /// or fewer than ``landmarkMinimumShipments`` shipments.
    static func landmarkBounds(
        graph: RoadGraph, component: NodeMask?, origins: [NetworkPoint?], destinations: [NetworkPoint?], bounded: Bool,
        options: MatchOptions, console: Console
    ) throws(CommandFailure) -> LandmarkBounds? {
        guard bounded, origins.count >= landmarkMinimumShipments, graph.nodeCount > 0 else { return nil }
        console.phase("measuring \(LandmarkDistances.defaultLandmarkCount) landmarks for the leg bounds")
        let distances = LandmarkDistances(
            graph: graph, sources: destinations, targets: origins, component: component, threads: options.threads)
        do {
            return try LandmarkBounds(distances)
        } catch {
            throw CommandFailure(.internal, "internal error preparing the landmark bounds: \(error)")
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

extension GeoPoint {
    init(_ c: Coordinate) { self.init(latitude: c.latitude, longitude: c.longitude) }
}
