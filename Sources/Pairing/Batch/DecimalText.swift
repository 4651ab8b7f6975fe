/// Exact reading of decimal numbers from bytes, without building a `String`.
///
/// The batch contract says numbers are never rounded on the way in: the value
/// kept is exactly what `Double("56.87767")` gives, the correctly rounded
/// binary64 nearest to the decimal text. Most batch numbers have at most 15
/// significant digits and a small exponent, and for those the result is
/// computed directly by Clinger's fast path (W. D. Clinger, "How to Read
/// Floating Point Numbers Accurately", PLDI 1990, §3): when the digits form an
/// integer `m ≤ 2^53` and `|e| ≤ 22`, both `m` and `10^|e|` are exact doubles,
/// so one IEEE 754 multiplication or division — itself correctly rounded —
/// gives the correctly rounded value. Everything else goes to the standard
/// library's correctly rounded conversion.
enum DecimalText {
    /// Exact powers of ten representable in binary64.
    @usableFromInline
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The finite value of a decimal number such as `-12.5`, `.5`, `3e-4`,
    /// or (with `decimalComma`) `56,87767`.
    ///
    /// The grammar is `[+-] digits [sep digits] [(e|E) [+-] digits]` with at
    /// least one mantissa digit; `sep` is `.`, or `,` as well when
    /// `decimalComma` is set.
    ///
    /// With `digitGrouping`, the integer digits may be grouped in threes the
    /// way Swedish (and French, Finnish, …) spreadsheets write them:
    /// `12 000`, `1 234 567,5`, separated by a space, a no-break space
    /// (U+00A0) or a narrow no-break space (U+202F). The first group has one
    /// to three digits, every later group exactly three, one separator
    /// between groups, and only before the decimal separator: `1 2000`,
    /// `12  000` and `0,123 4` are refused.
    ///
    /// Never accepted: `nan`, `inf`, hexadecimal, grouping with `.` or `,`
    /// (`1.234,5` and `1,234.5` are ambiguous between dialects), and values
    /// that overflow to infinity.
    ///
    /// - Complexity: O(`bytes.count`); allocation-free on the fast path.
    static func parseDouble(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool, digitGrouping: Bool = false) -> Double? {
        let n = b.count
        var i = 0
        guard n > 0 else { return nil }
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var inexact = false
        var sawDigit = false
        var groupDigits = 0
        var grouped = false
        while i < n {
            let d = b[i] &- 48
            guard d <= 9 else {
                // A group separator between digit groups of the integer part.
                guard digitGrouping, grouped ? groupDigits == 3 : groupDigits >= 1 && groupDigits <= 3,
                      let width = groupSeparatorWidth(b, at: i), i + width < n, b[i + width] &- 48 <= 9
                else { break }
                grouped = true
                groupDigits = 0
                i += width
                continue
            }
            sawDigit = true
            groupDigits += 1
            if mantissa == 0 && d == 0 {
                // Leading zero: no significance.
            } else if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                digits += 1
            } else {
                exponent += 1
                inexact = true
            }
            i += 1
        }
        if grouped && groupDigits != 3 { return nil }
        if i < n, b[i] == UInt8(ascii: ".") || (decimalComma && b[i] == UInt8(ascii: ",")) {
            i += 1
            while i < n {
                let d = b[i] &- 48
                guard d <= 9 else { break }
                sawDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                    exponent -= 1
                } else {
                    inexact = true
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var sawExpDigit = false
            while i < n {
                let d = b[i] &- 48
                guard d <= 9 else { break }
                sawExpDigit = true
                if e < 100_000 { e = e * 10 + Int(d) }
                i += 1
            }
            guard sawExpDigit else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powersOfTen[-exponent] } else { v *= powersOfTen[exponent] }
            return negative ? -v : v
        }
        return slowPath(b)
    }

    /// The standard library's correctly rounded conversion, for the rare
    /// inputs outside Clinger's fast path; `b` already matched the grammar.
    private static func slowPath(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = ""
        text.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if let width = groupSeparatorWidth(b, at: i) {
                i += width
                continue
            }
            let c = b[i]
            text.unicodeScalars.append(Unicode.Scalar(c == UInt8(ascii: ",") ? UInt8(ascii: ".") : c))
            i += 1
        }
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// The length in bytes of the digit-group separator at `i` — a space
    /// (1), U+00A0 (`C2 A0`, 2) or U+202F (`E2 80 AF`, 3) — or `nil`.
    @inline(__always)
    private static func groupSeparatorWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        switch b[i] {
        case 0x20: return 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return 2
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0xAF: return 3
        default: return nil
        }
    }

    /// A decimal integer `[+-]digits` that fits in `Int64`.
    ///
    /// - Complexity: O(`bytes.count`), no allocation.
    static func parseInt64(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = b.count
        var i = 0
        guard n > 0 else { return nil }
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        // Accumulate negatively so that Int64.min fits.
        var v: Int64 = 0
        while i < n {
            let d = b[i] &- 48
            guard d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        if negative { return v }
        let (p, o) = (0 as Int64).subtractingReportingOverflow(v)
        return o ? nil : p
    }
}
