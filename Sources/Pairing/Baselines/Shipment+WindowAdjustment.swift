extension Shipment {
    /// The shipment with its time windows widened (`seconds > 0`) or
    /// narrowed (`seconds < 0`) by `|seconds|` at each side, for the
    /// sensitivity runs (`match --sensitivity`):
    ///
    /// - `pickup_earliest` moves earlier by `seconds`, `pickup_latest` and
    ///   `delivery_latest` later (narrowing: the other way);
    /// - narrowing never turns a pickup window inside out: a window shorter
    ///   than twice the change shrinks to its midpoint;
    /// - missing times stay missing (an open side stays open).
    ///
    /// A narrowed `delivery_latest` can make the shipment's own trip
    /// impossible in time; it then pairs with nobody, as it would with such
    /// a deadline in the batch.
    public func windowsAdjusted(bySeconds seconds: Int64) -> Shipment {
        var s = self
        var pe = pickupEarliest?.seconds, pl = pickupLatest?.seconds
        pe = pe.map { $0 - seconds }
        pl = pl.map { $0 + seconds }
        if let e = pe, let l = pl, e > l, let e0 = pickupEarliest?.seconds, let l0 = pickupLatest?.seconds {
            let middle = e0 + (l0 - e0) / 2
            pe = middle
            pl = middle
        }
        s.pickupEarliest = pe.map { Timestamp(seconds: $0, utcOffsetSeconds: pickupEarliest?.utcOffsetSeconds) }
        s.pickupLatest = pl.map { Timestamp(seconds: $0, utcOffsetSeconds: pickupLatest?.utcOffsetSeconds) }
        s.deliveryLatest = deliveryLatest?.adding(seconds: seconds)
        return s
    }
}
