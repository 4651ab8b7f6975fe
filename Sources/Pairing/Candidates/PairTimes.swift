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
    /// Per node of the index: the least `free` and greatest `latest` below.
    @usableFromInline let minimumFree: [Double]
    @usableFromInline let maximumLatest: [Double]
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
        let (minimumFree, _) = nodeRanges(free)
        let (_, maximumLatest) = nodeRanges(latest)
        return PairTimes(
            free: free, latest: latest, minimumFree: minimumFree, maximumLatest: maximumLatest,
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
        if times.excludes(free: free, latest: latest, ij, ji, free: times.minimumFree[k], latest: times.maximumLatest[k]) {
            return .infinity
        }
        return ij + ji
    }

    @inlinable @inline(__always)
    func itemBounds(_ j: Int) -> (Double, Double) {
        let (a, b) = pair.itemBounds(j)
        if times.excludes(free: free, latest: latest, a, b, free: times.free[j], latest: times.latest[j]) {
            return (.infinity, .infinity)
        }
        return (a, b)
    }
}
