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
    var evaluated = EvaluatedPairs()
    /// Edges of the matching graph, between ranks.
    var edges: [MatchingGraph.Edge] = []
    var statistics = PricingStatistics()
    let started = DispatchTime.now().uptimeNanoseconds

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
    }

    // MARK: The loop

    mutating func execute() throws(PairingError) -> PairingResult {
        let k = max(1, options.candidatesPerShipment ?? SpatialPairingProblem.defaultCandidates)
        let candidates = initialCandidates(k)
        statistics.initialCandidatePairs = candidates.count
        try evaluate(candidates, phase: "routing candidate pairs")

        var graph = MatchingGraph(trustedVertexCount: n, edges: edges)
        progress?("matching", 0, 1)
        if options.strategy == .greedy {
            let matching = graph.greedyMatching()
            return try finish(matching: matching, graph: graph, optimality: .notOptimal)
        }
        var solved = graph.maximumWeightMatching(using: options.strategy == .cubicBlossom ? .cubicBlossom : .blossom)
        var optimality = PairingOptimality.certified
        while true {
            progress?("pricing (round \(statistics.pricingRounds + 1))", 0, 1)
            let found = price(duals: solved.duals)
            statistics.pricingRounds += 1
            if found.isEmpty { break }
            if let reason = budgetExhausted() {
                statistics.stoppedBy = reason
                optimality = .bounded(maximumSavingMetres: upperBound(solved.duals, violations: found))
                break
            }
            statistics.pairsPriced += found.count
            let before = edges.count
            try evaluate(found.map { ($0.a, $0.b) }, phase: "routing priced pairs")
            let u = solved.duals.vertexDuals
            var violations = 0
            for e in edges[before...] where 2 * e.weight > u[e.u] + u[e.v] { violations += 1 }
            statistics.violations += violations
            let bigger = MatchingGraph(trustedVertexCount: n, edges: edges)
            if violations > 0 {
                progress?("matching (warm start)", 0, 1)
                solved = bigger.maximumWeightMatching(warmStartingFrom: solved, on: graph)
            }
            graph = bigger
        }
        do {
            try solved.duals.certify(solved.matching, on: graph)
        } catch {
            throw .certificate(error)
        }
        return try finish(matching: solved.matching, graph: graph, optimality: optimality)
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

    // MARK: Candidates and pricing

    /// Whether `(i, j)` can be ruled out without travel times: body type,
    /// vehicle, or a deadhead limit both orders exceed by bound.
    @inline(__always)
    func excludedWithoutLegs(_ i: Int, _ j: Int) -> Bool {
        if constraints.staticExclusion(i, j) != nil { return true }
        if let limit = options.maxDeadheadMetres {
            let space = problem.space
            let l = Double(limit)
            if space.emptyLegLowerBound(from: i, to: j) > l && space.emptyLegLowerBound(from: j, to: i) > l { return true }
        }
        return false
    }

    /// Every usable shipment's `k` best partners by the upper bound on the
    /// saving, as pairs `(a, b)`, `a < b`, sorted and without repeats.
    func initialCandidates(_ k: Int) -> [(Int, Int)] {
        let space = problem.space, usable = usable, ownReturn = ownReturn, bonus = returnBonus
        let chunks = parallelChunks(count: n, threads: options.threads) { [self] range -> [UInt64] in
            var out: [UInt64] = []
            var best: [(ub: Double, j: Int)] = []
            best.reserveCapacity(k + 1)
            for i in range where usable[i] {
                best.removeAll(keepingCapacity: true)
                let ri = Double(ownReturn[i])
                space.forEachPair(with: i, below: ri, bonus: bonus) { j, lb, limit in
                    guard !excludedWithoutLegs(i, j) else { return }
                    let ub = ri + Double(ownReturn[j]) - lb
                    guard ub > 0 else { return }
                    var x = best.count
                    while x > 0 && (best[x - 1].ub < ub || (best[x - 1].ub == ub && best[x - 1].j > j)) { x -= 1 }
                    guard x < k else { return }
                    best.insert((ub, j), at: x)
                    if best.count > k { best.removeLast() }
                    if best.count == k { limit = ri - best[k - 1].ub }
                }
                for b in best { out.append(EvaluatedPairs.key(i, b.j)) }
            }
            return out
        }
        var keys = chunks.flatMap { $0 }
        keys.sort()
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(keys.count)
        var previous: UInt64 = 0
        for key in keys where key != previous {
            previous = key
            let k = key &- 1
            pairs.append((Int(k >> 32), Int(k & 0xFFFF_FFFF)))
        }
        return pairs
    }

    /// The pairs not yet evaluated whose bound leaves room to violate the
    /// duals: `ub(i, j) > y_i + y_j` (`y = u/2`), each once (`a < b`), with
    /// the amount `ub − y_a − y_b` by which they might.
    func price(duals: MatchingDuals) -> [(a: Int, b: Int, excess: Double)] {
        let space = problem.space, usable = usable, ownReturn = ownReturn, rank = rank, evaluated = evaluated
        let u = duals.vertexDuals
        let room = (0..<n).map { usable[$0] ? Double(ownReturn[$0]) - Double(u[rank[$0]]) / 2 : -.infinity }
        let bonus = space.bonus(room)
        let chunks = parallelChunks(count: n, threads: options.threads) { [self] range -> [(a: Int, b: Int, excess: Double)] in
            var out: [(a: Int, b: Int, excess: Double)] = []
            for i in range where usable[i] {
                let limit = room[i]
                space.forEachPair(with: i, below: limit, bonus: bonus) { j, lb, _ in
                    guard j > i, !evaluated.contains(i, j), !excludedWithoutLegs(i, j) else { return }
                    out.append((i, j, limit + room[j] - lb))
                }
            }
            return out
        }
        return chunks.flatMap { $0 }
    }

    /// A proven upper bound on the optimum saving when pricing stops with
    /// `violations` left: the dual objective with each shipment's dual
    /// raised by its largest remaining excess, which makes the dual
    /// feasible for every pair.
    func upperBound(_ duals: MatchingDuals, violations: [(a: Int, b: Int, excess: Double)]) -> Int {
        var raise = [Double](repeating: 0, count: n)
        for v in violations { raise[v.a] = max(raise[v.a], v.excess) }
        let doubled = duals.doubledObjective(blossomSizes: duals.blossomSizes())
        let bound = Double(doubled) / 2 + raise.reduce(0, +)
        return Int(bound.rounded(.down))
    }

    // MARK: Legs

    /// Computes the legs of `pairs` not yet evaluated (in blocks, so memory
    /// stays bounded) and adds the feasible pairs with a positive saving to
    /// the matching graph.
    mutating func evaluate(_ pairs: [(Int, Int)], phase: String) throws(PairingError) {
        let block = 1 << 19
        var done = 0
        var start = 0
        while start < pairs.count {
            let slice = pairs[start..<min(pairs.count, start + block)]
            start += block
            var arcs: [ShipmentArc] = []
            arcs.reserveCapacity(2 * slice.count)
            for (a, b) in slice {
                arcs.append(ShipmentArc(from: a, to: b))
                arcs.append(ShipmentArc(from: b, to: a))
            }
            let legs: [Leg?]
            do {
                legs = try problem.legs.legs(arcs)
            } catch {
                throw .legs("\(error)")
            }
            guard legs.count == arcs.count else {
                throw .legs("the leg source returned \(legs.count) legs for \(arcs.count) arcs")
            }
            statistics.legsComputed += arcs.count
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
