/// Which of a batch's observed empty runs the pairing could plausibly
/// replace: runs that lie where and when a paired shipment's truck would
/// otherwise have returned empty.
///
/// Pairing shipment *a* (A→B) with *b* (C→D) removes two empty returns from
/// the counterfactual: *a*'s truck no longer drives B→A empty once it has
/// delivered at B, nor *b*'s D→C after delivering at D (they drive the cycle
/// A→B→C→D→A instead). An observed empty run that starts near B and ends
/// near A, at a time *a*'s truck is empty at B, plausibly **is** *a*'s
/// empty return: the pairing turns it into the repositioning to C and the
/// load C→D. Runs that match no removed return are empty running the
/// pairing does not touch (other fleets' repositioning, depots, other
/// days).
///
/// ## The rule
///
/// A run *r* is a **candidate** for a removed return *s* (shipment *s*'s
/// destination → origin) when
///
/// 1. **place**: *r* starts within ``Rule/radiusMetres`` (great circle) of
///    *s*'s destination and ends within the same radius of *s*'s origin;
/// 2. **time**: *r* can depart while *s*'s truck is empty at its
///    destination, allowing it to wait there up to ``Rule/waitSeconds``:
///    *r*'s departure window `[pickup_earliest, pickup_latest]` (a missing
///    bound is open; with only `delivery_latest`, that is the latest
///    departure) overlaps `[emptyFrom, emptyUntil + wait]`, where
///    `emptyFrom = pickup_earliest + handling + loaded + handling` and
///    `emptyUntil` the smaller of `pickup_latest + handling + loaded +
///    handling` and `delivery_latest + handling` (the timing model of
///    `docs/pairing.md`; missing times leave the side open).
///
/// Each run keeps at most ``Rule/candidatesPerRun`` candidates, the nearest
/// first (sum of the two end distances; equal distances — runs and returns
/// between the same two places — ordered by a fixed hash of the pair of
/// indices, so that identical runs spread over identical returns instead of
/// all keeping the same few).
///
/// ## The assignment
///
/// One run replaces at most one return and one return is replaced by at
/// most one run. Among all such assignments over the candidates, the one
/// replacing the most kilometres is chosen: a **maximum-weight bipartite
/// matching**, the weight of each candidate its run's length, solved
/// exactly with the blossom solver (``MatchingGraph/maximumWeightMatching(using:)``,
/// whose dual certificate debug builds check). Among assignments replacing
/// equally many metres the solver's choice is deterministic for the same
/// input order; callers give runs and returns in id order.
///
/// - Complexity: O((*m* + *t*) log *t*) to index *t* returns and query
///   *m* runs, plus the candidates found (each query looks only at returns
///   whose two ends fall in the 27 × 27 grid cells around the run's ends);
///   memory O(*m*·``Rule/candidatesPerRun`` + *t*); then the matching of
///   that bipartite graph.
public struct EmptyRunReplacement: Sendable, Hashable {
    /// An observed empty run (`load_status=empty`).
    public struct Run: Sendable, Hashable {
        public var start: GeoPoint?
        public var end: GeoPoint?
        /// Departure window in seconds on the batch's time scale (`nil`:
        /// open).
        public var departEarliest: Int64?
        public var departLatest: Int64?
        /// Its length (`nil` or 0: no route, never matched).
        public var metres: Int?

        public init(start: GeoPoint?, end: GeoPoint?, departEarliest: Int64?, departLatest: Int64?, metres: Int?) {
            self.start = start
            self.end = end
            self.departEarliest = departEarliest
            self.departLatest = departLatest
            self.metres = metres
        }

        /// An observed empty run as the batch gives it: from its origin to
        /// its destination, departing within its pickup window (or by its
        /// delivery deadline when it has only that).
        public init(_ s: Shipment, start: GeoPoint?, end: GeoPoint?, metres: Int?) {
            self.init(
                start: start, end: end, departEarliest: s.pickupEarliest?.seconds,
                departLatest: (s.pickupLatest ?? s.deliveryLatest)?.seconds, metres: metres)
        }
    }

    /// An empty return the pairing removes: a paired shipment's destination
    /// → origin, from the time its truck is empty at the destination.
    public struct Return: Sendable, Hashable {
        /// The shipment's destination.
        public var start: GeoPoint?
        /// The shipment's origin.
        public var end: GeoPoint?
        /// When its truck is empty at `start` at the earliest and the latest
        /// (`nil`: open).
        public var emptyFrom: Int64?
        public var emptyUntil: Int64?

        public init(start: GeoPoint?, end: GeoPoint?, emptyFrom: Int64?, emptyUntil: Int64?) {
            self.start = start
            self.end = end
            self.emptyFrom = emptyFrom
            self.emptyUntil = emptyUntil
        }

