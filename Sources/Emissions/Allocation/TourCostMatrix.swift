/// One truck cycle — a tour of 1…4 shipments, a pair being a tour of two —
/// with the small cost matrix its allocation needs: exactly what the `match`
/// job passes for each tour.
///
/// Shipments are listed in service order: the truck carries shipment 0,
/// repositions empty to shipment 1's origin, …, and returns empty from the
/// last destination to shipment 0's origin. For shipments `i` and `j`,
/// ``empty(_:_:)`` is the empty leg from `i`'s destination to `j`'s origin;
/// the diagonal `empty(i, i)` is `i`'s own empty return, the baseline that
/// pairing saves. Legs between two shipments that have no route are `nil`
/// (a sub-cycle using them is not considered); own returns are required.
///
/// Each shipment names its company as an index into the run's company list
/// (``SavingsAllocationInput/companies``): a company with several shipments
/// in one tour is one player of the tour's game.
///
/// ```swift
/// // A pair: Växjö → Kalmar (110 km) and Kalmar → Växjö (110 km), one truck.
/// let leg = TravelCost(metres: 110_000, seconds: 5_400)
/// let pair = try TourCostMatrix(companies: [0, 1], loaded: [leg, leg],
///                               empty: [leg, .zero, .zero, leg], model: 0)
/// ```
public struct TourCostMatrix: Sendable, Hashable {
    /// The most shipments one tour may have (so at most 4 players and
    /// 2⁴ = 16 coalitions).
    public static let maximumShipments = 4

    /// Company index of each shipment, in service order.
    public let companies: [Int]
    /// Each shipment's loaded leg, in service order.
    public let loaded: [TravelCost]
    /// `count × count` row-major: `[i * count + j]` is the empty leg from
    /// shipment `i`'s destination to shipment `j`'s origin; the diagonal is
    /// the own return.
    public let emptyLegs: [TravelCost?]
    /// Index into ``SavingsAllocationInput/models``: the vehicle and fuel the
    /// tour's truck runs with.
    public let model: Int

    /// A tour in service order.
    ///
    /// - Throws: ``AllocationInputError`` when there are no or more than
    ///   ``maximumShipments`` shipments, the arrays disagree in size, an own
    ///   return is missing, or a value is negative.
    public init(companies: [Int], loaded: [TravelCost], empty: [TravelCost?], model: Int) throws(AllocationInputError) {
        let n = companies.count
        guard (1...Self.maximumShipments).contains(n) else {
            throw AllocationInputError("a tour has 1 to \(Self.maximumShipments) shipments, not \(n)")
        }
        guard loaded.count == n, empty.count == n * n else {
            throw AllocationInputError("a tour of \(n) shipments needs \(n) loaded legs and \(n * n) empty legs, got \(loaded.count) and \(empty.count)")
        }
        for i in 0..<n where empty[i * n + i] == nil {
            throw AllocationInputError("shipment \(i) of the tour has no own return leg")
        }
        for c in loaded + empty.compactMap({ $0 }) where c.metres < 0 || c.seconds < 0 {
            throw AllocationInputError("a leg of the tour is negative (\(c))")
        }
        guard companies.allSatisfy({ $0 >= 0 }), model >= 0 else {
            throw AllocationInputError("company and model indices must not be negative")
        }
        self.companies = companies
        self.loaded = loaded
        self.emptyLegs = empty
        self.model = model
    }

    /// The number of shipments.
    @inlinable
    public var count: Int { companies.count }

    /// The empty leg from shipment `i`'s destination to shipment `j`'s origin
    /// (`i == j`: the own return).
    @inlinable
    public func empty(_ i: Int, _ j: Int) -> TravelCost? { emptyLegs[i * count + j] }

    /// The cost of the tour as driven: every loaded leg, the repositioning
    /// legs in service order and the return to the first origin.
    ///
    /// - Returns: `nil` when a leg of the cycle has no route.
    public var cycleCost: TravelCost? {
        var total = TravelCost.zero
        for k in 0..<count {
            guard let e = empty(k, (k + 1) % count) else { return nil }
            total = total + loaded[k] + e
        }
        return total
    }

    /// The baseline: every shipment driven by its own truck, loaded out and
    /// empty back.
    public var baselineCost: TravelCost {
        var total = TravelCost.zero
        for k in 0..<count { total = total + loaded[k] + empty(k, k)! }
        return total
    }
}
