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
        var clock = Lap()
        let candidates = initialCandidates(k)
        statistics.seconds.candidates += clock.lap()
        statistics.initialCandidatePairs = candidates.count
        try evaluate(candidates, phase: "routing candidate pairs")

        var graph = MatchingGraph(trustedVertexCount: n, edges: edges)
        progress?("matching", 0, 1)
        if options.strategy == .greedy {
            let matching = graph.greedyMatching()
            return try finish(matching: matching, graph: graph, optimality: .notOptimal)
        }
        clock = Lap()
        var solved = graph.maximumWeightMatching(using: options.strategy == .cubicBlossom ? .cubicBlossom : .blossom)
        statistics.seconds.firstSolve += clock.lap()
        var optimality = PairingOptimality.certified
        while true {
            progress?("pricing (round \(statistics.pricingRounds + 1))", 0, 1)
            clock = Lap()
            let (found, largestRoom) = price(duals: solved.duals, perShipment: k)
            statistics.seconds.pricing += clock.lap()
            statistics.pricingRounds += 1
            if found.isEmpty { break }
            if let reason = budgetExhausted() {
                statistics.stoppedBy = reason
                optimality = .bounded(maximumSavingMetres: upperBound(solved.duals, largestRoom: largestRoom))
                break
            }
            statistics.pairsPriced += found.count
            let before = edges.count
            try evaluate(found, phase: "routing priced pairs")
            let u = solved.duals.vertexDuals
            var violations = 0
            for e in edges[before...] where 2 * e.weight > u[e.u] + u[e.v] { violations += 1 }
            statistics.violations += violations
            let bigger = MatchingGraph(trustedVertexCount: n, edges: edges)
            if violations > 0 {
                progress?("matching (warm start)", 0, 1)
                clock = Lap()
                solved = bigger.maximumWeightMatching(warmStartingFrom: solved, on: graph)
                statistics.seconds.warmSolves += clock.lap()
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
        if case .excluded = outcome(i, j, ab: bound.leg(metres: ij), ba: bound.leg(metres: ji)) { return true }
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
                space.forEachPair(with: i, below: ri, bonus: bonus, bonusCap: ri) { j, ij, ji, limit in
                    // Pairs are owned by the end with the longer return.
                    guard ownReturn[j] < ownReturn[i] || (ownReturn[j] == ownReturn[i] && j > i) else { return }
                    guard !excludedWithoutLegs(i, j, ij, ji) else { return }
                    let ub = ri + Double(ownReturn[j]) - ij - ji
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
    /// duals, `ub(i, j) > y_i + y_j` (`y = u/2`): each shipment's `m` with the
    /// largest room `ub − y_i − y_j` (partial pricing: adding every violator
    /// at once floods the graph with near-equal pairs that the next solve
    /// makes irrelevant), as pairs `(a, b)`, `a < b`, without repeats — and
    /// each shipment's largest room, which bounds the optimum if the loop
    /// must stop here.
    func price(duals: MatchingDuals, perShipment m: Int) -> (pairs: [(Int, Int)], largestRoom: [Double]) {
        let space = problem.space, usable = usable, ownReturn = ownReturn, rank = rank, evaluated = evaluated
        let u = duals.vertexDuals
        let room = (0..<n).map { usable[$0] ? Double(ownReturn[$0]) - Double(u[rank[$0]]) / 2 : -.infinity }
        let bonus = space.bonus(room)
        let chunks = parallelChunks(count: n, threads: options.threads) { [self] range -> (keys: [UInt64], largest: [Double]) in
            var keys: [UInt64] = []
            var largest: [Double] = []
            var best: [(excess: Double, j: Int)] = []
            for i in range {
                best.removeAll(keepingCapacity: true)
                guard usable[i] else { largest.append(0); continue }
                let base = room[i]
                space.forEachPair(with: i, below: base, bonus: bonus, bonusCap: base) { j, ij, ji, limit in
                    // Pairs are owned by the end with more room.
                    guard room[j] < base || (room[j] == base && j > i) else { return }
                    guard !evaluated.contains(i, j), !excludedWithoutLegs(i, j, ij, ji) else { return }
                    let excess = base + room[j] - ij - ji
                    var x = best.count
                    while x > 0 && (best[x - 1].excess < excess || (best[x - 1].excess == excess && best[x - 1].j > j)) { x -= 1 }
                    guard x < m else { return }
                    best.insert((excess, j), at: x)
                    if best.count > m { best.removeLast() }
                    if best.count == m { limit = base - best[m - 1].excess }
                }
                largest.append(best.first?.excess ?? 0)
                for b in best { keys.append(EvaluatedPairs.key(i, b.j)) }
            }
            return (keys, largest)
        }
        var keys = chunks.flatMap(\.keys)
        keys.sort()
        var pairs: [(Int, Int)] = []
        var previous: UInt64 = 0
        for key in keys where key != previous {
            previous = key
            let k = key &- 1
            pairs.append((Int(k >> 32), Int(k & 0xFFFF_FFFF)))
        }
        return (pairs, chunks.flatMap(\.largest))
    }

    /// A proven upper bound on the optimum saving when pricing stops with
    /// violations left: the dual objective with each shipment's dual raised
    /// by its largest remaining room, which makes the dual feasible for
    /// every pair (each pair needs one end raised by its room).
    func upperBound(_ duals: MatchingDuals, largestRoom: [Double]) -> Int {
        let doubled = duals.doubledObjective(blossomSizes: duals.blossomSizes())
        let bound = Double(doubled) / 2 + largestRoom.reduce(0, +)
        return Int(bound.rounded(.down))
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

/// Wall-clock laps.
struct Lap {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or the start), and starts the next.
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