        /// The return of `s`, whose loaded leg takes `loadedSeconds`, with
        /// `handlingSeconds` at each stop (see the type's rule, 2).
        public init(_ s: Shipment, loadedSeconds: Int, handlingSeconds: Int, start: GeoPoint?, end: GeoPoint?) {
            let trip = Int64(2 * handlingSeconds + loadedSeconds)
            var until: Int64?
            if let pl = s.pickupLatest?.seconds { until = pl + trip }
            if let dl = s.deliveryLatest?.seconds { until = min(until ?? .max, dl + Int64(handlingSeconds)) }
            self.init(start: start, end: end, emptyFrom: s.pickupEarliest.map { $0.seconds + trip }, emptyUntil: until)
        }
    }

    /// What counts as "where and when".
    public struct Rule: Sendable, Hashable {
        /// Both ends of a run within this many metres of the return's ends.
        public var radiusMetres: Double
        /// How long a truck may stand empty at its destination before
        /// leaving, in seconds.
        public var waitSeconds: Int
        /// Candidate returns kept per run, the nearest first.
        public var candidatesPerRun: Int

        /// The defaults: 25 km (a town and its surroundings; Samgods zones
        /// are municipalities), 12 hours (a daily rest of 11 hours under
        /// Regulation (EC) No 561/2006 and an hour's margin), 32 candidates.
        public init(radiusMetres: Double = 25_000, waitSeconds: Int = 12 * 3600, candidatesPerRun: Int = 32) {
            self.radiusMetres = radiusMetres
            self.waitSeconds = waitSeconds
            self.candidatesPerRun = candidatesPerRun
        }
    }

    /// Per run, the index of the return it replaces, or `nil`.
    public let replaced: [Int?]
    /// Runs that replace a return.
    public let runsReplaced: Int
    /// Their total length.
    public let replacedMetres: Int
    /// Candidate (run, return) pairs the assignment chose from.
    public let candidatePairs: Int

    /// Assigns `runs` to the `returns` they plausibly are, under `rule`.
    ///
    /// - Precondition: `rule.radiusMetres > 0`, `rule.waitSeconds >= 0`,
    ///   `rule.candidatesPerRun >= 1`; fewer than 2²⁵ runs and returns.
    public init(runs: [Run], returns: [Return], rule: Rule = Rule()) {
        precondition(rule.radiusMetres > 0 && rule.waitSeconds >= 0 && rule.candidatesPerRun >= 1, "invalid replacement rule")
        precondition(runs.count + returns.count <= MatchingGraph.maximumVertexCount, "too many runs and returns")
        let grid = EndPairGrid(returns.map { ($0.start, $0.end) }, radiusMetres: rule.radiusMetres)
        let wait = Int64(rule.waitSeconds)
        let open = Int64(1) << 60
        var edges: [MatchingGraph.Edge] = []
        var best: [(distance: Double, tie: UInt64, ret: Int)] = []
        for (r, run) in runs.enumerated() {
            guard let metres = run.metres, metres > 0, let a = run.start, let b = run.end else { continue }
            best.removeAll(keepingCapacity: true)
            let departFrom = run.departEarliest ?? -open, departUntil = run.departLatest ?? open
            grid.forEachCandidate(start: a, end: b) { t, distance in
                let ret = returns[t]
                let from = max(departFrom, ret.emptyFrom ?? -open)
                let until = min(departUntil, (ret.emptyUntil ?? open - wait) + wait)
                guard from <= until else { return }
                best.append((distance, Self.tieHash(r, t), t))
            }
            if best.count > rule.candidatesPerRun {
                best.sort { ($0.distance, $0.tie, $0.ret) < ($1.distance, $1.tie, $1.ret) }
                best.removeLast(best.count - rule.candidatesPerRun)
            }
            best.sort { $0.ret < $1.ret }
            for c in best { edges.append(MatchingGraph.Edge(r, runs.count + c.ret, weight: metres)) }
        }
        candidatePairs = edges.count
        let graph = MatchingGraph(trustedVertexCount: runs.count + returns.count, edges: edges)
        let matching = graph.maximumWeightMatching().matching
        var replaced = [Int?](repeating: nil, count: runs.count)
        var count = 0, total = 0
        for r in runs.indices {
            guard let mate = matching.mate(of: r) else { continue }
            replaced[r] = mate - runs.count
            count += 1
            total += runs[r].metres ?? 0
        }
        self.replaced = replaced
        runsReplaced = count
        replacedMetres = total
    }

