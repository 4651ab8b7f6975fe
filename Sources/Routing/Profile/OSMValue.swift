/// Parsers for the OpenStreetMap tag values that profiles read: speeds,
/// weights, lengths, durations, access and one-way values.
///
/// Every parser returns `nil` for a value it does not understand, so that a
/// mistyped tag falls back to the default for the road class instead of
/// failing the whole file. Values are matched case-insensitively with
/// surrounding spaces ignored; for a `;`-separated list the first entry is
/// used (OSM's convention for multiple values; the first is usually the
/// general rule), except for access values, where the most permissive entry
/// wins (``access(_:)``).
public enum OSMValue {
    /// What an access tag (`access`, `motor_vehicle`, `hgv`, …) says about a
    /// vehicle.
    public enum Access: Int, Sendable, Hashable, Comparable {
        /// `no`, `agricultural`, `forestry`, `emergency`, `emergency_vehicle`,
        /// `psv`, `bus`, `taxi`, `share_taxi`, `minibus`, `foot`, `military`,
        /// `official`, `restricted`, `use_sidepath`.
        case forbidden = 1
        /// Only to reach a place on the road, never through it: `destination`,
        /// `delivery`, `customers`, `private`, `permit`, `residents`,
        /// `local_traffic` (see `docs/hgv-profile.md`).
        case destination = 2
        /// Allowed but signed as unsuitable (`discouraged`, UK "unsuitable for
        /// HGVs"): allowed with a time penalty.
        case discouraged = 3
        /// `yes`, `designated`, `permissive`, and the vehicle classes
        /// `vehicle`, `motor_vehicle`, `motorcar`.
        case allowed = 4

        public static func < (a: Access, b: Access) -> Bool { a.rawValue < b.rawValue }
    }

    /// The direction a way may be driven in, from its `oneway` tag.
    public enum Oneway: Sendable, Hashable {
        /// `no`, `false`, `0`.
        case bothWays
        /// `alternating`: one lane taken in turns, both directions possible;
        /// unlike `no` it does not lift the one-way rule of motorways and
        /// roundabouts (as in OSRM).
        case alternating
        /// `yes`, `true`, `1`.
        case forward
        /// `-1`, `reverse`.
        case backward
        /// `reversible`: the direction changes with the time of day; no
        /// fixed direction can be trusted, so the way is not routable.
        case reversible
    }

    /// The first `;`-separated entry of `raw`, trimmed and lowercased.
    static func normalised(_ raw: String) -> Substring {
        var s = Substring(raw)
        if let semi = s.firstIndex(of: ";") { s = s[..<semi] }
        return normalisedWhole(s)
    }

    /// `s` trimmed and lowercased.
    static func normalisedWhole(_ s: Substring) -> Substring {
        var s = s
        // Lowercase only when needed (most values are already), and without
        // Unicode property lookups for plain ASCII.
        if s.utf8.contains(where: { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }) { s = Substring(s.lowercased()) }
        return s.trimmingSpaces()
    }

    /// Classifies an access value; `nil` for values with no meaning for
    /// motor vehicles (`unknown`, typos), so that a less specific tag decides.
    ///
    /// A `;`-separated list (`forestry;permissive`) takes its most permissive
    /// known entry, as OSRM's `resolve_access` does: allowed beats
    /// discouraged beats destination beats forbidden.
    public static func access(_ raw: String) -> Access? {
        guard raw.utf8.contains(UInt8(ascii: ";")) else { return accessValue(normalisedWhole(Substring(raw))) }
        var best: Access?
        for part in raw.split(separator: ";") {
            if let a = accessValue(normalisedWhole(part)), best.map({ a > $0 }) ?? true { best = a }
        }
        return best
    }

    private static func accessValue(_ s: Substring) -> Access? {
        switch s {
        case "yes", "designated", "permissive", "true", "1", "vehicle", "motor_vehicle", "motorcar": .allowed
        case "discouraged": .discouraged
        case "destination", "delivery", "customers", "private", "permit", "residents", "local_traffic": .destination
        case "no", "agricultural", "forestry", "emergency", "emergency_vehicle", "psv", "bus", "taxi", "share_taxi",
             "minibus", "foot", "military", "official", "restricted", "use_sidepath", "false", "0":
            .forbidden
        default: nil
        }
    }

