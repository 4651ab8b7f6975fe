/// The arithmetic of one baseline: what the trucks are taken to run empty
/// without the pairing ("before"), what the pairing leaves ("after"), and
/// the shares of the total kilometres those are.
///
/// Two baselines are reported (`docs/baselines.md`):
///
/// - **counterfactual** — every loaded shipment's truck returns empty:
///   before = Σ own empty returns. What the pairing saves against it is
///   the largest figure, and an upper bound whenever hauliers already find
///   some backloads themselves;
/// - **observed** — the batch's own `load_status=empty` runs: before =
///   their total length. These are empty kilometres that really happen.
///
/// Both share the same "after": the empty kilometres of the pairs (their
/// repositioning legs and final returns) and the own returns of the
/// shipments left unpaired. The saving is before − after, which against
/// observed empty running can be negative (the pairing would leave more
/// empty running than the trucks actually did).
public struct BaselineFigures: Sendable, Hashable {
    /// Empty metres without the pairing.
    public var emptyMetresBefore: Int64
    /// Empty metres left after the pairing.
    public var emptyMetresAfter: Int64
    /// Loaded metres of the shipments (the same before and after).
    public var loadedMetres: Int64

    public init(emptyMetresBefore: Int64, emptyMetresAfter: Int64, loadedMetres: Int64) {
        self.emptyMetresBefore = emptyMetresBefore
        self.emptyMetresAfter = emptyMetresAfter
        self.loadedMetres = loadedMetres
    }

    /// `emptyMetresBefore − emptyMetresAfter` (negative when the pairing
    /// leaves more).
    public var savedMetres: Int64 { emptyMetresBefore - emptyMetresAfter }

    /// The saving as a fraction of the empty metres before (`nil` when there
    /// were none).
    public var savedFraction: Double? {
        emptyMetresBefore > 0 ? Double(savedMetres) / Double(emptyMetresBefore) : nil
    }

    /// Empty metres before as a fraction of all metres driven before
    /// (loaded + empty), the measure national statistics give (`nil` when
    /// nothing is driven).
    public var emptyShareBefore: Double? { Self.share(emptyMetresBefore, of: loadedMetres + emptyMetresBefore) }

    /// Empty metres after as a fraction of all metres driven after.
    public var emptyShareAfter: Double? { Self.share(emptyMetresAfter, of: loadedMetres + emptyMetresAfter) }

    private static func share(_ part: Int64, of total: Int64) -> Double? {
        total > 0 ? Double(part) / Double(total) : nil
    }
}
