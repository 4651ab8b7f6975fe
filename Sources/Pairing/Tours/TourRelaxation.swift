/// The linear relaxation of tour packing, solved well enough to give a
/// strong lower bound on the empty metres of every tour plan, and the
/// column pool and duals the search for tours then uses.
///
/// **The problem.** Cover the eligible shipments by disjoint feasible
/// cycles of at most *K* shipments (a shipment alone is its own return),
/// minimising the empty metres: a set-partitioning problem whose columns
/// are the cycles. Its linear relaxation has one dual `π(i)` per shipment;
/// a cycle's reduced cost is `rc(C) = e(C) − Σ_{i ∈ C} π(i)`.
///
/// **A bound from any duals.** For any prices `π` and any tour plan `P`,
/// `e(P) = Σ π(i) + Σ_{C ∈ P} rc(C)`, and each cycle's reduced cost can be
/// shared equally by its members, so
///
///     e(P) ≥ Σ_i π(i) + Σ_i min(0, m(i)),   m(i) = min over feasible C ∋ i of rc(C)/|C|
///
/// (the shipment alone counts as a cycle with `rc = own(i) − π(i)`). The
/// bound is valid for every `π`, and equals the LP optimum at optimal
/// duals. ``CyclePricing`` finds every cycle with negative reduced cost over
/// the arcs it scans, so `m` is exact over them.
///
/// **Solving the relaxation.** Entropic block-coordinate ascent
/// (``EntropicAscent``) with the temperature μ halved stage by stage from
/// 1/20 of the mean own return to 1/20,000 of it (ε-scaling), starting from
/// the duals of the assignment bound (``AssignmentBound``), whose arc
/// reduced costs also split `π` for the pricing so that only nearly tight
/// arcs are scanned. Before each stage, columns are generated from the
/// candidate arcs (cycles with reduced cost below 4μ). At the end the duals
/// are made feasible on the pool (each down to its tightest column), every
/// arc of the table is priced exactly, new cycles with negative reduced
/// cost join the pool, and the ascent resumes from ``rescaling`` times the
/// final temperature — until none is found, after ``exactRounds`` rounds,
/// or after ``roundsWithoutProgress`` rounds without a better bound; the
/// bound of the best round is kept.
struct TourRelaxation {
    /// Rounds of exact pricing over the whole table.
    static let exactRounds = 12
    /// Exact pricing stops after this many rounds without a better bound
    /// (on national-2,000 the bound dipped for 4 rounds, then rose well
    /// above its first value).
    static let roundsWithoutProgress = 5
    /// Each step of the dive fixes columns covering at least this fraction
    /// (1/x) of the shipments.
    static let diveFraction = 128
    /// After each round of exact pricing the ascent restarts at this many
    /// times the final temperature, halving it down to the final one.
    static let rescaling = 16.0
    /// Stop a stage when no dual moves by more than this many μ (the last
    /// stage stops at 0.01 μ).
    static let stageTolerance = 0.01
    /// At most this many coordinate steps per shipment and stage.
    static let maxSteps = 200
    /// Exact pricing also stops after a round that raises the bound by less
    /// than this fraction of it (on national-3,000 and 5,000 the rounds
    /// after the fourth raised it by 0.003 % together, at 8 s each).
    static let minimumProgress = 1e-4
    /// The assignment's pricing offers at most this many arcs per row and
    /// round, the least bound reduced cost first, until a round adds none.
    static let assignmentArcsPerRow = 16
    /// The pricing checks the time budget after each this many starts.
    static let startsBetweenChecks = 64
    /// The assignment bound's pricing checks it after each this many rows.
    static let rowsBetweenChecks = 256
    /// The assignment bound may use this share of the relaxation's budget
    /// (at 100,000 national shipments its pricing alone used the whole
    /// share, and no cycle was generated).
    static let assignmentShare = 0.4

