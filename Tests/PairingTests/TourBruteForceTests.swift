import Testing
@testable import Pairing

/// Tours against exhaustive search over every tour packing of small random
/// instances (n ≤ 9), with and without time windows; every bound below every
/// solution; `maxTour == 2` equal to the exact pairing.
@Suite struct TourBruteForceTests {
    /// A random instance on the plane: towns, shipments between them, random
    /// windows, body types, vehicles and a few legs without a route.
    static func instance(seed: UInt64, maxCount: Int = 9, windows: Bool, constraints: Bool = true) throws -> PairingProblem {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 0...maxCount, using: &rng)
        let towns: [(Double, Double)] = (0..<4).map { _ in (.random(in: 0..<300, using: &rng), .random(in: 0..<300, using: &rng)) }
        func near(_ c: (Double, Double)) -> (Double, Double) {
            (c.0 + .random(in: -20..<20, using: &rng), c.1 + .random(in: -20..<20, using: &rng))
        }
        let bodies: [BodyType?] = constraints ? [nil, nil, nil, .dryVan, .tautliner, .reefer, .tanker] : [nil]
        let specs = (0..<n).map { i -> PlaneShipment in
            let pe: Double? = windows && Bool.random(using: &rng) ? .random(in: 0..<12, using: &rng) : nil
            let pl: Double? = windows && Bool.random(using: &rng) ? (pe ?? 0) + .random(in: 0..<8, using: &rng) : nil
            let dl: Double? = windows && Int.random(in: 0..<3, using: &rng) == 0 ? (pe ?? 0) + .random(in: 4..<30, using: &rng) : nil
            return PlaneShipment(
                id: "t\(Int.random(in: 0..<1000, using: &rng))-\(i)", from: near(towns.randomElement(using: &rng)!),
                to: near(towns.randomElement(using: &rng)!), bodyType: bodies.randomElement(using: &rng)!,
                vehicle: constraints ? [nil, nil, nil, "artic-40t", "rigid-26t"].randomElement(using: &rng)! : nil,
                pickupEarliest: pe, pickupLatest: pl, deliveryLatest: dl)
        }
        var noRoute: Set<[Int]> = []
        var noLoaded: Set<Int> = []
        if constraints {
            for i in 0..<n {
                if Int.random(in: 0..<30, using: &rng) == 0 { noLoaded.insert(i) }
                for j in 0..<n where Int.random(in: 0..<40, using: &rng) == 0 { noRoute.insert([i, j]) }
            }
        }
        return try PlaneScenario.problem(specs, noRoute: noRoute, noLoadedRoute: noLoaded)
    }

    static func options(seed: UInt64, maxTour: Int, windows: Bool, rules: Bool) -> TourOptions {
        var rng = SplitMix64(seed: seed &* 31 &+ 7)
        var o = TourOptions(maxTour: maxTour, drivingRules: rules ? .eu561 : nil)
        o.pairing.ignoreTimeWindows = !windows
        o.pairing.handlingSeconds = [0, 1800, 2700][Int.random(in: 0..<3, using: &rng)]
        o.pairing.maxDeadheadMetres = Bool.random(using: &rng) ? Int.random(in: 20_000...150_000, using: &rng) : nil
        o.maxTourMetres = Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 200_000...1_500_000, using: &rng) : nil
        return o
    }

    /// The reference, written from `docs/tours.md`.
    struct Reference {
        let problem: PairingProblem
        let options: TourOptions

        var n: Int { problem.shipments.count }
        func loaded(_ i: Int) -> Leg? { problem.loadedLegs[i] }
        func empty(_ i: Int, _ j: Int) -> Leg? { problem.emptyLegs[from: i, to: j] }
        func eligible(_ i: Int) -> Bool { loaded(i) != nil && empty(i, i) != nil }

        /// Body types and vehicles: every two members could share a truck.
        func compatible(_ members: [Int]) -> Bool {
            let s = problem.shipments
            for a in members {
                for b in members where a != b {
                    if !options.pairing.ignoreBodyType && !BodyType.areCompatible(s[a].bodyType, s[b].bodyType) { return false }
                    if options.pairing.requireSameVehicle, let va = s[a].vehicle, let vb = s[b].vehicle, va != vb { return false }
                }
            }
            return true
        }

        /// The windows without driving rules, by direct simulation: loading
        /// at the first pickup's earliest time (or as early as needed),
        /// waiting for later pickups, arriving at deliveries by their
        /// deadlines, handling at every stop.
        func windowsHold(_ order: [Int]) -> Bool {
            if options.pairing.ignoreTimeWindows { return true }
            let s = problem.shipments, h = options.pairing.handlingSeconds
            let early = Int64.min / 4
            var t = s[order[0]].pickupEarliest?.seconds ?? early
            for (x, i) in order.enumerated() {
                let start = max(t, s[i].pickupEarliest?.seconds ?? early)
                if let pl = s[i].pickupLatest?.seconds, start > pl { return false }
                t = start + Int64(h + loaded(i)!.seconds)
                if let dl = s[i].deliveryLatest?.seconds, t > dl { return false }
                t += Int64(h + empty(i, order[(x + 1) % order.count])!.seconds)
            }
            return true
        }

        /// Whether the cycle in this order can be driven from some member.
        func feasible(_ cycle: [Int]) -> Bool {
            let k = cycle.count
            for t in 0..<k where empty(cycle[t], cycle[(t + 1) % k]) == nil { return false }
            guard compatible(cycle) else { return false }
            let emptyTotal = (0..<k).reduce(0) { $0 + empty(cycle[$1], cycle[($1 + 1) % k])!.metres }
            if let limit = options.maxTourMetres, emptyTotal + cycle.reduce(0, { $0 + loaded($1)!.metres }) > limit {
                return false
            }
            for r in 0..<k {
                let order = (0..<k).map { cycle[(r + $0) % k] }
                if let limit = options.pairing.maxDeadheadMetres,
                   (0..<(k - 1)).contains(where: { empty(order[$0], order[$0 + 1])!.metres > limit }) {
                    continue
                }
                if options.drivingRules == nil {
                    if windowsHold(order) { return true }
                } else {
                    // Timing with the rules: the scheduler (tested on its own).
                    let network = TourNetwork(problem: problem, options: options)
                    var constraints = TourConstraints(network: network, options: options)
                    if case .feasible = constraints.evaluate(TourCycle(cycle)) { return true }
                    return false
                }
            }
            return false
        }

        /// The fewest empty metres of any packing, by dynamic programming
        /// over subsets: the lowest shipment left is alone or in a feasible
        /// cycle (any order) with others left.
        func optimum() -> Int {
            let members = (0..<n).filter(eligible)
            let m = members.count
            var cycles: [(mask: Int, cost: Int)] = []
            func orders(_ rest: [Int], _ prefix: [Int]) {
                // Every cyclic order starting at prefix[0], of 2…maxTour members.
                if prefix.count >= 2 {
                    let cycle = prefix.map { members[$0] }
                    if feasible(cycle) {
                        let cost = (0..<cycle.count).reduce(0) { $0 + empty(cycle[$1], cycle[($1 + 1) % cycle.count])!.metres }
                        cycles.append((prefix.reduce(0) { $0 | 1 << $1 }, cost))
                    }
                }
                guard prefix.count < options.maxTour else { return }
                for x in rest where x > prefix[0] { orders(rest.filter { $0 != x }, prefix + [x]) }
            }
            for a in 0..<m { orders(Array(0..<m).filter { $0 != a }, [a]) }
            var best = [Int](repeating: Int.max, count: 1 << m)
            best[0] = 0
            for mask in 1..<max(1, 1 << m) {
                let low = mask.trailingZeroBitCount
                var value = best[mask & ~(1 << low)] + empty(members[low], members[low])!.metres
                for c in cycles where c.mask & (1 << low) != 0 && c.mask & mask == c.mask {
                    let rest = best[mask & ~c.mask]
                    if rest != Int.max { value = min(value, rest + c.cost) }
                }
                best[mask] = value
            }
            return best[(1 << m) - 1]
        }
    }

    /// Checks what every result satisfies: each shipment exactly once,
    /// every tour feasible and correctly summed, totals and bounds.
    static func check(_ result: TourResult, _ reference: Reference, seed: UInt64) {
        var seen = [Int](repeating: 0, count: reference.n)
        for t in result.tours {
            #expect(t.shipments.count >= 2 && t.shipments.count <= reference.options.maxTour, "seed \(seed)")
            for i in t.shipments { seen[i] += 1 }
            #expect(reference.feasible(t.shipments), "seed \(seed): infeasible tour \(t.shipments)")
            #expect(t.legs.count == 2 * t.shipments.count)
            #expect(t.schedule.stops.count == 2 * t.shipments.count + 1)
        }
        for u in result.unpaired { seen[u.index] += 1 }
        #expect(seen.allSatisfy { $0 == 1 }, "seed \(seed): every shipment exactly once")
        #expect(result.emptyMetresAfter == result.emptyMetresBefore - result.tours.reduce(0) { $0 + $1.savingMetres })
        #expect(result.bound.assignmentEmptyMetres <= result.emptyMetresAfter, "seed \(seed)")
        #expect(result.bound.cycleEmptyMetres <= result.emptyMetresAfter, "seed \(seed)")
        #expect(result.emptyMetresAfter <= result.pairingEmptyMetres, "seed \(seed)")
        for u in result.unpaired where !reference.eligible(u.index) { #expect(u.reason == .unreachable) }
    }

    @Test(arguments: 0..<80)
    func withoutWindows(seed: Int) throws {
        let s = UInt64(seed)
        let problem = try Self.instance(seed: s, windows: false)
        for maxTour in [3, 4] {
            let options = Self.options(seed: s, maxTour: maxTour, windows: false, rules: seed % 2 == 0)
            Self.expectOptimal(problem, options, seed: s, label: "seed \(seed), maxTour \(maxTour)")
        }
    }

    /// The planner's result passes ``check(_:_:seed:)``, its bound is at or
    /// below the brute-force optimum, and its plan reaches it.
    static func expectOptimal(_ problem: PairingProblem, _ options: TourOptions, seed: UInt64, label: String) {
        let reference = Reference(problem: problem, options: options)
        let result = problem.tours(options: options)
        check(result, reference, seed: seed)
        let best = reference.optimum()
        #expect(result.bound.emptyMetres <= best, "\(label): bound above the optimum")
        #expect(result.emptyMetresAfter == best, "\(label): \(result.emptyMetresAfter) vs \(best)")
    }

    @Test(arguments: 0..<80)
    func withWindows(seed: Int) throws {
        let s = UInt64(seed) &+ 5_000
        let problem = try Self.instance(seed: s, windows: true)
        Self.expectOptimal(problem, Self.options(seed: s, maxTour: 3, windows: true, rules: false), seed: s, label: "seed \(seed)")
    }

    @Test(arguments: 0..<40)
    func withWindowsAndDrivingRules(seed: Int) throws {
        let s = UInt64(seed) &+ 9_000
        let problem = try Self.instance(seed: s, windows: true)
        Self.expectOptimal(problem, Self.options(seed: s, maxTour: 3, windows: true, rules: true), seed: s, label: "seed \(seed)")
    }

    /// With tours of at most 2, no driving rules and no tour limits, the
    /// same total saving as the exact pairing, to the metre, and the same
    /// reasons for the shipments alone.
    @Test(arguments: 0..<200)
    func maxTourTwoIsTheExactPairing(seed: Int) throws {
        let s = UInt64(seed) &+ 20_000
        let problem = try Self.instance(seed: s, maxCount: 14, windows: seed % 3 != 0)
        var options = Self.options(seed: s, maxTour: 2, windows: seed % 3 != 0, rules: false)
        options.maxTourMetres = nil
        let tours = problem.tours(options: options)
        let pairs = problem.pair(options: options.pairing)
        #expect(tours.savedMetres == pairs.savedMetres, "seed \(seed)")
        #expect(tours.tours.count == pairs.pairs.count)
        #expect(tours.bound.emptyMetres == tours.emptyMetresAfter, "the matching is exact")
        let reasons = Dictionary(uniqueKeysWithValues: pairs.unpaired.map { ($0.index, $0.reason) })
        for u in tours.unpaired { #expect(reasons[u.index] == u.reason, "seed \(seed): shipment \(u.index)") }
    }

    /// Larger instances: no exhaustive search, but every shipment once, every
    /// tour feasible, bounds below the plan, the plan no worse than pairs.
    @Test(arguments: 0..<8)
    func largerInstances(seed: Int) throws {
        let s = UInt64(seed) &+ 40_000
        let problem = try Self.instance(seed: s, maxCount: 50, windows: seed % 2 == 0)
        let options = Self.options(seed: s, maxTour: 3 + seed % 2, windows: seed % 2 == 0, rules: seed % 4 < 2)
        Self.check(problem.tours(options: options), Reference(problem: problem, options: options), seed: s)
    }
}
