import Testing
@testable import Pairing

/// Random pairing problems with every constraint, checked against a
/// reference written independently here: feasibility with an optional clock,
/// the best total over all matchings of feasible pairs by exhaustive
/// search, and the documented precedence of unpaired reasons.
@Suite struct ConstraintsBruteForceTests {
    /// A random problem on the plane: n ≤ 12, random windows, body types,
    /// vehicles, a few legs without a route.
    static func problem(seed: UInt64, maxCount: Int = 12) throws -> (PairingProblem, PairingOptions) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 0...maxCount, using: &rng)
        let cities: [(Double, Double)] = (0..<5).map { _ in (.random(in: 0..<300, using: &rng), .random(in: 0..<300, using: &rng)) }
        func near(_ c: (Double, Double)) -> (Double, Double) {
            (c.0 + .random(in: -15..<15, using: &rng), c.1 + .random(in: -15..<15, using: &rng))
        }
        let bodies: [BodyType?] = [nil, nil, .dryVan, .tautliner, .reefer, .tanker]
        let specs = (0..<n).map { i -> PlaneShipment in
            let from = near(cities.randomElement(using: &rng)!)
            let to = near(cities.randomElement(using: &rng)!)
            let pe: Double? = Bool.random(using: &rng) ? .random(in: 0..<10, using: &rng) : nil
            let pl: Double? = Bool.random(using: &rng) ? (pe ?? 0) + .random(in: 0..<6, using: &rng) : nil
            let dl: Double? = Int.random(in: 0..<3, using: &rng) == 0 ? (pe ?? 0) + .random(in: 4..<20, using: &rng) : nil
            return PlaneShipment(
                id: "s\(Int.random(in: 0..<1000, using: &rng))-\(i)", from: from, to: to,
                bodyType: bodies.randomElement(using: &rng)!,
                vehicle: [nil, nil, "artic-40t", "rigid-26t"].randomElement(using: &rng)!,
                pickupEarliest: pe, pickupLatest: pl, deliveryLatest: dl)
        }
        var noRoute: Set<[Int]> = []
        var noLoaded: Set<Int> = []
        for i in 0..<n {
            if Int.random(in: 0..<25, using: &rng) == 0 { noLoaded.insert(i) }
            for j in 0..<n where Int.random(in: 0..<30, using: &rng) == 0 { noRoute.insert([i, j]) }
        }
        let options = PairingOptions(
            ignoreBodyType: Int.random(in: 0..<4, using: &rng) == 0,
            ignoreTimeWindows: Int.random(in: 0..<4, using: &rng) == 0,
            handlingSeconds: [0, 1800, 2700][Int.random(in: 0..<3, using: &rng)],
            maxDeadheadMetres: Bool.random(using: &rng) ? Int.random(in: 5_000...60_000, using: &rng) : nil)
        return (try PlaneScenario.problem(specs, noRoute: noRoute, noLoadedRoute: noLoaded), options)
    }

    @Test(arguments: 0..<300)
    func optimalPairingMatchesTheReference(seed: Int) throws {
        let (problem, options) = try Self.problem(seed: UInt64(seed))
        let reference = Reference(problem: problem, options: options)
        let result = problem.pair(options: options)
        reference.check(result, seed: seed)
        #expect(result.savedMetres == reference.bestTotalSaving(), "seed \(seed)")
    }

    @Test(arguments: 0..<100)
    func greedyPairingIsConsistent(seed: Int) throws {
        let (problem, options) = try Self.problem(seed: UInt64(seed) &+ 10_000)
        var greedyOptions = options
        greedyOptions.strategy = .greedy
        let reference = Reference(problem: problem, options: greedyOptions)
        let result = problem.pair(options: greedyOptions)
        reference.check(result, seed: seed)
        #expect(result.savedMetres <= reference.bestTotalSaving())
        #expect(2 * result.savedMetres >= reference.bestTotalSaving())
    }

    /// Larger problems (up to 80 shipments): no exhaustive search, but every
    /// shipment exactly once, feasible pairs, consistent reasons.
    @Test(arguments: 0..<30)
    func everyShipmentExactlyOnce(seed: Int) throws {
        let (problem, options) = try Self.problem(seed: UInt64(seed) &+ 20_000, maxCount: 80)
        Reference(problem: problem, options: options).check(problem.pair(options: options), seed: seed)
    }
}

