/// What a path costs: the search metric and both measures.
public struct PathCost: Sendable, Hashable, CustomStringConvertible {
    /// The cost in the graph's search metric (``RoadGraph/metric``): equal to
    /// ``length`` or ``duration``.
    public var weight: UInt32
    /// Length in decimetres.
    public var length: UInt32
    /// Travel time in deciseconds.
    public var duration: UInt32

    public init(weight: UInt32, length: UInt32, duration: UInt32) {
        self.weight = weight
        self.length = length
        self.duration = duration
    }

    /// The zero-cost path (from a point to itself).
    public static let zero = PathCost(weight: 0, length: 0, duration: 0)

    /// Length in whole metres, rounded half up.
    public var metres: Int { (Int(length) + 5) / 10 }
    /// Travel time in whole seconds, rounded half up.
    public var seconds: Int { (Int(duration) + 5) / 10 }

    public var description: String { "\(length) dm, \(duration) ds" }
}

/// A path whose cost does not fit in 32 bits (more than 429,496 km in
/// decimetres, or 13.6 years in deciseconds): only a corrupt or adversarial
/// graph has one, and its answers would be wrong, so the query fails.
public struct CostOverflowError: Error, Sendable, Hashable, CustomStringConvertible {
    public init() {}
    public var description: String {
        "a path cost exceeds 2³² − 1 (decimetres or deciseconds); the graph's weights are implausibly large"
    }
}
