/// Fuel and CO2e of one trip, unrounded.
public struct TripEstimate: Sendable, Hashable {
    /// The distance the estimate is for, in kilometres.
    public var distanceKm: Double
    /// The load factor used, in `[0, 1]`.
    public var loadFactor: Double
    /// Fuel use at that load factor, in litres per 100 km.
    public var litresPer100km: Double
    /// Litres of fuel burnt.
    public var litres: Double
    /// Kilograms of CO2e, tank-to-wheel.
    public var co2eKgTTW: Double
    /// Kilograms of CO2e, well-to-wheel.
    public var co2eKgWTW: Double

    @inlinable
    public init(
        distanceKm: Double, loadFactor: Double, litresPer100km: Double, litres: Double,
        co2eKgTTW: Double, co2eKgWTW: Double
    ) {
        self.distanceKm = distanceKm
        self.loadFactor = loadFactor
        self.litresPer100km = litresPer100km
        self.litres = litres
        self.co2eKgTTW = co2eKgTTW
        self.co2eKgWTW = co2eKgWTW
    }
}