    /// A fixed hash of (run, return) that orders equally near candidates:
    /// SplitMix64's finalizer (Steele et al., OOPSLA 2014) of the run's
    /// hash xor the return, so each run ranks the returns in an
    /// independent-looking order. (Multiplying the run and xoring the
    /// return before one finalizer left the low return bits correlated
    /// across runs: 60 identical runs with 4 candidates each reached only
    /// 50 returns.)
    static func tieHash(_ r: Int, _ t: Int) -> UInt64 {
        func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return mix(mix(UInt64(truncatingIfNeeded: r)) ^ UInt64(truncatingIfNeeded: t))
    }
}

/// Items with two ends (start, end) in a uniform grid over the unit sphere,
/// found by the cells of both ends: ``forEachCandidate(start:end:_:)`` visits
/// every item whose start lies within the radius of one point and whose end
/// within the radius of another.
///
/// Cells are cubes of side `chord(radius)` in ℝ³, so a point within the
/// radius of `p` lies in `p`'s cell or one of its 26 neighbours. Items are
/// sorted by (start cell, end cell); a query binary-searches the 27 start
/// cells and, inside each non-empty one, the 27 end cells.
struct EndPairGrid {
    private let cell: Double
    private let maximumChord: Double
    private var starts: [SIMD3<Double>] = []
    private var ends: [SIMD3<Double>] = []
    /// Sorted keys (start cell, end cell) and the item of each.
    private var startKeys: [UInt64] = []
    private var endKeys: [UInt64] = []
    private var items: [Int32] = []

    init(_ points: [(GeoPoint?, GeoPoint?)], radiusMetres: Double) {
        // The chord of the radius; cells no smaller than 10⁻⁶ (6 m) so that
        // cell indices fit in 21 bits.
        maximumChord = 2 * (radiusMetres / (2 * GeoPoint.earthRadiusMetres)).clampedSine
        cell = max(maximumChord, 1e-6)
        var keyed: [(UInt64, UInt64, Int32)] = []
        keyed.reserveCapacity(points.count)
        starts = points.map { $0.0?.unitVector ?? SIMD3(repeating: .nan) }
        ends = points.map { $0.1?.unitVector ?? SIMD3(repeating: .nan) }
        for i in points.indices where points[i].0 != nil && points[i].1 != nil {
            keyed.append((Self.key(cellOf(starts[i])), Self.key(cellOf(ends[i])), Int32(truncatingIfNeeded: i)))
        }
        keyed.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        startKeys = keyed.map(\.0)
        endKeys = keyed.map(\.1)
        items = keyed.map(\.2)
    }

    private func cellOf(_ p: SIMD3<Double>) -> SIMD3<Int64> {
        SIMD3(Int64((p.x / cell).rounded(.down)), Int64((p.y / cell).rounded(.down)), Int64((p.z / cell).rounded(.down)))
    }

    /// 21 bits per axis, offset to be non-negative.
    private static func key(_ c: SIMD3<Int64>) -> UInt64 {
        let o = Int64(1) << 20
        return UInt64(c.x + o) << 42 | UInt64(c.y + o) << 21 | UInt64(c.z + o)
    }

    /// Calls `body(item, startDistance + endDistance)` (chords, as metres
    /// on the sphere) for every item within the radius at both ends, in
    /// item order within each cell.
    func forEachCandidate(start: GeoPoint, end: GeoPoint, _ body: (Int, Double) -> Void) {
        let a = start.unitVector, b = end.unitVector
        let ca = cellOf(a), cb = cellOf(b)
        for dx in -1...1 { for dy in -1...1 { for dz in -1...1 {
            let sk = Self.key(ca &+ SIMD3(Int64(dx), Int64(dy), Int64(dz)))
            let lo = lowerBound(startKeys, sk, 0, startKeys.count)
            guard lo < startKeys.count, startKeys[lo] == sk else { continue }
            let hi = lowerBound(startKeys, sk &+ 1, lo, startKeys.count)
            for ex in -1...1 { for ey in -1...1 { for ez in -1...1 {
                let ek = Self.key(cb &+ SIMD3(Int64(ex), Int64(ey), Int64(ez)))
                var x = lowerBound(endKeys, ek, lo, hi)
                while x < hi && endKeys[x] == ek {
                    let i = Int(items[x])
                    let ds = starts[i].distance(to: a), de = ends[i].distance(to: b)
                    if ds <= maximumChord && de <= maximumChord {
                        body(i, GeoPoint.arcMetres(chord: ds) + GeoPoint.arcMetres(chord: de))
                    }
                    x += 1
                }
            }}}
        }}}
    }

    private func lowerBound(_ keys: [UInt64], _ key: UInt64, _ from: Int, _ to: Int) -> Int {
        var lo = from, hi = to
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Double {
    /// `sin(self)` for an angle in radians, clamped to [0, 1] (a radius
    /// beyond half the Earth's circumference covers everything).
    fileprivate var clampedSine: Double {
        self >= .pi / 2 ? 1 : Swift.max(0, sin(self))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
