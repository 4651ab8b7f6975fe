import Testing
@testable import Emissions

@Suite struct SavingsLedgerTests {
    /// Växjö ↔ Kalmar, 110 km each way: pairing removes both empty returns,
    /// 220 km. 220 × 22.0 / 100 = 48.4 l; × 2.47 = 119.548 kg TTW;
    /// × 3.13 = 151.492 kg WTW.
    @Test func workedExample() throws {
        let report = try SavingsLedger.report(
            for: [
                PairSavingRecord(
                    pairID: "vxo-klr+klr-vxo", companyA: "Glasbruket", companyB: "Kalmar Trä",
                    avoidedEmptyMetres: 220_000, vehicle: "artic-40t", fuel: "diesel-b7")
            ], factors: .defaults)
        #expect(report.total.metres == 220_000)
        #expect(close(report.total.litres, 48.4))
        #expect(close(report.total.co2eKgTTW, 119.548))
        #expect(close(report.total.co2eKgWTW, 151.492))
        #expect(report.basis == EmissionFactors.basis)
        #expect(report.companies.map(\.company) == ["Glasbruket", "Kalmar Trä"])
        for c in report.companies {
            #expect(c.saving == report.total && c.sharedSaving == report.total)
            #expect(c.pairCount == 1 && c.sharedPairCount == 1)
        }
    }

    @Test func sameCompanyIsListedOnceAndNotShared() throws {
        var ledger = SavingsLedger(factors: .defaults)
        try ledger.add(PairSavingRecord(pairID: "p", companyA: "A", companyB: "A", avoidedEmptyMetres: 1_000,
                                        vehicle: "artic-40t", fuel: "hvo100"))
        let r = ledger.report()
        #expect(r.companies.count == 1)
        #expect(r.companies[0].pairIndices == [0])
        #expect(r.companies[0].sharedPairCount == 0 && r.companies[0].sharedSaving == .zero)
        #expect(!r.pairs[0].isShared)
        // 1 km × 22 / 100 = 0.22 l; hvo100 TTW 0, WTW 0.22 × 0.476 = 0.10472.
        #expect(close(r.total.litres, 0.22) && r.total.co2eKgTTW == 0 && close(r.total.co2eKgWTW, 0.10472))
    }

    @Test func missingCompanyIsItsOwnGroupAndSortsLast() throws {
        let r = try SavingsLedger.report(
            for: [
                PairSavingRecord(pairID: "1", companyA: nil, companyB: "Zeta", avoidedEmptyMetres: 10, vehicle: "artic-40t", fuel: "diesel-b7"),
                PairSavingRecord(pairID: "2", companyA: nil, companyB: nil, avoidedEmptyMetres: 20, vehicle: "artic-40t", fuel: "diesel-b7"),
                PairSavingRecord(pairID: "3", companyA: "Alfa", companyB: "Zeta", avoidedEmptyMetres: 30, vehicle: "rigid-26t", fuel: "rme100"),
            ], factors: .defaults)
        #expect(r.companies.map(\.company) == ["Alfa", "Zeta", nil])
        #expect(r.companies.map(\.pairIndices) == [[2], [0, 2], [0, 1]])
        #expect(r.companies.map(\.sharedPairCount) == [1, 2, 1])
        #expect(r.companies.map(\.saving.metres) == [30, 40, 30])
        #expect(r.total.metres == 60)
    }

    @Test func refusedRecordsLeaveTheLedgerUnchanged() throws {
        var ledger = SavingsLedger(factors: .defaults)
        try ledger.add(PairSavingRecord(pairID: "ok", companyA: "A", companyB: "B", avoidedEmptyMetres: 5_000, vehicle: "artic-40t", fuel: "diesel-b7"))
        let before = ledger.report()
        let bad = [
            PairSavingRecord(pairID: "neg", companyA: "A", companyB: "B", avoidedEmptyMetres: -1, vehicle: "artic-40t", fuel: "diesel-b7"),
            PairSavingRecord(pairID: "veh", companyA: "A", companyB: "B", avoidedEmptyMetres: 1, vehicle: "tractor", fuel: "diesel-b7"),
            PairSavingRecord(pairID: "fuel", companyA: "A", companyB: "B", avoidedEmptyMetres: 1, vehicle: "artic-40t", fuel: "lng"),
        ]
        for record in bad {
            do {
                try ledger.add(record)
                Issue.record("accepted \(record.pairID)")
            } catch {
                #expect(error.pairID == record.pairID)
                #expect(error.description.hasPrefix("pair \(record.pairID): "))
            }
        }
        #expect(ledger.report() == before)
        #expect(ledger.count == 1)
    }

