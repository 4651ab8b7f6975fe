/// The costs of a list of legs, in the order they were asked for
/// (``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``).
///
/// Stored as two flat arrays (8 bytes per leg) rather than an array of
/// optionals (16), since a national batch asks for millions of legs.
public struct PairCosts: Sendable, Hashable, RandomAccessCollection {
    /// What the searches minimised (``PathCost/weight`` is the length or the
    /// duration accordingly).
    public let metric: RoutingMetric
    /// Lengths in decimetres; `UInt32.max` = unreachable.
    public let lengths: [UInt32]
    /// Durations in deciseconds; `UInt32.max` = unreachable.
    public let durations: [UInt32]

    init(metric: RoutingMetric, lengths: [UInt32], durations: [UInt32]) {
        precondition(lengths.count == durations.count)
        self.metric = metric
        self.lengths = lengths
        self.durations = durations
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { lengths.count }

    /// The cost of leg `i`, or `nil` when its target cannot be reached.
    public subscript(i: Int) -> PathCost? {
        guard lengths[i] != .max else { return nil }
        return PathCost(
            weight: metric == .distance ? lengths[i] : durations[i], length: lengths[i], duration: durations[i])
    }
}
