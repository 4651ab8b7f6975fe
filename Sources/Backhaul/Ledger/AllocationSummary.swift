public import Emissions

/// How a `match` report's savings were split between companies, and the
/// run totals in the integer units the company figures add up to.
public struct AllocationSummary: Sendable, Hashable {
    /// `shapley`, `equal-profit` or `proportional`.
    public var method: SplitMethod
    /// The currency of the money figures, or `nil` when no rates were given.
    public var currency: String?
    /// `true` when cost rates were given.
    public var hasMoney: Bool
    /// The run total: exactly the sum of the companies' figures.
    public var total: AllocationFigures
    /// Equal-profit tours whose core was empty (least core used).
    public var leastCoreTours: Int

    public init(method: SplitMethod, currency: String?, hasMoney: Bool, total: AllocationFigures, leastCoreTours: Int) {
        self.method = method
        self.currency = currency
        self.hasMoney = hasMoney
        self.total = total
        self.leastCoreTours = leastCoreTours
    }
}
