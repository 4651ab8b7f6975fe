import Dispatch

extension CertifiedPairingRun {
    // MARK: Pricing

    /// The pairs not yet evaluated whose bound leaves room to violate the
    /// duals, `ub(i, j) > y_i + y_j` (`y = u/2`): each shipment's quota with
    /// the largest room `ub − y_i − y_j` (partial pricing: adding every
    /// violator at once floods the graph with near-equal pairs that the next
    /// solve makes irrelevant), as pairs `(a, b)`, `a < b`, without repeats —
    /// and each shipment's largest room, which bounds the optimum if the loop
    /// must stop here.
    ///
    /// Each shipment's search keeps its quota plus (``spreadListFactor``
    /// − 1)·`m` more, and the pairs are then spread as the first
    /// candidates are (``initialCandidates(_:)``): no shipment is the
    /// other end of more than `m` pairs of one pass. On national-100,000 (2 threads, same
    /// run) 146.7 s CPU and 0.52 GB against 160.0 s and 0.69 GB.
    ///
    /// A pair is *owned* by the end with more room and found only from it.
    /// The pricing is incremental:
    ///
    /// - After a pass whose pairs changed no dual (none violated them once
    ///   their exact legs were known), the rooms and ownership are the
    ///   same, so a shipment whose last search took fewer pairs than its
    ///   quota — every pair it owns that could violate — is not searched
    ///   again, and the others search with four times their quota (up to
    ///   ``maximumQuota``, and ``maximumPairsPerPass`` in all). Where the
    ///   bound is weak (road graphs, where many pairs pass it and few
    ///   violate) this turns hundreds of passes over every shipment into a
    ///   few over the ones still open.
    /// - New duals reset every quota to `m`, and the pass is *focused*: only
    ///   the shipments whose room grew, or whose last search its quota cut
    ///   short, search. A pair whose ends both kept or lost room, and whose
    ///   owner had taken all it owned, gained nothing: most of the new
    ///   violators are found at a fraction of the cost (after the heavy
    ///   passes at 100,000 national rows, 1–5 % of the rooms grow). The
    ///   others are only deferred: they search in the next pass under the
    ///   same duals, so the loop stops (`complete`) only after a pass that
    ///   found nothing when every shipment has searched under its duals.
    ///
    /// A shipment that has not searched under the current duals has an
    /// unknown largest room, reported as +∞: a bound from such a pass falls
    /// back to ``halfBestSavings()``. So a run with a relative-gap tolerance
    /// (``PricingBudget/relativeGap``, the reruns of `--sensitivity`), which
    /// checks its bound after every pass, never focuses: on the first 20,000
    /// national rows focused reruns took 18.4 s CPU against 17.1–17.3 s and
    /// stopped with gaps up to three times wider.
    ///
    /// `threads` replaces `options.threads`, and a `lateWorker` gate lets
    /// one more worker join once signalled
    /// (``parallelChunks(count:threads:minimumChunk:lateWorker:_:)``): the
    /// pass beside a re-solve leaves the solver its core until it ends.
    mutating func price(
        duals: MatchingDuals, perShipment m: Int, threads: Int? = nil, lateWorker: DispatchSemaphore? = nil
    ) -> (pairs: [(Int, Int)], largestRoom: [Double], complete: Bool) {
        let space = problem.space, usable = usable, ownReturn = ownReturn, rank = rank, evaluated = evaluated
        let u = duals.vertexDuals
        let room = (0..<n).map { usable[$0] ? Double(ownReturn[$0]) - Double(u[rank[$0]]) / 2 : -.infinity }
        var searching: [Bool]
        if pricingQuota.isEmpty || dualsChanged {
            pricingQuota = [Int32](repeating: Int32(clamping: m), count: n)
            // A run that stops at a relative gap (the reruns of
            // `--sensitivity`) needs every pass's rooms for its bound.
            if pricedRooms.isEmpty || options.pricingBudget.relativeGap != nil {
                searching = usable
            } else {
                let previousRooms = pricedRooms, previousState = pricingState
                searching = (0..<n).map { usable[$0] && (room[$0] > previousRooms[$0] || previousState[$0] == .open) }
            }
            pricingState = [PricingState](repeating: .unsearched, count: n)
        } else {
            var open = 0
            for i in 0..<n where pricingState[i] == .open { open += Int(pricingQuota[i]) }
            // Grow the open shipments' quotas while the pass stays bounded.
            if open > 0 && 4 * open <= Self.maximumPairsPerPass {
                for i in 0..<n where pricingState[i] == .open {
                    pricingQuota[i] = min(4 * pricingQuota[i], Int32(Self.maximumQuota))
                }
            }
            searching = (0..<n).map { usable[$0] && pricingState[$0] != .exhausted }
        }
        pricedRooms = room
        let quota = pricingQuota, state = pricingState, search = searching
        let bonus = space.bonus(room)
        let factor = Self.spreadListFactor, baseQuota = m
        let chunks = parallelChunks(count: n, threads: threads ?? options.threads, lateWorker: lateWorker) { [self] range -> (rows: [Int32], largest: [Double], state: [PricingState]) in
            var rows: [Int32] = []
            var largest: [Double] = []
            var after: [PricingState] = []
            var best = WorstFirstHeap()
            for i in range {
                best.removeAll()
                guard usable[i] else { largest.append(0); after.append(.exhausted); continue }
                // An exhausted shipment's owned pairs were all taken under
                // these duals; an unsearched one's room is not known.
                guard search[i] else {
                    largest.append(state[i] == .exhausted ? 0 : .infinity)
                    after.append(state[i])
                    continue
                }
                let m = Int(quota[i]) + (factor - 1) * baseQuota
                let base = room[i]
                space.forEachPair(with: i, below: base, bonus: bonus, bonusCap: base, ownedOnly: true, times: times) { j, ij, ji, limit in
                    // Pairs are owned by the end with more room.
                    guard room[j] < base || (room[j] == base && j > i) else { return }
                    guard !evaluated.contains(i, j) else { return }
                    let (ij, ji) = refined(i, j, ij, ji)
                    let excess = base + room[j] - ij - ji
                    guard excess > 0, !excludedWithoutLegs(i, j, ij, ji) else { return }
                    if best.offer(excess: excess, j: j, keeping: m) {
                        limit = base - best.worstExcess
                    }
                }
                largest.append(best.largestExcess)
                after.append(best.count < m ? .exhausted : .open)
                // A row of PairSpread: i, the count, then the partners best first.
                let sorted = best.sortedBestFirst()
                rows.append(Int32(truncatingIfNeeded: i))
                rows.append(Int32(sorted.count))
                for x in sorted { rows.append(Int32(truncatingIfNeeded: x.j)) }
            }
            return (rows, largest, after)
        }
        pricingState = chunks.flatMap(\.state)
        // The spread, as for the first candidates: a shipment takes pairs up
        // to its quota while the other end has been taken fewer than `m`
        // times in this pass; one that could not take its whole list is not
        // exhausted.
        let (chosen, cutShort) = PairSpread.choose(chunks.flatMap(\.rows), shipments: n, cap: m) { Int(quota[$0]) }
        for i in cutShort { pricingState[i] = .open }
        return (Self.distinctPairs(chosen), chunks.flatMap(\.largest), !pricingState.contains(.unsearched))
    }

