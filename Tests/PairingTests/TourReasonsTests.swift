import Testing
@testable import Pairing

/// The reasons of ``TourReasons`` — which stop at the first feasible option
/// and never schedule a cycle that cannot be feasible — are exactly those of
/// the exhaustive rule of `docs/tours.md#reasons`: every option through the
/// shipment, sorted by saving, the first feasible one giving
/// `partners_taken`, else the reason of the best one.
@Suite struct TourReasonsTests {
    /// The exhaustive rule, as ``TourReasons`` computed it before it stopped
    /// early (commit b918dd3).
    struct Reference {
        let network: TourNetwork
        let maxTour: Int
        let pool: CyclePool

        struct Option {
            var saving: Int
            var cycle: TourCycle
            var others: [Int]
        }

        func alone(_ i: Int, constraints: inout TourConstraints) -> UnpairedReason {
            guard network.eligible[i] else { return .unreachable }
            var considered = 0, reachable = 0
            var options: [Option] = []
            network.forEachComputedPair(of: i) { j, there, home in
                considered += 1
                guard there >= 0, home >= 0 else { return }
                reachable += 1
                let saving = network.ownMetres[i] + network.ownMetres[j] - there - home
                if saving > 0 { options.append(Option(saving: saving, cycle: TourCycle([i, j]), others: [network.rank[j]])) }
            }
            longerCycles(through: i, from: 3, into: &options)
            if considered > 0 && reachable == 0 && options.isEmpty { return .unreachable }
            return verdict(options, constraints: &constraints)
        }

        func shorter(_ i: Int, size: Int, constraints: inout TourConstraints) -> UnpairedReason {
            var options: [Option] = []
            longerCycles(through: i, from: size + 1, into: &options)
            return verdict(options, constraints: &constraints)
        }

        func verdict(_ options: [Option], constraints: inout TourConstraints) -> UnpairedReason {
            guard !options.isEmpty else { return .noSaving }
            let sorted = options.sorted { a, b in
                a.saving != b.saving ? a.saving > b.saving : a.others.lexicographicallyPrecedes(b.others)
            }
            for o in sorted {
                if pool.id(of: o.cycle) != nil { return .partnersTaken }
                if pool.isKnownInfeasible(o.cycle) { continue }
                if case .feasible = constraints.evaluate(o.cycle, reason: false) { return .partnersTaken }
            }
            guard case .excluded(let reason) = constraints.evaluate(sorted[0].cycle) else {
                preconditionFailure("a cycle found infeasible is feasible when asked for its reason")
            }
            return reason
        }

        func longerCycles(through i: Int, from shortest: Int, into options: inout [Option]) {
            guard shortest <= maxTour, network.eligible[i] else { return }
            let arcs = TourNetwork.CandidateArcs(network: network)
            var path = [i]
            var cost = 0
            func extend() {
                let last = path[path.count - 1]
                arcs.forEachArc(from: last, below: .infinity) { next, metres, _ in
                    guard !path.contains(next) else { return }
                    path.append(next)
                    cost += metres
                    if path.count >= shortest, let back = network.leg(next, i)?.metres {
                        let saving = path.reduce(0) { $0 + network.ownMetres[$1] } - cost - back
                        if saving > 0 {
                            options.append(Option(
                                saving: saving, cycle: TourCycle(path), others: path.dropFirst().map { network.rank[$0] }.sorted()))
                        }
                    }
                    if path.count < maxTour { extend() }
                    cost -= metres
                    path.removeLast()
                }
            }
            extend()
        }
    }

    /// Every shipment of generated batches (with windows, a duration limit
    /// and the driving rules, over a table and over a space; tours of 3 —
    /// tours of 4 make the exhaustive rule too slow for a debug build),
    /// alone or in a tour of each shorter size: the same reason both ways. The pool is
    /// that of a relaxation cut short, so some options are known and most
    /// are not.
    @Test(arguments: [(71_001, 30, 3, false), (71_002, 36, 3, true)])
    func theSameReasonsAsTheExhaustiveRule(seed: Int, count: Int, maxTour: Int, spatialLegs: Bool) throws {
        let (spatial, dense) = try TourSpatialTests.instance(seed: UInt64(seed), count: count, windows: true)
        var options = TourOptions(maxTour: maxTour)
        options.maxTourSeconds = 40 * 3600
        options.pairing.threads = 1
        let pairing = try spatial.pair(options: options.pairing)
        let network = spatialLegs
            ? try TourNetwork(problem: spatial, options: options, extra: pairing.pairs.map { ($0.a, $0.b) })
            : TourNetwork(problem: dense, options: options)
        var constraints = TourConstraints(network: network, options: options)
        var pool = CyclePool()
        pool.reindex(count: network.count)
        let relaxation = try TourRelaxation(
            network: network, pool: pool, constraints: &constraints, maxTour: maxTour, threads: 1,
            deadline: .afterChecks(seed % 7 + 3))
        let reasons = TourReasons(network: relaxation.network, maxTour: maxTour, pool: relaxation.pool)
        let reference = Reference(network: relaxation.network, maxTour: maxTour, pool: relaxation.pool)
        for i in 0..<count {
            var a = constraints, b = constraints
            let expected = reference.alone(i, constraints: &a)
            #expect(reasons.alone(i, constraints: &b) == expected, "alone \(i)")
            for size in 2..<maxTour {
                var c = constraints, d = constraints
                let longer = reference.shorter(i, size: size, constraints: &c)
                #expect(reasons.shorter(i, size: size, constraints: &d) == longer, "\(i) in a tour of \(size)")
            }
        }
    }
}
