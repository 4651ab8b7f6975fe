/// Savings of a run: per pair, per company and in total.
public struct SavingsReport: Sendable, Hashable {
    /// Every pair, in the order it was added.
    public var pairs: [PairSaving]
    /// Every company that takes part in a pair, sorted by name, with "no
    /// company" (`nil`) last.
    public var companies: [CompanySaving]
    /// The run total: every pair counted once.
    public var total: Saving
    /// The accounting basis, for the report to state (``EmissionFactors/basis``).
    public var basis: String

    public init(pairs: [PairSaving], companies: [CompanySaving], total: Saving, basis: String = EmissionFactors.basis) {
        self.pairs = pairs
        self.companies = companies
        self.total = total
        self.basis = basis
    }
}
