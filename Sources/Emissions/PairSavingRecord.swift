/// One chosen pair as the `match` job hands it to the savings ledger: plain
/// values, no routing or pairing types.
public struct PairSavingRecord: Sendable, Hashable {
    /// How the report names the pair (for example `"id1+id2"`).
    public var pairID: String
    /// The company of shipment a, or `nil` when the batch leaves it empty.
    public var companyA: String?
    /// The company of shipment b, or `nil`.
    public var companyB: String?
    /// Empty metres the pair avoids: the contract's
    /// `saving(a,b) = δ(B,A) + δ(D,C) − δ(B,C) − δ(D,A)`. Never negative.
    public var avoidedEmptyMetres: Int
    /// The vehicle key the pair runs with (see ``PairFactorRule``).
    public var vehicle: String
    /// The fuel key the pair runs on (see ``PairFactorRule``).
    public var fuel: String

    public init(
        pairID: String, companyA: String?, companyB: String?, avoidedEmptyMetres: Int, vehicle: String, fuel: String
    ) {
        self.pairID = pairID
        self.companyA = companyA
        self.companyB = companyB
        self.avoidedEmptyMetres = avoidedEmptyMetres
        self.vehicle = vehicle
        self.fuel = fuel
    }

    /// `true` when the two shipments belong to different companies (a missing
    /// company counts as a company of its own).
    @inlinable
    public var isShared: Bool { companyA != companyB }
}
