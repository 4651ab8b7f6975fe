import Emissions
import Ledger
import Pairing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MatchJob {
    /// Splits every pair's (tour's) saving between its companies
    /// (``SavingsAllocator``), puts the company figures into the report, and
    /// builds the run the ledger records when `--ledger` is given.
    ///
    /// Afterwards the report's company figures, its summary's fuel and CO2e
    /// and each pair's fuel and CO2e are integer units (millilitres, grams)
    /// from one apportionment, so that every column adds up exactly.
    ///
    /// - Throws: ``CommandFailure``: exit 2 for an unreadable companies file,
    ///   exit 3 for one with bad rows or for companies without a cost.
    static func allocateSavings(
        report: inout MatchReport, options: MatchOptions, factors: EmissionFactors, batch: Batch,
        shipments: [Shipment], observed: [Shipment], plan: TourResult, travel: TravelResult
    ) throws(CommandFailure) -> LedgerRun? {
        let a = options.allocation
        // Companies, in report order.
        var names = Array(Set(shipments.map { $0.company ?? noCompany }))
        names.sort(by: companyOrder)
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        func company(_ s: Int) -> Int { index[shipments[s].company ?? noCompany]! }

        let rates = try companyRates(names: names, options: a)

        // The plan's tours (pairs are tours of two), in service order.
        var models: [EmissionModel] = []
        var modelKeys: [(vehicle: String, fuel: String)] = []
        var modelIndex: [String: Int] = [:]
        var orders: [[Int]] = []
        var tours: [TourCostMatrix] = []
        let serviceOrders = plan.tours.map(\.shipments)
        let legs = try tourLegs(serviceOrders, travel: travel)
        for order in serviceOrders {
            let vehicle = PairFactorRule.resolve(order.map { shipments[$0].vehicle }, runDefault: options.vehicle)
            let fuel = PairFactorRule.resolve(order.map { shipments[$0].fuel }, runDefault: options.fuel)
            let key = vehicle + "\u{0}" + fuel
            let m: Int
            if let existing = modelIndex[key] {
                m = existing
            } else {
                do { models.append(try factors.model(vehicle: vehicle, fuel: fuel)) } catch {
                    throw CommandFailure(.internal, "internal error: \(error)")
                }
                m = models.count - 1
                modelIndex[key] = m
                modelKeys.append((vehicle, fuel))
            }
            do {
                tours.append(try tourMatrix(order, companies: order.map(company), travel: travel, legs: legs, model: m))
            } catch {
                throw CommandFailure(.internal, "internal error preparing the allocation: \(error)")
            }
            orders.append(order)
        }
        var solo: [SavingsAllocationInput.SoloShipment] = []
        for u in plan.unpaired where u.reason != .unreachable {
            guard let l = travel.loaded[u.index], let r = travel.ownReturns[u.index] else { continue }
            solo.append(.init(company: company(u.index), baseline: TravelCost(l) + TravelCost(r)))
        }
        let allocation: RunAllocation
        do {
            allocation = try SavingsAllocator.allocate(SavingsAllocationInput(
                companies: names, models: models, tours: tours, solo: solo, method: a.split, rates: rates))
        } catch {
            throw CommandFailure(.internal, "internal error in the allocation: \(error)")
        }

        // The report: company figures, and fuel/CO2e in the same integer units.
        let total = allocation.total
        report.summary.fuelSavedLitres = Double(total.fuelSavedMillilitres) / 1000
        report.summary.co2eSavedKgTTW = Double(total.co2eSavedGramsTTW) / 1000
        report.summary.co2eSavedKgWTW = Double(total.co2eSavedGramsWTW) / 1000
        for (k, t) in allocation.tours.enumerated() where k < report.tours.count {
            report.tours[k].fuelSavedLitres = Double(t.figures.fuelSavedMillilitres) / 1000
            report.tours[k].co2eSavedKgTTW = Double(t.figures.co2eSavedGramsTTW) / 1000
            report.tours[k].co2eSavedKgWTW = Double(t.figures.co2eSavedGramsWTW) / 1000
            guard let p = report.tours[k].pair else { continue }
            report.pairs[p].fuelSavedLitres = report.tours[k].fuelSavedLitres
            report.pairs[p].co2eSavedKgTTW = report.tours[k].co2eSavedKgTTW
            report.pairs[p].co2eSavedKgWTW = report.tours[k].co2eSavedKgWTW
        }
        for k in report.companies.indices {
            guard let i = index[report.companies[k].company] else { continue }
            let f = allocation.companyFigures[i]
            report.companies[k].allocation = f
            report.companies[k].savedM = Int64(f.savedMetres)
            report.companies[k].co2eSavedKgWTW = Double(f.co2eSavedGramsWTW) / 1000
        }
        report.allocation = AllocationSummary(
            method: a.split, currency: rates == nil ? nil : (a.currency ?? ""), hasMoney: rates != nil, total: total,
            leastCoreTours: allocation.leastCoreTours)

        guard a.ledgerPath != nil else { return nil }
        return ledgerRun(
            allocation: allocation, orders: orders, modelKeys: modelKeys, models: models, tours: tours,
            shipments: shipments, observed: observed, batch: batch, options: options, report: report)
    }

    /// The empty legs between the shipments of each tour (own returns
    /// aside), computed in one batch from the run's leg source.
    static func tourLegs(_ orders: [[Int]], travel: TravelResult) throws(CommandFailure) -> [ShipmentArc: Leg] {
        var arcs: [ShipmentArc] = []
        for order in orders {
            for i in order { for j in order where i != j { arcs.append(ShipmentArc(from: i, to: j)) } }
        }
        let legs: [Leg?]
        do {
            legs = try travel.source.legs(arcs)
        } catch {
            throw CommandFailure(.invalidInput, "routing the legs of the tours: \(error)")
        }
        var table: [ShipmentArc: Leg] = [:]
        table.reserveCapacity(arcs.count)
        for (a, l) in zip(arcs, legs) { if let l { table[a] = l } }
        return table
    }

    /// The cost matrix of the tour serving `order` (shipment indices in
    /// service order) from the run's legs.
    static func tourMatrix(
        _ order: [Int], companies: [Int], travel: TravelResult, legs: [ShipmentArc: Leg], model: Int
    ) throws(AllocationInputError) -> TourCostMatrix {
        var empty: [TravelCost?] = []
        for i in order {
            for j in order {
                let leg = i == j ? travel.ownReturns[i] : legs[ShipmentArc(from: i, to: j)]
                empty.append(leg.map(TravelCost.init))
            }
        }
        let loaded = order.map { travel.loaded[$0].map(TravelCost.init) ?? .zero }
        return try TourCostMatrix(companies: companies, loaded: loaded, empty: empty, model: model)
    }

    /// Every company's rates: the companies file's row, else
    /// `--cost-per-km`/`--cost-per-hour`; `nil` when no money was asked for.
    static func companyRates(names: [String], options a: AllocationOptions) throws(CommandFailure) -> [CostRates]? {
        guard a.hasMoney else { return nil }
        let fallback: CostRates? = (a.costPerKm != nil || a.costPerHour != nil)
            ? CostRates(perKm: a.costPerKm ?? 0, perHour: a.costPerHour ?? 0) : nil
        var fromFile: [String: CostRates] = [:]
        if let file = a.companiesFile {
            let bytes = try readCompaniesFile(file)
            do {
                fromFile = try CompanyCostsFile.parse(bytes, file: file, knownCompanies: Set(names))
            } catch {
                throw .invalidInput(error.description)
            }
        }
        var missing: [String] = []
        let rates = names.map { n -> CostRates in
            if let r = fromFile[n] { return r }
            if let fallback { return fallback }
            missing.append(n)
            return .zero
        }
        if !missing.isEmpty {
            throw .invalidInput("\(a.companiesFile ?? "--companies"): no cost for \(missing.count) compan\(missing.count == 1 ? "y" : "ies") of the run: "
                + missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
                + " (add \(missing.count == 1 ? "it" : "them") to the file, or give --cost-per-km/--cost-per-hour for the rest)")
        }
        return rates
    }

    /// The bytes of `path`, or a usage error naming it.
    static func readCompaniesFile(_ path: String) throws(CommandFailure) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .usage("--companies \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65_536) }
            if n < 0 { throw .usage("--companies \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            out += chunk[0..<n]
        }
        return out
    }
}

extension TravelCost {
    /// A pairing leg as a travel cost.
    init(_ leg: Leg) { self.init(metres: leg.metres, seconds: leg.seconds) }
}