    /// The network, with candidate arcs added by assignment reduced cost.
    private(set) var network: TourNetwork
    let maxTour: Int
    /// Worker threads for the pricing (`nil`: every core).
    let threads: Int?
    /// The time budget (``TourOptions/seconds``).
    let deadline: TourDeadline
    /// Where the budget stopped the relaxation or the dive, if it did.
    private(set) var budgetStop: TourBudgetStop?
    /// The feasible cycles found (the columns), with the pairs of the start.
    private(set) var pool: CyclePool
    private(set) var assignment: AssignmentBound
    /// Duals feasible on the pool that give ``cycleBound``.
    private(set) var duals: [Double]
    /// The assignment bound (empty metres).
    private(set) var assignmentBound: Int
    /// The cycle bound (empty metres, rounded down), valid over every arc
    /// of the table.
    private(set) var cycleBound: Int
    /// Feasible cycles with negative reduced cost under ``duals`` (they
    /// lower the bound through `m(i)`).
    private(set) var negativeCyclesLeft = 0
    /// The soft duals at the end (length `count + 1`), and their temperature.
    private var soft: [Double] = []
    private var finalMu = 1.0
    private var ascent: EntropicAscent
    /// Own returns as floating point (0 for ineligible shipments).
    private let own: [Double]

    private let u: [Double]
    private let v: [Double]
    private let eligibleNodes: [Int]

    /// Wall-clock seconds the assignment bound took.
    private(set) var assignmentSeconds = 0.0

    /// Coordinate steps of the ascent.
    var steps: Int { ascent.steps }

