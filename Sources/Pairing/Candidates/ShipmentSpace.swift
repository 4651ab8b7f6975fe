/// A spatial index over the two ends of every shipment that answers, without
/// looking at all *n*² pairs, which empty legs and which pairs *could* be
/// short enough to matter.
///
/// For shipments *i* and *j* the empty leg *i → j* runs from *i*'s
/// destination to *j*'s origin. Its length is never below
/// ``LegLowerBound`` applied to the great-circle distance between those
/// points (`lowerBound(i → j)`). The queries enumerate
///
/// - ``forEachArc(from:below:bonus:_:)``: every *j* with
///   `lowerBound(i → j) < limit + bonus[j]`;
/// - ``forEachPair(with:below:bonus:_:)``: every *j* with
///   `lowerBound(i → j) + lowerBound(j → i) < limit + bonus[j]`.
///
/// With `bonus[j]` = *j*'s own empty return and `limit` = *i*'s, the pair
/// query finds every pair whose saving `r_i + r_j − e(i,j) − e(j,i)` can be
/// positive; with the matching duals subtracted, every pair that could
/// violate the dual certificate — the pricing step of the certified pairing.
///
/// ## The index
///
/// A k-d tree (Bentley 1975) over the 6-dimensional points (origin, destination)
/// on the unit sphere (ℝ³ each), split at the median of the widest
/// coordinate, leaves of at most ``leafSize`` shipments. Every node keeps the
/// bounding box of its origins and of its destinations; the Euclidean
/// distance from a point to a box is a lower bound of the chord to any point
/// inside, and `R · chord ≤ great circle`, so a node whose bound already
/// reaches the limit (plus the largest bonus below it) is skipped whole.
/// Children are visited nearer first, and the query's body may lower the
/// limit as it goes (a best-*k* search).
///
/// Shipments without both ends (``init(origins:destinations:bound:)`` given
/// `nil`) are not in the index: queries from them visit nothing and no query
/// visits them.
///
/// - Complexity: building O(*n* log *n*); memory 64 bytes per shipment plus
///   ~40 bytes per shipment of tree. A query visits O(log *n* + *k*) nodes
///   for *k* results when the limit is local (as savings are).
public struct ShipmentSpace: Sendable {
    /// The number of shipments (indices `0..<count`).
    public let count: Int
    /// The bound that turns great-circle distances into leg lengths.
    public let bound: LegLowerBound
    /// Unit vectors of each origin and destination (NaN when unknown).
    @usableFromInline let origins: [SIMD3<Double>]
    @usableFromInline let destinations: [SIMD3<Double>]
    /// `factor · R`: metres of bound per unit of chord.
    @usableFromInline let metresPerChord: Double
    /// The shipments in the index, grouped by node.
    @usableFromInline let items: [Int32]
    /// `origins` and `destinations` in the order of `items`: a leaf's
    /// shipments are read one after the other instead of scattered over
    /// the batch (three cache misses per visited shipment were half of a
    /// pricing pass's time at 310,000 national rows).
    @usableFromInline let itemOrigins: [SIMD3<Double>]
    @usableFromInline let itemDestinations: [SIMD3<Double>]
    @usableFromInline let nodes: [Node]

    /// Leaves hold at most this many shipments.
    public static let leafSize = 8

    @usableFromInline
    struct Node: Sendable {
        @usableFromInline var originLow: SIMD3<Double>
        @usableFromInline var originHigh: SIMD3<Double>
        @usableFromInline var destinationLow: SIMD3<Double>
        @usableFromInline var destinationHigh: SIMD3<Double>
        /// `items[start ..< end]`.
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32
        /// Child nodes, or -1 for a leaf (both or neither).
        @usableFromInline var left: Int32
        @usableFromInline var right: Int32
    }

