import Emissions
import Testing

@Suite struct SavingsAllocatorTests {
    static let models = [
        try! EmissionFactors.defaults.model(vehicle: "artic-40t", fuel: "diesel-b7"),
        try! EmissionFactors.defaults.model(vehicle: "rigid-26t", fuel: "hvo100"),
    ]

    /// A random run: tours of 2–4 shipments among `companies` companies,
    /// some solo shipments, per-company rates.
    static func randomRun(seed: UInt64, tours: Int, companies: Int, method: SplitMethod, money: Bool) -> SavingsAllocationInput {
        var rng = SeededGenerator(seed: seed)
        let list = (0..<tours).map { _ -> TourCostMatrix in
            let t = randomTour(Int.random(in: 2...4, using: &rng), companies: companies, rng: &rng)
            return try! TourCostMatrix(companies: t.companies, loaded: t.loaded, empty: t.emptyLegs, model: Int.random(in: 0...1, using: &rng))
        }
        let solo = (0..<tours / 3).map { _ in
            SavingsAllocationInput.SoloShipment(company: Int.random(in: 0..<companies, using: &rng), baseline: leg(Int.random(in: 1...400, using: &rng)))
        }
        let rates = money ? (0..<companies).map { _ in CostRates(perKm: Double.random(in: 5...25, using: &rng), perHour: Double.random(in: 200...700, using: &rng)) } : nil
        return SavingsAllocationInput(
            companies: (0..<companies).map { "C\($0)" }, models: models, tours: list, solo: solo, method: method, rates: rates)
    }

    @Test(arguments: SplitMethod.allCases)
    func everythingAddsUpExactly(method: SplitMethod) throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let input = Self.randomRun(seed: seed, tours: 200, companies: 6, method: method, money: seed % 2 == 0)
            let r = try SavingsAllocator.allocate(input)
            // Companies → run total, exactly, in every unit.
            var sum = r.companyFigures.reduce(AllocationFigures.zero, +)
            sum.tours = r.total.tours
            #expect(sum == r.total)
            // Cells → tours.
            for t in r.tours {
                let cells = r.cells[t.cellRange].reduce(AllocationFigures.zero) { $0 + $1.figures }
                #expect(cells.savedMetres == t.figures.savedMetres && cells.savedSeconds == t.figures.savedSeconds)
                #expect(cells.fuelSavedMillilitres == t.figures.fuelSavedMillilitres && cells.savedCents == t.figures.savedCents)
                #expect(cells.co2eSavedGramsTTW == t.figures.co2eSavedGramsTTW && cells.co2eSavedGramsWTW == t.figures.co2eSavedGramsWTW)
                // Every cell is the floor or ceiling of its exact share.
                for c in r.cells[t.cellRange] { #expect(abs(Double(c.figures.savedMetres) - c.shareMetres) < 1 + 1e-6) }
            }
            // Tours → total; the total is the rounded exact sum.
            #expect(r.tours.reduce(0) { $0 + $1.figures.savedMetres } == r.total.savedMetres)
            let exactWTW = input.tours.reduce(0.0) { acc, t in
                acc + input.models[t.model].emptyRun(metres: try! CoalitionGame(tour: t).savingMetres).co2eKgWTW
            }
            #expect(abs(Double(r.total.co2eSavedGramsWTW) - exactWTW * 1000) <= 0.5 + 1e-6)
            #expect(r.hasMoney == (seed % 2 == 0))
            if !r.hasMoney { #expect(r.total.savedCents == 0 && r.total.standaloneCents == 0) }
        }
    }

    @Test func standaloneIsEveryShipmentOnItsOwnTruck() throws {
        let input = Self.randomRun(seed: 99, tours: 50, companies: 3, method: .shapley, money: false)
        let r = try SavingsAllocator.allocate(input)
        let expected = input.tours.reduce(0) { $0 + $1.baselineCost.metres } + input.solo.reduce(0) { $0 + $1.baseline.metres }
        #expect(r.total.standaloneMetres == expected)
        #expect(r.total.shipments == input.tours.reduce(0) { $0 + $1.count } + input.solo.count)
        #expect(r.total.tours == 50)
    }

    @Test func inputErrorsAreCaught() {
        var input = Self.randomRun(seed: 1, tours: 3, companies: 2, method: .shapley, money: true)
        input.rates = [CostRates(perKm: 1, perHour: 1)]
        #expect(throws: AllocationInputError.self) { try SavingsAllocator.allocate(input) }
        input.rates = nil
        input.companies = ["only one"]
        #expect(throws: AllocationInputError.self) { try SavingsAllocator.allocate(input) }
    }
}
