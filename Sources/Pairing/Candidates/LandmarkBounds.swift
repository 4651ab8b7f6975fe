/// Lower bounds on the empty legs between shipments from landmark distances
/// (ALT: A. V. Goldberg and C. Harrelson, "Computing the shortest path: A*
/// search meets graph theory", SODA 2005) — on road graphs much tighter than
/// the great-circle bound of ``LegLowerBound``.
///
/// For the empty leg from shipment `i`'s destination `x` to shipment `j`'s
/// origin `y` and each landmark `ℓ` the triangle inequality gives, per
/// measure (metres, seconds),
///
///     leg(x → y) ≥ originFrom[j, ℓ] − destinationFrom[i, ℓ]
///     leg(x → y) ≥ destinationTo[i, ℓ] − originTo[j, ℓ]
///
/// where the "added" values (`originFrom`, `destinationTo`) are at most the
/// distance from/to the landmark and the "subtracted" ones
/// (`destinationFrom`, `originTo`) at least (Routing's
/// `LandmarkDistances` computes them over the snapped points, exactly as the
/// router measures legs). ``emptyLeg(from:to:)`` is the largest of these
/// over the landmarks, never below 0. Each measure comes from its own
/// shortest paths (shortest by length, fastest by time), so the seconds
/// bound is as valid for a route that minimises length as for one that
/// minimises time.
///
/// The values are stored in whole metres and seconds, rounded so the bound
/// stays valid: added values down, subtracted values up. Since a leg's
/// metres are its decimetres rounded to the nearest metre, a whole-metre
/// bound that is at most the decimetres / 10 is at most the leg.
///
/// Two ends on the same road segment may be joined by driving straight
/// along it, which no landmark bounds; ends that share a segment
/// (``init(landmarkCount:lengths:durations:destinationSegments:originSegments:)``)
/// get the bound 0.
///
/// ```swift
/// // In the certified pairing, with `lb` the great-circle leg:
/// let refined = problem.landmarks?.refined(lb, from: i, to: j) ?? lb
/// ```
///
/// - Complexity: ``emptyLeg(from:to:)`` O(*L*) for *L* landmarks; memory
///   8 · *L* · 4 bytes per shipment (512 bytes with 16 landmarks).
public struct LandmarkBounds: Sendable {
    /// The number of landmarks *L*.
    public let landmarkCount: Int
    /// The number of shipments.
    public let count: Int

    /// The landmark values of one measure in tenths (decimetres or
    /// deciseconds), row-major by shipment × landmark, as Routing's
    /// `LandmarkDistances.Measure` has them for the destinations (sources
    /// of empty legs) and origins (targets).
    public struct Tenths: Sendable {
        /// Per destination: at least `d(ℓ, x)`; `Int32.max` = unknown.
        public var destinationFrom: [Int32]
        /// Per destination: at most `d(x, ℓ)`; `Int32.min` = unknown.
        public var destinationTo: [Int32]
        /// Per origin: at most `d(ℓ, y)`; `Int32.min` = unknown.
        public var originFrom: [Int32]
        /// Per origin: at least `d(y, ℓ)`; `Int32.max` = unknown.
        public var originTo: [Int32]

        public init(destinationFrom: [Int32], destinationTo: [Int32], originFrom: [Int32], originTo: [Int32]) {
            self.destinationFrom = destinationFrom
            self.destinationTo = destinationTo
            self.originFrom = originFrom
            self.originTo = originTo
        }
    }

    /// Per measure (0 metres, 1 seconds) the four arrays in whole units,
    /// unknown values kept as `Int32.min` (added) and `Int32.max`
    /// (subtracted).
    @usableFromInline let destinationFrom: [[Int32]]
    @usableFromInline let destinationTo: [[Int32]]
    @usableFromInline let originFrom: [[Int32]]
    @usableFromInline let originTo: [[Int32]]
    /// Two segment ids per end (`UInt32.max` none, `UInt32.max − 1` any).
    @usableFromInline let destinationSegments: [UInt32]
    @usableFromInline let originSegments: [UInt32]

