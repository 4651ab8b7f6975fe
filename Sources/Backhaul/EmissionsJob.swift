import Emissions

/// `backhaul emissions`: fuel and CO2e of one trip, or (`--list`) the
/// catalogue of vehicle classes and fuels with their sources.
///
/// The job validates its options, loads the factors (defaults, then
/// `--factors FILE.json`), and writes its result to standard output. Failures
/// follow the contract: unknown vehicle or fuel, bad option combinations and
/// a missing factors file are usage errors (exit 2); a factors file whose
/// content is refused is invalid input (exit 3).
public struct EmissionsJob: Sendable {
    /// Output format.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case text
        case json
    }

    /// What to do.
    public enum Mode: Sendable, Hashable {
        /// One trip of `distanceKm` carrying `loadKg` (`nil`: empty).
        case trip(distanceKm: Double, loadKg: Double?)
        /// The vehicle and fuel tables.
        case list
    }

    public var mode: Mode
    /// Vehicle key (`--vehicle`); `nil` means the run default `artic-40t`.
    public var vehicle: String?
    /// Fuel key (`--fuel`); `nil` means the run default `diesel-b7`.
    public var fuel: String?
    public var format: Format
    /// `--factors FILE.json`, applied over the defaults.
    public var factorsFile: String?

    public init(mode: Mode, vehicle: String? = nil, fuel: String? = nil, format: Format = .text, factorsFile: String? = nil) {
        self.mode = mode
        self.vehicle = vehicle
        self.fuel = fuel
        self.format = format
        self.factorsFile = factorsFile
    }

    /// Runs the job and writes its output to standard output; warnings go to
    /// `console`.
    public func run(console: Console = Console(quiet: true)) throws(CommandFailure) -> ExitStatus {
        Console.writeStdout(try output(console: console))
        return .success
    }

    /// The text the job writes, without writing it.
    ///
    /// - Throws: ``CommandFailure`` with the contract's exit status.
    public func output(console: Console = Console(quiet: true, captureOnly: true)) throws(CommandFailure) -> String {
        let factors = try Self.loadFactors(factorsFile)
        switch mode {
        case .list:
            guard vehicle == nil, fuel == nil else {
                throw .usage("--list shows every vehicle and fuel; it takes no --vehicle or --fuel")
            }
            return format == .json ? Self.listJSON(factors).serialized() : Self.listText(factors)
        case .trip(let distanceKm, let loadKg):
            guard distanceKm.isFinite, distanceKm >= 0 else {
                throw .usage("invalid distance \(distanceKm) km: expected a number ≥ 0")
            }
            if let loadKg, !(loadKg.isFinite && loadKg >= 0) {
                throw .usage("invalid load \(loadKg) kg: expected a number ≥ 0")
            }
            let model: EmissionModel
            do {
                model = try factors.model(
                    vehicle: vehicle ?? EmissionFactors.defaultVehicleKey, fuel: fuel ?? EmissionFactors.defaultFuelKey)
            } catch {
                throw .usage(error.description)
            }
            if let loadKg, loadKg > model.vehicle.payloadKg {
                console.warning(
                    "load \(ReportRounding.fixed(loadKg, decimals: 0)) kg exceeds the payload of \(model.vehicle.key)"
                        + " (\(ReportRounding.fixed(model.vehicle.payloadKg, decimals: 0)) kg); load factor clamped to 1")
            }
            let estimate = model.estimate(distanceKm: distanceKm, loadKg: loadKg)
            let trip = Trip(model: model, loadKg: loadKg, estimate: estimate)
            return format == .json ? trip.json.serialized() : trip.text
        }
    }

    /// The catalogue a run uses: the defaults with `path` applied.
    ///
    /// Shared with the `match` job so both treat `--factors` alike.
    ///
    /// - Throws: ``CommandFailure``: `.usage` when the file cannot be read,
    ///   `.invalidInput` naming the file, line and key when its content is
    ///   refused.
    static func loadFactors(_ path: String?) throws(CommandFailure) -> EmissionFactors {
        guard let path else { return .defaults }
        do {
            return try EmissionFactors.defaults.applying(factorsFile: path)
        } catch {
            throw CommandFailure(error.isUnreadable ? .usage : .invalidInput, error.description)
        }
    }
}