    /// Per-shipment values added to a query's limit (for example own empty
    /// returns minus matching duals), with their maximum over every node of
    /// the index so that whole subtrees can be skipped.
    public struct Bonus: Sendable {
        @usableFromInline let values: [Double]
        /// `values` in the order of the index's items.
        @usableFromInline let itemValues: [Double]
        /// Per node, the smallest (`x`) and largest (`y`) value under it,
        /// together so that a visit reads one cache line: a search for the
        /// pairs it owns (`ownedOnly`) skips a node whose every bonus
        /// exceeds the cap.
        @usableFromInline let nodeRange: [SIMD2<Double>]

        /// The bonus of shipment `j`.
        public subscript(j: Int) -> Double { values[j] }
    }

    /// An index over the ends of `origins.count` shipments.
    ///
    /// - Parameters:
    ///   - origins, destinations: per shipment, where its load starts and
    ///     ends (`nil` when unknown; such a shipment is left out).
    ///   - bound: how great-circle distances bound leg lengths.
    /// - Precondition: the arrays have equal lengths below 2³¹.
    public init(origins: [GeoPoint?], destinations: [GeoPoint?], bound: LegLowerBound) {
        precondition(origins.count == destinations.count && origins.count < Int(Int32.max), "mismatched shipment ends")
        let nan = SIMD3<Double>(repeating: .nan)
        count = origins.count
        self.bound = bound
        self.origins = origins.map { $0?.unitVector ?? nan }
        self.destinations = destinations.map { $0?.unitVector ?? nan }
        metresPerChord = bound.factor * GeoPoint.earthRadiusMetres
        var items: [Int32] = []
        items.reserveCapacity(count)
        for i in 0..<count where origins[i] != nil && destinations[i] != nil {
            items.append(Int32(truncatingIfNeeded: i))
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(2 * (items.count / Self.leafSize + 1))
        var builder = TreeBuilder(origins: self.origins, destinations: self.destinations)
        if !items.isEmpty {
            items.withUnsafeMutableBufferPointer { buffer in
                _ = builder.build(buffer, 0, buffer.count, into: &nodes)
            }
        }
        self.items = items
        self.nodes = nodes
        let unitOrigins = self.origins, unitDestinations = self.destinations
        itemOrigins = items.map { unitOrigins[Int($0)] }
        itemDestinations = items.map { unitDestinations[Int($0)] }
        #if DEBUG
        _checkInvariants()
        #endif
    }

    /// Whether shipment `i` has both ends (and is in the index).
    public func contains(_ i: Int) -> Bool {
        !origins[i].x.isNaN && !destinations[i].x.isNaN
    }

    /// The lower bound in metres on the empty leg from `i`'s destination to
    /// `j`'s origin (0 when an end is unknown).
    public func emptyLegLowerBound(from i: Int, to j: Int) -> Double {
        guard contains(i), contains(j) else { return 0 }
        return arcBound(destinations[i], origins[j])
    }

    /// The shortest leg (metres and seconds, rounded down) the bound allows
    /// from `i`'s destination to `j`'s origin (zero when an end is unknown).
    public func emptyLegLowerBoundLeg(from i: Int, to j: Int) -> Leg {
        guard contains(i), contains(j) else { return Leg(metres: 0, seconds: 0) }
        return bound.leg(greatCircle: GeoPoint.arcMetres(chord: destinations[i].distance(to: origins[j])))
    }

    /// Values per shipment to add to query limits, with node maxima.
    ///
    /// - Precondition: `values.count == count`.
    /// - Complexity: O(*n*).
    public func bonus(_ values: [Double]) -> Bonus {
        precondition(values.count == count, "one bonus per shipment")
        let inItemOrder = items.map { values[Int($0)] }
        let (minimum, maximum) = nodeRanges(inItemOrder: inItemOrder)
        let range = (0..<nodes.count).map { SIMD2(minimum[$0], maximum[$0]) }
        return Bonus(values: values, itemValues: inItemOrder, nodeRange: range)
    }

    /// The smallest and largest of `values` (one per item of the index, in
    /// its order) under every node.
    ///
    /// - Complexity: O(*n*).
    func nodeRanges(inItemOrder values: [Double]) -> (minimum: [Double], maximum: [Double]) {
        var minimum = [Double](repeating: .infinity, count: nodes.count)
        var maximum = [Double](repeating: -.infinity, count: nodes.count)
        // Children come after their parents: one pass backwards.
        for k in stride(from: nodes.count - 1, through: 0, by: -1) {
            let node = nodes[k]
            if node.left < 0 {
                var low = Double.infinity, high = -Double.infinity
                for x in Int(node.start)..<Int(node.end) {
                    let v = values[x]
                    low = min(low, v)
                    high = max(high, v)
                }
                minimum[k] = low
                maximum[k] = high
            } else {
                minimum[k] = min(minimum[Int(node.left)], minimum[Int(node.right)])
                maximum[k] = max(maximum[Int(node.left)], maximum[Int(node.right)])
            }
        }
        return (minimum, maximum)
    }

    // MARK: Bounds

    @inlinable @inline(__always)
    func arcBound(_ from: SIMD3<Double>, _ to: SIMD3<Double>) -> Double {
        arcBound(chord: from.distance(to: to))
    }

    /// The leg bound of a chord of the unit sphere.
    @inlinable @inline(__always)
    func arcBound(chord: Double) -> Double {
        bound.metres(greatCircle: GeoPoint.arcMetres(chord: chord))
    }

    /// A lower bound on ``arcBound(chord:)`` without its arcsine
    /// (`asin(x) ≥ x`), a millimetre below it against rounding: a pair
    /// query skips a shipment whose cheap bounds already reach its limit.
    @inlinable @inline(__always)
    func chordBound(_ chord: Double) -> Double {
        max(0, metresPerChord * chord - bound.slackMetres - 0.001)
    }

    /// A lower bound on the chord from `p` to any point of the box.
    @inlinable @inline(__always)
    static func boxDistance(_ p: SIMD3<Double>, _ low: SIMD3<Double>, _ high: SIMD3<Double>) -> Double {
        let below = (low - p).replacing(with: 0, where: low .< p)
        let above = (p - high).replacing(with: 0, where: p .< high)
        let d = below + above
        return (d * d).sum().squareRoot()
    }

}

// MARK: Queries

extension ShipmentSpace {
    /// Calls `body(j, lowerBound, &limit)` for every shipment `j ≠ i` in the
    /// index with `lowerBound(i → j) < limit + bonus[j]`, nearer subtrees
    /// first. The body may lower `limit` to narrow the rest of the search,
    /// as a best-*k* search does.
    ///
    /// - Complexity: O(log *n* + visited) for local limits.
    @inlinable
    public func forEachArc(
        from i: Int, below limit: Double, bonus: Bonus? = nil,
        _ body: (_ j: Int, _ lowerBound: Double, _ limit: inout Double) -> Void
    ) {
        guard contains(i), !nodes.isEmpty else { return }
        var limit = limit
        search(ArcQuery(space: self, destination: destinations[i]), skip: i, limit: &limit, bonus: bonus, cap: .infinity, ownedOnly: false) {
            j, b, _, limit in body(j, b, &limit)
        }
    }

