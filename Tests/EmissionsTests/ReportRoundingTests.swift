import Testing
@testable import Emissions

@Suite struct ReportRoundingTests {
    @Test(arguments: [
        (54.34, ReportRounding.Quantity.kgCO2e, "54.340"),
        (22.000000000000004, .litres, "22.000"),
        (0.0, .km, "0.000"),
        (-0.0001, .kgCO2e, "0.000"),
        (119.5475, .kgCO2e, "119.548"),
        (-1.25, .litresPer100km, "-1.25"),
        (0.8, .loadFactor, "0.800"),
        (1234567.8915, .litres, "1234567.892"),
        (30.0, .litresPer100km, "30.00"),
    ])
    func fixed(_ x: Double, _ q: ReportRounding.Quantity, _ text: String) {
        #expect(ReportRounding.fixed(x, q) == text)
    }

    @Test func roundedHasNoNegativeZeroAndKeepsNonFinite() {
        #expect(ReportRounding.rounded(-0.0004, .kgCO2e).sign == .plus)
        #expect(ReportRounding.rounded(2.0005, decimals: 3) == 2.001)
        #expect(ReportRounding.rounded(.infinity, .km) == .infinity)
        #expect(ReportRounding.rounded(.nan, .km).isNaN)
        #expect(ReportRounding.km(metres: 110_123) == 110.123)
    }

    @Test func decimalsAreDefinedOnce() {
        #expect(ReportRounding.Quantity.allCases.map(\.decimals) == [3, 3, 3, 3, 2, 3])
    }

    /// Generated: the fixed text parses back to the rounded value.
    @Test func fixedTextReadsBackAsRounded() {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let x = Double.random(in: -1e7...1e7, using: &g)
            let q = ReportRounding.Quantity.allCases.randomElement(using: &g) ?? .km
            let text = ReportRounding.fixed(x, q)
            let parsed = Double(text)
            #expect(parsed != nil && close(parsed ?? .nan, ReportRounding.rounded(x, q), tolerance: 1e-15), "\(x) → \(text)")
            #expect(text.split(separator: ".").last?.count == q.decimals)
        }
    }
}
