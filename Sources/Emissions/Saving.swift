/// Avoided empty running and what it would have burnt and emitted: the unit
/// of every total in a savings report. Unrounded.
public struct Saving: Sendable, Hashable, AdditiveArithmetic {
    /// Avoided empty metres (exact).
    public var metres: Int
    /// Litres of fuel not burnt.
    public var litres: Double
    /// Kilograms of CO2e not emitted, tank-to-wheel.
    public var co2eKgTTW: Double
    /// Kilograms of CO2e not emitted, well-to-wheel.
    public var co2eKgWTW: Double

    @inlinable
    public init(metres: Int, litres: Double, co2eKgTTW: Double, co2eKgWTW: Double) {
        self.metres = metres
        self.litres = litres
        self.co2eKgTTW = co2eKgTTW
        self.co2eKgWTW = co2eKgWTW
    }

    /// The saving of avoiding `metres` of empty running (load factor 0) with
    /// `model`'s vehicle and fuel.
    @inlinable
    public init(avoidedEmptyMetres metres: Int, model: EmissionModel) {
        let e = model.emptyRun(metres: metres)
        self.init(metres: metres, litres: e.litres, co2eKgTTW: e.co2eKgTTW, co2eKgWTW: e.co2eKgWTW)
    }

    /// Avoided kilometres (exact to the metre).
    public var km: Double { Double(metres) / 1000 }

    public static let zero = Saving(metres: 0, litres: 0, co2eKgTTW: 0, co2eKgWTW: 0)

    @inlinable
    public static func + (a: Saving, b: Saving) -> Saving {
        Saving(
            metres: a.metres + b.metres, litres: a.litres + b.litres,
            co2eKgTTW: a.co2eKgTTW + b.co2eKgTTW, co2eKgWTW: a.co2eKgWTW + b.co2eKgWTW)
    }

    @inlinable
    public static func - (a: Saving, b: Saving) -> Saving {
        Saving(
            metres: a.metres - b.metres, litres: a.litres - b.litres,
            co2eKgTTW: a.co2eKgTTW - b.co2eKgTTW, co2eKgWTW: a.co2eKgWTW - b.co2eKgWTW)
    }
}