    /// Calls `body(j, lowerBound, &limit)` for every shipment `j ≠ i` in the
    /// index with `lowerBound(i → j) + lowerBound(j → i) < limit + bonus[j]`,
    /// nearer subtrees first; the body may lower the limit.
    ///
    /// - Complexity: O(log *n* + visited) for local limits.
    @inlinable
    public func forEachPair(
        with i: Int, below limit: Double, bonus: Bonus? = nil,
        _ body: (_ j: Int, _ lowerBound: Double, _ limit: inout Double) -> Void
    ) {
        forEachPair(with: i, below: limit, bonus: bonus, bonusCap: .infinity) { j, ij, ji, limit in
            body(j, ij + ji, &limit)
        }
    }

    /// The pair query with both arcs' bounds given separately and the bonus
    /// capped: every `j ≠ i` with
    /// `lowerBound(i → j) + lowerBound(j → i) < limit + min(bonus[j], bonusCap)`.
    ///
    /// The cap lets a search *own* only the pairs whose other end has the
    /// smaller bonus — with `bonusCap` = `i`'s own bonus, a pair is found
    /// from the end with the larger bonus, and each search's reach is at
    /// most twice that bonus, however large the bonuses elsewhere.
    ///
    /// - Parameters:
    ///   - ownedOnly: visit only the `j` with `bonus[j] ≤ bonusCap` (the
    ///     pairs the search owns), skipping whole nodes whose every bonus
    ///     is above the cap.
    ///   - times: skip every `j` that no order of the pair can serve in
    ///     time, even over the shortest legs the bound allows
    ///     (``PairTimes``), whole nodes at once.
    @inlinable
    public func forEachPair(
        with i: Int, below limit: Double, bonus: Bonus?, bonusCap: Double, ownedOnly: Bool = false,
        times: PairTimes? = nil,
        _ body: (_ j: Int, _ lowerBoundIJ: Double, _ lowerBoundJI: Double, _ limit: inout Double) -> Void
    ) {
        guard contains(i), !nodes.isEmpty else { return }
        var limit = limit
        if let times {
            search(TimedPairQuery(space: self, destination: destinations[i], origin: origins[i], times: times, of: i),
                   skip: i, limit: &limit, bonus: bonus, cap: bonusCap, ownedOnly: ownedOnly, body)
        } else {
            search(PairQuery(space: self, destination: destinations[i], origin: origins[i]), skip: i, limit: &limit,
                   bonus: bonus, cap: bonusCap, ownedOnly: ownedOnly, body)
        }
    }