    /// - Throws: ``PairingError/legs(_:)`` when legs on demand fail (never
    ///   with a table).
    init(
        network: TourNetwork, pool: CyclePool, constraints: inout TourConstraints, maxTour: Int, threads: Int?,
        deadline: TourDeadline = TourDeadline(seconds: nil)
    ) throws(PairingError) {
        self.pool = pool
        self.maxTour = maxTour
        self.threads = threads
        self.deadline = deadline
        let n = network.count
        eligibleNodes = (0..<n).filter { network.eligible[$0] }
        own = (0..<n).map { network.eligible[$0] ? Double(network.ownMetres[$0]) : 0 }
        let assignmentStart = deadline.elapsed
        // The assignment bound may use a share of the relaxation's budget;
        // stopped, its duals still give a (weaker) bound over every arc.
        let assignmentDeadline = deadline.portion(Self.assignmentShare)
        var assignment = AssignmentBound(network: network, deadline: assignmentDeadline)
        var stopped = !assignment.isComplete
        if stopped {
            // Stopped in the first solve: nothing priced yet.
        } else if network.isDense {
            // Certify over the full table: add arcs with negative reduced cost.
            while assignment.price(deadline: assignmentDeadline, { i, _, report in
                network.forEachArc(from: i) { j, metres, _ in report(j, metres) }
            }) > 0 {
                if !assignment.isComplete || assignmentDeadline.hasPassed {
                    stopped = true
                    break
                }
            }
            if !assignment.isComplete { stopped = true }
        } else if let space = network.space {
            // Certify over every arc of the space: the arcs whose bound leaves
            // room for a negative reduced cost get their exact legs, and the
            // violators join the assignment. Partial pricing: each row offers
            // only its ``assignmentArcsPerRow`` arcs of least bound reduced
            // cost while that leaves some out; the last round offers all, so
            // the bound holds over every arc. (On national-10,000 the first
            // full round offered 260 arcs a shipment, 2.6 million in all,
            // where the final duals leave 3.)
            var perRow = Self.assignmentArcsPerRow
            var kept: [(key: Double, j: Int)] = []
            rounds: while true {
                let u = assignment.rowDuals, v = assignment.columnDuals
                let bonus = space.bonus(v.map(Double.init))
                var asked: [[Int]] = Array(repeating: [], count: n)
                var missing: [(Int, Int)] = []
                var truncated = false
                for i in 0..<n where network.eligible[i] {
                    if i % Self.rowsBetweenChecks == 0 && assignmentDeadline.hasPassed {
                        stopped = true
                        break rounds
                    }
                    kept.removeAll(keepingCapacity: true)
                    var worst = 0
                    space.forEachArc(from: i, below: Double(u[i]) + 1, bonus: bonus) { j, lowerBound, limit in
                        guard network.eligible[j] else { return }
                        let key = lowerBound - Double(v[j])
                        if kept.count < perRow {
                            kept.append((key, j))
                            if key > kept[worst].key { worst = kept.count - 1 }
                            return
                        }
                        truncated = true
                        guard key < kept[worst].key else { return }
                        kept[worst] = (key, j)
                        worst = kept.indices.max { kept[$0].key < kept[$1].key }!
                        // Only arcs better than the worst kept one can enter now.
                        limit = min(limit, kept[worst].key)
                    }
                    for (_, j) in kept {
                        asked[i].append(j)
                        if !network.isComputed(i, j) { missing.append((i, j)) }
                    }
                }
                try network.fetch(missing)
                let added = assignment.price(deadline: assignmentDeadline) { i, _, report in
                    for j in asked[i] { if let l = network.leg(i, j) { report(j, l.metres) } }
                }
                if !assignment.isComplete {
                    stopped = true
                    break
                }
                if added == 0 && !truncated { break }
                // Every arc once nothing is added among the best; the best
                // only again after a round of every arc that added some.
                perRow = added == 0 ? Int.max : Self.assignmentArcsPerRow
            }
        }
        self.assignment = assignment
        assignmentSeconds = deadline.elapsed - assignmentStart
        if stopped {
            // Out of time: the duals so far, corrected by the least reduced
            // cost of any arc — over every arc of a table, or by the space's
            // lower bounds over every arc of the batch.
            budgetStop = .assignmentBound
            // The duals of a stopped solve can be far from feasible outside
            // the arc set (at 100,000 national shipments that bound was
            // negative), so the nearest-successor bound — the duals
            // u(i) = the shortest arc out of i, v = 0 — is taken when higher.
            let u = assignment.rowDuals, v = assignment.columnDuals
            let bonus = network.space?.bonus(v.map(Double.init))
            let fromDuals = assignment.dualBound { i in
                Self.leastReducedCost(from: i, u: u, v: v, network: network, bonus: bonus)
            }
            assignmentBound = max(fromDuals, Self.nearestSuccessorBound(network: network))
        } else {
            assignmentBound = assignment.totalCost
        }
        var network = network
        try network.addCandidates(u: assignment.rowDuals, v: assignment.columnDuals, k: TourNetwork.denseCandidates)
        self.network = network
        u = assignment.rowDuals.map(Double.init)
        v = assignment.columnDuals.map(Double.init)
        var pi = [Double](repeating: 0, count: n)
        for i in eligibleNodes { pi[i] = u[i] + v[i] }
        duals = pi
        cycleBound = assignmentBound
        ascent = EntropicAscent(count: n)
        if !eligibleNodes.isEmpty { try solve(constraints: &constraints) }
    }

    /// At most the least `e(i, j) − u(i) − v(j)` over every arc out of `i`
    /// where that is negative (`0` when none is): scanned in full over a
    /// table, and by the space's lower bounds (`bonus`: `v` as the space's
    /// bonus), best first, over every arc of a space.
    static func leastReducedCost(
        from i: Int, u: [Int], v: [Int], network: TourNetwork, bonus: ShipmentSpace.Bonus?
    ) -> Double {
        var least = 0.0
        if let space = network.space, let bonus {
            let ui = Double(u[i])
            space.forEachArc(from: i, below: ui, bonus: bonus) { j, lowerBound, limit in
                guard network.eligible[j] else { return }
                let reduced = lowerBound - ui - Double(v[j])
                if reduced < least {
                    least = reduced
                    limit = ui + least
                }
            }
            return least
        }
        network.forEachArc(from: i) { j, metres, _ in
            least = min(least, Double(metres - u[i] - v[j]))
        }
        return least
    }

