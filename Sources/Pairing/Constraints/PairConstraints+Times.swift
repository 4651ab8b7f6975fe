extension PairConstraints {
    /// The time keys of ``PairTimes`` for every shipment, or `nil` when
    /// time windows are ignored: ``TimeWindows/freeAfterServingFirst(loadedSeconds:handling:)``
    /// (+∞ when it cannot go first) and
    /// ``TimeWindows/latestArrivalServedSecond(loadedSeconds:handling:)``
    /// (−∞ when it cannot go second), the two halves of
    /// ``TimeWindows/fit(first:firstLoadedSeconds:repositionSeconds:second:secondLoadedSeconds:handling:)``.
    ///
    /// - Parameter loadedSeconds: per shipment, its loaded leg's seconds.
    func pairTimeKeys(loadedSeconds: [Int]) -> (free: [Double], latest: [Double])? {
        guard !options.ignoreTimeWindows else { return nil }
        let h = options.handlingSeconds
        let free = windows.indices.map { j in
            windows[j].freeAfterServingFirst(loadedSeconds: loadedSeconds[j], handling: h).map(Double.init) ?? .infinity
        }
        let latest = windows.indices.map { j in
            windows[j].latestArrivalServedSecond(loadedSeconds: loadedSeconds[j], handling: h).map(Double.init) ?? -.infinity
        }
        return (free, latest)
    }
}
