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
    /// an arrival from above and waiting is free.
    @inline(__always)
    static func fit(
        first: TimeWindows, firstLoadedSeconds: Int, repositionSeconds: Int,
        second: TimeWindows, secondLoadedSeconds: Int, handling: Int
    ) -> Bool {
        let load1 = first.pickupEarliest
        if load1 > first.pickupLatest { return false }
        let arrive2 = load1 + handling + firstLoadedSeconds
        if arrive2 > first.deliveryLatest { return false }
        let arrive3 = arrive2 + handling + repositionSeconds
        if arrive3 > second.pickupLatest { return false }
        let load3 = max(arrive3, second.pickupEarliest)
        let arrive4 = load3 + handling + secondLoadedSeconds
        return arrive4 <= second.deliveryLatest
    }
}
