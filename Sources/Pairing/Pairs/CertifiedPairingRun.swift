import Dispatch

/// One run of ``SpatialPairingProblem/pair(options:progress:)``: the state
/// of the candidate, evaluate, solve, price loop described there.
struct CertifiedPairingRun {
    let problem: SpatialPairingProblem
    let options: PairingOptions
    let progress: PairingProgress?
    let constraints: PairConstraints
    let n: Int
    /// Shipment indices in id order: vertex `r` of the matching graph is
    /// shipment `order[r]`.
    let order: [Int]
    let rank: [Int]
    /// Own empty return in metres, -1 without a route.
    let ownReturn: [Int]
    let loadedSeconds: [Int]
    /// Shipments with a loaded leg, an own return and a place in the space.
    let usable: [Bool]
    /// `Double(ownReturn)` for usable shipments, −∞ otherwise: the bonus of
    /// the candidate search (unusable shipments are never visited).
    let returnBonus: ShipmentSpace.Bonus
    /// The time keys of the pair searches (``PairTimes``), `nil` when time
    /// windows are ignored.
    let times: PairTimes?
    var evaluated = EvaluatedPairs()
    /// Edges of the matching graph, between ranks.
    var edges: [MatchingGraph.Edge] = []
    var statistics = PricingStatistics()
    let started = DispatchTime.now().uptimeNanoseconds
    /// A previous run of the same shipments to start from, and whether its
    /// legs still hold (``SpatialPairingProblem/rerun(options:from:reusingLegs:progress:)``).
    var restart: PairingRestart?
    var reusesLegs = false
    /// The first candidate set, kept for a restart when `keepsCandidates`.
    var firstCandidates: [(Int, Int)] = []
    var keepsCandidates = false
    /// Incremental pricing (see ``price(duals:perShipment:)``): per
    /// shipment, how many pairs its next search may take, and where its
    /// search stands under the current duals.
    var pricingQuota: [Int32] = []
    var pricingState: [PricingState] = []
    /// The rooms of the last pass's duals (empty before the first pass).
    var pricedRooms: [Double] = []
    /// Whether the duals changed since the last pricing pass.
    var dualsChanged = true
    /// ``halfBestSavings()``, once computed.
    var halfBest: Double?
    /// When a warm-started re-solve gives up (uptime nanoseconds): the
    /// time budget's end, `nil` without one.
    var deadline: UInt64?

