/// Splits every tour's saving between its companies with a ``SplitMethod``
/// and turns the result into integer figures that add up exactly.
///
/// 1. **The split.** Each tour's ``CoalitionGame`` is played on distance:
///    the method gives each company a share of the tour's saved metres
///    (Shapley, equal-profit or proportional). Every other saving of the
///    tour — driving time, fuel, CO2e TTW and WTW — is split in the same
///    proportions (fuel and CO2e are linear in the avoided empty metres of
///    the tour's vehicle, so for them this is exact). Money saved is each
///    company's own rates applied to its share of the distance and time.
/// 2. **Integer units.** The run total of each quantity is its exact sum
///    rounded once (half away from zero, as ``ReportRounding``); it is
///    apportioned to the tours and then, within each tour, to its companies
///    with ``LargestRemainder``. Stand-alone money is apportioned among the
///    companies the same way. So company figures add up to the run total,
///    and tour cells to the tour, to the last metre, millilitre, gram and
///    cent.
///
/// - Complexity: O(t + s + c + t log t) for t tours, s solo shipments and c
///   companies (a tour's game is O(1): at most 4 shipments).
public enum SavingsAllocator {
    /// The allocation of `input`.
    ///
    /// - Throws: ``AllocationInputError`` for a company or model index out of
    ///   range, rates for the wrong number of companies, or a tour whose own
    ///   cycle has a leg without a route.
    public static func allocate(_ input: SavingsAllocationInput) throws(AllocationInputError) -> RunAllocation {
        let companyCount = input.companies.count
        if let rates = input.rates, rates.count != companyCount {
            throw AllocationInputError("\(rates.count) cost rates for \(companyCount) companies")
        }
        let rates = input.rates
        let tourCount = input.tours.count

        // 1. Shares per tour, in metres, and the exact tour quantities.
        var cells: [RunAllocation.Cell] = []
        cells.reserveCapacity(tourCount * 2)
        var tours: [RunAllocation.Tour] = []
        tours.reserveCapacity(tourCount)
        var weights: [Double] = []           // per cell: share of the tour's saving
        var moneyQuota: [Double] = []        // per cell: exact money saved (cents)
        weights.reserveCapacity(tourCount * 2)
        var litres = [Double](repeating: 0, count: tourCount)
        var ttw = litres, wtw = litres, tourMoney = litres
        for (t, tour) in input.tours.enumerated() {
            guard tour.model < input.models.count else {
                throw AllocationInputError("tour \(t) names model \(tour.model) of \(input.models.count)")
            }
            for c in tour.companies where c >= companyCount {
                throw AllocationInputError("tour \(t) names company \(c) of \(companyCount)")
            }
            let game = try CoalitionGame(tour: tour)
            let shares: [Double]
            var leastCore = false
            switch input.method {
            case .shapley: shares = game.shapleyShares()
            case .proportional: shares = game.proportionalShares()
            case .equalProfit:
                let s = game.equalProfitShares()
                shares = s.shares
                leastCore = s.leastCore
            }
            let saving = game.savingMetres, savingSeconds = game.savingSeconds
            var figures = AllocationFigures()
            figures.shipments = tour.count
            figures.tours = 1
            let baseline = game.baselineOf(game.grandCoalition)
            figures.standaloneMetres = baseline.metres
            figures.standaloneSeconds = baseline.seconds
            figures.savedMetres = saving
            figures.savedSeconds = savingSeconds
            let start = cells.count
            // Weights for the other quantities: the metre shares, or (for a
            // tour that saves no distance) the stand-alone empty metres.
            let fallback = game.proportionalWeights()
            for (i, company) in game.players.enumerated() {
                let w = saving != 0 ? shares[i] / Double(saving) : fallback[i]
                weights.append(w)
                var f = AllocationFigures()
                f.shipments = tour.companies.reduce(0) { $0 + ($1 == company ? 1 : 0) }
                f.tours = 1
                f.standaloneMetres = game.baseline[i].metres
                f.standaloneSeconds = game.baseline[i].seconds
                cells.append(.init(tour: t, company: company, shareMetres: shares[i], figures: f))
                let m = rates.map { $0[company].cost(metres: shares[i], seconds: w * Double(savingSeconds)) * 100 } ?? 0
                moneyQuota.append(m)
                tourMoney[t] += m
            }
            let e = input.models[tour.model].emptyRun(metres: saving)
            litres[t] = e.litres
            ttw[t] = e.co2eKgTTW
            wtw[t] = e.co2eKgWTW
            tours.append(.init(cellRange: start..<cells.count, figures: figures, leastCore: leastCore))
        }

        // 2. Run totals, apportioned to tours.
        func thousandths(_ x: Double) -> Int { Int((x * 1000).rounded(.toNearestOrAwayFromZero)) }
        func sum(_ a: [Double]) -> Double { a.reduce(0, +) }
        let tourMl = LargestRemainder.apportion(thousandths(sum(litres)), quotas: litres)
        let tourTTW = LargestRemainder.apportion(thousandths(sum(ttw)), quotas: ttw)
        let tourWTW = LargestRemainder.apportion(thousandths(sum(wtw)), quotas: wtw)
        let tourCents = LargestRemainder.apportion(Int(sum(tourMoney).rounded(.toNearestOrAwayFromZero)), quotas: tourMoney)

        // 3. Within each tour, to its companies.
        var quota = [Double](repeating: 0, count: TourCostMatrix.maximumShipments)
        var part = [Int](repeating: 0, count: TourCostMatrix.maximumShipments)
        quota.withUnsafeMutableBufferPointer { quota in
            part.withUnsafeMutableBufferPointer { part in
                for t in tours.indices {
                    tours[t].figures.fuelSavedMillilitres = tourMl[t]
                    tours[t].figures.co2eSavedGramsTTW = tourTTW[t]
                    tours[t].figures.co2eSavedGramsWTW = tourWTW[t]
                    tours[t].figures.savedCents = tourCents[t]
                    let range = tours[t].cellRange
                    let n = range.count
                    let q = UnsafeMutableBufferPointer(rebasing: quota[0..<n])
                    let p = UnsafeMutableBufferPointer(rebasing: part[0..<n])
                    func split(_ total: Int, _ quotaOf: (Int) -> Double, _ assign: (inout AllocationFigures, Int) -> Void) {
                        for k in 0..<n { q[k] = quotaOf(range.lowerBound + k) }
                        LargestRemainder.apportion(total, quotas: UnsafeBufferPointer(q), into: p)
                        for k in 0..<n { assign(&cells[range.lowerBound + k].figures, p[k]) }
                    }
                    let f = tours[t].figures
                    split(f.savedMetres, { cells[$0].shareMetres }) { $0.savedMetres = $1 }
                    split(f.savedSeconds, { weights[$0] }) { $0.savedSeconds = $1 }
                    split(f.fuelSavedMillilitres, { weights[$0] }) { $0.fuelSavedMillilitres = $1 }
                    split(f.co2eSavedGramsTTW, { weights[$0] }) { $0.co2eSavedGramsTTW = $1 }
                    split(f.co2eSavedGramsWTW, { weights[$0] }) { $0.co2eSavedGramsWTW = $1 }
                    split(f.savedCents, { moneyQuota[$0] }) { $0.savedCents = $1 }
                }
            }
        }

        // 4. Companies: their cells and solo shipments; stand-alone money.
        var companies = [AllocationFigures](repeating: .zero, count: companyCount)
        for c in cells { companies[c.company] = companies[c.company] + c.figures }
        for s in input.solo {
            guard s.company >= 0 && s.company < companyCount else {
                throw AllocationInputError("a solo shipment names company \(s.company) of \(companyCount)")
            }
            companies[s.company].shipments += 1
            companies[s.company].standaloneMetres += s.baseline.metres
            companies[s.company].standaloneSeconds += s.baseline.seconds
        }
        if let rates {
            let exact = (0..<companyCount).map {
                rates[$0].cost(metres: Double(companies[$0].standaloneMetres), seconds: Double(companies[$0].standaloneSeconds)) * 100
            }
            let cents = LargestRemainder.apportion(Int(sum(exact).rounded(.toNearestOrAwayFromZero)), quotas: exact)
            for i in 0..<companyCount { companies[i].standaloneCents = cents[i] }
        }
        var total = companies.reduce(AllocationFigures.zero, +)
        total.tours = tourCount
        let result = RunAllocation(
            method: input.method, companies: input.companies, hasMoney: rates != nil, tours: tours, cells: cells,
            companyFigures: companies, total: total)
        #if DEBUG
        result._checkInvariants()
        #endif
        return result
    }
}

extension CoalitionGame {
    /// Each player's share of the stand-alone empty metres (equal when there
    /// are none): the weights ``SavingsAllocator`` uses for a tour that saves
    /// no distance.
    func proportionalWeights() -> [Double] {
        let total = ownEmptyMetres.reduce(0, +)
        guard total > 0 else { return [Double](repeating: 1 / Double(playerCount), count: playerCount) }
        return ownEmptyMetres.map { Double($0) / Double(total) }
    }
}