    @Test func unknownKeyErrorListsKnownKeys() {
        var ledger = SavingsLedger(factors: .defaults)
        #expect(throws: PairRecordError(pairID: "x", message: "unknown fuel 'lng'; known fuels: diesel-b7, diesel-fossil, diesel-mk1, hvo100, rme100")) {
            try ledger.add(PairSavingRecord(pairID: "x", companyA: nil, companyB: nil, avoidedEmptyMetres: 1, vehicle: "artic-40t", fuel: "lng"))
        }
    }

    /// Generated: totals are the sum of the parts, per pair, per company and
    /// per run, and each pair's saving is the hand formula.
    @Test(arguments: [101, 202, 303] as [UInt64])
    func totalsEqualTheSumOfParts(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let companies: [String?] = ["Acme", "Birch", "Cedar", "Åkeri Öst", nil]
        let factors = EmissionFactors.defaults
        var records: [PairSavingRecord] = []
        for i in 0..<Int.random(in: 1...400, using: &g) {
            records.append(PairSavingRecord(
                pairID: "p\(i)",
                companyA: companies.randomElement(using: &g) ?? nil, companyB: companies.randomElement(using: &g) ?? nil,
                avoidedEmptyMetres: Int.random(in: 0...400_000, using: &g),
                vehicle: (factors.vehicles.randomElement(using: &g) ?? factors.vehicles[0]).key.uppercased(),
                fuel: (factors.fuels.randomElement(using: &g) ?? factors.fuels[0]).key))
        }
        let r = try SavingsLedger.report(for: records, factors: factors)
        #expect(r.pairs.map(\.record) == records)

        var sum = Saving.zero
        for p in r.pairs {
            let v = try factors.vehicle(p.record.vehicle), f = try factors.fuel(p.record.fuel)
            let litres = Double(p.record.avoidedEmptyMetres) / 1000 * v.litresPer100kmEmpty / 100
            #expect(close(p.saving.litres, litres))
            #expect(close(p.saving.co2eKgTTW, litres * f.kgCO2ePerLitreTTW))
            #expect(close(p.saving.co2eKgWTW, litres * f.kgCO2ePerLitreWTW))
            #expect(p.saving.metres == p.record.avoidedEmptyMetres)
            sum = sum + p.saving
        }
        #expect(r.total.metres == sum.metres)
        #expect(close(r.total.litres, sum.litres, tolerance: 1e-9))
        #expect(close(r.total.co2eKgWTW, sum.co2eKgWTW, tolerance: 1e-9))

        // Per company: its pairs' savings; every pair is listed under each of
        // its (one or two) companies, so the companies' sum is the total plus
        // the shared pairs once more.
        var listed = 0
        var companySum = Saving.zero
        for c in r.companies {
            let mine = c.pairIndices.map { r.pairs[$0] }
            #expect(mine.allSatisfy { $0.record.companyA == c.company || $0.record.companyB == c.company })
            #expect(c.saving.metres == mine.reduce(0) { $0 + $1.saving.metres })
            #expect(close(c.saving.co2eKgWTW, mine.reduce(0) { $0 + $1.saving.co2eKgWTW }, tolerance: 1e-9))
            #expect(c.sharedPairCount == mine.count { $0.isShared })
            #expect(c.sharedSaving.metres == mine.filter(\.isShared).reduce(0) { $0 + $1.saving.metres })
            listed += c.pairCount
            companySum = companySum + c.saving
        }
        let shared = r.pairs.filter(\.isShared)
        #expect(listed == r.pairs.count + shared.count)
        #expect(companySum.metres == r.total.metres + shared.reduce(0) { $0 + $1.saving.metres })
        // Sorted by name, no company last.
        let names = r.companies.map(\.company)
        #expect(names.compactMap { $0 } == names.compactMap { $0 }.sorted())
        #expect(names.firstIndex(of: nil).map { $0 == names.count - 1 } ?? true)
    }

    @Test func pairFactorRule() {
        #expect(PairFactorRule.resolve(first: "hvo100", second: "rme100", runDefault: "diesel-b7") == "hvo100")
        #expect(PairFactorRule.resolve(first: nil, second: "rme100", runDefault: "diesel-b7") == "rme100")
        #expect(PairFactorRule.resolve(first: "  ", second: nil, runDefault: "diesel-b7") == "diesel-b7")
        #expect(PairFactorRule.resolve(first: "", second: "", runDefault: "diesel-b7") == "diesel-b7")
        let both = PairFactorRule.resolve(
            firstVehicle: nil, firstFuel: "hvo100", secondVehicle: "artic-64t", secondFuel: nil,
            runVehicle: "artic-40t", runFuel: "diesel-b7")
        #expect(both.vehicle == "artic-64t" && both.fuel == "hvo100")
    }
}
