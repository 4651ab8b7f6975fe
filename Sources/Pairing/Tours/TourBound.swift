/// What is proven about a tour plan: lower bounds on the empty metres (and
/// so on the total metres) of every plan the rules allow.
///
/// - ``assignmentEmptyMetres``: the unlimited-cycle relaxation, a linear
///   assignment problem (``AssignmentBound``); it ignores the tour length
///   limit and every constraint.
/// - ``cycleEmptyMetres``: the relaxation over feasible cycles of at most
///   `maxTour` shipments (``TourRelaxation``), never below the assignment
///   bound; with `maxTour == 2` it is the optimal pairing itself (the
///   matching is exact).
///
/// Both hold over every arc of the problem: a dense table is priced in
/// full, a sparse one is the problem as given (an arc it does not hold cannot
/// be driven), and with legs on demand every arc is priced through the
/// space's lower bounds. ``scope`` says which.
public struct TourBound: Sendable, Hashable {
    /// Which arcs the bound is proven over.
    public enum Scope: String, Sendable, Hashable {
        /// Every empty leg of the table (dense, or sparse as given).
        case table
        /// Every empty leg between the batch's shipments (legs on demand,
        /// priced through the space's admissible bounds).
        case allLegs = "all_legs"
    }

    public let assignmentEmptyMetres: Int
    public let cycleEmptyMetres: Int
    public let scope: Scope
    /// The loaded metres, the same in every plan.
    public let loadedMetres: Int

    public init(assignmentEmptyMetres: Int, cycleEmptyMetres: Int, scope: Scope, loadedMetres: Int) {
        self.assignmentEmptyMetres = assignmentEmptyMetres
        self.cycleEmptyMetres = cycleEmptyMetres
        self.scope = scope
        self.loadedMetres = loadedMetres
    }

    /// The best lower bound on the empty metres.
    public var emptyMetres: Int { max(assignmentEmptyMetres, cycleEmptyMetres) }
    /// The best lower bound on the total metres (loaded + empty).
    public var totalMetres: Int { loadedMetres + emptyMetres }
}
