import Testing
@testable import Pairing

@Suite struct TimestampISO8601Tests {
    struct Case: Sendable {
        var text: String, seconds: Int64, offset: Int32?
        init(_ text: String, _ seconds: Int64, _ offset: Int32?) { (self.text, self.seconds, self.offset) = (text, seconds, offset) }
    }

    static let cases: [Case] = [
        Case("1970-01-01T00:00", 0, nil),
        Case("1970-01-01T00:00:01", 1, nil),
        Case("2026-11-26T06:00", 1_795_672_800, nil),
        Case("2026-11-26T06:00:00", 1_795_672_800, nil),
        Case("2026-11-26 06:00", 1_795_672_800, nil),
        Case("2026-11-26t06:00", 1_795_672_800, nil),
        Case("2026-11-26T06:00Z", 1_795_672_800, 0),
        Case("2026-11-26T07:00+01:00", 1_795_672_800, 3600),
        Case("2026-11-26T07:00:00+0100", 1_795_672_800, 3600),
        Case("2026-11-26T07:00+01", 1_795_672_800, 3600),
        Case("2026-11-26T00:30-05:30", 1_795_672_800, -19_800),
        Case("2024-02-29T12:00", 1_709_208_000, nil),
        Case("1969-12-31T23:59:59", -1, nil),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) throws {
        let t = try #require(Timestamp(iso8601: c.text))
        #expect(t.seconds == c.seconds)
        #expect(t.utcOffsetSeconds == c.offset)
    }

    @Test(arguments: [
        "", "2026-11-26", "2026-11-26T6:00", "2026-11-26T06", "2026-13-01T00:00", "2026-00-01T00:00",
        "2026-02-29T00:00", "2026-04-31T00:00", "2026-11-26T24:00", "2026-11-26T23:60", "2026-11-26T23:59:60",
        "2026-11-26T06:00:00.5", "2026-11-26T06:00+1", "2026-11-26T06:00+01:60", "2026-11-26T06:00+24:00",
        "2026-11-26T06:00Z ", "2026/11/26T06:00", "26-11-26T06:00", "2026-11-26T06:00:0", "2026-W48-4T06:00",
        "2026-11-26T06:00ZZ", "2026-11-26T06:00+01:00:00", "٢٠٢٦-11-26T06:00",
    ])
    func refuses(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    /// Days since 1970 counted the slow way, to check Hinnant's formula.
    private func naiveDays(_ y: Int, _ m: Int, _ d: Int) -> Int {
        var days = 0
        if y >= 1970 {
            for year in 1970..<y { days += Timestamp.daysIn(month: 2, year: year) == 29 ? 366 : 365 }
        } else {
            for year in y..<1970 { days -= Timestamp.daysIn(month: 2, year: year) == 29 ? 366 : 365 }
        }
        for month in 1..<m { days += Timestamp.daysIn(month: month, year: y) }
        return days + d - 1
    }

    @Test(arguments: 0..<8)
    func calendarMatchesNaiveCount(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let y = Int.random(in: 1600...2400, using: &rng), m = Int.random(in: 1...12, using: &rng)
            let d = Int.random(in: 1...Timestamp.daysIn(month: m, year: y), using: &rng)
            let days = Timestamp.daysFromCivil(year: y, month: m, day: d)
            #expect(days == naiveDays(y, m, d))
            #expect(Timestamp.civilFromDays(days) == (y, m, d))
        }
    }

    @Test(arguments: 0..<4)
    func textRoundTrips(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<250 {
            let s = Int64.random(in: -2_000_000_000...5_000_000_000, using: &rng)
            let offset: Int32? = Bool.random(using: &rng) ? nil : Int32(Int.random(in: -14...14, using: &rng) * 900)
            let t = Timestamp(seconds: s, utcOffsetSeconds: offset)
            let back = try #require(Timestamp(iso8601: t.iso8601), "\(t.iso8601)")
            #expect(back.seconds == s)
            #expect(back.utcOffsetSeconds == offset)
        }
    }
}
