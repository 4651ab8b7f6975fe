/// The time windows of one shipment in whole seconds, with a missing bound
/// replaced by a far-away sentinel so that the schedule needs no optionals:
/// a missing `pickup_earliest` means the load is ready as early as needed, a
/// missing latest time means no deadline.
struct TimeWindows: Sendable, Hashable {
    /// Far enough that sums of a few legs never reach a real timestamp, near
    /// enough that they never overflow.
    static let early = -(1 << 60)
    static let late = 1 << 60

    var pickupEarliest: Int
    var pickupLatest: Int
    var deliveryLatest: Int

    init(_ s: Shipment) {
        pickupEarliest = s.pickupEarliest.map { Int($0.seconds) } ?? Self.early
        pickupLatest = s.pickupLatest.map { Int($0.seconds) } ?? Self.late
        deliveryLatest = s.deliveryLatest.map { Int($0.seconds) } ?? Self.late
    }

    /// Whether one truck can serve `first` then `second` within their windows.
    ///
    /// The timing model (also in `docs/pairing.md`): four stops, each with
    /// `handling` seconds of service (loading or unloading); the empty
    /// return to the start has no stop and no deadline.
    ///
    /// 1. Load `first` at its origin. The truck is there when needed, so
    ///    loading starts at `first`'s pickup earliest (or as early as needed
    ///    without one); that start must not be after its pickup latest.
    /// 2. Drive the loaded leg; *arriving* at `first`'s destination after its
    ///    delivery latest fails. Unload there (`handling`).
    /// 3. Drive the repositioning leg; arriving at `second`'s origin after
    ///    its pickup latest fails. Waiting for its pickup earliest is
    ///    allowed; loading starts at the later of arrival and pickup
    ///    earliest.
    /// 4. Drive the loaded leg; arriving at `second`'s destination after its
    ///    delivery latest fails; unload.
    ///
    /// Starting as early as allowed is never worse, since every rule bounds
    /// an arrival from above and waiting is free. So the pair fits exactly
    /// when `first` leaves its truck free in time
    /// (``freeAfterServingFirst(loadedSeconds:handling:)``) to reach
    /// `second` by its last useful arrival
    /// (``latestArrivalServedSecond(loadedSeconds:handling:)``); the pair
    /// searches prune with the same two keys (``PairTimes``).
    @inline(__always)
    static func fit(
        first: TimeWindows, firstLoadedSeconds: Int, repositionSeconds: Int,
        second: TimeWindows, secondLoadedSeconds: Int, handling: Int
    ) -> Bool {
        guard let free = first.freeAfterServingFirst(loadedSeconds: firstLoadedSeconds, handling: handling),
              let latest = second.latestArrivalServedSecond(loadedSeconds: secondLoadedSeconds, handling: handling)
        else { return false }
        return free + repositionSeconds <= latest
    }

    /// Steps 1–2 of ``fit(first:firstLoadedSeconds:repositionSeconds:second:secondLoadedSeconds:handling:)``
    /// for this shipment served first: when its truck is free (unloaded)
    /// at its destination, or `nil` when it cannot be served first.
    @inline(__always)
    func freeAfterServingFirst(loadedSeconds: Int, handling: Int) -> Int? {
        let load1 = pickupEarliest
        if load1 > pickupLatest { return nil }
        let arrive2 = load1 + handling + loadedSeconds
        if arrive2 > deliveryLatest { return nil }
        return arrive2 + handling
    }

    /// Steps 3–4 for this shipment served second: the latest arrival at its
    /// origin that still meets its pickup latest and, loading at the later
    /// of arrival and pickup earliest, its delivery latest; `nil` when even
    /// loading at pickup earliest is too late.
    @inline(__always)
    func latestArrivalServedSecond(loadedSeconds: Int, handling: Int) -> Int? {
        // max(arrival, earliest) + handling + loaded ≤ delivery latest
        // holds exactly when both terms do.
        if pickupEarliest + handling + loadedSeconds > deliveryLatest { return nil }
        return min(pickupLatest, deliveryLatest - handling - loadedSeconds)
    }
}
