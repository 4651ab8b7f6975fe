import Dispatch
import Emissions
public import Ledger
public import Pairing
import Routing

/// `backhaul match`: batch files in, pairs and savings out.
///
/// The phases, each timed and shown as progress on a terminal:
/// 1. **read** — read and validate the batches (``BatchReader``); rows that
///    cannot be used are rejected with file, line and reason;
/// 2. **snap** — place every origin and destination on the road graph
///    (nearest road position, or the node of an `origin_node`/`dest_node`);
///    ends farther than `--max-snap-m` make the shipment `unreachable`;
/// 3. **matrix** — road distance and duration of every shipment's loaded
///    leg and of every empty leg destination → origin, with the parallel
///    many-to-many router (or the crow-fly estimate without a graph);
/// 4. **match** — savings, constraints and the maximum-weight matching
///    (``PairingProblem``), then the tours from it (`--max-tour`,
///    MatchJob+Tours.swift);
/// 5. **report** — emissions of the avoided empty kilometres
///    (``SavingsLedger``), route geometry for maps, and the reports.
public enum MatchJob {
    /// What a run produced.
    public struct Outcome: Sendable {
        public var report: MatchReport
        /// `.success`, or `.rejectedRows` with `--strict` and rejections.
        public var status: ExitStatus
        /// Wall time per phase, in order.
        public var timings: [(phase: String, seconds: Double)]
        /// How the certified pairing went (`nil` when every pair was
        /// evaluated), with its own timings — not part of any report, which
        /// must not depend on the clock.
        public var pairingStatistics: PricingStatistics?
        /// The run as `--ledger` records it (`nil` without `--ledger`).
        public var ledgerRun: LedgerRun? = nil
        /// How each `--sensitivity` rerun went, with its timings (empty
        /// without the option).
        public var sensitivityStatistics: [(variant: String, statistics: PricingStatistics)] = []
    }

    /// Runs the job and writes its output (stdout, or every format into
    /// `--out`).
    public static func execute(_ options: MatchOptions, console: Console) throws(CommandFailure) -> ExitStatus {
        let folder = try MatchOutput.prepare(options)
        let outcome = try run(options, console: console)
        try MatchOutput.write(outcome, options: options, into: folder)
        try appendToLedger(outcome, options: options, console: console)
        return outcome.status
    }

