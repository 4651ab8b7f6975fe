/// A necessary condition for time windows, per ordered pair of shipments:
/// can shipment `j` be served right after shipment `i` in some tour?
///
/// Whatever else the tour holds, `i` is loaded no earlier than its
/// `pickup_earliest`, and then loading, driving the loaded leg, unloading
/// and driving the empty leg take at least their durations (breaks and
/// rests only add time). So `j` can follow `i` only if, arriving that early,
///
/// - `j`'s loading can start by its `pickup_latest`, and
/// - `j`'s truck reaches its destination by its `delivery_latest`
///   (loading from the later of that arrival and `j`'s `pickup_earliest`).
///
/// A tour's rotation needs this for every arc but the return home (which has
/// no deadline); so a cycle with two arcs that fail it is infeasible, and a
/// cycle with one can only be driven from the shipment after that arc.
struct TourTiming: Sendable {
    let windows: [TimeWindows]
    let loadedSeconds: [Int]
    let handling: Int

    init(shipments: [Shipment], loadedLegs: [Leg?], handling: Int) {
        windows = shipments.map(TimeWindows.init)
        loadedSeconds = loadedLegs.map { $0?.seconds ?? 0 }
        self.handling = handling
    }

    /// Whether `j` can follow `i` over an empty leg of `emptySeconds`.
    @inline(__always)
    func follows(_ i: Int, _ j: Int, emptySeconds: Int) -> Bool {
        let wi = windows[i], wj = windows[j]
        let arrival = wi.pickupEarliest + 2 * handling + loadedSeconds[i] + emptySeconds
        if arrival > wj.pickupLatest { return false }
        return max(arrival, wj.pickupEarliest) + handling + loadedSeconds[j] <= wj.deliveryLatest
    }
}