    /// Σ over the eligible shipments of the shortest arc out of each — to
    /// another shipment, by the space's lower bound over every arc of a
    /// space, or its own return home: every plan gives each truck one such
    /// arc, so this bounds every plan's empty metres from below (the
    /// assignment bound with `v = 0`, weaker than its optimum).
    static func nearestSuccessorBound(network: TourNetwork) -> Int {
        var total = 0.0
        for i in 0..<network.count where network.eligible[i] {
            var least = Double(network.ownMetres[i])
            if let space = network.space {
                space.forEachArc(from: i, below: least) { j, lowerBound, limit in
                    guard network.eligible[j], lowerBound < least else { return }
                    least = lowerBound
                    limit = least
                }
            } else {
                network.forEachArc(from: i) { _, metres, _ in least = min(least, Double(metres)) }
            }
            total += least.rounded(.down)
        }
        return Int(total)
    }

    /// Calls `visit(members, emptyMetres, reducedCost)` for every feasible-or-
    /// not cycle of the whole problem with reduced cost below `threshold`
    /// (at least once): over every arc of a table, or of a space — there by
    /// the bound first, then with the exact legs of the cycles found.
    ///
    /// With `candidatesOnly`, paths are extended along the candidate arcs
    /// only (column generation), but still closed by any arc.
    ///
    /// - Parameter budgeted: whether the time budget may stop the search
    ///   (not when proving a small problem optimal).
    /// - Returns: whether every start was searched (`false`: the time
    ///   budget ran out, so the cycles visited are only some of them).
    @discardableResult
    private func forEachCycle(
        threshold: Double, alpha: [Double], beta: [Double], candidatesOnly: Bool = false, budgeted: Bool = true,
        visit: ([Int], Int, Double) -> Void
    ) throws(PairingError) -> Bool {
        let deadline = budgeted ? deadline : TourDeadline(seconds: nil)
        guard let space = network.space else {
            let (found, complete) = candidatesOnly
                ? cycles(below: threshold, alpha: alpha, beta: beta, arcs: TourNetwork.CandidateArcs(network: network), deadline: deadline)
                : cycles(below: threshold, alpha: alpha, beta: beta, arcs: TourNetwork.AllArcs(network: network), deadline: deadline)
            for (cycle, cost, rc) in found { visit(cycle.members, cost, rc) }
            return complete
        }
        let arcs = TourNetwork.SpaceArcs(network: network, space: space, bonus: candidatesOnly ? nil : space.bonus(beta))
        var seen = Set<TourCycle>()
        var cycles: [TourCycle] = []
        var missing: [(Int, Int)] = []
        let (found, complete) = self.cycles(below: threshold, alpha: alpha, beta: beta, arcs: arcs, deadline: deadline)
        for (cycle, _, _) in found {
            guard seen.insert(cycle).inserted else { continue }
            cycles.append(cycle)
            missing += arcs.unknownArcs(cycle.members)
        }
        seen = []
        try network.fetch(missing)
        for cycle in cycles {
            guard let cost = cycle.emptyMetres({ network.leg($0, $1)?.metres }) else { continue }
            var rc = Double(cost)
            for t in 0..<cycle.count { rc -= alpha[cycle[t]] + beta[cycle[t]] }
            if rc < threshold { visit(cycle.members, cost, rc) }
        }
        return complete
    }

    /// The cycles ``CyclePricing`` finds below `threshold` over `arcs`, with
    /// their empty metres and reduced costs under `arcs`, in the order of
    /// their starts (so the result does not depend on the threads): the
    /// starts are split into chunks searched on up to ``threads`` workers.
    /// `complete` is `false` when the time budget stopped some chunk.
    private func cycles(
        below threshold: Double, alpha: [Double], beta: [Double], arcs: some CycleArcSource & Sendable, deadline: TourDeadline
    ) -> (found: [(TourCycle, Int, Double)], complete: Bool) {
        let starts = eligibleNodes, maxTour = self.maxTour
        let parts = parallelChunks(count: starts.count, threads: threads, minimumChunk: 64) { range in
            var found: [(TourCycle, Int, Double)] = []
            var lower = range.lowerBound
            while lower < range.upperBound {
                if deadline.hasPassed { return (found, false) }
                let upper = min(range.upperBound, lower + Self.startsBetweenChecks)
                CyclePricing.forEachCycle(
                    starts: starts[lower..<upper], maxLength: maxTour, alpha: alpha, beta: beta, threshold: threshold,
                    arcs: arcs
                ) { members, cost, rc in
                    found.append((TourCycle(members), cost, rc))
                }
                lower = upper
            }
            return (found, true)
        }
        return (parts.flatMap(\.0), parts.allSatisfy(\.1))
    }