    init(problem: SpatialPairingProblem, options: PairingOptions, progress: PairingProgress?) {
        self.problem = problem
        self.options = options
        self.progress = progress
        let shipments = problem.shipments
        n = shipments.count
        constraints = PairConstraints(shipments: shipments, options: options)
        order = (0..<n).sorted { a, b in
            let ia = shipments[a].id, ib = shipments[b].id
            return ia != ib ? ia < ib : a < b
        }
        var rank = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }
        self.rank = rank
        ownReturn = problem.ownReturns.map { $0?.metres ?? -1 }
        loadedSeconds = problem.loadedLegs.map { $0?.seconds ?? 0 }
        usable = (0..<n).map { problem.loadedLegs[$0] != nil && problem.ownReturns[$0] != nil && problem.space.contains($0) }
        let usable = usable, ownReturn = ownReturn
        returnBonus = problem.space.bonus((0..<n).map { usable[$0] ? Double(ownReturn[$0]) : -.infinity })
        statistics.usableShipments = usable.count { $0 }
        times = constraints.pairTimeKeys(loadedSeconds: loadedSeconds).map { problem.space.pairTimes(free: $0.free, latest: $0.latest) }
        if let seconds = options.pricingBudget.seconds {
            deadline = started &+ UInt64(max(0, min(seconds, 1e9)) * 1e9)
        }
    }

    // MARK: The loop

    mutating func execute() throws(PairingError) -> PairingResult {
        let (matching, graph, optimality, _) = try solve()
        return try finish(matching: matching, graph: graph, optimality: optimality)
    }

    /// The loop up to the final matching: candidates, legs, the first solve
    /// and the pricing rounds. Returns the matching, its graph, what is
    /// proven, and the certified matching (`nil` for greedy).
    mutating func solve() throws(PairingError) -> (Matching, MatchingGraph, PairingOptimality, CertifiedMatching?) {
        let k = max(1, options.candidatesPerShipment ?? SpatialPairingProblem.defaultCandidates)
        var clock = Lap()
        var candidates: [(Int, Int)]
        if let restart, options.strategy != .greedy {
            // A rerun starts from the previous run's first candidates and
            // final candidate graph, without a new search: pairs the new
            // options exclude drop out when evaluated, pairs they admit are
            // found by the pricing.
            candidates = Self.union(restart.initialCandidates, restart.edgePairs)
        } else if let restart, restart.hasSameCandidates(problem: problem, options: options) {
            // Greedy depends on its candidates: the same search as the
            // previous run's (only the strategy differs) has its result.
            candidates = restart.initialCandidates
        } else {
            candidates = initialCandidates(k)
        }
        if keepsCandidates { firstCandidates = candidates }
        statistics.seconds.candidates += clock.lap()
        statistics.initialCandidatePairs = candidates.count
        try evaluate(candidates, phase: "routing candidate pairs")

        var graph = MatchingGraph(trustedVertexCount: n, edges: edges)
        progress?("matching", 0, 1)
        if options.strategy == .greedy {
            return (graph.greedyMatching(), graph, .notOptimal, nil)
        }
        clock = Lap()
        var solved: CertifiedMatching
        if let previous = restart?.solved, options.strategy == .blossom {
            solved = graph.maximumWeightMatching(warmStartingFrom: previous, on: graph)
        } else {
            solved = graph.maximumWeightMatching(using: options.strategy == .cubicBlossom ? .cubicBlossom : .blossom)
        }
        statistics.seconds.firstSolve += clock.lap()
        var optimality = PairingOptimality.certified
        // Pairs priced on the checkpoint duals of the last re-solve, already
        // evaluated (the edges from this index on): solved before the next
        // pricing pass (``resolve(_:from:on:perShipment:)``).
        var presolvedFrom: Int?
        // `graph` is built from `edges[..<graphEdges]`; edges after it
        // wait for the next re-solve.
        var graphEdges = edges.count
        // Pairs of a focused pass that found few, left for the pass that
        // completes it under the same duals (``fewPairs``).
        var pending = false
        while true {
            var largestRoom: [Double] = []
            if let from = presolvedFrom {
                presolvedFrom = nil
                assert(from == graphEdges)
            } else {
                progress?("pricing (round \(statistics.pricingRounds + 1))", 0, 1)
                clock = Lap()
                let found: [(Int, Int)], complete: Bool
                (found, largestRoom, complete) = price(duals: solved.duals, perShipment: k)
                dualsChanged = false
                statistics.seconds.pricing += clock.lap()
                statistics.pricingRounds += 1
                if found.isEmpty && !pending {
                    // Certified once every shipment has searched under these
                    // duals; after a focused pass, the others search next.
                    if complete { break }
                    continue
                }
                if pending {
                    // The rooms of this pass leave out the pairs found before
                    // it and not yet solved: only the bound without the
                    // duals holds if the loop stops here.
                    largestRoom = [Double](repeating: .infinity, count: n)
                }
                if let reason = budgetExhausted() {
                    statistics.stoppedBy = reason
                    optimality = .bounded(maximumSavingMetres: upperBound(solved.duals, largestRoom: largestRoom))
                    break
                }
                if let tolerance = options.pricingBudget.relativeGap {
                    let bound = upperBound(solved.duals, largestRoom: largestRoom), found = solved.matching.totalWeight
                    if Double(bound - found) <= tolerance * Double(found) {
                        statistics.stoppedBy = "the gap tolerance of \(100 * tolerance) %"
                        optimality = .bounded(maximumSavingMetres: bound)
                        break
                    }
                }
                statistics.pairsPriced += found.count
                try evaluate(found, phase: "routing priced pairs")
                // A focused pass that found few: the rest of the pass, under
                // the same duals, comes before the re-solve, so that one
                // re-solve takes what several would.
                if !complete && found.count < fewPairs {
                    statistics.pricingRoundsCompletedBeforeSolves += 1
                    pending = true
                    continue
                }
            }
            pending = false
            let u = solved.duals.vertexDuals
            var violations = 0
            for e in edges[graphEdges...] where 2 * e.weight > u[e.u] + u[e.v] { violations += 1 }
            statistics.violations += violations
            let bigger = MatchingGraph(extending: graph, with: edges[graphEdges...])
            assert(bigger._isSame(as: MatchingGraph(trustedVertexCount: n, edges: edges)), "the extended graph differs")
            let biggerEdges = edges.count
            if violations > 0 {
                progress?("matching (warm start)", 0, 1)
                let again: CertifiedMatching?
                var record: PricingStatistics.Resolve
                (again, presolvedFrom, record) = try resolve(bigger, from: solved, on: graph, perShipment: k)
                record.newEdges = biggerEdges - graphEdges
                record.violations = violations
                statistics.resolves.append(record)
                guard let again else {
                    // The budget ran out inside the re-solve: keep the optimum
                    // of the graph before it. This pass's rooms were priced
                    // against its duals, the new pairs included, so the
                    // bound holds. (Runs with a time budget take no
                    // checkpoint, so this pass was priced on those duals.)
                    statistics.stoppedBy = "the time budget of \(options.pricingBudget.seconds ?? 0) s (during a re-solve)"
                    optimality = .bounded(maximumSavingMetres: upperBound(solved.duals, largestRoom: largestRoom))
                    break
                }
                solved = again
                dualsChanged = true
            }
            graph = bigger
            graphEdges = biggerEdges
        }
        do {
            try solved.duals.certify(solved.matching, on: graph)
        } catch {
            throw .certificate(error)
        }
        return (solved.matching, graph, optimality, solved)
    }

    /// A focused pricing pass that finds fewer pairs than this is completed
    /// under the same duals before the re-solve. At 310,000 national rows
    /// the last passes found 2–94 pairs each, and each re-solve (with its
    /// graph and warm start) cost about 0.7 s, against 3.5 s for the pass
    /// that completes them; one in 3,000 shipments, at least 16.
    var fewPairs: Int { max(16, n / 3_000) }

    /// Two sorted pair lists merged, without repeats.
    static func union(_ a: [(Int, Int)], _ b: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let next: (Int, Int)
            if j == b.count || (i < a.count && a[i] < b[j]) {
                next = a[i]; i += 1
            } else {
                next = b[j]; j += 1
            }
            if out.last.map({ $0 != next }) ?? true { out.append(next) }
        }
        return out
    }

    /// Why the pricing must stop now, or `nil`.
    func budgetExhausted() -> String? {
        let budget = options.pricingBudget
        if statistics.pricingRounds >= budget.maximumRounds { return "\(budget.maximumRounds) pricing rounds" }
        if evaluated.count >= budget.maximumEvaluatedPairs { return "\(budget.maximumEvaluatedPairs) evaluated pairs" }
        if let seconds = budget.seconds, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 > seconds {
            return "the time budget of \(seconds) s"
        }
        return nil
    }

    // MARK: Candidates

    /// Whether `(i, j)` is infeasible whatever its exact legs: body type or
    /// vehicle, or — with the shortest legs the bound allows — time
    /// windows or the deadhead limit. (Every order's timing and deadhead
    /// test only gets harder as legs get longer, so failing with the
    /// bound's legs means failing with the real ones.)
    @inline(__always)
    func excludedWithoutLegs(_ i: Int, _ j: Int) -> Bool {
        let space = problem.space
        return excludedWithoutLegs(i, j, space.emptyLegLowerBound(from: i, to: j), space.emptyLegLowerBound(from: j, to: i))
    }

    /// ``excludedWithoutLegs(_:_:)`` with the two arcs' metre bounds known.
    @inline(__always)
    func excludedWithoutLegs(_ i: Int, _ j: Int, _ ij: Double, _ ji: Double) -> Bool {
        if constraints.staticExclusion(i, j) != nil { return true }
        guard !options.ignoreTimeWindows || options.maxDeadheadMetres != nil else { return false }
        let bound = problem.space.bound
        var ab = bound.leg(metres: ij), ba = bound.leg(metres: ji)
        if let landmarks = problem.landmarks {
            ab = landmarks.refined(ab, from: i, to: j)
            ba = landmarks.refined(ba, from: j, to: i)
        }
        if case .excluded = outcome(i, j, ab: ab, ba: ba) { return true }
        return false
    }

    /// The two arcs' metre bounds `(i → j, j → i)` from the space, raised
    /// to the landmark bounds where the problem has them (road graphs). The
    /// space's search prunes with its own (smaller) bounds, so every pair
    /// the refined bounds admit is still enumerated; the refined ones only
    /// drop pairs after that.
    @inline(__always)
    func refined(_ i: Int, _ j: Int, _ ij: Double, _ ji: Double) -> (Double, Double) {
        guard let landmarks = problem.landmarks else { return (ij, ji) }
        return (max(ij, Double(landmarks.emptyLegMetres(from: i, to: j))),
                max(ji, Double(landmarks.emptyLegMetres(from: j, to: i))))
    }

    /// Up to `k` first candidates per usable shipment, as pairs `(a, b)`,
    /// `a < b`, sorted and without repeats, spread so that no shipment is
    /// everyone's choice.
    ///
    /// Each shipment lists the ``spreadListFactor``·`k` best pairs it owns
    /// by the upper bound on the saving. Then, rank by rank, every
    /// shipment with fewer than `k` pairs takes its next choice if that
    /// partner has been taken fewer than `k` times. Without the cap, the
    /// copies of a lane with the longest own returns have the largest
    /// bounds for every partner and take all the proposals, and the first
    /// solve can pair only as many as there are such copies: on 100,000
    /// national rows it reached 63 % of the optimum with each shipment's
    /// 10 best, 83 % spread this way. The certificate does not depend on
    /// the first candidates (the pricing finds every pair they miss).
    ///
    /// - Complexity: one best-`4k` search per shipment; O(n·k) memory.
    func initialCandidates(_ k: Int) -> [(Int, Int)] {
        let space = problem.space, usable = usable, ownReturn = ownReturn, bonus = returnBonus
        let listed = Self.spreadListFactor * k
        let chunks = parallelChunks(count: n, threads: options.threads) { [self] range -> [Int32] in
            // Rows of PairSpread: the shipment, the count, its choices best first.
            var out: [Int32] = []
            var best: [(ub: Double, j: Int)] = []
            best.reserveCapacity(listed + 1)
            for i in range where usable[i] {
                best.removeAll(keepingCapacity: true)
                let ri = Double(ownReturn[i])
                space.forEachPair(with: i, below: ri, bonus: bonus, bonusCap: ri, ownedOnly: true, times: times) { j, ij, ji, limit in
                    // Pairs are owned by the end with the longer return.
                    guard ownReturn[j] < ownReturn[i] || (ownReturn[j] == ownReturn[i] && j > i) else { return }
                    let (ij, ji) = refined(i, j, ij, ji)
                    let ub = ri + Double(ownReturn[j]) - ij - ji
                    guard ub > 0, !excludedWithoutLegs(i, j, ij, ji) else { return }
                    var x = best.count
                    while x > 0 && (best[x - 1].ub < ub || (best[x - 1].ub == ub && best[x - 1].j > j)) { x -= 1 }
                    guard x < listed else { return }
                    best.insert((ub, j), at: x)
                    if best.count > listed { best.removeLast() }
                    if best.count == listed { limit = ri - best[listed - 1].ub }
                }
                out.append(Int32(truncatingIfNeeded: i))
                out.append(Int32(best.count))
                for b in best { out.append(Int32(truncatingIfNeeded: b.j)) }
            }
            return out
        }
        return Self.distinctPairs(PairSpread.choose(chunks.flatMap { $0 }, shipments: n, cap: k) { _ in k }.keys)
    }

    /// The pairs of ``EvaluatedPairs/key(_:_:)`` keys, sorted, without
    /// repeats.
    static func distinctPairs(_ keys: consuming [UInt64]) -> [(Int, Int)] {
        // Consumed, so sorting does not copy the caller's array.
        keys.sort()
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(keys.count)
        var previous: UInt64 = 0
        for key in keys where key != previous {
            previous = key
            pairs.append(EvaluatedPairs.pair(key))
        }
        return pairs
    }

    // MARK: Legs

    /// Computes the legs of `pairs` not yet evaluated (in blocks, so memory
    /// stays bounded) and adds the feasible pairs with a positive saving to
    /// the matching graph.
    mutating func evaluate(_ pairs: [(Int, Int)], phase: String) throws(PairingError) {
        var clock = Lap()
        defer { statistics.seconds.legs += clock.lap() }
        let block = 1 << 19
        var done = 0
        var start = 0
        while start < pairs.count {
            let slice = pairs[start..<min(pairs.count, start + block)]
            start += block
            // A rerun over the same legs takes those of the previous run
            // instead of asking the source again (`cache`: legs per slice
            // position, `missing`: the positions the source computes).
            let cache = reusesLegs ? restart?.evaluated : nil
            var legs: [Leg?] = []
            var missing: [Int] = []
            var arcs: [ShipmentArc] = []
            arcs.reserveCapacity(2 * slice.count)
            if cache != nil { legs = [Leg?](repeating: nil, count: 2 * slice.count) }
            for (x, (a, b)) in slice.enumerated() {
                if let cache, let slot = cache.slot(a, b) {
                    legs[2 * x] = cache.leg(at: slot, from: a)
                    legs[2 * x + 1] = cache.leg(at: slot, from: b)
                    continue
                }
                if cache != nil { missing.append(x) }
                arcs.append(ShipmentArc(from: a, to: b))
                arcs.append(ShipmentArc(from: b, to: a))
            }
            var computed: [Leg?] = []
            if !arcs.isEmpty {
                do {
                    computed = try problem.legs.legs(arcs)
                } catch {
                    throw .legs("\(error)")
                }
            }
            guard computed.count == arcs.count else {
                throw .legs("the leg source returned \(computed.count) legs for \(arcs.count) arcs")
            }
            statistics.legsComputed += arcs.count
            if cache == nil {
                legs = computed
            } else {
                for (y, x) in missing.enumerated() {
                    legs[2 * x] = computed[2 * y]
                    legs[2 * x + 1] = computed[2 * y + 1]
                }
            }
            for (x, (a, b)) in slice.enumerated() {
                let ab = legs[2 * x], ba = legs[2 * x + 1]
                if let ab, !ab.isInRange { throw .legs("leg \(a)→\(b) out of range: \(ab)") }
                if let ba, !ba.isInRange { throw .legs("leg \(b)→\(a) out of range: \(ba)") }
                guard !evaluated.contains(a, b) else { continue }
                evaluated.insert(a, b, ab: ab, ba: ba)
                if let saving = feasibleSaving(a, b, ab: ab, ba: ba) {
                    edges.append(MatchingGraph.Edge(rank[a], rank[b], weight: saving))
                }
            }
            done += slice.count
            progress?(phase, done, pairs.count)
        }
        statistics.pairsEvaluated = evaluated.count
    }

    /// The saving of `(a, b)` when it is positive and every constraint holds.
    func feasibleSaving(_ a: Int, _ b: Int, ab: Leg?, ba: Leg?) -> Int? {
        guard usable[a], usable[b], let ab, let ba else { return nil }
        let saving = ownReturn[a] + ownReturn[b] - ab.metres - ba.metres
        guard saving > 0 else { return nil }
        guard case .feasible = outcome(a, b, ab: ab, ba: ba) else { return nil }
        return saving
    }

    func outcome(_ a: Int, _ b: Int, ab: Leg, ba: Leg) -> PairConstraints.Outcome {
        constraints.evaluate(
            a, b, loadedA: loadedSeconds[a], loadedB: loadedSeconds[b],
            abMetres: ab.metres, abSeconds: ab.seconds, baMetres: ba.metres, baSeconds: ba.seconds)
    }
}

extension MatchingDuals {
    /// The number of vertices in every blossom.
    func blossomSizes() -> [Int] {
        var sizes = [Int](repeating: 0, count: blossomCount)
        for v in 0..<vertexBlossoms.count {
            var b = vertexBlossoms[v]
            while b >= 0 {
                sizes[b] += 1
                b = blossomParents[b]
            }
        }
        return sizes
    }
}
