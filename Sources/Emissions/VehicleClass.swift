/// A class of truck: how much it can carry and how much fuel it burns empty and
/// full.
///
/// Fuel use between empty and full is interpolated linearly in the load factor,
/// as in the NTM (Network for Transport Measures) method and the HBEFA
/// handbook it draws on:
///
///     l/100km = empty + (full − empty) × LF,   LF = clamp(weight_kg / payload_kg, 0, 1)
///
/// Values are taken as given; ``EmissionFactors`` validates what it reads from
/// a factors file (positive payload, `1 ≤ empty ≤ full ≤ 200` l/100 km).
public struct VehicleClass: Sendable, Hashable, Identifiable {
    /// The key used on the command line and in shipment files (`artic-40t`).
    /// Lower case letters, digits, `-` and `_`.
    public var key: String
    /// A one-line description for people (`Tractor + semitrailer, 40 t`).
    public var name: String
    /// The most cargo the vehicle may carry, in kilograms. Always positive.
    public var payloadKg: Double
    /// Fuel use with no cargo, in litres per 100 km.
    public var litresPer100kmEmpty: Double
    /// Fuel use at full payload, in litres per 100 km.
    public var litresPer100kmFull: Double
    /// Where these values come from.
    public var source: FactorSource
    /// The vehicle's size and mass, which road routing checks against height,
    /// width, length, weight and axle-load limits; `nil` when not known
    /// (a class defined only for emissions).
    public var dimensions: Dimensions?

    /// The size and mass of a vehicle class.
    public struct Dimensions: Sendable, Hashable {
        /// Height in metres.
        public var heightMetres: Double
        /// Width in metres.
        public var widthMetres: Double
        /// Length in metres.
        public var lengthMetres: Double
        /// Gross (maximum laden) weight in kilograms.
        public var grossWeightKg: Double
        /// The heaviest axle load in kilograms (the driving axle).
        public var axleLoadKg: Double
        /// Where these values come from.
        public var source: FactorSource

        /// Creates dimensions. The values are not checked here.
        public init(
            heightMetres: Double, widthMetres: Double, lengthMetres: Double, grossWeightKg: Double, axleLoadKg: Double,
            source: FactorSource
        ) {
            self.heightMetres = heightMetres
            self.widthMetres = widthMetres
            self.lengthMetres = lengthMetres
            self.grossWeightKg = grossWeightKg
            self.axleLoadKg = axleLoadKg
            self.source = source
        }
    }

    /// The key.
    public var id: String { key }

    /// Creates a vehicle class. The values are not checked here.
    public init(
        key: String, name: String, payloadKg: Double,
        litresPer100kmEmpty: Double, litresPer100kmFull: Double, source: FactorSource,
        dimensions: Dimensions? = nil
    ) {
        self.key = key
        self.name = name
        self.payloadKg = payloadKg
        self.litresPer100kmEmpty = litresPer100kmEmpty
        self.litresPer100kmFull = litresPer100kmFull
        self.source = source
        self.dimensions = dimensions
    }

    /// The load factor of a cargo: `weightKg / payloadKg` clamped to `[0, 1]`.
    ///
    /// `nil`, negative, zero and NaN weights give 0 (an empty run); weights above
    /// the payload give 1.
    @inlinable
    public func loadFactor(weightKg: Double?) -> Double {
        guard let weightKg, weightKg > 0, payloadKg > 0 else { return 0 }
        let lf = weightKg / payloadKg
        return lf < 1 ? lf : 1
    }

    /// Fuel use in litres per 100 km at load factor `loadFactor`, which is
    /// clamped to `[0, 1]` first (NaN counts as 0).
    @inlinable
    public func litresPer100km(loadFactor: Double) -> Double {
        let lf = loadFactor > 0 ? (loadFactor < 1 ? loadFactor : 1) : 0
        return litresPer100kmEmpty + (litresPer100kmFull - litresPer100kmEmpty) * lf
    }
}
