/// The catalogue of vehicle classes and fuels a run uses.
///
/// Start from ``defaults`` (the contract's values, each with its source) and
/// apply a factors file with ``applying(factorsFile:)`` to replace or add
/// entries. Entries keep a stable order: the defaults in the contract's order,
/// then additions in the order the file lists them.
///
/// Keys are lower case; ``vehicle(_:)`` and ``fuel(_:)`` match them without
/// regard to case and surrounding spaces, so `Artic-40T` in a spreadsheet
/// finds `artic-40t`.
public struct EmissionFactors: Sendable, Hashable {
    /// The vehicle classes, in catalogue order.
    public private(set) var vehicles: [VehicleClass]
    /// The fuels, in catalogue order.
    public private(set) var fuels: [Fuel]

    @usableFromInline var vehicleIndex: [String: Int]
    @usableFromInline var fuelIndex: [String: Int]

    /// The accounting basis every figure is on, for reports to state.
    ///
    /// The fuel factors follow EN 16258 (tank-to-wheel plus well-to-tank); the
    /// GLEC Framework v3 / ISO 14083 fuel tables come out about 3 % higher for
    /// diesel, so reports name the basis rather than claim a GLEC figure.
    public static let basis =
        "EN 16258 (WTW = TTW + WTT); GLEC v3 / ISO 14083 diesel factors are about 3 % higher"

    /// An empty catalogue.
    init() {
        vehicles = []
        fuels = []
        vehicleIndex = [:]
        fuelIndex = [:]
    }

    /// Adds `vehicle`, or replaces the entry with the same key in place.
    mutating func upsert(_ vehicle: VehicleClass) {
        if let i = vehicleIndex[vehicle.key] {
            vehicles[i] = vehicle
        } else {
            vehicleIndex[vehicle.key] = vehicles.count
            vehicles.append(vehicle)
        }
    }

    /// Adds `fuel`, or replaces the entry with the same key in place.
    mutating func upsert(_ fuel: Fuel) {
        if let i = fuelIndex[fuel.key] {
            fuels[i] = fuel
        } else {
            fuelIndex[fuel.key] = fuels.count
            fuels.append(fuel)
        }
    }

    /// The vehicle class called `key` (case-insensitive, spaces trimmed), or
    /// `nil`.
    ///
    /// - Complexity: O(length of `key`).
    public func vehicleIfPresent(_ key: String) -> VehicleClass? {
        if let i = vehicleIndex[key] { return vehicles[i] }
        return vehicleIndex[Self.normalized(key)].map { vehicles[$0] }
    }

    /// The fuel called `key` (case-insensitive, spaces trimmed), or `nil`.
    ///
    /// - Complexity: O(length of `key`).
    public func fuelIfPresent(_ key: String) -> Fuel? {
        if let i = fuelIndex[key] { return fuels[i] }
        return fuelIndex[Self.normalized(key)].map { fuels[$0] }
    }

    /// The vehicle class called `key`.
    ///
    /// - Throws: ``UnknownFactorKeyError`` listing the known vehicle keys.
    public func vehicle(_ key: String) throws(UnknownFactorKeyError) -> VehicleClass {
        guard let v = vehicleIfPresent(key) else {
            throw UnknownFactorKeyError(kind: .vehicle, key: key, knownKeys: vehicles.map(\.key))
        }
        return v
    }

    /// The fuel called `key`.
    ///
    /// - Throws: ``UnknownFactorKeyError`` listing the known fuel keys.
    public func fuel(_ key: String) throws(UnknownFactorKeyError) -> Fuel {
        guard let f = fuelIfPresent(key) else {
            throw UnknownFactorKeyError(kind: .fuel, key: key, knownKeys: fuels.map(\.key))
        }
        return f
    }

    /// The model for `vehicle` running on `fuel`, both looked up by key.
    ///
    /// - Throws: ``UnknownFactorKeyError`` for the first key that is unknown.
    public func model(vehicle: String, fuel: String) throws(UnknownFactorKeyError) -> EmissionModel {
        EmissionModel(vehicle: try self.vehicle(vehicle), fuel: try self.fuel(fuel))
    }

    static func normalized(_ key: String) -> String {
        var s = Substring(key)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return s.lowercased()
    }
}
