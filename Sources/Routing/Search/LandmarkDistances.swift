import Dispatch
import Foundation
import Synchronization

/// Exact distances between a few landmark nodes and a list of network
/// points, in both directions and for length and duration separately: the
/// data of the ALT lower bound (A. V. Goldberg and C. Harrelson, "Computing
/// the shortest path: A* search meets graph theory", SODA 2005).
///
/// For a landmark `ℓ` and any nodes `a`, `b` the triangle inequality gives
/// `d(a, b) ≥ d(ℓ, b) − d(ℓ, a)` and `d(a, b) ≥ d(a, ℓ) − d(b, ℓ)`. Legs
/// run between *points* (``NetworkPoint``): a route from `x` to `y` leaves
/// through a departure anchor `a` of `x` and arrives through an arrival
/// anchor `b` of `y`, and its length is `a.length + path(a → b) + b.length`
/// with `path(a → b) ≥ d(a, b)` (the route minimises the graph's metric, so
/// its length is at least the shortest length and its duration at least the
/// fastest duration; each measure is bounded with its own metric). So
///
///     length(x → y) ≥ targetFrom[y] − sourceFrom[x]
///     length(x → y) ≥ sourceTo[x]  − targetTo[y]
///
/// with, per landmark and measure,
///
/// - `targetFrom[y] = min_b (d(ℓ, b) + b.cost)` over arrival anchors,
/// - `sourceFrom[x] = max_a (d(ℓ, a) − a.cost)` over departure anchors,
/// - `sourceTo[x]   = min_a (a.cost + d(a, ℓ))` over departure anchors,
/// - `targetTo[y]   = max_b (d(b, ℓ) − b.cost)` over arrival anchors.
///
/// Taking the maximum over the anchors where a value is subtracted (rather
/// than pairing a point's arrivals with its departures) keeps the bound valid
/// at split nodes (turn restrictions: arriving through one copy does not
/// allow every departure) and for U-turns part-way along an edge. An anchor
/// that cannot reach or be reached from the landmark makes a subtracted
/// value unknown (``unknownHigh``) and is skipped in a minimum; a point with
/// no usable anchor has unknown values (``unknownLow``). Unknown values never
/// give a positive bound.
///
/// The one route the anchors do not describe is driving straight along an
/// edge that holds both points (``NetworkPoint/sameEdgeCost(to:in:)``); for
/// it no landmark bound holds, so each point also lists the edges it lies
/// on (``sourceEdges``, ``targetEdges``), and a user of the bound must take 0
/// for points that share one.
///
/// Landmarks are chosen by farthest-point selection on lengths inside the
/// largest strongly connected component (Goldberg & Harrelson's
/// "farthest"): the first is the node farthest from the component's first
/// node, each next one the node farthest from all chosen so far. The choice
/// is deterministic (ties go to the smaller node).
///
/// - Complexity: 4·*L* one-to-all Dijkstra searches (one more to start the
///   selection): O(*L* (*n* + *m*) log *n*); the *L* searches of the
///   selection run one after another, the other 3·*L* on `threads` workers.
///   Memory: 8 arrays of *L* `Int32` per point (the result, 32·*L* bytes per
///   source and target pair), the reverse graph (16 bytes per arc), and per
///   worker 16 bytes per node.
public struct LandmarkDistances: Sendable {
    /// The landmark nodes, in the order of selection.
    public let landmarks: [Int]
    /// The number of source and target points.
    public let sourceCount: Int
    public let targetCount: Int

    /// The four values of one measure, row-major: point × landmark
    /// (`values[point * landmarks.count + ℓ]`).
    public struct Measure: Sendable, Hashable {
        /// Per source: `max_a (d(ℓ, a) − a.cost)`, ``unknownHigh`` when unknown.
        public var sourceFrom: [Int32]
        /// Per source: `min_a (a.cost + d(a, ℓ))`, ``unknownLow`` when unknown.
        public var sourceTo: [Int32]
        /// Per target: `min_b (d(ℓ, b) + b.cost)`, ``unknownLow`` when unknown.
        public var targetFrom: [Int32]
        /// Per target: `max_b (d(b, ℓ) − b.cost)`, ``unknownHigh`` when unknown.
        public var targetTo: [Int32]
    }

