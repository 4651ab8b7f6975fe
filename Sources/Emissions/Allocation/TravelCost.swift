/// A distance and a driving time in whole metres and seconds: the cost of a
/// leg or of a set of legs, as the allocation sees it.
///
/// Plain integers so that `Emissions` needs neither `Routing` nor `Pairing`;
/// the `match` job converts its legs.
public struct TravelCost: Sendable, Hashable, Comparable, AdditiveArithmetic, CustomStringConvertible {
    /// Whole metres.
    public var metres: Int
    /// Whole seconds.
    public var seconds: Int

    @inlinable
    public init(metres: Int, seconds: Int) {
        self.metres = metres
        self.seconds = seconds
    }

    public static let zero = TravelCost(metres: 0, seconds: 0)

    @inlinable
    public static func + (a: TravelCost, b: TravelCost) -> TravelCost {
        TravelCost(metres: a.metres + b.metres, seconds: a.seconds + b.seconds)
    }

    @inlinable
    public static func - (a: TravelCost, b: TravelCost) -> TravelCost {
        TravelCost(metres: a.metres - b.metres, seconds: a.seconds - b.seconds)
    }

    /// Shorter first; equal distances by time (how the cheapest way to serve
    /// a coalition is chosen: distance is what the pairing optimises).
    @inlinable
    public static func < (a: TravelCost, b: TravelCost) -> Bool {
        (a.metres, a.seconds) < (b.metres, b.seconds)
    }

    public var description: String { "\(metres) m, \(seconds) s" }
}
