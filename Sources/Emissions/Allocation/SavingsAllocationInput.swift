/// Everything the allocation of one run needs, as plain values: the
/// companies, the tours with their cost matrices, the shipments that drive
/// alone, the emission models and (optionally) what driving costs each
/// company.
public struct SavingsAllocationInput: Sendable {
    /// A shipment served by its own truck (unpaired, but reachable): it
    /// counts in its company's stand-alone figures and saves nothing.
    public struct SoloShipment: Sendable, Hashable {
        public var company: Int
        /// Loaded leg plus own empty return.
        public var baseline: TravelCost

        public init(company: Int, baseline: TravelCost) {
            self.company = company
            self.baseline = baseline
        }
    }

    /// Company names; a tour's or shipment's company is an index here.
    public var companies: [String]
    /// The vehicle-and-fuel models tours refer to by index.
    public var models: [EmissionModel]
    /// The tours (pairs are tours of two), in report order.
    public var tours: [TourCostMatrix]
    public var solo: [SoloShipment]
    public var method: SplitMethod
    /// What driving costs each company (indexed like ``companies``), or
    /// `nil` when no money is to be reported.
    public var rates: [CostRates]?

    public init(
        companies: [String], models: [EmissionModel], tours: [TourCostMatrix], solo: [SoloShipment] = [],
        method: SplitMethod = .shapley, rates: [CostRates]? = nil
    ) {
        self.companies = companies
        self.models = models
        self.tours = tours
        self.solo = solo
        self.method = method
        self.rates = rates
    }
}
