import Emissions
import Ledger
import Pairing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MatchJob {
    /// The run as the ledger records it.
    static func ledgerRun(
        allocation: RunAllocation, orders: [[Int]], modelKeys: [(vehicle: String, fuel: String)], models: [EmissionModel],
        tours: [TourCostMatrix], shipments: [Shipment], observed: [Shipment], batch: Batch, options: MatchOptions,
        report: MatchReport
    ) -> LedgerRun {
        let info = orders.map { order in order.map { LedgerRunBuilder.ShipmentInfo(id: shipments[$0].id, weightKg: shipments[$0].weightKg) } }
        let ledgerTours = LedgerRunBuilder.tours(
            allocation: allocation, matrices: tours, shipments: info, models: models, modelKeys: modelKeys)
        let companies = LedgerRunBuilder.companies(allocation)
        let a = options.allocation
        return LedgerRun(
            fingerprint: fingerprint(options: options, report: report, shipments: shipments, observed: observed),
            runDate: a.ledgerDate ?? localToday(), backhaulVersion: BackhaulVersion.string, splitMethod: a.split.rawValue,
            distanceModel: report.graph.distanceModel, currency: allocation.hasMoney ? (a.currency ?? "") : nil,
            parameters: parameters(options: options, report: report),
            inputs: batch.files.map { inputRecord($0.file) },
            companies: companies, tours: ledgerTours, totals: allocation.total)
    }

    /// Every option that shapes the result, by name (recorded with the run
    /// and hashed into its fingerprint).
    static func parameters(options o: MatchOptions, report: MatchReport) -> [LedgerRun.Parameter] {
        func num(_ x: Double?) -> String? { x.map { String($0) } }
        let a = o.allocation
        return [
            .init("graph", o.graphPath),
            .init("graph_nodes", String(report.graph.nodes)),
            .init("graph_edges", String(report.graph.edges)),
            .init("profile", report.graph.profile),
            .init("distance_model", report.graph.distanceModel),
            .init("circuity", report.graph.distanceModel == "crowfly" ? num(o.circuity) : nil),
            .init("crowfly_speed_kmh", report.graph.distanceModel == "crowfly" ? num(o.crowflySpeedKmh) : nil),
            .init("dimacs_unit", o.dimacsUnit),
            .init("max_snap_m", num(o.maxSnapMetres)),
            .init("strategy", o.strategy.rawValue),
            .init("vehicle", o.vehicle),
            .init("fuel", o.fuel),
            .init("factors_sha256", o.factorsFile.flatMap { fileDigest($0)?.sha256 }),
            .init("max_deadhead_km", num(o.maxDeadheadKm)),
            .init("handling_min", num(o.handlingMinutes)),
            .init("ignore_body_type", String(o.ignoreBodyType)),
            .init("ignore_time_windows", String(o.ignoreTimeWindows)),
            .init("candidates_per_shipment", report.parameters.candidatesPerShipment.map(String.init)),
            .init("split", a.split.rawValue),
            .init("cost_per_km", num(a.costPerKm)),
            .init("cost_per_hour", num(a.costPerHour)),
            .init("currency", a.currency),
            .init("companies_sha256", a.companiesFile.flatMap { fileDigest($0)?.sha256 }),
            .init("run_date", a.ledgerDate ?? localToday()),
            .init("emission_basis", report.parameters.emissionBasis),
        ] + tourParameters(o)
    }

    /// The tour options, recorded only when they differ from the defaults,
    /// so that a pairs-only run keeps the fingerprint it had before tours.
    static func tourParameters(_ o: MatchOptions) -> [LedgerRun.Parameter] {
        var out: [LedgerRun.Parameter] = []
        if o.maxTour != TourOptions.defaultMaxTour { out.append(.init("max_tour", String(o.maxTour))) }
        if o.dailyDrivingHours != 9 { out.append(.init("daily_driving_h", String(o.dailyDrivingHours))) }
        if let km = o.maxTourKm { out.append(.init("max_tour_km", String(km))) }
        if let h = o.maxTourHours { out.append(.init("max_tour_h", String(h))) }
        return out
    }

    /// SHA-256 over a canonical text of the parameters and of every valid
    /// shipment and observed empty run as read (id, company, ends, times,
    /// weight, body, vehicle, fuel, load status) — the same rows and options
    /// give the same fingerprint, however the files are named, whether they
    /// came from a file or standard input, and in whatever CSV dialect.
    static func fingerprint(options: MatchOptions, report: MatchReport, shipments: [Shipment], observed: [Shipment]) -> String {
        var h = SHA256()
        h.update("backhaul ledger fingerprint 1\n")
        for p in parameters(options: options, report: report) { h.update("\(p.key)=\(p.value ?? "")\n") }
        func location(_ l: Location) -> String {
            switch l {
            case .coordinate(let lat, let lon): "\(lat),\(lon)"
            case .node(let id): "node \(id)"
            }
        }
        func time(_ t: Timestamp?) -> String {
            t.map { "\($0.seconds)\($0.utcOffsetSeconds.map { "@\($0)" } ?? "")" } ?? ""
        }
        for s in shipments + observed {
            let fields = [
                s.id, s.company ?? "", location(s.origin), location(s.destination), time(s.pickupEarliest),
                time(s.pickupLatest), time(s.deliveryLatest), s.weightKg.map { "\($0)" } ?? "",
                s.bodyType?.rawValue ?? "", s.vehicle ?? "", s.fuel ?? "", s.loadStatus.rawValue,
            ]
            h.update(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|") + "\n")
        }
        return h.hexDigest()
    }

    /// A batch file's size and SHA-256, read again (`nil` values for
    /// standard input or an unreadable file).
    static func inputRecord(_ name: String) -> LedgerRun.Input {
        guard name != "-" && name != "<stdin>", let d = fileDigest(name) else {
            return LedgerRun.Input(name: name, bytes: nil, sha256: nil)
        }
        return LedgerRun.Input(name: name, bytes: d.bytes, sha256: d.sha256)
    }

    static func fileDigest(_ path: String) -> (bytes: Int, sha256: String)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var h = SHA256()
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 1 << 16) }
            if n < 0 { return nil }
            if n == 0 { break }
            h.update(chunk[0..<n])
            total += n
        }
        return (total, h.hexDigest())
    }

    /// Today's local date, `YYYY-MM-DD`.
    static func localToday() -> String {
        var t = time(nil)
        var tm = tm()
        localtime_r(&t, &tm)
        func two(_ x: Int32) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))"
    }

    /// Appends the outcome's run to `--ledger` and says what happened on
    /// stderr (`recorded run 12`, `already recorded as run 12`).
    ///
    /// `BACKHAUL_LEDGER_KILL_AFTER=N` (a test hook, docs/ledger.md) kills the
    /// process with SIGKILL after the N-th statement of the append.
    static func appendToLedger(_ outcome: Outcome, options: MatchOptions, console: Console) throws(CommandFailure) {
        guard let path = options.allocation.ledgerPath, let run = outcome.ledgerRun else { return }
        var hook: ((Int) throws -> Void)?
        if let text = getenv("BACKHAUL_LEDGER_KILL_AFTER").map({ String(cString: $0) }), let n = Int(text) {
            hook = { done in if done >= n { kill(getpid(), SIGKILL) } }
        }
        do {
            let ledger = try LedgerDatabase(path: path, create: true)
            switch try ledger.append(run, replace: options.allocation.ledgerReplace, afterStatement: hook) {
            case .recorded(let id, let superseded):
                console.note("ledger \(path): recorded run \(id) (\(run.runDate), \(run.tours.count) tours)"
                    + (superseded.isEmpty ? "" : ", superseding run\(superseded.count == 1 ? "" : "s") \(superseded.map(String.init).joined(separator: ", "))"))
            case .alreadyRecorded(let id):
                console.note("ledger \(path): this run (same inputs and options) is already recorded as run \(id); nothing added (--ledger-replace records it anew)")
            }
        } catch {
            throw failure(error)
        }
    }

    /// The exit status a ledger error gets.
    static func failure(_ error: LedgerError) -> CommandFailure {
        switch error {
        case .missing: CommandFailure(.usage, error.description)
        case .corrupt, .notALedger, .newerSchema, .invalidRun: CommandFailure(.invalidInput, error.description)
        case .sqlite(let e) where e.isBusy: CommandFailure(.locked, error.description + " (another process is writing the ledger)")
        case .sqlite(let e) where e.isCorruption: CommandFailure(.invalidInput, error.description)
        case .sqlite: CommandFailure(.ioFailure, error.description)
        }
    }
}
