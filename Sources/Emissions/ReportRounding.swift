/// How emission figures are rounded when they are reported: the one place that
/// decides it.
///
/// Computation never rounds; a value is rounded once, when it is written to
/// text, JSON, CSV or a report. Totals are the rounded sum of unrounded parts,
/// so a column of rounded parts may differ from its rounded total in the last
/// decimal.
///
/// | quantity | decimals |
/// | --- | --- |
/// | km | 3 (metres) |
/// | litres | 3 |
/// | kg CO2e | 3 |
/// | load factor | 3 |
/// | l/100km | 2 |
/// | kg CO2e per litre | 3 |
///
/// Rounding is half away from zero on the binary value. Text and JSON write
/// exactly the quantity's decimals (`22.000`; Backhaul's JSON writer takes
/// ``Quantity/decimals``), and negative zero is written as zero.
public enum ReportRounding {
    /// A kind of reported value.
    public enum Quantity: Sendable, Hashable, CaseIterable {
        case km
        case litres
        case kgCO2e
        case loadFactor
        case litresPer100km
        case kgCO2ePerLitre

        /// Decimals kept for this quantity.
        public var decimals: Int {
            switch self {
            case .km, .litres, .kgCO2e, .loadFactor, .kgCO2ePerLitre: 3
            case .litresPer100km: 2
            }
        }
    }

    /// `value` rounded to the decimals of `quantity`; non-finite values are
    /// returned unchanged.
    public static func rounded(_ value: Double, _ quantity: Quantity) -> Double {
        rounded(value, decimals: quantity.decimals)
    }

    /// `value` rounded half away from zero to `decimals` places.
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return value }
        let scale = powerOfTen(decimals)
        let r = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        return r == 0 ? 0 : r  // no negative zero
    }

    /// Kilometres from integer metres (exact to the metre, so already 3
    /// decimals).
    public static func km(metres: Int) -> Double {
        Double(metres) / 1000
    }

    /// The rounded value with exactly the quantity's decimals, for text and
    /// tables (`22.000`, `54.340`).
    public static func fixed(_ value: Double, _ quantity: Quantity) -> String {
        fixed(value, decimals: quantity.decimals)
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.description }
        let scale = powerOfTen(decimals)
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return rounded(value, decimals: decimals).description }
        let n = Int64(scaled)
        let negative = n < 0
        let magnitude = negative ? -n : n
        let unit = Int64(scale)
        var fraction = String(magnitude % unit)
        if fraction.count < decimals { fraction = String(repeating: "0", count: decimals - fraction.count) + fraction }
        let whole = String(magnitude / unit)
        return (negative ? "-" : "") + whole + (decimals > 0 ? "." + fraction : "")
    }

    private static func powerOfTen(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<max(0, n) { p *= 10 }
        return p
    }
}
