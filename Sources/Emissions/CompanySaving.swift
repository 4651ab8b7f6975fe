/// The savings of the pairs one company takes part in.
///
/// This view does not split a pair (``SavingsAllocator`` does, for the
/// `match` reports): a pair that joins two
/// companies is listed, whole, under each of them and counted in
/// ``sharedSaving``. The sum of ``saving`` over all companies therefore
/// exceeds the run total by the shared pairs' savings; the run total counts
/// every pair once.
public struct CompanySaving: Sendable, Hashable {
    /// The company, or `nil` for shipments without one (reported as "no
    /// company").
    public var company: String?
    /// The pairs this company takes part in, as indices into
    /// ``SavingsReport/pairs``, in the order they were added.
    public var pairIndices: [Int]
    /// How many of those pairs are shared with another company.
    public var sharedPairCount: Int
    /// The whole saving of every pair the company takes part in.
    public var saving: Saving
    /// The part of ``saving`` that comes from shared pairs (and is therefore
    /// also listed under the other company).
    public var sharedSaving: Saving

    public init(company: String?, pairIndices: [Int] = [], sharedPairCount: Int = 0, saving: Saving = .zero, sharedSaving: Saving = .zero) {
        self.company = company
        self.pairIndices = pairIndices
        self.sharedPairCount = sharedPairCount
        self.saving = saving
        self.sharedSaving = sharedSaving
    }

    /// The number of pairs the company takes part in.
    public var pairCount: Int { pairIndices.count }
}