    /// Where a shipment's pricing search stands under the current duals.
    enum PricingState: UInt8, Sendable {
        /// Not searched since the duals last changed.
        case unsearched
        /// Searched, and its quota cut the search short.
        case open
        /// Searched, and every pair it owns that could violate was taken.
        case exhausted
    }

    /// How long the lists before the spread are: `spreadListFactor·k` first
    /// candidates per shipment (``initialCandidates(_:)``), and a pricing
    /// search's quota plus `(spreadListFactor − 1)·m`
    /// (``price(duals:perShipment:)``).
    static let spreadListFactor = 4

    /// The largest quota of one shipment's search.
    static let maximumQuota = 4096
    /// The most pairs one pricing pass may take when quotas grow.
    static let maximumPairsPerPass = 4_000_000

    /// A proven upper bound on the optimum saving when pricing stops with
    /// violations left, the smaller of two dual solutions feasible for
    /// every pair:
    ///
    /// - the matching's duals with each shipment's dual raised by its
    ///   largest remaining room (each pair needs one end raised by its
    ///   room) — tight once the pricing is nearly done;
    /// - half of each shipment's best saving bound over all its partners,
    ///   `y_i = max_j ub(i, j) / 2` (``halfBestSavings()``) — independent of
    ///   the duals, and much the better bound after only a few passes,
    ///   when the rooms are still large.
    mutating func upperBound(_ duals: MatchingDuals, largestRoom: [Double]) -> Int {
        let doubled = duals.doubledObjective(blossomSizes: duals.blossomSizes())
        let bound = Double(doubled) / 2 + largestRoom.reduce(0, +)
        let half = halfBest ?? halfBestSavings()
        halfBest = half
        return Int(min(bound, half).rounded(.down))
    }

    /// `Σ_i max_j ub(i, j) / 2` over the usable shipments: a matching's
    /// saving is at most this, since each pair's saving is at most the mean
    /// of its two ends' best bounds. One best-partner search per shipment,
    /// over every partner (not only the pairs it owns), skipping pairs the
    /// bound's legs already exclude.
    func halfBestSavings() -> Double {
        let space = problem.space, usable = usable, ownReturn = ownReturn, bonus = returnBonus
        let sums = parallelChunks(count: n, threads: options.threads) { [self] range -> Double in
            var sum = 0.0
            for i in range where usable[i] {
                let ri = Double(ownReturn[i])
                var best = 0.0
                space.forEachPair(with: i, below: ri, bonus: bonus, bonusCap: .infinity, times: times) { j, ij, ji, limit in
                    let (ij, ji) = refined(i, j, ij, ji)
                    let ub = ri + Double(ownReturn[j]) - ij - ji
                    guard ub > best, !excludedWithoutLegs(i, j, ij, ji) else { return }
                    best = ub
                    limit = ri - ub
                }
                sum += best
            }
            return sum
        }
        return sums.reduce(0, +) / 2
    }
}