    /// Prices split into out and in parts around the assignment duals.
    private func split(_ pi: [Double]) -> (alpha: [Double], beta: [Double]) {
        var alpha = u, beta = v
        for i in eligibleNodes {
            let half = (pi[i] - u[i] - v[i]) / 2
            alpha[i] += half
            beta[i] += half
        }
        return (alpha, beta)
    }

    private mutating func solve(constraints: inout TourConstraints) throws(PairingError) {
        let meanOwn = eligibleNodes.reduce(0.0) { $0 + own[$1] } / Double(eligibleNodes.count)
        let muStart = max(50, meanOwn / 20), muEnd = max(1, meanOwn / 20_000)
        var pi = duals + [0]
        var mu = muStart
        while true {
            let (alpha, beta) = split(pi)
            try forEachCycle(threshold: 4 * mu, alpha: alpha, beta: beta, candidatesOnly: true) { members, cost, _ in
                pool.add(TourCycle(members), cost: cost, constraints: &constraints)
            }
            pool.reindex(count: network.count)
            settle(&pi, mu: mu, tolerance: mu <= muEnd ? 0.01 : Self.stageTolerance)
            if mu <= muEnd { break }
            if deadline.hasPassed {
                // Out of time before the last temperature: no exact pricing,
                // so the bound stays the assignment bound; the dive works
                // at the temperature reached.
                if budgetStop == nil { budgetStop = .columnGeneration }
                soft = pi
                finalMu = mu
                return
            }
            mu = max(muEnd, mu / 2)
        }
        var sinceBest = 0
        var previous = -Double.infinity
        for round in 0..<Self.exactRounds {
            if deadline.hasPassed {
                if budgetStop == nil { budgetStop = .exactPricing }
                break
            }
            var hard = pi
            harden(&hard)
            let (alpha, beta) = split(hard)
            var minimum = [Double](repeating: 0, count: network.count)
            for i in eligibleNodes { minimum[i] = own[i] - hard[i] }
            var added = 0, negative = 0
            let complete = try forEachCycle(threshold: 0, alpha: alpha, beta: beta) { members, cost, rc in
                let cycle = TourCycle(members)
                let known = pool.id(of: cycle) != nil
                guard pool.add(cycle, cost: cost, constraints: &constraints) != nil else { return }
                if !known { added += 1 }
                let share = rc / Double(members.count)
                if share < -1e-6 { negative += 1 }
                for i in members where share < minimum[i] { minimum[i] = share }
            }
            guard complete else {
                // The budget cut the round short: its cycles join the pool,
                // but `minimum` is not proven over every arc, so no bound.
                if budgetStop == nil { budgetStop = .exactPricing }
                break
            }
            var bound = 0.0
            for i in eligibleNodes { bound += hard[i] + min(0, minimum[i]) }
            // A metre of margin for rounding: the sums are exact far below that.
            let certified = Int((bound - 1).rounded(.down))
            if certified > cycleBound || round == 0 {
                cycleBound = max(certified, assignmentBound)
                duals = Array(hard[0..<network.count])
                negativeCyclesLeft = negative
                sinceBest = 0
            } else {
                sinceBest += 1
            }
            // Stop when the rounds no longer improve the bound: on large,
            // degenerate batches the ascent can drift away from it for good.
            if added == 0 || sinceBest >= Self.roundsWithoutProgress { break }
            // A round that barely raised the bound: the next ones would not
            // pay for their pricing.
            if bound >= previous && bound - previous < Self.minimumProgress * bound { break }
            previous = bound
            pool.reindex(count: network.count)
            // Re-solve from a warmer temperature: settling the new columns at
            // the final one alone drifted away from the bound on batches of
            // 3,000 and more (the bound fell round after round).
            var warm = Self.rescaling * muEnd
            while warm > muEnd {
                settle(&pi, mu: warm)
                warm /= 2
            }
            settle(&pi, mu: muEnd)
        }
        pool.reindex(count: network.count)
        soft = pi
        finalMu = muEnd
    }

