import Dispatch

/// Wall-clock laps.
struct Lap {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or the start), and starts the next.
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