    /// The branch-and-bound traversal both queries share, specialised per
    /// query type.
    @inlinable @inline(__always)
    func search<Query: SpaceQuery>(
        _ query: Query, skip i: Int, limit: inout Double, bonus: Bonus?, cap: Double, ownedOnly: Bool,
        _ body: (Int, Double, Double, inout Double) -> Void
    ) {
        // Depth ≤ log2(n / leafSize) + 1 < 40; the stack holds at most one
        // pending sibling per level plus the root.
        withUnsafeTemporaryAllocation(of: (node: Int32, bound: Double).self, capacity: 128) { stack in
            nodes.withUnsafeBufferPointer { nodes in
                items.withUnsafeBufferPointer { items in
                    stack[0] = (0, query.nodeBound(nodes[0], 0))
                    var top = 1
                    while top > 0 {
                        top -= 1
                        let (k, lb) = stack[top]
                        let node = nodes[Int(k)]
                        let range = bonus?.nodeRange[Int(k)] ?? .zero
                        if lb >= limit + min(range.y, cap) { continue }
                        if ownedOnly, bonus != nil, range.x > cap { continue }
                        if node.left < 0 {
                            for x in Int(node.start)..<Int(node.end) {
                                let j = Int(items[x])
                                if j == i { continue }
                                if ownedOnly, let bonus, bonus.itemValues[x] > cap { continue }
                                let extra = bonus.map { min($0.itemValues[x], cap) } ?? 0
                                guard let (a, b) = query.itemBounds(x, below: limit + extra) else { continue }
                                if a + b < limit + extra { body(j, a, b, &limit) }
                            }
                            continue
                        }
                        let l = Int(node.left), r = Int(node.right)
                        let lbL = query.nodeBound(nodes[l], l), lbR = query.nodeBound(nodes[r], r)
                        // Push the farther child first so the nearer one is visited first.
                        if lbL <= lbR {
                            stack[top] = (Int32(r), lbR)
                            stack[top + 1] = (Int32(l), lbL)
                        } else {
                            stack[top] = (Int32(l), lbL)
                            stack[top + 1] = (Int32(r), lbR)
                        }
                        top += 2
                    }
                }
            }
        }
    }
}

/// What a query needs from the index: a lower bound for a whole node and
/// the bounds of one shipment (the pair query's two arcs, or one arc and 0).
@usableFromInline
protocol SpaceQuery {
    /// A lower bound for every item of node `k`, +∞ when none qualifies.
    func nodeBound(_ node: ShipmentSpace.Node, _ k: Int) -> Double
    /// The bounds of the shipment at position `x` of the index's items,
    /// (+∞, +∞) when it does not qualify; `nil` when a cheaper lower bound
    /// on their sum already reaches `threshold` (the chord, without the
    /// arcsine of the great circle: `R·c ≤ 2R·asin(c/2)`).
    func itemBounds(_ x: Int, below threshold: Double) -> (Double, Double)?
}

/// Arcs from one destination to every origin.
@usableFromInline
struct ArcQuery: SpaceQuery {
    @usableFromInline let space: ShipmentSpace
    @usableFromInline let destination: SIMD3<Double>

