extension PairConstraints {
    /// The time keys of ``PairTimes`` for every shipment, or `nil` when
    /// time windows are ignored: `free` = pickup earliest + loaded leg +
    /// two handlings (load and unload), when the shipment can be served
    /// first at all; `latest` = the earlier of its pickup latest and the
    /// last arrival that still meets its delivery deadline, when it can be
    /// served second at all (``TimeWindows/fit(first:firstLoadedSeconds:repositionSeconds:second:secondLoadedSeconds:handling:)``).
    ///
    /// - Parameter loadedSeconds: per shipment, its loaded leg's seconds.
    func pairTimeKeys(loadedSeconds: [Int]) -> (free: [Double], latest: [Double])? {
        guard !options.ignoreTimeWindows else { return nil }
        let h = options.handlingSeconds
        var free = [Double](repeating: .infinity, count: windows.count)
        var latest = [Double](repeating: -.infinity, count: windows.count)
        for (j, w) in windows.enumerated() {
            let loaded = loadedSeconds[j]
            // Served first: loading starts at pickup earliest; the loaded
            // leg must arrive by the deadline.
            if w.pickupEarliest <= w.pickupLatest && w.pickupEarliest + h + loaded <= w.deliveryLatest {
                free[j] = Double(w.pickupEarliest + h + loaded + h)
            }
            // Served second: even loading at pickup earliest must deliver in time.
            if w.pickupEarliest + h + loaded <= w.deliveryLatest {
                latest[j] = Double(min(w.pickupLatest, w.deliveryLatest - h - loaded))
            }
        }
        return (free, latest)
    }
}