    /// Lengths in decimetres (shortest by length).
    public let length: Measure
    /// Durations in deciseconds (fastest by duration).
    public let duration: Measure
    /// Per source, two edges it lies on (``noEdge`` for none, both
    /// ``anyEdge`` when it lies on more than two).
    public let sourceEdges: [UInt32]
    /// Per target, as ``sourceEdges``.
    public let targetEdges: [UInt32]

    /// A value that is added in the bound but unknown.
    public static var unknownLow: Int32 { .min }
    /// A value that is subtracted in the bound but unknown.
    public static var unknownHigh: Int32 { .max }
    /// No edge (in ``sourceEdges`` / ``targetEdges``).
    public static var noEdge: UInt32 { .max }
    /// Shares an edge with every point.
    public static var anyEdge: UInt32 { .max - 1 }

    /// Landmarks per graph when the caller names none
    /// (`docs/benchmarks/landmarks.md`).
    public static let defaultLandmarkCount = 16

    /// Chooses `landmarkCount` landmarks on `graph` and measures them
    /// against `sources` and `targets` (`nil` points get unknown values).
    ///
    /// - Parameters:
    ///   - component: the nodes landmarks may be chosen from; `nil` computes
    ///     the largest strongly connected component.
    ///   - threads: the most workers; `nil` means every active core.
    /// - Precondition: every anchor node is a node of `graph`.
    public init(
        graph: RoadGraph, sources: [NetworkPoint?], targets: [NetworkPoint?],
        landmarkCount: Int = LandmarkDistances.defaultLandmarkCount, component: NodeMask? = nil, threads: Int? = nil
    ) {
        precondition(landmarkCount >= 0, "negative landmark count")
        let n = graph.nodeCount
        for p in sources + targets {
            for a in (p?.departures ?? []) + (p?.arrivals ?? []) {
                precondition(Int(a.node) < n, "anchor is not a node of this graph")
            }
        }
        let reverse = ReverseGraph(graph)
        let mask = component ?? StronglyConnectedComponents(graph: graph).largestComponentMask()
        let s = sources.count, t = targets.count

        // Farthest-point selection; its forward length searches are the
        // first of each landmark's four.
        var chosen: [Int] = []
        var search = LandmarkSearch(nodeCount: n)
        let storage = Storage(sources: s, targets: t, slots: landmarkCount)
        if landmarkCount > 0, let first = (0..<n).first(where: { mask.contains($0) }) {
            search.run(from: [first], start: graph.edgeStart, target: graph.edgeTarget, weight: graph.edgeLength)
            var next = Self.farthest(search.distance, mask: mask)
            var nearest = [UInt32](repeating: .max, count: n)
            while chosen.count < landmarkCount, let l = next {
                chosen.append(l)
                search.run(from: [l], start: graph.edgeStart, target: graph.edgeTarget, weight: graph.edgeLength)
                storage.fill(
                    slot: chosen.count - 1, kind: .fromLength, distance: search.distance, sources: sources,
                    targets: targets)
                for v in 0..<n where search.distance[v] < nearest[v] { nearest[v] = search.distance[v] }
                next = Self.farthest(nearest, mask: mask)
            }
        }
        _ = consume search

        // The other three searches per landmark, in parallel.
        let tasks = chosen.indices.flatMap { l in [Kind.fromDuration, .toLength, .toDuration].map { (l, $0) } }
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, tasks.count))
        let next = Atomic<Int>(0)
        let cells = storage.cells
        let landmarks = chosen
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var search = LandmarkSearch(nodeCount: n)
            let local = Storage(cells: cells)
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < tasks.count else { break }
                let (l, kind) = tasks[k]
                switch kind {
                case .fromLength:
                    search.run(from: [landmarks[l]], start: graph.edgeStart, target: graph.edgeTarget, weight: graph.edgeLength)
                case .fromDuration:
                    search.run(from: [landmarks[l]], start: graph.edgeStart, target: graph.edgeTarget, weight: graph.edgeDuration)
                case .toLength:
                    search.run(from: [landmarks[l]], start: reverse.start, target: reverse.tail, weight: reverse.length)
                case .toDuration:
                    search.run(from: [landmarks[l]], start: reverse.start, target: reverse.tail, weight: reverse.duration)
                }
                local.fill(slot: l, kind: kind, distance: search.distance, sources: sources, targets: targets)
            }
        }

        // Compact to the landmarks found (fewer than asked on small graphs).
        let measures = storage.take(landmarks: chosen.count)
        self.landmarks = chosen
        self.sourceCount = s
        self.targetCount = t
        self.length = measures.length
        self.duration = measures.duration
        self.sourceEdges = sources.flatMap(Self.edges)
        self.targetEdges = targets.flatMap(Self.edges)
    }

    /// The node of `mask` with the largest finite distance (the smaller node
    /// on ties); `nil` when every node of the mask is at distance 0 or
    /// unreachable (a landmark there would add nothing).
    private static func farthest(_ distance: some Sequence<UInt32>, mask: NodeMask) -> Int? {
        var best: Int?
        var bestDistance: UInt32 = 0
        for (v, d) in distance.enumerated() where d != LandmarkSearch.unreached && d > bestDistance && mask.contains(v) {
            best = v
            bestDistance = d
        }
        return best
    }

    /// A point's edges for the same-edge test.
    private static func edges(_ p: NetworkPoint?) -> [UInt32] {
        guard let p, !p.positions.isEmpty else { return [noEdge, noEdge] }
        var e = Array(Set(p.positions.map(\.edge))).sorted()
        if e.count > 2 { return [anyEdge, anyEdge] }
        while e.count < 2 { e.append(noEdge) }
        return e
    }

    /// Which search a column comes from.
    enum Kind {
        case fromLength, fromDuration, toLength, toDuration
    }
}

