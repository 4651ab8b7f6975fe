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

    /// No time at all: the assignment bound stops at once (it used to run
    /// to the end whatever the budget: at 100,000 shipments its pricing took
    /// the whole share of the relaxation), so no cycle is generated and the
    /// bound is that of its first duals — at most the complete assignment
    /// bound, and still below every plan.
    @Test(arguments: [(70_001, 60), (70_002, 90)])
    func zeroSecondsStopsTheAssignmentBound(seed: Int, count: Int) throws {
        let (spatial, _) = try TourSpatialTests.instance(seed: UInt64(seed), count: count, windows: false)
        var options = TourOptions(maxTour: 3)
        options.pairing.ignoreTimeWindows = true
        let unlimited = try spatial.tours(options: options)
        #expect(unlimited.statistics.budgetStop == nil)
        options.seconds = 0
        let stopped = try spatial.tours(options: options)
        #expect(stopped.statistics.budgetStop == .assignmentBound)
        #expect(stopped.bound.cycleEmptyMetres == stopped.bound.assignmentEmptyMetres)
        #expect(stopped.bound.assignmentEmptyMetres <= unlimited.bound.assignmentEmptyMetres)
        #expect(unlimited.bound.emptyMetres >= stopped.bound.emptyMetres)
        Self.expectValid(stopped, count: count, below: unlimited.emptyMetresAfter, "seed \(seed)")
    }

    /// The assignment bound stopped after n checks, for every n until it
    /// completes, on tables and over a space: the bound of its duals so far
    /// never exceeds the complete assignment optimum, and equals it once
    /// nothing stopped it.
    @Test(arguments: [(70_011, 40, false), (70_012, 70, true), (70_013, 70, false)])
    func aStoppedAssignmentBoundStaysBelowTheOptimum(seed: Int, count: Int, spatialLegs: Bool) throws {
        let (spatial, dense) = try TourSpatialTests.instance(seed: UInt64(seed), count: count, windows: false)
        var options = TourOptions(maxTour: 3)
        options.pairing.ignoreTimeWindows = true
        options.pairing.threads = 1
        let pairing = try spatial.pair(options: options.pairing)
        let network = spatialLegs
            ? try TourNetwork(problem: spatial, options: options, extra: pairing.pairs.map { ($0.a, $0.b) })
            : TourNetwork(problem: dense, options: options)
        func relaxation(_ deadline: TourDeadline) throws -> TourRelaxation {
            var constraints = TourConstraints(network: network, options: options)
            var pool = CyclePool()
            pool.reindex(count: network.count)
            return try TourRelaxation(
                network: network, pool: pool, constraints: &constraints, maxTour: 3, threads: 1, deadline: deadline)
        }
        let complete = try relaxation(TourDeadline(seconds: nil))
        #expect(complete.budgetStop == nil)
        var stops = 0
        for checks in 0..<10_000 {
            let r = try relaxation(.afterChecks(checks))
            guard r.budgetStop == .assignmentBound else {
                #expect(r.assignmentBound == complete.assignmentBound, "after \(checks) checks")
                break
            }
            stops += 1
            #expect(r.assignmentBound <= complete.assignmentBound, "after \(checks) checks")
            #expect(r.cycleBound == r.assignmentBound, "after \(checks) checks")
        }
        #expect(stops > 0)
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
            let inRelaxation = [.assignmentBound, .columnGeneration, .exactPricing].contains(r.statistics.budgetStop)
            checks += inRelaxation ? 1 : max(1, checks / 2)
        }
        #expect(Set(stops.keys) == Set(TourBudgetStop.allCases.map(Optional.some)), "\(stops)")
    }
}
