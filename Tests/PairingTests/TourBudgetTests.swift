import Testing
@testable import Pairing

/// The time budget of the tours (``TourOptions/seconds``): wherever it
/// stops the work, the plan is feasible, covers every shipment once, is no
/// worse than the pairing, and its lower bound still holds.
@Suite struct TourBudgetTests {
    static func expectValid(_ r: TourResult, count: Int, below best: Int, _ label: String) {
        var seen = [Int](repeating: 0, count: count)
        for t in r.tours { for i in t.shipments { seen[i] += 1 } }
        for u in r.unpaired { seen[u.index] += 1 }
        #expect(seen.allSatisfy { $0 == 1 }, "\(label): every shipment exactly once")
        #expect(r.emptyMetresAfter == r.emptyMetresBefore - r.tours.reduce(0) { $0 + $1.savingMetres }, "\(label)")
        #expect(r.emptyMetresAfter <= r.pairingEmptyMetres, "\(label): worse than the pairing")
        #expect(r.bound.emptyMetres <= r.emptyMetresAfter, "\(label): bound above the plan")
        #expect(r.bound.emptyMetres <= best, "\(label): bound above the best plan known")
        #expect(r.bound.assignmentEmptyMetres <= r.bound.cycleEmptyMetres, "\(label)")
    }

    /// No time at all: the column generation stops at once, so no exact
    /// pricing runs and the bound is the assignment bound — below the plan
    /// of an unlimited run, whose own bound is at least as high.
    @Test(arguments: [(70_001, 60), (70_002, 90)])
    func zeroSecondsGivesTheAssignmentBound(seed: Int, count: Int) throws {
        let (spatial, _) = try TourSpatialTests.instance(seed: UInt64(seed), count: count, windows: false)
        var options = TourOptions(maxTour: 3)
        options.pairing.ignoreTimeWindows = true
        let unlimited = try spatial.tours(options: options)
        #expect(unlimited.statistics.budgetStop == nil)
        options.seconds = 0
        let stopped = try spatial.tours(options: options)
        #expect(stopped.statistics.budgetStop == .columnGeneration)
        #expect(stopped.bound.cycleEmptyMetres == stopped.bound.assignmentEmptyMetres)
        #expect(stopped.bound.assignmentEmptyMetres == unlimited.bound.assignmentEmptyMetres)
        #expect(unlimited.bound.emptyMetres >= stopped.bound.emptyMetres)
        Self.expectValid(stopped, count: count, below: unlimited.emptyMetresAfter, "seed \(seed)")
    }

    /// The budget passing at the n-th check, for n across the whole run
    /// (one thread, so the checks come in a fixed order): every place it
    /// can stop — the column generation, an exact pricing round, the dive,
    /// the search — keeps a valid bound; a round cut short never gives one.
    @Test func everyStoppingPlaceKeepsTheBound() throws {
        let count = 48
        let (spatial, _) = try TourSpatialTests.instance(seed: 70_003, count: count, windows: false)
        var options = TourOptions(maxTour: 3)
        options.pairing.ignoreTimeWindows = true
        options.pairing.threads = 1
        let pairing = try spatial.pair(options: options.pairing)
        let unlimited = try spatial.tours(options: options, startingFrom: pairing)
        var stops: [TourBudgetStop?: Int] = [:]
        var checks = 0
        while checks < 100_000 {
            let r = try spatial.tours(options: options, startingFrom: pairing, deadline: .afterChecks(checks))
            Self.expectValid(r, count: count, below: unlimited.emptyMetresAfter, "after \(checks) checks")
            if r.statistics.budgetStop == .columnGeneration {
                #expect(r.bound.cycleEmptyMetres == r.bound.assignmentEmptyMetres, "after \(checks) checks")
            }
            if r.statistics.budgetStop == nil {
                #expect(r == unlimited, "after \(checks) checks: an unspent budget changes nothing")
                break
            }
            stops[r.statistics.budgetStop, default: 0] += 1
            // One check at a time through the relaxation (its stopping
            // places are few checks apart), then faster.
            let inRelaxation = r.statistics.budgetStop == .columnGeneration || r.statistics.budgetStop == .exactPricing
            checks += inRelaxation ? 1 : max(1, checks / 2)
        }
        #expect(Set(stops.keys) == Set(TourBudgetStop.allCases.map(Optional.some)), "\(stops)")
    }
}