    /// Bounds from landmark values in tenths.
    ///
    /// - Parameters:
    ///   - lengths: decimetres; `durations`: deciseconds.
    ///   - destinationSegments, originSegments: per shipment two ids of the
    ///     road segments (graph edges) the end lies on: `UInt32.max` for
    ///     none, `UInt32.max − 1` for "shares a segment with every end".
    /// - Throws: ``PairingInputError`` when an array does not have `count ·
    ///   landmarkCount` entries (or 2 · `count` segment ids).
    public init(
        landmarkCount: Int, count: Int, lengths: Tenths, durations: Tenths, destinationSegments: [UInt32],
        originSegments: [UInt32]
    ) throws(PairingInputError) {
        guard landmarkCount >= 0, count >= 0 else { throw PairingInputError("negative landmark or shipment count") }
        let size = landmarkCount * count
        for (name, a) in [
            ("lengths.destinationFrom", lengths.destinationFrom), ("lengths.destinationTo", lengths.destinationTo),
            ("lengths.originFrom", lengths.originFrom), ("lengths.originTo", lengths.originTo),
            ("durations.destinationFrom", durations.destinationFrom), ("durations.destinationTo", durations.destinationTo),
            ("durations.originFrom", durations.originFrom), ("durations.originTo", durations.originTo),
        ] where a.count != size {
            throw PairingInputError("landmark bounds: \(name) has \(a.count) values, expected \(count) × \(landmarkCount)")
        }
        guard destinationSegments.count == 2 * count, originSegments.count == 2 * count else {
            throw PairingInputError("landmark bounds: \(destinationSegments.count) and \(originSegments.count) segment ids for \(count) shipments")
        }
        self.landmarkCount = landmarkCount
        self.count = count
        destinationFrom = [lengths.destinationFrom.map(Self.up), durations.destinationFrom.map(Self.up)]
        destinationTo = [lengths.destinationTo.map(Self.down), durations.destinationTo.map(Self.down)]
        originFrom = [lengths.originFrom.map(Self.down), durations.originFrom.map(Self.down)]
        originTo = [lengths.originTo.map(Self.up), durations.originTo.map(Self.up)]
        self.destinationSegments = destinationSegments
        self.originSegments = originSegments
    }

    /// Tenths to whole units, rounded down; `Int32.min` stays unknown.
    static func down(_ x: Int32) -> Int32 {
        x == .min ? .min : (x >= 0 ? x / 10 : -((-x + 9) / 10))
    }

    /// Tenths to whole units, rounded up; `Int32.max` stays unknown.
    static func up(_ x: Int32) -> Int32 {
        x == .max ? .max : (x >= 0 ? (x + 9) / 10 : -(-x / 10))
    }

    /// The bytes the bounds hold for `count` shipments and `landmarks`
    /// landmarks (for memory budgets).
    public static func estimatedBytes(shipments count: Int, landmarks: Int) -> Int {
        count * (8 * landmarks * 4 + 16)
    }

    /// A lower bound on the empty leg from shipment `i`'s destination to
    /// shipment `j`'s origin, in whole metres and seconds; 0 where nothing
    /// is known.
    ///
    /// - Precondition: `i` and `j` in `0..<count`.
    /// - Complexity: O(*L*).
    @inlinable
    public func emptyLeg(from i: Int, to j: Int) -> Leg {
        precondition(i >= 0 && i < count && j >= 0 && j < count, "shipment index out of range")
        if sharesSegment(i, j) { return Leg(metres: 0, seconds: 0) }
        return Leg(metres: bound(0, i, j), seconds: bound(1, i, j))
    }

    /// The metres of ``emptyLeg(from:to:)`` alone (the saving bound needs
    /// no seconds).
    @inlinable
    public func emptyLegMetres(from i: Int, to j: Int) -> Int {
        precondition(i >= 0 && i < count && j >= 0 && j < count, "shipment index out of range")
        if sharesSegment(i, j) { return 0 }
        return bound(0, i, j)
    }

    /// `leg` (another valid lower bound of the same empty leg, such as the
    /// great-circle one) raised to this bound where it is larger, measure by
    /// measure.
    @inlinable
    public func refined(_ leg: Leg, from i: Int, to j: Int) -> Leg {
        let l = emptyLeg(from: i, to: j)
        return Leg(metres: max(leg.metres, l.metres), seconds: max(leg.seconds, l.seconds))
    }

    /// Whether `i`'s destination and `j`'s origin may lie on one segment.
    @inlinable
    func sharesSegment(_ i: Int, _ j: Int) -> Bool {
        let a0 = destinationSegments[2 &* i], a1 = destinationSegments[2 &* i &+ 1]
        let b0 = originSegments[2 &* j], b1 = originSegments[2 &* j &+ 1]
        let any = UInt32.max - 1
        if a0 == any || b0 == any { return true }
        if a0 == .max || b0 == .max { return false }
        return a0 == b0 || (a0 == b1) || (a1 != .max && (a1 == b0 || a1 == b1))
    }

    /// The landmark bound of one measure, `≥ 0`.
    @inlinable
    func bound(_ measure: Int, _ i: Int, _ j: Int) -> Int {
        let l = landmarkCount
        var best = 0
        destinationFrom[measure].withUnsafeBufferPointer { df in
            destinationTo[measure].withUnsafeBufferPointer { dt in
                originFrom[measure].withUnsafeBufferPointer { of in
                    originTo[measure].withUnsafeBufferPointer { ot in
                        let s = i &* l, t = j &* l
                        for k in 0..<l {
                            let a = Int(of[t &+ k]) &- Int(df[s &+ k])
                            let b = Int(dt[s &+ k]) &- Int(ot[t &+ k])
                            best = max(best, a, b)
                        }
                    }
                }
            }
        }
        return best
    }
}
