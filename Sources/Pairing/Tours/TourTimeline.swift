/// The times one truck meets when it serves a tour's shipments in a given
/// order: the windows of each shipment, its loaded leg, and the empty leg
/// after it (to the next shipment's origin, the last one home).
struct TourTimeline: Sendable {
    /// Per position: the shipment's windows (missing bounds are sentinels).
    var windows: [TimeWindows]
    /// Per position: the loaded leg's seconds.
    var loadedSeconds: [Int]
    /// Per position: the empty leg after its delivery, to the next
    /// position's origin; the last one is the return home.
    var emptySeconds: [Int]

    var count: Int { windows.count }

    /// The timeline with every window open (`--ignore-time-windows`).
    static func unconstrained(loadedSeconds: [Int], emptySeconds: [Int]) -> TourTimeline {
        let open = TimeWindows(pickupEarliest: TimeWindows.early, pickupLatest: TimeWindows.late, deliveryLatest: TimeWindows.late)
        return TourTimeline(
            windows: Array(repeating: open, count: loadedSeconds.count), loadedSeconds: loadedSeconds,
            emptySeconds: emptySeconds)
    }
}

extension TimeWindows {
    /// Windows from their three bounds (sentinels for missing ones).
    init(pickupEarliest: Int, pickupLatest: Int, deliveryLatest: Int) {
        self.pickupEarliest = pickupEarliest
        self.pickupLatest = pickupLatest
        self.deliveryLatest = deliveryLatest
    }
}