    /// Runs the job and returns the report without writing anything: the
    /// library entry point (tests, benchmarks).
    ///
    /// - Throws: ``CommandFailure``: exit 2 for a missing file or unknown
    ///   vehicle/fuel, exit 3 for input unusable as a whole (corrupt graph,
    ///   missing columns, no valid shipment at all).
    public static func run(_ options: MatchOptions, console: Console) throws(CommandFailure) -> Outcome {
        var clock = PhaseClock()
        let factors = try EmissionsJob.loadFactors(options.factorsFile)
        do {
            _ = try factors.model(vehicle: options.vehicle, fuel: options.fuel)
        } catch {
            throw .usage(error.description)
        }

        // 1. Read.
        console.phase("reading \(options.batches.count) batch input\(options.batches.count == 1 ? "" : "s")")
        var batch: Batch
        do {
            batch = try BatchReader().read(options.batches.map(BatchInput.init(argument:)))
        } catch {
            throw CommandFailure(ExitStatus(rawValue: error.exitCode) ?? .invalidInput, error.description)
        }
        for w in batch.warnings { console.warning(w) }
        clock.lap("read")

        // Distances.
        let model: DistanceModel
        if let path = options.graphPath {
            console.phase("loading the road graph \(path)")
            let unit: DIMACS.Unit = options.dimacsUnit == "dm" ? .decimetres : .metres
            // With --vehicle, the graph is for that vehicle: its height,
            // width, length and mass decide which roads it may take
            // (OpenStreetMap graphs with the hgv profile; DIMACS graphs have
            // no such limits).
            var vehicle: VehicleDimensions?
            if options.vehicleGiven, options.profile == "hgv", (try? GraphFile.format(of: path)) != .dimacs {
                vehicle = try RoadVehicle(key: options.vehicle).dimensions(profile: options.profile, factors: factors)
            }
            model = .road(try RoadNetwork.load(path, dimacsUnit: unit, profile: options.profile, vehicle: vehicle, console: console))
            clock.lap("load graph")
        } else {
            model = .crowfly(circuity: options.circuity, speedKmh: options.crowflySpeedKmh)
        }

        // Rows the job itself cannot use: unknown vehicle or fuel keys, node
        // ids without a graph or not in it.
        var rejected = batch.rejected
        func usable(_ rows: [Shipment]) -> [Shipment] {
            rows.filter { s in
                guard let reason = unusableReason(s, factors: factors, model: model) else { return true }
                rejected.append(.init(file: s.source.file, line: s.source.line, id: s.id, reason: reason))
                return false
            }
        }
        let shipments = usable(batch.shipments)
        let observed = usable(batch.observedEmpty)
        rejected.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        // Valid but probably wrong coordinates (swapped, far from the rest):
        // warnings, not rejections.
        let plausibility = plausibilityWarnings(shipments + observed, model: model)
        for w in plausibility { console.warning(w) }
        batch.warnings += plausibility
        guard !shipments.isEmpty else {
            throw .invalidInput(
                "no valid shipment to pair: \(batch.records) rows, \(rejected.count) rejected, \(observed.count) observed empty runs"
                    + (rejected.first.map { " (first rejection: \($0.file):\($0.line): \($0.reason))" } ?? ""))
        }

        // Refuse what cannot fit before doing the work.
        let k = options.candidatesPerShipment ?? SpatialPairingProblem.defaultCandidates
        let budget = MemoryBudget.current(userLimitBytes: options.maxMemoryBytes)
        // (--sensitivity keeps the base run's pairs while a rerun builds its
        // own; large batches over roads also hold landmark bounds.)
        let landmarkBytes = options.graphPath != nil && shipments.count >= Self.landmarkMinimumShipments
            ? LandmarkBounds.estimatedBytes(shipments: shipments.count, landmarks: LandmarkDistances.defaultLandmarkCount) : 0
        try budget.check(
            SpatialPairingProblem.estimatedBytes(shipments: shipments.count, candidates: k) * (options.sensitivity ? 2 : 1)
                + landmarkBytes + shipments.count * MatchJob.reportBytesPerShipment
                + tourEstimatedBytes(options, shipments: shipments.count),
            what: "pairing \(shipments.count) shipments")

        // 2–3. Snap and route what every run needs.
        let travel = try computeTravel(for: shipments, observed: observed, model: model, options: options, console: console, clock: &clock)

        // 4. Match.
        console.phase("pairing \(shipments.count) shipments")
        var sensitivityBase: SensitivityBase?
        let pairing = try pair(
            shipments, travel: travel, options: options, candidates: k, budget: budget, console: console,
            keep: options.sensitivity ? { sensitivityBase = $0 } : nil)
        let plan = try planTours(shipments, pairing: pairing, travel: travel, options: options, candidates: k, console: console)
        clock.lap("match")

        // 5. Emissions, geometry, report.
        console.phase("estimating emissions and writing reports")
        var report = try assembleReport(
            options: options, model: model, factors: factors, batch: batch, shipments: shipments, observed: observed,
            observedMetres: travel.observedMetres, rejected: rejected, pairing: pairing, plan: plan, candidates: k,
            travel: travel)
        try addBaselines(
            to: &report, options: options, model: model, factors: factors, shipments: shipments, observed: observed,
            travel: travel, pairing: pairing, plan: plan)
        let ledgerRun = try allocateSavings(
            report: &report, options: options, factors: factors, batch: batch, shipments: shipments, observed: observed,
            plan: plan, travel: travel)
        if options.needsGeometry {
            report = addGeometry(to: report, shipments: shipments, plan: plan, travel: travel, model: model, options: options)
        }
        clock.lap("report")
        var sensitivityStatistics: [(variant: String, statistics: PricingStatistics)] = []
        if options.sensitivity {
            (report.baselines.sensitivity, sensitivityStatistics) = try sensitivity(
                base: sensitivityBase, report: report, options: options, model: model, factors: factors, shipments: shipments,
                observed: observed, travel: travel, console: console)
            clock.lap("sensitivity")
        }
        console.finish()

        let status: ExitStatus = options.strict && !rejected.isEmpty ? .rejectedRows : .success
        return Outcome(
            report: report, status: status, timings: clock.laps, pairingStatistics: pairing.statistics, ledgerRun: ledgerRun,
            sensitivityStatistics: sensitivityStatistics)
    }

    /// Why the job cannot use a shipment the batch reader accepted, or `nil`.
    static func unusableReason(_ s: Shipment, factors: EmissionFactors, model: DistanceModel) -> String? {
        if let v = s.vehicle, factors.vehicleIfPresent(v) == nil {
            return "unknown vehicle '\(v)' (known: \(factors.vehicles.map(\.key).joined(separator: ", ")))"
        }
        if let f = s.fuel, factors.fuelIfPresent(f) == nil {
            return "unknown fuel '\(f)' (known: \(factors.fuels.map(\.key).joined(separator: ", ")))"
        }
        for (name, location) in [("origin", s.origin), ("destination", s.destination)] {
            switch (location, model) {
            case (.node, .crowfly):
                return "\(name) is a graph node id, which needs a road graph (--graph)"
            case (.node(let id), .road(let network)) where network.graph.node(originalID: id) == nil:
                return "\(name) node \(id) is not in the graph \(network.file)"
            case (.coordinate, .road(let network)) where !network.graph.hasCoordinates:
                return "\(name) is a coordinate, but the graph \(network.file) has no node coordinates"
                    + (network.graph.profile == "dimacs" ? " (its .co file is missing)" : "")
            default:
                continue
            }
        }
        return nil
    }
}

/// Wall-clock laps for the phase timings.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(phase: String, seconds: Double)] = []

    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((phase, Double(now - last) / 1e9))
        last = now
    }
}