    /// Ascent at `mu` over the active columns, gathering them again until no
    /// column left out has come within the window (at most five times).
    private mutating func settle(
        _ pi: inout [Double], mu: Double, tolerance: Double = 0.01, alive: [Bool]? = nil, nodes: [Int]? = nil
    ) {
        let nodes = nodes ?? eligibleNodes
        for pass in 0..<5 {
            let grew = ascent.activate(pool: pool, pi: pi, mu: mu, alive: alive)
            if pass > 0 && !grew { break }
            ascent.relax(&pi, own: own, mu: mu, tolerance: tolerance * mu, maxSteps: Self.maxSteps * nodes.count, nodes: nodes)
        }
    }

    /// Makes `pi` (length `count + 1`) feasible on the whole pool: each dual
    /// down to its tightest column, in one sweep.
    private func harden(_ pi: inout [Double]) {
        for i in eligibleNodes {
            var lowest = own[i]
            for id in pool.cycles(through: i) {
                let c = pool.cycles[Int(id)]
                var x = Double(pool.costs[Int(id)])
                for t in 0..<c.count where c[t] != i { x -= pi[c[t]] }
                if x < lowest { lowest = x }
            }
            pi[i] = lowest
        }
    }

    /// Duals feasible on the whole final pool (every reduced cost ≥ 0 up to
    /// rounding): what the search bounds with. From the final soft duals or
    /// those of the best bound, whichever sum higher once made feasible
    /// (where the rounds drifted away from the bound, the final ones made
    /// the search's reduced-cost pruning fail and every region run to its
    /// node limit).
    func poolFeasibleDuals() -> [Double] {
        guard !soft.isEmpty else { return duals }
        var last = soft, best = duals + [0]
        harden(&last)
        harden(&best)
        let sum = { (pi: [Double]) in self.eligibleNodes.reduce(0.0) { $0 + pi[$1] } }
        return Array((sum(last) >= sum(best) ? last : best)[0..<network.count])
    }

    /// Adds to the pool every feasible cycle that an optimal plan could use,
    /// given a plan of `upperBound` empty metres, and returns duals feasible
    /// on the grown pool.
    ///
    /// Reduced-cost fixing: with duals `π` and the bound `LB(π)` they give,
    /// a column `C` of a plan costing at most `upperBound` has
    /// `rc(C) ≤ upperBound − LB(π)`, since the other columns' reduced costs
    /// add up to at least `Σ_i min(0, m(i))`. So pricing every arc with that
    /// threshold finds every column an optimal plan can hold, and an exact
    /// search over the pool then finds an optimal plan.
    mutating func completePool(upperBound: Int, constraints: inout TourConstraints) throws(PairingError) -> [Double] {
        guard !soft.isEmpty else { return duals }
        var hard = soft
        harden(&hard)
        let (alpha, beta) = split(hard)
        // Pass 1: the negative cycles, for LB(π).
        var minimum = [Double](repeating: 0, count: network.count)
        for i in eligibleNodes { minimum[i] = own[i] - hard[i] }
        try forEachCycle(threshold: 0, alpha: alpha, beta: beta, budgeted: false) { members, cost, rc in
            guard pool.add(TourCycle(members), cost: cost, constraints: &constraints) != nil else { return }
            let share = rc / Double(members.count)
            for i in members where share < minimum[i] { minimum[i] = share }
        }
        var bound = 0.0
        for i in eligibleNodes { bound += hard[i] + min(0, minimum[i]) }
        // Pass 2: every cycle with reduced cost up to the gap.
        let threshold = Double(upperBound) - bound + 1
        if threshold > 0 {
            try forEachCycle(threshold: threshold, alpha: alpha, beta: beta, budgeted: false) { members, cost, _ in
                pool.add(TourCycle(members), cost: cost, constraints: &constraints)
            }
        }
        pool.reindex(count: network.count)
        harden(&hard)
        return Array(hard[0..<network.count])
    }