    /// Classifies a `oneway` value; `nil` for values it does not know, so that
    /// the road class's implied direction applies.
    public static func oneway(_ raw: String) -> Oneway? {
        switch normalised(raw) {
        case "yes", "true", "1": .forward
        case "-1", "reverse": .backward
        case "no", "false", "0": .bothWays
        case "alternating": .alternating
        case "reversible": .reversible
        default: nil
        }
    }

    /// A speed in km/h from a `maxspeed`-style value: a number (`50`),
    /// with a unit (`50 km/h`, `30 mph`, `10 knots`), `walk`, or an implicit
    /// zone value (`SE:urban`, `DE:motorway`, `GB:nsl_single`) resolved by
    /// ``implicitSpeedLimit(_:)``.
    ///
    /// - Returns: `nil` for `none`, `signals`, `variable` and anything not
    ///   understood: the class default then applies.
    public static func speedKmh(_ raw: String) -> Double? {
        let s = normalised(raw)
        if s.isEmpty { return nil }
        if s == "walk" { return walkingSpeedKmh }
        if let (number, rest) = leadingNumber(s) {
            let unit = rest.trimmingSpaces().replacing(" ", with: "")
            let kmh: Double
            switch unit {
            case "", "km/h", "kmh", "kph", "kmph", "km": kmh = number
            case "mph", "mp/h": kmh = number * 1.609344
            case "knots", "kn", "knot": kmh = number * 1.852
            default: return nil
            }
            return kmh > 0 && kmh < 400 ? kmh : nil
        }
        return implicitSpeedLimit(s)
    }

    /// The walking pace used for `maxspeed=walk` and `XX:living_street`-style
    /// values where the law says "walking pace" (km/h).
    public static let walkingSpeedKmh = 7.0

    /// Implicit speed limits, `country:zone`, in km/h.
    ///
    /// Values from the OpenStreetMap wiki page "Default speed limits"
    /// (https://wiki.openstreetmap.org/wiki/Default_speed_limits) for the
    /// countries whose data this project reads or borders; other countries
    /// fall back to ``genericZoneLimits``. `none` (no limit, e.g. German
    /// motorways) is `nil`: the class default applies.
    public static let implicitLimits: [String: Double] = [
        "se:urban": 50, "se:rural": 70, "se:motorway": 110, "se:living_street": walkingSpeedKmh,
        "dk:urban": 50, "dk:rural": 80, "dk:motorway": 130,
        "no:urban": 50, "no:rural": 80,
        "fi:urban": 50, "fi:rural": 80,
        "de:urban": 50, "de:rural": 100, "de:living_street": walkingSpeedKmh, "de:bicycle_road": 30,
        "fr:urban": 50, "fr:rural": 80, "fr:motorway": 130, "fr:walk": walkingSpeedKmh,
        "gb:nsl_single": 60 * 1.609344, "gb:nsl_dual": 70 * 1.609344, "gb:motorway": 70 * 1.609344,
        "uk:nsl_single": 60 * 1.609344, "uk:nsl_dual": 70 * 1.609344, "uk:motorway": 70 * 1.609344,
        // The exceptions in OSRM's car profile (`maxspeed_table`, profiles/car.lua,
        // Project-OSRM/osrm-backend, BSD-2) for countries not listed above.
        "at:rural": 100, "at:trunk": 100, "ar:urban": 40, "ar:rural": 110, "be:motorway": 120,
        "be-bru:rural": 70, "be-bru:urban": 30, "be-vlg:rural": 70, "bg:motorway": 140, "by:urban": 60,
        "by:motorway": 110, "ca-on:rural": 80, "ch:rural": 80, "ch:trunk": 100, "ch:motorway": 120,
        "es:trunk": 90, "lv:living_street": 20, "nl:rural": 80, "nl:trunk": 100, "no:motorway": 110,
        "ph:urban": 40, "ph:rural": 80, "ph:motorway": 100, "pl:rural": 100, "pl:expressway": 120,
        "pl:motorway": 140, "ro:trunk": 100, "ru:living_street": 20, "ru:urban": 60, "ru:motorway": 110,
        "za:urban": 60, "za:rural": 100,
    ]

    /// Zones with no general limit (German motorways): the class default
    /// applies.
    public static let unlimitedZones: Set<String> = ["de:motorway"]

    /// Zone limits for countries not in ``implicitLimits`` (km/h): the
    /// defaults OSRM's car profile uses (`maxspeed_table_default`).
    public static let genericZoneLimits: [String: Double] = [
        "urban": 50, "rural": 90, "trunk": 110, "motorway": 130, "living_street": walkingSpeedKmh,
        "walk": walkingSpeedKmh,
    ]

