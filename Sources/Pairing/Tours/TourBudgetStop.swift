/// Where the time budget of the tours (``TourOptions/seconds``) first
/// stopped the work (``TourStatistics/budgetStop``). The plan is still
/// feasible, never worse than the pairing, and its lower bound still holds;
/// only the gap is wider than an unlimited run's.
public enum TourBudgetStop: String, Sendable, Hashable, CaseIterable {
    /// The assignment bound's solve or pricing: the lower bound is that of
    /// its duals so far, corrected by the least reduced cost of every arc
    /// (weaker than the assignment optimum), and no cycle was generated.
    case assignmentBound = "assignment_bound"
    /// Column generation over the candidate arcs stopped before its last
    /// temperature: no exact pricing ran, so the cycle bound is the
    /// assignment bound.
    case columnGeneration = "column_generation"
    /// A round of exact pricing over every arc was cut short (or not
    /// started): the bound is that of the last complete round, or the
    /// assignment bound.
    case exactPricing = "exact_pricing"
    /// The dive fixed the rest of the plan in one step.
    case dive
    /// The local search stopped before its rounds ended.
    case search
}
