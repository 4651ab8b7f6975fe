import Pairing
import Routing

extension MatchJob {
    /// Bytes per shipment of the reports and job state besides the pairing
    /// (measured peak minus the pairing's estimate at 310,000 shipments;
    /// `docs/benchmarks/match-job.md`).
    static let reportBytesPerShipment = 2_000

    /// Every empty leg of the batch in one table: for graphs without
    /// coordinates, where nothing bounds a leg.
    static func denseProblem(_ shipments: [Shipment], travel: TravelResult) throws(CommandFailure) -> PairingProblem {
        let n = shipments.count
        var arcs: [ShipmentArc] = []
        arcs.reserveCapacity(n * n)
        for i in 0..<n { for j in 0..<n { arcs.append(ShipmentArc(from: i, to: j)) } }
        do {
            let legs = try travel.source.legs(arcs)
            let table = try EmptyLegTable(count: n) { i, j in i == j ? travel.ownReturns[i] : legs[i * n + j] }
            return try PairingProblem(shipments: shipments, loadedLegs: travel.loaded, emptyLegs: table)
        } catch {
            throw CommandFailure(.invalidInput, "routing every pair: \(error)")
        }
    }

    /// Phase 4: the certified pairing over legs on demand, or — when the
    /// graph has no coordinates to bound legs with — every pair evaluated.
    ///
    /// - Parameter keep: with `--sensitivity`, called with the problem and
    ///   what its run leaves for the reruns (``SensitivityBase``); not
    ///   called when every pair is evaluated (no coordinates).
    static func pair(
        _ shipments: [Shipment], travel: TravelResult, options: MatchOptions, candidates k: Int, budget: MemoryBudget,
        console: Console, keep: ((SensitivityBase) -> Void)? = nil
    ) throws(CommandFailure) -> PairingResult {
        let pairingOptions = self.pairingOptions(options, candidates: k)
        let n = shipments.count
        guard let bound = travel.bound else {
            // No coordinates (a DIMACS graph without its .co): nothing bounds a
            // leg, so every pair is evaluated, as far as memory allows.
            try budget.check(n * n * 24 + n * 400, what: "pairing \(n) shipments without coordinates (every pair)")
            console.warning("the graph has no coordinates, so every one of the \(n * (n - 1) / 2) pairs is routed; add the .co file to route only the pairs that can matter")
            var dense = pairingOptions
            dense.candidatesPerShipment = nil
            return try denseProblem(shipments, travel: travel).pair(options: dense)
        }
        let space = ShipmentSpace(origins: travel.originPoints, destinations: travel.destinationPoints, bound: bound)
        let problem: SpatialPairingProblem
        do {
            problem = try SpatialPairingProblem(
                shipments: shipments, loadedLegs: travel.loaded, ownReturns: travel.ownReturns, space: space,
                legs: travel.source, landmarks: travel.landmarks)
        } catch {
            throw CommandFailure(.internal, "internal error preparing the pairing: \(error)")
        }
        do {
            let progress: PairingProgress = { phase, done, total in console.progress(phase, done: done, total: total) }
            guard let keep else { return try problem.pair(options: pairingOptions, progress: progress) }
            let (result, restart) = try problem.pairKeepingRestart(options: pairingOptions, progress: progress)
            keep(SensitivityBase(problem: problem, restart: restart, options: pairingOptions))
            return result
        } catch {
            throw failure(error)
        }
    }

    /// The pairing options of a run.
    static func pairingOptions(_ options: MatchOptions, candidates k: Int) -> PairingOptions {
        PairingOptions(
            strategy: options.strategy == .greedy ? .greedy : .blossom,
            ignoreBodyType: options.ignoreBodyType,
            ignoreTimeWindows: options.ignoreTimeWindows,
            handlingSeconds: Int((options.handlingMinutes * 60).rounded()),
            maxDeadheadMetres: options.maxDeadheadKm.map { Int(($0 * 1000).rounded()) },
            candidatesPerShipment: k, threads: options.threads,
            pricingBudget: PricingBudget(seconds: options.pricingSeconds))
    }

    /// How a pairing error is reported.
    static func failure(_ error: PairingError) -> CommandFailure {
        switch error {
        case .certificate(let violation):
            CommandFailure(.internal, "the matching failed its own optimality check, so no result is reported: \(violation)")
        case .legs(let message):
            CommandFailure(.invalidInput, "routing empty legs: \(message)")
        case .input(let inputError):
            CommandFailure(.internal, "internal error preparing the pairing: \(inputError)")
        }
    }
}
