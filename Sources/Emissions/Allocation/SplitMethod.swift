/// How a tour's saving is split between the companies whose shipments it
/// carries (`--split`).
///
/// Every method is *efficient*: the shares of a tour add up to the tour's
/// saving. They differ in what they call fair; docs/allocation.md works one
/// three-company tour through all three.
public enum SplitMethod: String, Sendable, Hashable, CaseIterable {
    /// The Shapley value of the tour's cost game (Shapley 1953): each company
    /// gets its average marginal saving over every order in which the
    /// companies could have joined. Exact (at most 4 companies, 16
    /// coalitions); for two single-shipment companies it is an equal split.
    case shapley
    /// The Equal Profit Method of Frisk, Göthe-Lundgren, Jörnsten &
    /// Rönnqvist (EJOR 205(2), 2010): a core allocation that makes the
    /// companies' relative savings as equal as possible.
    case equalProfit = "equal-profit"
    /// Proportional to each company's stand-alone empty distance (its own
    /// empty returns): simple to explain, but not always in the core.
    case proportional
}