    @inlinable init(space: ShipmentSpace, destination: SIMD3<Double>) {
        self.space = space
        self.destination = destination
    }

    @inlinable @inline(__always)
    func nodeBound(_ node: ShipmentSpace.Node, _ k: Int) -> Double {
        space.metresPerChord * ShipmentSpace.boxDistance(destination, node.originLow, node.originHigh)
            - space.bound.slackMetres
    }

    @inlinable @inline(__always)
    func itemBounds(_ x: Int, below threshold: Double) -> (Double, Double)? {
        let c = destination.distance(to: space.itemOrigins[x])
        if space.chordBound(c) >= threshold { return nil }
        return (space.arcBound(chord: c), 0)
    }
}

/// Both arcs of a pair: one destination to every origin and every
/// destination back to one origin.
@usableFromInline
struct PairQuery: SpaceQuery {
    @usableFromInline let space: ShipmentSpace
    @usableFromInline let destination: SIMD3<Double>
    @usableFromInline let origin: SIMD3<Double>

    @inlinable init(space: ShipmentSpace, destination: SIMD3<Double>, origin: SIMD3<Double>) {
        self.space = space
        self.destination = destination
        self.origin = origin
    }

    @inlinable @inline(__always)
    func nodeBound(_ node: ShipmentSpace.Node, _ k: Int) -> Double {
        let (ij, ji) = nodeArcs(node)
        return ij + ji
    }

    /// Lower bounds in metres on the two arcs to and from any shipment of
    /// the node: `i → j` (to its origins) and `j → i` (from its
    /// destinations).
    @inlinable @inline(__always)
    func nodeArcs(_ node: ShipmentSpace.Node) -> (Double, Double) {
        (space.metresPerChord * ShipmentSpace.boxDistance(destination, node.originLow, node.originHigh)
            - space.bound.slackMetres,
         space.metresPerChord * ShipmentSpace.boxDistance(origin, node.destinationLow, node.destinationHigh)
            - space.bound.slackMetres)
    }

    @inlinable @inline(__always)
    func itemBounds(_ x: Int, below threshold: Double) -> (Double, Double)? {
        let c1 = destination.distance(to: space.itemOrigins[x]), c2 = space.itemDestinations[x].distance(to: origin)
        if space.chordBound(c1) + space.chordBound(c2) >= threshold { return nil }
        return (space.arcBound(chord: c1), space.arcBound(chord: c2))
    }
}

// MARK: Building

extension ShipmentSpace {
    /// Median splits over the widest of the six coordinates.
    struct TreeBuilder {
        let origins: [SIMD3<Double>]
        let destinations: [SIMD3<Double>]

        func coordinate(_ item: Int32, _ dimension: Int) -> Double {
            dimension < 3 ? origins[Int(item)][dimension] : destinations[Int(item)][dimension - 3]
        }

