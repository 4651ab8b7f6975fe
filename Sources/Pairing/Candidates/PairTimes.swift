/// What the pair queries of ``ShipmentSpace`` need to skip pairs that no
/// order can serve in time, whole subtrees at once.
///
/// One truck serves a pair in one of two orders. Serving `a` first, it is
/// free at `a`'s destination (unloaded) no earlier than `free[a]`, drives
/// the empty leg `a → b`, and must reach `b`'s origin by `latest[b]` (its
/// pickup latest, and early enough to deliver `b` on time). So the order is
/// impossible when `free[a] + t(a → b) > latest[b]`, where `t` is at least
/// what ``LegLowerBound`` allows for the leg's metre bound. A pair is
/// skipped when both orders are impossible. Every node of the index keeps
/// the least `free` and the greatest `latest` under it, so a node whose
/// nearest box is already too far in time for both orders is skipped whole.
///
/// On the national batches, where every pickup falls within a day, most of
/// the pairs a pricing search reaches geometrically fail their time windows;
/// without this, each search visits them all, a number that grows with the
/// batch (63 per shipment and pass at 20,000 rows, 417 at 100,000).
///
/// The test is `TimeWindows.fit` itself, written over its two keys, with
/// the shortest legs the bound allows; the exact check still runs on every
/// pair that passes.
public struct PairTimes: Sendable {
    /// Per shipment: the earliest time a truck that served it first is
    /// free at its destination (seconds), +∞ when it cannot go first.
    @usableFromInline let free: [Double]
    /// Per shipment: the latest arrival at its origin that lets it go
    /// second, −∞ when it cannot.
    @usableFromInline let latest: [Double]
    /// `free` and `latest` in the order of the index's items (read one
    /// after the other in a leaf).
    @usableFromInline let itemFree: [Double]
    @usableFromInline let itemLatest: [Double]
    /// Per node of the index: the least `free` (`x`) and greatest
    /// `latest` (`y`) below, together so that a visit reads one cache line.
    @usableFromInline let nodeTimes: [SIMD2<Double>]
    @usableFromInline let secondsPerMetre: Double
    @usableFromInline let slackSeconds: Double

    /// The fewest seconds of a leg whose metre bound is `metres`.
    @inlinable @inline(__always)
    func seconds(_ metres: Double) -> Double {
        max(0, metres * secondsPerMetre - slackSeconds)
    }

    /// Whether neither order of `(a, b)` fits, with legs of at least
    /// `ab` and `ba` metres (the free and latest times of `b` given).
    @inlinable @inline(__always)
    func excludes(free a: Double, latest la: Double, _ ab: Double, _ ba: Double, free b: Double, latest lb: Double) -> Bool {
        a + seconds(ab) > lb && b + seconds(ba) > la
    }
}

extension ShipmentSpace {
    /// The time keys of every shipment for the pair queries, with their
    /// ranges under every node of this index.
    ///
    /// - Parameters:
    ///   - free, latest: per shipment, as ``PairTimes`` describes.
    /// - Precondition: both arrays have ``count`` elements.
    /// - Complexity: O(*n*).
    public func pairTimes(free: [Double], latest: [Double]) -> PairTimes {
        precondition(free.count == count && latest.count == count, "one time per shipment")
        let itemFree = items.map { free[Int($0)] }, itemLatest = items.map { latest[Int($0)] }
        let (minimumFree, _) = nodeRanges(inItemOrder: itemFree)
        let (_, maximumLatest) = nodeRanges(inItemOrder: itemLatest)
        return PairTimes(
            free: free, latest: latest, itemFree: itemFree, itemLatest: itemLatest,
            nodeTimes: (0..<nodes.count).map { SIMD2(minimumFree[$0], maximumLatest[$0]) },
            secondsPerMetre: bound.secondsPerMetre, slackSeconds: bound.slackSeconds)
    }
}

/// ``PairQuery`` that also skips what ``PairTimes`` excludes.
@usableFromInline
struct TimedPairQuery: SpaceQuery {
    @usableFromInline let pair: PairQuery
    @usableFromInline let times: PairTimes
    @usableFromInline let free: Double
    @usableFromInline let latest: Double

    @inlinable init(space: ShipmentSpace, destination: SIMD3<Double>, origin: SIMD3<Double>, times: PairTimes, of i: Int) {
        pair = PairQuery(space: space, destination: destination, origin: origin)
        self.times = times
        free = times.free[i]
        latest = times.latest[i]
    }

    @inlinable @inline(__always)
    func nodeBound(_ node: ShipmentSpace.Node, _ k: Int) -> Double {
        let (ij, ji) = pair.nodeArcs(node)
        let range = times.nodeTimes[k]
        if times.excludes(free: free, latest: latest, ij, ji, free: range.x, latest: range.y) {
            return .infinity
        }
        return ij + ji
    }

    @inlinable @inline(__always)
    func itemBounds(_ x: Int, below threshold: Double) -> (Double, Double)? {
        guard let (a, b) = pair.itemBounds(x, below: threshold) else { return nil }
        if times.excludes(free: free, latest: latest, a, b, free: times.itemFree[x], latest: times.itemLatest[x]) {
            return (.infinity, .infinity)
        }
        return (a, b)
    }
}
