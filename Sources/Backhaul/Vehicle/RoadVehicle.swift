public import Emissions
public import Routing

/// The vehicle a road graph is built for, as a user picks it: a vehicle
/// class of the emissions model (`--vehicle artic-64t`), whose size and mass
/// the graph's limits are checked against, optionally with single figures
/// overridden (`--height-m 4.3`).
///
/// Routing does not know the emissions model: this maps a
/// ``VehicleClass/Dimensions`` to Routing's ``VehicleDimensions``, so that
/// the same `artic-40t` means the same truck for the fuel figures and for
/// which roads it may take.
public struct RoadVehicle: Sendable, Hashable {
    /// The vehicle class key, or `nil` for the profile's default vehicle.
    public var key: String?
    /// Overrides, in metres and tonnes.
    public var heightMetres: Double?
    public var widthMetres: Double?
    public var lengthMetres: Double?
    public var weightTonnes: Double?
    public var axleLoadTonnes: Double?

    public init(
        key: String? = nil, heightMetres: Double? = nil, widthMetres: Double? = nil, lengthMetres: Double? = nil,
        weightTonnes: Double? = nil, axleLoadTonnes: Double? = nil
    ) {
        self.key = key
        self.heightMetres = heightMetres
        self.widthMetres = widthMetres
        self.lengthMetres = lengthMetres
        self.weightTonnes = weightTonnes
        self.axleLoadTonnes = axleLoadTonnes
    }

    /// `true` when the user chose a vehicle or changed one of its figures.
    public var isSpecified: Bool {
        key != nil || heightMetres != nil || widthMetres != nil || lengthMetres != nil || weightTonnes != nil
            || axleLoadTonnes != nil
    }

    /// Routing's dimensions of a vehicle class, or `nil` when the class has
    /// none (one defined only for emissions).
    public static func dimensions(of vehicle: VehicleClass) -> VehicleDimensions? {
        guard let d = vehicle.dimensions else { return nil }
        return VehicleDimensions(
            name: vehicle.key, weightTonnes: d.grossWeightKg / 1000, heightMetres: d.heightMetres,
            widthMetres: d.widthMetres, lengthMetres: d.lengthMetres, axleLoadTonnes: d.axleLoadKg / 1000)
    }

    /// The dimensions to build a graph with for `profile`, or `nil` when
    /// nothing was specified (the profile's default vehicle applies).
    ///
    /// - Throws: ``CommandFailure`` (exit 2) for an unknown vehicle class,
    ///   one without dimensions, or a vehicle with the `car` profile.
    public func dimensions(profile: String, factors: EmissionFactors = .defaults) throws(CommandFailure) -> VehicleDimensions? {
        guard isSpecified else { return nil }
        guard profile == "hgv" || profile == "truck" else {
            throw .usage("--vehicle and the vehicle's dimensions apply to the hgv profile, not '\(profile)'")
        }
        var base = VehicleProfile.hgv.dimensions ?? .euArticulated
        if let key {
            guard let v = factors.vehicleIfPresent(key) else {
                throw .usage("unknown vehicle '\(key)'; expected one of \(factors.vehicles.map(\.key).joined(separator: ", "))")
            }
            guard let d = Self.dimensions(of: v) else {
                throw .usage("vehicle '\(key)' has no dimensions (height, width, length, weight); give them with --height-m, --width-m, --length-m, --weight-t")
            }
            base = d
        }
        var changed = false
        func set(_ value: Double?, _ path: WritableKeyPath<VehicleDimensions, Double>) {
            if let value { base[keyPath: path] = value; changed = true }
        }
        set(heightMetres, \.heightMetres)
        set(widthMetres, \.widthMetres)
        set(lengthMetres, \.lengthMetres)
        set(weightTonnes, \.weightTonnes)
        if let axleLoadTonnes { base.axleLoadTonnes = axleLoadTonnes; changed = true }
        if changed { base.name += " (custom)" }
        return base
    }

    /// Refuses a built graph whose recorded vehicle is not `requested`: a
    /// graph's roads were filtered for one vehicle size, so using it for
    /// another would route a taller or heavier truck where it does not fit.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) naming both vehicles and the
    ///   command that rebuilds the graph.
    public static func check(_ graph: RoadGraph, builtFrom path: String, for requested: VehicleDimensions?) throws(CommandFailure) {
        guard let requested else { return }
        guard let built = graph.vehicle else {
            throw .usage("\(path) records no vehicle (a \(graph.profile) graph): --vehicle and its dimensions apply to graphs built from OpenStreetMap with the hgv profile")
        }
        guard built.sameSize(as: requested) else {
            throw .usage("\(path) was built for \(built), not \(requested); rebuild it with 'backhaul graph build SOURCE --vehicle \(requested.name.split(separator: " ").first ?? "KEY") -o GRAPH.bhg', or leave --vehicle out to use the vehicle it was built for")
        }
    }
}

extension RoadVehicle {
    /// A graph's vehicle for JSON reports: name and figures, or `null`.
    public static func json(_ v: VehicleDimensions?) -> JSONValue {
        guard let v else { return .null }
        return .object([
            ("name", .string(v.name)),
            ("weight_t", .number(v.weightTonnes, decimals: 2)),
            ("height_m", .number(v.heightMetres, decimals: 2)),
            ("width_m", .number(v.widthMetres, decimals: 2)),
            ("length_m", .number(v.lengthMetres, decimals: 2)),
            ("axle_load_t", v.axleLoadTonnes.map { .number($0, decimals: 2) } ?? .null),
        ])
    }
}