        /// Appends the node for `items[start ..< end]` (and its subtree) and
        /// returns its index.
        mutating func build(_ items: UnsafeMutableBufferPointer<Int32>, _ start: Int, _ end: Int, into nodes: inout [Node]) -> Int {
            var oLow = SIMD3<Double>(repeating: .infinity), oHigh = SIMD3<Double>(repeating: -.infinity)
            var dLow = oLow, dHigh = oHigh
            for x in start..<end {
                let o = origins[Int(items[x])], d = destinations[Int(items[x])]
                oLow = pointwiseMin(oLow, o); oHigh = pointwiseMax(oHigh, o)
                dLow = pointwiseMin(dLow, d); dHigh = pointwiseMax(dHigh, d)
            }
            let index = nodes.count
            nodes.append(Node(
                originLow: oLow, originHigh: oHigh, destinationLow: dLow, destinationHigh: dHigh,
                start: Int32(start), end: Int32(end), left: -1, right: -1))
            guard end - start > ShipmentSpace.leafSize else { return index }
            let oSpan = oHigh - oLow, dSpan = dHigh - dLow
            var dimension = 0, widest = -1.0
            for k in 0..<6 {
                let span = k < 3 ? oSpan[k] : dSpan[k - 3]
                if span > widest { widest = span; dimension = k }
            }
            let mid = (start + end) / 2
            select(items, start, end, nth: mid, dimension: dimension)
            let left = build(items, start, mid, into: &nodes)
            let right = build(items, mid, end, into: &nodes)
            nodes[index].left = Int32(left)
            nodes[index].right = Int32(right)
            return index
        }

        /// Reorders `items[start ..< end]` so that `items[nth]` is the one a
        /// sort by `dimension` (ties by item) would put there, smaller ones
        /// before it and larger after (Hoare's selection with a median of
        /// three; a sort after too many rounds keeps the worst case
        /// O(*n* log *n*)). Deterministic.
        func select(_ items: UnsafeMutableBufferPointer<Int32>, _ start: Int, _ end: Int, nth: Int, dimension: Int) {
            func less(_ a: Int32, _ b: Int32) -> Bool {
                let x = coordinate(a, dimension), y = coordinate(b, dimension)
                return x != y ? x < y : a < b
            }
            var lo = start, hi = end - 1
            var rounds = 0
            while hi > lo {
                rounds += 1
                if rounds > 64 {
                    var slice = UnsafeMutableBufferPointer(rebasing: items[lo...hi])
                    slice.sort(by: less)
                    return
                }
                let m = lo + (hi - lo) / 2
                if less(items[m], items[lo]) { items.swapAt(m, lo) }
                if less(items[hi], items[lo]) { items.swapAt(hi, lo) }
                if less(items[hi], items[m]) { items.swapAt(hi, m) }
                let pivot = items[m]
                var i = lo, j = hi
                while i <= j {
                    while less(items[i], pivot) { i += 1 }
                    while less(pivot, items[j]) { j -= 1 }
                    if i <= j {
                        items.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if nth <= j { hi = j } else if nth >= i { lo = i } else { return }
            }
        }
    }

    /// Debug check: every node's boxes hold its shipments, children partition
    /// their parent, and every shipment with both ends is in one leaf.
    func _checkInvariants() {
        var seen = [Bool](repeating: false, count: count)
        for node in nodes {
            assert(node.start < node.end, "empty node")
            for x in Int(node.start)..<Int(node.end) {
                let i = Int(items[x])
                let o = origins[i], d = destinations[i]
                assert(all(node.originLow .<= o) && all(o .<= node.originHigh), "origin outside its node's box")
                assert(all(node.destinationLow .<= d) && all(d .<= node.destinationHigh), "destination outside its box")
            }
            if node.left >= 0 {
                let l = nodes[Int(node.left)], r = nodes[Int(node.right)]
                assert(l.start == node.start && l.end == r.start && r.end == node.end, "children do not partition")
            } else {
                for x in Int(node.start)..<Int(node.end) { seen[Int(items[x])] = true }
            }
        }
        for i in 0..<count { assert(seen[i] == contains(i), "shipment \(i) misplaced in the index") }
    }
}
