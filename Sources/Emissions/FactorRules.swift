/// The limits every vehicle and fuel entry must meet, shared by the factors
/// file reader and the debug invariant check (and documented in
/// `docs/emissions.md`).
enum FactorRules {
    /// Fuel use in litres per 100 km. Below 1 is almost certainly litres per
    /// *kilometre*; above 200 is no road truck.
    static let litresPer100km: ClosedRange<Double> = 1...200
    /// Kilograms of CO2e per litre. Fossil diesel is about 3.2 WTW; above 10
    /// is almost certainly grams. Negative values (credits) are not accepted:
    /// backhaul never reports credits as savings.
    static let kgPerLitre: ClosedRange<Double> = 0...10
    /// Payload in kilograms: positive, at most 200 t.
    static let payloadKg: ClosedRange<Double> = 1...200_000
    /// Years a source may carry.
    static let years: ClosedRange<Int> = 1900...2100
    /// Longest key.
    static let maxKeyLength = 64

    /// Keys are lower-case ASCII letters and digits, `-` and `_`, starting with
    /// a letter or digit, at most ``maxKeyLength`` long.
    static func isValidKey(_ key: String) -> Bool {
        let u = key.utf8
        guard let first = u.first, u.count <= maxKeyLength, isLowerAlnum(first) else { return false }
        return u.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