    /// Records that a plan of `emptyMetres` was proven optimal.
    mutating func proveOptimal(emptyMetres: Int) {
        cycleBound = max(cycleBound, emptyMetres)
    }

    /// A plan by diving: fix the columns the soft solution all but chooses
    /// (weight `exp(−rc/μ) ≥ 0.9`, the largest first, without overlap; at
    /// least enough to cover 1/``diveFraction`` of the shipments), re-solve
    /// the rest warm-started, repeat. When `deadline` passes, the shipments
    /// not fixed yet keep their tours of `fallback` (a plan over the pool,
    /// per shipment its tour's pool index or -1) where every member is still
    /// free, and are alone otherwise.
    ///
    /// - Returns: per shipment, the pool index of its tour (-1: alone), and
    ///   the plan's empty metres.
    mutating func dive(deadline: TourDeadline, fallback: [Int32]) -> (tourOf: [Int32], emptyMetres: Int) {
        let n = network.count
        var tourOf = [Int32](repeating: -1, count: n)
        guard !soft.isEmpty else { return (tourOf, eligibleNodes.reduce(0) { $0 + network.ownMetres[$1] }) }
        var alive = network.eligible
        var aliveNodes = eligibleNodes
        var pi = soft
        let mu = finalMu
        var empty = 0
        var picks: [(weight: Double, id: Int32)] = []
        // At least 1/``diveFraction`` of the shipments per step, heaviest
        // first, so the dive takes a bounded number of steps (each costs a
        // pass over the pool) even where the soft solution is fractional.
        let minimumFixed = max(1, eligibleNodes.count / Self.diveFraction)
        while !aliveNodes.isEmpty {
            if deadline.hasPassed {
                // Out of time: the rest as in the fallback plan, where it can.
                if budgetStop == nil { budgetStop = .dive }
                for i in aliveNodes where alive[i] {
                    let t = fallback[i]
                    if t >= 0, pool.cycles[Int(t)].members.allSatisfy({ alive[$0] }) {
                        for j in pool.cycles[Int(t)].members {
                            alive[j] = false
                            tourOf[j] = t
                        }
                        empty += pool.costs[Int(t)]
                    } else {
                        alive[i] = false
                        empty += network.ownMetres[i]
                    }
                }
                break
            }
            ascent.activate(pool: pool, pi: pi, mu: mu, alive: alive)
            picks.removeAll(keepingCapacity: true)
            for i in aliveNodes {
                picks.append((fastExp(-(own[i] - pi[i]) / mu), -1 - Int32(i)))
                for id in pool.cycles(through: i) where pool.cycles[Int(id)][0] == i && ascent.active[Int(id)] {
                    let c = pool.cycles[Int(id)]
                    var rc = Double(pool.costs[Int(id)])
                    for t in 0..<c.count { rc -= pi[c[t]] }
                    picks.append((fastExp(min(0, -rc / mu)), id))
                }
            }
            picks.sort { ($0.weight, $1.id) > ($1.weight, $0.id) }
            var fixed = 0
            for (weight, id) in picks {
                if fixed >= minimumFixed && weight < 0.9 { break }
                let members = id < 0 ? [Int(-1 - id)] : pool.cycles[Int(id)].members
                if members.contains(where: { !alive[$0] }) { continue }
                for i in members {
                    alive[i] = false
                    tourOf[i] = id < 0 ? -1 : id
                }
                empty += id < 0 ? network.ownMetres[members[0]] : pool.costs[Int(id)]
                fixed += members.count
            }
            aliveNodes.removeAll { !alive[$0] }
            if aliveNodes.isEmpty { break }
            settle(&pi, mu: mu, alive: alive, nodes: aliveNodes)
        }
        return (tourOf, empty)
    }
}
