/// Fuel and CO2e of trips made by one vehicle class on one fuel.
///
/// The method is the distance-based one of EN 16258:2012 and the GLEC
/// Framework / ISO 14083: litres from distance and a load-dependent
/// consumption (linear between empty and full, as in NTM / HBEFA), then CO2e =
/// litres × the fuel's factor, tank-to-wheel and well-to-wheel.
///
/// All arithmetic is plain `Double`; nothing is rounded here. Rounding happens
/// once, when a value is reported (see ``ReportRounding``).
public struct EmissionModel: Sendable, Hashable {
    /// The vehicle class.
    public let vehicle: VehicleClass
    /// The fuel.
    public let fuel: Fuel

    /// Creates the model of `vehicle` on `fuel`.
    public init(vehicle: VehicleClass, fuel: Fuel) {
        self.vehicle = vehicle
        self.fuel = fuel
    }

    /// One trip of `distanceKm` at load factor `loadFactor` (clamped to
    /// `[0, 1]`).
    ///
    /// `distanceKm` should be finite and non-negative (callers validate user
    /// input); the result is linear in it.
    ///
    /// - Complexity: O(1), a handful of multiplications.
    @inlinable
    public func estimate(distanceKm: Double, loadFactor: Double) -> TripEstimate {
        let lf = loadFactor > 0 ? (loadFactor < 1 ? loadFactor : 1) : 0
        let per100 = vehicle.litresPer100km(loadFactor: lf)
        let litres = distanceKm * per100 / 100
        return TripEstimate(
            distanceKm: distanceKm, loadFactor: lf, litresPer100km: per100, litres: litres,
            co2eKgTTW: litres * fuel.kgCO2ePerLitreTTW, co2eKgWTW: litres * fuel.kgCO2ePerLitreWTW)
    }

    /// One trip of `distanceKm` carrying `loadKg` (`nil` means empty).
    ///
    /// - Complexity: O(1).
    @inlinable
    public func estimate(distanceKm: Double, loadKg: Double?) -> TripEstimate {
        estimate(distanceKm: distanceKm, loadFactor: vehicle.loadFactor(weightKg: loadKg))
    }

    /// An empty run of `metres` (load factor 0): what pairing saves per
    /// avoided empty metre.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func emptyRun(metres: Int) -> TripEstimate {
        estimate(distanceKm: Double(metres) / 1000, loadFactor: 0)
    }
}