    /// Resolves an implicit `country:zone` limit (lowercased), including
    /// `zone30`, `zone:30` and `zone30`-style zone values.
    static func implicitSpeedLimit(_ s: Substring) -> Double? {
        guard let colon = s.firstIndex(of: ":") else { return nil }
        let key = String(s)
        if let v = implicitLimits[key] { return v }
        if unlimitedZones.contains(key) { return nil }
        let zone = s[s.index(after: colon)...]
        if zone == "none" || zone == "signals" || zone == "variable" { return nil }
        if let v = genericZoneLimits[String(zone)] { return v }
        // DE:zone30, DE:zone:30, IT:zone30 …
        if zone.hasPrefix("zone") {
            let digits = zone.dropFirst(4).drop { $0 == ":" }
            if let n = Double(digits), n > 0, n < 200 { return n }
        }
        return nil
    }

    /// A mass in tonnes from a `maxweight`-style value (`3.5`, `7.5 t`,
    /// `12 st` short tons, `8000 lbs`, `3500 kg`); `nil` for `none`,
    /// `default`, `unsigned` and anything not understood.
    public static func tonnes(_ raw: String) -> Double? {
        let s = normalised(raw)
        guard let (number, rest) = leadingNumber(s), number > 0 else { return nil }
        switch rest.trimmingSpaces() {
        case "", "t", "ton", "tons", "tonnes": return number
        case "st": return number * 0.90718474
        case "lbs", "lb": return number * 0.00045359237
        case "kg": return number / 1000
        case "cwt": return number * 0.05080234544
        default: return nil
        }
    }

    /// A length in metres from a `maxheight`-style value (`4.2`, `4.2 m`,
    /// `14'6"`, `14 ft`); `nil` for `none`, `default`, `below_default` and
    /// anything not understood.
    public static func metres(_ raw: String) -> Double? {
        let s = normalised(raw)
        guard let (number, rest) = leadingNumber(s), number > 0 else { return nil }
        var r = rest.trimmingSpaces()
        switch r {
        case "", "m", "metre", "metres", "meter", "meters": return number
        case "cm": return number / 100
        case "ft", "feet": return number * 0.3048
        default: break
        }
        // Feet and inches: 14'6", 14' 6'', 14'
        guard r.first == "'" else { return nil }
        r = r.dropFirst().trimmingSpaces()
        var inches = 0.0
        if let (i, after) = leadingNumber(r) {
            guard after == "\"" || after == "''" else { return nil }
            inches = i
        } else if !r.isEmpty {
            return nil
        }
        return number * 0.3048 + inches * 0.0254
    }

    /// A duration in seconds from a ferry's `duration` value: `HH:MM`,
    /// `HH:MM:SS`, a number of minutes, or ISO 8601 (`PT1H30M`).
    public static func seconds(_ raw: String) -> Double? {
        let s = normalised(raw)
        if s.hasPrefix("pt") {
            var total = 0.0, current = ""
            for c in s.dropFirst(2) {
                if c.isNumber || c == "." { current.append(c); continue }
                guard let v = Double(current) else { return nil }
                switch c {
                case "h": total += v * 3600
                case "m": total += v * 60
                case "s": total += v
                default: return nil
                }
                current = ""
            }
            return current.isEmpty && total > 0 ? total : nil
        }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var values: [Double] = []
        for p in parts {
            guard let v = Double(p.trimmingSpaces()), v >= 0 else { return nil }
            values.append(v)
        }
        let total: Double
        switch values.count {
        case 1: total = values[0] * 60
        case 2: total = values[0] * 3600 + values[1] * 60
        default: total = values[0] * 3600 + values[1] * 60 + values[2]
        }
        return total > 0 ? total : nil
    }

    /// The leading decimal number of `s` (a `,` decimal separator is
    /// accepted) and what follows it.
    static func leadingNumber(_ s: Substring) -> (Double, Substring)? {
        var end = s.startIndex
        var seenDigit = false, seenPoint = false
        while end < s.endIndex {
            let c = s[end]
            if c.isASCII && c.isNumber {
                seenDigit = true
            } else if (c == "." || c == ",") && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            end = s.index(after: end)
        }
        guard seenDigit else { return nil }
        var text = String(s[..<end])
        if text.last == "." || text.last == "," { text.removeLast() }
        guard let v = Double(text.replacing(",", with: ".")), v.isFinite else { return nil }
        return (v, s[end...])
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