/// The reference model, written from the documentation.
struct Reference {
    let problem: PairingProblem
    let options: PairingOptions
    let n: Int

    init(problem: PairingProblem, options: PairingOptions) {
        self.problem = problem
        self.options = options
        n = problem.shipments.count
    }

    func ownReturn(_ i: Int) -> Leg? { problem.emptyLegs[from: i, to: i] }
    func unreachable(_ i: Int) -> Bool { problem.loadedLegs[i] == nil || ownReturn(i) == nil }

    /// The clock model of `docs/pairing.md`, with `nil` meaning "as early
    /// as needed".
    func fits(first f: Int, second s: Int) -> Bool {
        let a = problem.shipments[f], b = problem.shipments[s]
        let h = options.handlingSeconds
        guard let reposition = problem.emptyLegs[from: f, to: s], let lf = problem.loadedLegs[f], let ls = problem.loadedLegs[s]
        else { return false }
        var clock: Int64? = a.pickupEarliest?.seconds
        if let c = clock, let pl = a.pickupLatest?.seconds, c > pl { return false }
        clock = clock.map { $0 + Int64(h + lf.seconds) }
        if let c = clock, let dl = a.deliveryLatest?.seconds, c > dl { return false }
        clock = clock.map { $0 + Int64(h + reposition.seconds) }
        if let c = clock, let pl = b.pickupLatest?.seconds, c > pl { return false }
        if let pe = b.pickupEarliest?.seconds { clock = max(clock ?? pe, pe) }
        clock = clock.map { $0 + Int64(h + ls.seconds) }
        if let c = clock, let dl = b.deliveryLatest?.seconds, c > dl { return false }
        return true
    }

    enum Verdict: Equatable {
        case noRoute, noSaving
        case excluded(UnpairedReason, saving: Int)
        case feasible(saving: Int, firstIsI: Bool, reposition: Int)
    }

    /// The pair (i, j) where i has the smaller id.
    func verdict(_ i: Int, _ j: Int) -> Verdict {
        guard let ij = problem.emptyLegs[from: i, to: j], let ji = problem.emptyLegs[from: j, to: i],
            let ri = ownReturn(i), let rj = ownReturn(j)
        else { return .noRoute }
        let saving = ri.metres + rj.metres - ij.metres - ji.metres
        if saving <= 0 { return .noSaving }
        let a = problem.shipments[i], b = problem.shipments[j]
        if !options.ignoreBodyType, let x = a.bodyType, let y = b.bodyType, !x.isCompatible(with: y) {
            return .excluded(.bodyType, saving: saving)
        }
        if options.requireSameVehicle, let x = a.vehicle, let y = b.vehicle, x != y { return .excluded(.vehicle, saving: saving) }
        var orders: [(firstIsI: Bool, reposition: Int)] = [(true, ij.metres), (false, ji.metres)]
        if !options.ignoreTimeWindows {
            orders = orders.filter { fits(first: $0.firstIsI ? i : j, second: $0.firstIsI ? j : i) }
            if orders.isEmpty { return .excluded(.timeWindow, saving: saving) }
        }
        if let limit = options.maxDeadheadMetres {
            orders = orders.filter { $0.reposition <= limit }
            if orders.isEmpty { return .excluded(.maxDeadhead, saving: saving) }
        }
        let best = orders.min { $0.reposition < $1.reposition }!
        return .feasible(saving: saving, firstIsI: best.firstIsI, reposition: best.reposition)
    }

    func id(_ i: Int) -> String { problem.shipments[i].id }

