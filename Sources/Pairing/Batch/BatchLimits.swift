/// The limits beyond which a batch value is implausible and its row is
/// rejected, naming the limit.
///
/// They are wide enough for every real road shipment and narrow enough to
/// catch the typing, unit and export mistakes that would otherwise flow into
/// the matching: a weight in grams (`18000000`), `1e300`, a window typed a
/// month too wide, a year `0226`. `docs/batch-files.md` lists them for users.
public enum BatchLimits {
    /// The heaviest cargo a road vehicle plausibly carries, in kg: 100 t
    /// (the heaviest Swedish combinations are 74 t gross; abnormal loads
    /// beyond this travel under special permits, not in pooled backhauls).
    public static let maxWeightKg: Double = 100_000

    /// The longest span between a row's times, in seconds: 14 days. It
    /// applies to every two of `pickup_earliest`, `pickup_latest` and
    /// `delivery_latest` that are given.
    public static let maxTimeSpanSeconds: Int64 = 14 * 86_400

    /// The years a time may be written in: 2000–2099.
    public static let years: ClosedRange<Int> = 2000...2099

    /// The longest `id`, in UTF-8 bytes.
    public static let maxIdBytes = 128

    /// The longest `company`, in UTF-8 bytes.
    public static let maxCompanyBytes = 256

    /// The longest `vehicle` or `fuel` key, in UTF-8 bytes.
    public static let maxKeyBytes = 64
}