/// The reverse of a graph's arcs in CSR form, with both measures: arcs into
/// each node, as `tail`.
private struct ReverseGraph: Sendable {
    let start: [UInt32]
    let tail: [UInt32]
    let length: [UInt32]
    let duration: [UInt32]

    init(_ g: RoadGraph) {
        let n = g.nodeCount, m = g.edgeCount
        var start = [UInt32](repeating: 0, count: n + 1)
        for v in g.edgeTarget { start[Int(v) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var tail = [UInt32](repeating: 0, count: m)
        var length = [UInt32](repeating: 0, count: m)
        var duration = [UInt32](repeating: 0, count: m)
        for u in 0..<n {
            for e in g.edges(from: u) {
                let v = Int(g.edgeTarget[e])
                let k = Int(fill[v])
                fill[v] += 1
                tail[k] = UInt32(u)
                length[k] = g.edgeLength[e]
                duration[k] = g.edgeDuration[e]
            }
        }
        self.start = start
        self.tail = tail
        self.length = length
        self.duration = duration
    }
}

/// The result arrays while the searches fill them: each (landmark, kind)
/// column is written by exactly one search, so workers never write the same
/// cell, and every write happens before `concurrentPerform` returns.
private struct Storage: ~Copyable {
    /// Eight arrays: length then duration, each sourceFrom, sourceTo,
    /// targetFrom, targetTo.
    struct Cells: @unchecked Sendable {
        let arrays: [UnsafeMutableBufferPointer<Int32>]
        let sources: Int
        let targets: Int
        let slots: Int
    }

    let cells: Cells
    private let owner: Bool

    init(sources: Int, targets: Int, slots: Int) {
        let arrays = (0..<8).map { k -> UnsafeMutableBufferPointer<Int32> in
            let count = max(1, (k % 4 < 2 ? sources : targets) * slots)
            let b = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
            b.initialize(repeating: k % 4 == 0 || k % 4 == 3 ? LandmarkDistances.unknownHigh : LandmarkDistances.unknownLow)
            return b
        }
        cells = Cells(arrays: arrays, sources: sources, targets: targets, slots: slots)
        owner = true
    }

    /// A view for a worker (does not free the arrays).
    init(cells: Cells) {
        self.cells = cells
        owner = false
    }

    deinit {
        if owner { for a in cells.arrays { a.deallocate() } }
    }

    /// Writes the column of landmark `slot` that the search `kind` gives.
    func fill(
        slot: Int, kind: LandmarkDistances.Kind, distance: UnsafeMutableBufferPointer<UInt32>,
        sources: [NetworkPoint?], targets: [NetworkPoint?]
    ) {
        let isLength = kind == .fromLength || kind == .toLength
        let base = isLength ? 0 : 4
        let slots = cells.slots
        @inline(__always) func cost(_ a: NetworkPoint.Anchor) -> Int64 { Int64(isLength ? a.length : a.duration) }
        @inline(__always) func d(_ a: NetworkPoint.Anchor) -> Int64? {
            let x = distance[Int(a.node)]
            return x == LandmarkSearch.unreached ? nil : Int64(x)
        }
        // min over anchors of d + cost (a value that is added: lower is safe).
        func low(_ anchors: [NetworkPoint.Anchor]) -> Int32 {
            var best: Int64?
            for a in anchors {
                guard let x = d(a) else { continue }
                let v = x + cost(a)
                if best == nil || v < best! { best = v }
            }
            guard let best else { return LandmarkDistances.unknownLow }
            return Int32(min(best, Int64(Int32.max) - 1))
        }
        // max over anchors of d − cost (a value that is subtracted: higher is safe).
        func high(_ anchors: [NetworkPoint.Anchor]) -> Int32 {
            guard !anchors.isEmpty else { return LandmarkDistances.unknownHigh }
            var best = Int64.min
            for a in anchors {
                guard let x = d(a) else { return LandmarkDistances.unknownHigh }
                best = max(best, x - cost(a))
            }
            if best >= Int64(Int32.max) { return LandmarkDistances.unknownHigh }
            return Int32(max(best, Int64(Int32.min) + 1))
        }
        let from = kind == .fromLength || kind == .fromDuration
        let sourceArray = cells.arrays[base + (from ? 0 : 1)]
        let targetArray = cells.arrays[base + (from ? 2 : 3)]
        for (i, p) in sources.enumerated() {
            guard let p else { continue }
            sourceArray[i * slots + slot] = from ? high(p.departures) : low(p.departures)
        }
        for (j, p) in targets.enumerated() {
            guard let p else { continue }
            targetArray[j * slots + slot] = from ? low(p.arrivals) : high(p.arrivals)
        }
    }

    /// The arrays cut to the first `landmarks` slots of each point.
    consuming func take(landmarks l: Int) -> (length: LandmarkDistances.Measure, duration: LandmarkDistances.Measure) {
        let slots = cells.slots
        func array(_ k: Int) -> [Int32] {
            let count = k % 4 < 2 ? cells.sources : cells.targets
            let b = cells.arrays[k]
            var out = [Int32]()
            out.reserveCapacity(count * l)
            for p in 0..<count { out.append(contentsOf: b[(p * slots)..<(p * slots + l)]) }
            return out
        }
        func measure(_ base: Int) -> LandmarkDistances.Measure {
            .init(sourceFrom: array(base), sourceTo: array(base + 1), targetFrom: array(base + 2), targetTo: array(base + 3))
        }
        return (measure(0), measure(4))
    }
}
