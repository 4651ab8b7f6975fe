/// What a truck costs a company to run: per kilometre and per hour of
/// driving, in one currency (`--cost-per-km`, `--cost-per-hour`, or a row of
/// `--companies FILE.csv`).
public struct CostRates: Sendable, Hashable {
    /// Currency units per kilometre.
    public var perKm: Double
    /// Currency units per hour of driving.
    public var perHour: Double

    public init(perKm: Double, perHour: Double) {
        self.perKm = perKm
        self.perHour = perHour
    }

    public static let zero = CostRates(perKm: 0, perHour: 0)

    /// The cost of `metres` and `seconds` of driving, in currency units
    /// (unrounded).
    @inlinable
    public func cost(metres: Double, seconds: Double) -> Double {
        perKm * metres / 1000 + perHour * seconds / 3600
    }
}
