/// A fuel and its greenhouse-gas factors per litre.
///
/// Following EN 16258:2012 (and the GLEC Framework / ISO 14083 that build on
/// it), emissions are split into *tank-to-wheel* (TTW, what leaves the exhaust,
/// biogenic CO2 counted as zero) and *well-to-wheel* (WTW = TTW + well-to-tank,
/// which adds producing and delivering the fuel).
public struct Fuel: Sendable, Hashable, Identifiable {
    /// The key used on the command line and in shipment files (`diesel-b7`).
    public var key: String
    /// A one-line description for people.
    public var name: String
    /// Kilograms of CO2e per litre burnt, tank-to-wheel.
    public var kgCO2ePerLitreTTW: Double
    /// Kilograms of CO2e per litre burnt, well-to-wheel.
    public var kgCO2ePerLitreWTW: Double
    /// Where these values come from.
    public var source: FactorSource

    /// The key.
    public var id: String { key }

    /// Creates a fuel. The values are not checked here.
    public init(key: String, name: String, kgCO2ePerLitreTTW: Double, kgCO2ePerLitreWTW: Double, source: FactorSource) {
        self.key = key
        self.name = name
        self.kgCO2ePerLitreTTW = kgCO2ePerLitreTTW
        self.kgCO2ePerLitreWTW = kgCO2ePerLitreWTW
        self.source = source
    }
}
