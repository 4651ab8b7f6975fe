extension Timestamp {
    /// Reads an ISO 8601 / RFC 3339 date-time such as `2026-11-26T06:00`.
    ///
    /// Accepted forms (the extended ISO 8601 calendar format, ISO 8601-1:2019
    /// §5.4.2, as profiled by RFC 3339 §5.6):
    ///
    /// - `YYYY-MM-DDThh:mm` and `YYYY-MM-DDThh:mm:ss`;
    /// - a space instead of `T` (RFC 3339 §5.6 allows it, and Excel writes it
    ///   when it re-saves a date-time cell), and a lower-case `t`;
    /// - an optional offset: `Z`/`z`, `±hh:mm`, `±hhmm` or `±hh`.
    ///
    /// Fractional seconds, week dates, ordinal dates, `24:00` and leap
    /// seconds are refused rather than rounded: the batch reader never
    /// changes a value on the way in.
    ///
    /// **Naive and offset times.** A time without an offset is wall-clock
    /// time, stored as if it were UTC (``seconds`` counts from
    /// 1970-01-01T00:00 on that wall clock). A time with an offset is
    /// converted to its UTC instant, and the offset is kept in
    /// ``utcOffsetSeconds``. So `06:00` and `06:00+01:00` are one hour
    /// apart. Within one run that is only right when every time has an
    /// offset, or none has; the batch reader warns once when a run mixes
    /// them.
    ///
    /// The calendar arithmetic is Howard Hinnant's `days_from_civil`
    /// ("chrono-Compatible Low-Level Date Algorithms", 2013), exact for every
    /// proleptic Gregorian year 0000…9999.
    ///
    /// - Returns: `nil` when `text` is not such a date-time or names a day
    ///   that does not exist (`2026-02-30`).
    public init?(iso8601 text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        guard let t = utf8.withUnsafeMutableBufferPointer({ Timestamp.parseISO8601(UnsafeBufferPointer($0)) })
        else { return nil }
        self = t
    }

    /// The byte-level parser behind ``init(iso8601:)``; `bytes` must already
    /// be trimmed.
    ///
    /// - Complexity: O(`bytes.count`), no allocation.
    @usableFromInline
    static func parseISO8601(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let n = b.count
        // Shortest: YYYY-MM-DDThh:mm (16 bytes).
        guard n >= 16 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(b[i]) &- 48
            return d >= 0 && d <= 9 ? d : nil
        }
        @inline(__always) func two(_ i: Int) -> Int? {
            guard let a = digit(i), let c = digit(i + 1) else { return nil }
            return a * 10 + c
        }
        guard let y1 = two(0), let y2 = two(2), b[4] == UInt8(ascii: "-"),
              let month = two(5), b[7] == UInt8(ascii: "-"), let day = two(8)
        else { return nil }
        let sep = b[10]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " ") else { return nil }
        guard let hour = two(11), b[13] == UInt8(ascii: ":"), let minute = two(14) else { return nil }
        let year = y1 * 100 + y2
        var second = 0
        var i = 16
        if i < n, b[i] == UInt8(ascii: ":") {
            guard i + 3 <= n, let s = two(i + 1) else { return nil }
            second = s
            i += 3
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var offset: Int32? = nil
        if i < n {
            let c = b[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                guard i + 1 == n else { return nil }
                offset = 0
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                let rest = n - i - 1
                guard rest == 2 || rest == 4 || rest == 5, let oh = two(i + 1) else { return nil }
                var om = 0
                if rest == 4 {
                    guard let m = two(i + 3) else { return nil }
                    om = m
                } else if rest == 5 {
                    guard b[i + 3] == UInt8(ascii: ":"), let m = two(i + 4) else { return nil }
                    om = m
                }
                guard oh <= 23, om <= 59 else { return nil }
                let magnitude = Int32(oh * 3600 + om * 60)
                offset = c == UInt8(ascii: "-") ? -magnitude : magnitude
            } else {
                return nil
            }
        }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        var seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        if let offset { seconds -= Int64(offset) }
        return Timestamp(seconds: seconds, utcOffsetSeconds: offset)
    }

    /// The text form: `2026-11-26T06:00:00` for a naive time, with the
    /// original offset (`+01:00`, `Z`) when it had one.
    public var iso8601: String {
        let local = seconds + Int64(utcOffsetSeconds ?? 0)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = Int(local - days * 86_400)
        let (y, m, d) = Self.civilFromDays(Int(days))
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        var out = "\(y < 0 ? "-" : "")\(pad(abs(y), 4))-\(pad(m, 2))-\(pad(d, 2))T"
            + "\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
        if let o = utcOffsetSeconds {
            if o == 0 {
                out += "Z"
            } else {
                let a = Int(abs(o))
                out += (o < 0 ? "-" : "+") + "\(pad(a / 3600, 2)):\(pad(a / 60 % 60, 2))"
            }
        }
        return out
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant 2013).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of ``daysFromCivil(year:month:day:)`` (Hinnant 2013).
    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
