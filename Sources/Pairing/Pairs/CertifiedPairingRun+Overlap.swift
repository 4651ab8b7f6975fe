import Dispatch
import Synchronization

extension CertifiedPairingRun {
    /// The warm-started re-solve of `bigger` from `solved` (the optimum of
    /// `graph`), with the next pricing pass beside it.
    ///
    /// A re-solve that starts with at least
    /// ``PairingOptions/overlapMinimumRoots`` trees hands out its duals when
    /// fewer than one tree in ``overlapDivisor`` is left
    /// (``SolverCheckpoint``): those are feasible, so the pricing can run on
    /// them, on the other cores, while the solver finishes the last trees —
    /// which in the heavy passes of 310,000 national rows take most of its
    /// events — and on the solver's core too once the solve ends. The pairs
    /// found are evaluated here and returned as the edges from
    /// `presolvedFrom` on; the loop solves them before it prices again, and
    /// certifies only after a pass on the final duals of a complete solve. With one thread the solve finishes first and the pricing
    /// follows on the same checkpoint duals, so the result does not depend
    /// on the threads.
    ///
    /// Runs with a time budget or a gap tolerance take no checkpoint: their
    /// bounds are computed from the duals of the pass they stop in.
    ///
    /// - Returns: the optimum of `bigger` (`nil` when the deadline passed
    ///   inside the solve), the first edge priced beside it, if any, and the
    ///   solve's record for ``PricingStatistics/resolves`` (its edge counts
    ///   left to the caller).
    mutating func resolve(
        _ bigger: MatchingGraph, from solved: CertifiedMatching, on graph: MatchingGraph, perShipment k: Int
    ) throws(PairingError) -> (CertifiedMatching?, presolvedFrom: Int?, record: PricingStatistics.Resolve) {
        var clock = Lap()
        let start = bigger.warmStart(from: solved, on: graph)
        var record = PricingStatistics.Resolve(edges: bigger.edgeCount, roots: bigger.rootCount(start))
        let began = DispatchTime.now().uptimeNanoseconds
        guard options.pricingBudget.seconds == nil, options.pricingBudget.relativeGap == nil else {
            let again = bigger.maximumWeightMatching(from: start, deadline: deadline)
            record.seconds = Double(DispatchTime.now().uptimeNanoseconds &- began) / 1e9
            statistics.seconds.warmSolves += clock.lap()
            return (again, nil, record)
        }
        let workers = max(1, options.threads ?? Cores.online)
        let snapshot = Mutex<[Int]?>(nil)
        let finished = Mutex<CertifiedMatching??>(nil)
        // Uptime nanoseconds of the checkpoint and of the solve's end.
        let moments = Mutex<(checkpoint: UInt64?, end: UInt64)>((nil, 0))
        // Signalled at the checkpoint and at the end of the solve; `ended`
        // lets the solver's core join the pricing.
        let signal = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        let checkpoint = SolverCheckpoint(minimumRoots: options.overlapMinimumRoots, divisor: Self.overlapDivisor) { u in
            moments.withLock { $0.checkpoint = DispatchTime.now().uptimeNanoseconds }
            snapshot.withLock { $0 = u }
            signal.signal()
        }
        let solve: @Sendable () -> Void = { [deadline] in
            let again = bigger.maximumWeightMatching(from: start, deadline: deadline, checkpoint: checkpoint)
            moments.withLock { $0.end = DispatchTime.now().uptimeNanoseconds }
            finished.withLock { $0 = .some(again) }
            signal.signal()
            ended.signal()
        }
        if workers == 1 {
            solve()
        } else {
            DispatchQueue.global().async(execute: solve)
        }
        signal.wait()
        var presolvedFrom: Int?
        var pricingSeconds = 0.0
        if let u = snapshot.withLock({ $0 }) {
            progress?("pricing (round \(statistics.pricingRounds + 1), beside the matching)", 0, 1)
            var pricingClock = Lap()
            dualsChanged = true
            let duals = MatchingDuals(
                vertexDuals: u, blossomDuals: [], blossomParents: [], vertexBlossoms: .init(repeating: -1, count: n))
            // The other cores, and the solver's once the solve ends.
            let (found, _, _) = price(
                duals: duals, perShipment: k, threads: max(1, workers - 1), lateWorker: workers > 1 ? ended : nil)
            statistics.pricingRounds += 1
            statistics.pricingRoundsBesideSolves += 1
            pricingSeconds = pricingClock.lap()
            if !found.isEmpty {
                statistics.pairsPriced += found.count
                presolvedFrom = edges.count
                try evaluate(found, phase: "routing priced pairs")
            }
            // The end of the solve (with one thread it has ended already).
            signal.wait()
        }
        let (checkpointAt, endedAt) = moments.withLock { ($0.checkpoint, $0.end) }
        record.seconds = Double(endedAt &- began) / 1e9
        record.secondsAfterCheckpoint = checkpointAt.map { Double(endedAt &- $0) / 1e9 }
        statistics.seconds.pricing += pricingSeconds
        statistics.seconds.warmSolves += clock.lap() - pricingSeconds
        return (finished.withLock { $0 } ?? nil, presolvedFrom, record)
    }

    /// A checkpoint comes when fewer than one tree in this many is left.
    static let overlapDivisor = 20
}
