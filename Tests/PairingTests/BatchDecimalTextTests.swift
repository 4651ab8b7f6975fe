import Testing
@testable import Pairing

@Suite struct BatchDecimalTextTests {
    private func parse(_ s: String, comma: Bool = false) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer { DecimalText.parseDouble($0, decimalComma: comma) }
    }

    @Test(arguments: [
        "0", "-0", "+1", "56.87767", "-180", "180.000000", ".5", "5.", "1e3", "1E-3", "1.5e+2",
        "0.1", "0.30000000000000004", "123456789012345678901234567890", "1e22", "1e23", "9007199254740993",
        "4.9406564584124654e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "0.000001234",
        "00012.5000", "3.14159265358979323846264338327950288",
    ])
    func agreesWithStandardLibrary(text: String) throws {
        let expected = try #require(Double(text))
        let got = try #require(parse(text))
        #expect(got.bitPattern == expected.bitPattern, "\(text): \(got) vs \(expected)")
    }

    @Test(arguments: ["", "-", "+", ".", "e5", "1e", "1e+", "nan", "NaN", "inf", "-infinity", "0x10", "1_000",
                      " 1", "1 ", "1.2.3", "1,5", "12 000", "1e400", "--1", "1.5x", "١٢"])
    func refuses(text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: [
        ("12 000", "12000"), ("1 234 567", "1234567"), ("-12 000,5", "-12000.5"), ("12\u{A0}000", "12000"),
        ("12\u{202F}000.25", "12000.25"), ("999 999 999 999 999 999 999", "999999999999999999999"),
        ("1 000e3", "1000e3"), ("0 000", "0"), ("123", "123"), ("+1 000", "1000"),
    ])
    func digitGroups(text: String, plain: String) throws {
        let expected = try #require(Double(plain))
        let got = try #require(Array(text.utf8).withUnsafeBufferPointer {
            DecimalText.parseDouble($0, decimalComma: true, digitGrouping: true)
        })
        #expect(got.bitPattern == expected.bitPattern, "\(text)")
        // Without the option, grouping is refused as before.
        #expect(text == plain || parse(text, comma: true) == nil)
    }

    @Test(arguments: ["1 2000", "12  000", "1234 567", "12 00", "0,123 4", " 12", "12 ", "12 000 ,5", "1 000 00",
                      "12\u{A0}\u{A0}000", "12\u{2009}000", "1,234 567", "- 1"])
    func badDigitGroups(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer {
            DecimalText.parseDouble($0, decimalComma: true, digitGrouping: true)
        } == nil)
    }

    @Test func decimalComma() {
        #expect(parse("56,87767", comma: true) == 56.87767)
        #expect(parse("56.87767", comma: true) == 56.87767)
        #expect(parse("1.234,5", comma: true) == nil)
        #expect(parse("-0,5e1", comma: true) == -5)
    }

    /// Random decimal texts of every length and exponent: the fast path and
    /// the fallback must both give exactly `Double(text)`.
    @Test(arguments: 0..<10)
    func randomTextsAreExact(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<500 {
            var s = Bool.random(using: &rng) ? "-" : ""
            let intDigits = Int.random(in: 0...20, using: &rng)
            let fracDigits = Int.random(in: (intDigits == 0 ? 1 : 0)...20, using: &rng)
            for _ in 0..<intDigits { s += String(Int.random(in: 0...9, using: &rng)) }
            if fracDigits > 0 || Bool.random(using: &rng) { s += "." }
            for _ in 0..<fracDigits { s += String(Int.random(in: 0...9, using: &rng)) }
            if Int.random(in: 0..<3, using: &rng) == 0 { s += "e\(Int.random(in: -40...40, using: &rng))" }
            let expected = try #require(Double(s), "\(s)")
            let got = try #require(parse(s), "\(s)")
            #expect(got.bitPattern == expected.bitPattern, "\(s)")
            if s.contains(".") {
                let comma = String(s.map { $0 == "." ? "," : $0 })
                #expect(parse(comma, comma: true)?.bitPattern == expected.bitPattern, "\(comma)")
            }
        }
    }

    @Test func integers() {
        func int(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBufferPointer { DecimalText.parseInt64($0) } }
        #expect(int("0") == 0)
        #expect(int("-17") == -17)
        #expect(int("+42") == 42)
        #expect(int("9223372036854775807") == .max)
        #expect(int("-9223372036854775808") == .min)
        #expect(int("9223372036854775808") == nil)
        #expect(int("1.0") == nil)
        #expect(int("") == nil)
        #expect(int("-") == nil)
        #expect(int("1e3") == nil)
    }
}