    /// The verdict for i and j in either order.
    func verdictEitherWay(_ i: Int, _ j: Int) -> Verdict {
        id(i) < id(j) ? verdict(i, j) : verdict(j, i)
    }

    func feasibleSaving(_ i: Int, _ j: Int) -> Int? {
        if unreachable(i) || unreachable(j) { return nil }
        if case .feasible(let s, _, _) = verdictEitherWay(i, j) { return s }
        return nil
    }

    /// The best total saving over all matchings of feasible pairs.
    func bestTotalSaving() -> Int {
        var edges: [MatchingGraph.Edge] = []
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                if let s = feasibleSaving(i, j) { edges.append(.init(i, j, weight: s)) }
            }
        }
        return bruteForceMaximumMatchingWeight(vertexCount: n, edges: edges)
    }

    func expectedReason(_ i: Int, matched: Set<Int>) -> UnpairedReason {
        if unreachable(i) { return .unreachable }
        let partners = (0..<n).filter { $0 != i && !unreachable($0) }
        let verdicts = partners.map { (j: $0, v: verdictEitherWay(i, $0)) }
        if !verdicts.isEmpty && verdicts.allSatisfy({ $0.v == .noRoute }) { return .unreachable }
        var positive: [(j: Int, saving: Int, reason: UnpairedReason?)] = []
        for (j, v) in verdicts {
            switch v {
            case .noRoute, .noSaving: break
            case .excluded(let r, let s): positive.append((j, s, r))
            case .feasible(let s, _, _): positive.append((j, s, nil))
            }
        }
        if positive.isEmpty { return .noSaving }
        let feasible = positive.filter { $0.reason == nil }
        if !feasible.isEmpty {
            // Optimal and greedy both leave no feasible partner exposed.
            #expect(feasible.allSatisfy { matched.contains($0.j) }, "a feasible partner of \(id(i)) is unpaired")
            return .partnersTaken
        }
        let best = positive.min { x, y in x.saving != y.saving ? x.saving > y.saving : id(x.j) < id(y.j) }!
        return best.reason!
    }

    /// Every shipment exactly once; pairs feasible with the right numbers
    /// and order; unpaired with the right reason; totals add up.
    func check(_ result: PairingResult, seed: Int) {
        var seen = [Int](repeating: 0, count: n)
        var matched = Set<Int>()
        for p in result.pairs {
            seen[p.a] += 1
            seen[p.b] += 1
            matched.insert(p.a)
            matched.insert(p.b)
            #expect(id(p.a) < id(p.b), "a has the smaller id")
            guard case .feasible(let saving, let firstIsA, let reposition) = verdict(p.a, p.b) else {
                Issue.record("seed \(seed): pair \(id(p.a)), \(id(p.b)) is not feasible: \(verdict(p.a, p.b))")
                continue
            }
            #expect(p.savingMetres == saving)
            #expect(p.first == (firstIsA ? p.a : p.b), "seed \(seed): order of \(id(p.a)), \(id(p.b))")
            #expect(p.repositionMetres == reposition)
            #expect(p.emptyMetresBefore - p.emptyMetresAfter == p.savingMetres)
        }
        for u in result.unpaired {
            seen[u.index] += 1
            #expect(u.reason == expectedReason(u.index, matched: matched), "seed \(seed): reason of \(id(u.index))")
        }
        #expect(seen.allSatisfy { $0 == 1 }, "seed \(seed): every shipment exactly once")
        #expect(result.unpaired.map { id($0.index) } == result.unpaired.map { id($0.index) }.sorted())
        #expect(result.pairs.map { id($0.a) } == result.pairs.map { id($0.a) }.sorted())
        let before = (0..<n).filter { !unreachable($0) }.reduce(0) { $0 + ownReturn($1)!.metres }
        #expect(result.emptyMetresBefore == before)
        #expect(result.savedMetres == result.pairs.reduce(0) { $0 + $1.savingMetres })
    }
}
