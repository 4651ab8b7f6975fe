/// Turns the values of one batch row into a ``Shipment``, or into the list of
/// everything wrong with it.
///
/// Values arrive as slices of the file buffer, one per ``ShipmentColumn``
/// (absent columns and empty values look the same: not given). Every check
/// runs, so a row with three problems is rejected with three reasons. The
/// checks are the contract's — required values, numbers, coordinate ranges
/// and `(0, 0)`, ISO 8601 times, windows that end before they start, body
/// types, load status — and the plausibility limits of ``BatchLimits``:
/// text lengths, control characters in text (``UserText``), weights, years
/// and time spans. Duplicate ids are the caller's business (they need the
/// whole run). Every echo of a value in a reason goes through ``UserText``.
///
/// Numbers are read by ``DecimalText`` (exactly as `Double(text)` would
/// read them, never rounded; digit groups `12 000` allowed); times are
/// ISO 8601 date-times or a date alone, meaning the whole day; ids,
/// companies, vehicles and fuels are kept verbatim.
struct ShipmentRowDecoder {
    /// The file the rows come from, for ``Shipment/source``.
    let file: String
    /// Whether `,` is a decimal separator (the `;` and tab dialects).
    let decimalComma: Bool

    /// A decoded row.
    enum Outcome {
        case shipment(Shipment)
        case rejected(id: String?, reasons: [String])
    }

    static let columnCount = ShipmentColumn.allCases.count

    /// Decodes one row.
    ///
    /// - Parameters:
    ///   - values: ``columnCount`` slices, indexed by ``ShipmentColumn/rawValue``.
    ///   - base: the buffer the slices point into.
    ///   - line: where the row starts.
    /// - Complexity: O(length of the row).
    func decode(_ values: UnsafeBufferPointer<FieldSlice>, base: UnsafePointer<UInt8>?, line: Int) -> Outcome {
        @inline(__always) func bytes(_ c: ShipmentColumn) -> UnsafeBufferPointer<UInt8> {
            let f = values[c.rawValue]
            guard let base, f.count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: base + f.start, count: f.count)
        }
        @inline(__always) func string(_ c: ShipmentColumn) -> String? {
            let b = bytes(c)
            return b.isEmpty ? nil : String(decoding: b, as: UTF8.self)
        }
        var reasons: [String] = []
        let idBytes = bytes(.id)
        let id = string(.id)
        if id == nil { reasons.append("missing id") }
        text(.id, idBytes, limit: BatchLimits.maxIdBytes, allowingTabAndLineBreaks: false, &reasons)
        text(.company, bytes(.company), limit: BatchLimits.maxCompanyBytes, allowingTabAndLineBreaks: true, &reasons)

        let origin = location("origin", .originLat, .originLon, .originNode, bytes, &reasons)
        let destination = location("destination", .destLat, .destLon, .destNode, bytes, &reasons)

        let pickupEarliest = time(.pickupEarliest, bytes(.pickupEarliest), endOfDay: false, &reasons)
        let pickupLatest = time(.pickupLatest, bytes(.pickupLatest), endOfDay: true, &reasons)
        let deliveryLatest = time(.deliveryLatest, bytes(.deliveryLatest), endOfDay: true, &reasons)
        var ordered = true
        if let pickupEarliest {
            if let pickupLatest, pickupLatest.value < pickupEarliest.value {
                reasons.append("pickup_latest \(pickupLatest.shown) is before pickup_earliest \(pickupEarliest.shown)")
                ordered = false
            }
            if let deliveryLatest, deliveryLatest.value < pickupEarliest.value {
                reasons.append("delivery_latest \(deliveryLatest.shown) is before pickup_earliest \(pickupEarliest.shown)")
                ordered = false
            }
        }
        if ordered, let reason = Self.span(pickupEarliest, pickupLatest, deliveryLatest) { reasons.append(reason) }

        var weight: Double? = nil
        let w = bytes(.weightKg)
        if !w.isEmpty {
            if let v = DecimalText.parseDouble(w, decimalComma: decimalComma, digitGrouping: true) {
                if v < 0 {
                    reasons.append("weight_kg is negative: \(UserText.quoted(w))")
                } else if v > BatchLimits.maxWeightKg {
                    reasons.append("weight_kg \(UserText.clipped(w)) is above the limit of 100000 kg (100 t)")
                } else {
                    weight = v
                }
            } else {
                reasons.append("weight_kg is not a number: \(UserText.quoted(w))")
            }
        }

        var bodyType: BodyType? = nil
        let bt = bytes(.bodyType)
        if !bt.isEmpty {
            bodyType = Self.match(bt, BodyType.allCases, Self.bodyTypeNames)
            if bodyType == nil {
                reasons.append("unknown body_type \(UserText.quoted(bt)) (known: \(BodyType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        text(.vehicle, bytes(.vehicle), limit: BatchLimits.maxKeyBytes, allowingTabAndLineBreaks: false, &reasons)
        text(.fuel, bytes(.fuel), limit: BatchLimits.maxKeyBytes, allowingTabAndLineBreaks: false, &reasons)

        var loadStatus = LoadStatus.loaded
        let ls = bytes(.loadStatus)
        if !ls.isEmpty {
            if let s = Self.match(ls, LoadStatus.allCases, Self.loadStatusNames) {
                loadStatus = s
            } else {
                reasons.append("unknown load_status \(UserText.quoted(ls)) (known: \(LoadStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        guard reasons.isEmpty, let id, let origin, let destination else {
            return .rejected(id: id, reasons: reasons)
        }
        return .shipment(Shipment(
            id: id, company: string(.company), origin: origin, destination: destination,
            pickupEarliest: pickupEarliest?.value, pickupLatest: pickupLatest?.value, deliveryLatest: deliveryLatest?.value,
            weightKg: weight, bodyType: bodyType, vehicle: string(.vehicle), fuel: string(.fuel),
            loadStatus: loadStatus, source: SourceLine(file: file, line: line)
        ))
    }

    /// Checks a text value: at most `limit` bytes, and no control
    /// character (see ``UserText/firstControlCharacter(in:allowingTabAndLineBreaks:)``).
    private func text(
        _ column: ShipmentColumn, _ b: UnsafeBufferPointer<UInt8>, limit: Int, allowingTabAndLineBreaks: Bool,
        _ reasons: inout [String]
    ) {
        guard !b.isEmpty else { return }
        if b.count > limit {
            reasons.append("\(column.name) is \(b.count) bytes long, above the limit of \(limit) bytes: \(UserText.quoted(b))")
        }
        if let (scalar, offset) = UserText.firstControlCharacter(in: b, allowingTabAndLineBreaks: allowingTabAndLineBreaks) {
            reasons.append("\(column.name) contains the control character \(UserText.codePoint(scalar)) at byte \(offset + 1): \(UserText.quoted(b))")
        }
    }

    /// One end of the shipment: its coordinates when either is given,
    /// otherwise its node.
    private func location(
        _ end: String, _ latColumn: ShipmentColumn, _ lonColumn: ShipmentColumn, _ nodeColumn: ShipmentColumn,
        _ bytes: (ShipmentColumn) -> UnsafeBufferPointer<UInt8>, _ reasons: inout [String]
    ) -> Location? {
        let latText = bytes(latColumn), lonText = bytes(lonColumn)
        if !latText.isEmpty || !lonText.isEmpty {
            if latText.isEmpty || lonText.isEmpty {
                let (given, missing) = latText.isEmpty ? (lonColumn, latColumn) : (latColumn, lonColumn)
                reasons.append("\(given.name) is given without \(missing.name)")
                return nil
            }
            let lat = coordinate(latColumn, latText, limit: 90, &reasons)
            let lon = coordinate(lonColumn, lonText, limit: 180, &reasons)
            guard let lat, let lon else { return nil }
            if lat == 0 && lon == 0 {
                reasons.append("\(end) is at (0, 0), almost certainly a missing coordinate")
                return nil
            }
            return .coordinate(latitude: lat, longitude: lon)
        }
        let nodeText = bytes(nodeColumn)
        if nodeText.isEmpty {
            reasons.append("missing \(end) (\(latColumn.name) and \(lonColumn.name), or \(nodeColumn.name))")
            return nil
        }
        guard let node = DecimalText.parseInt64(nodeText) else {
            reasons.append("\(nodeColumn.name) is not an integer node id: \(UserText.quoted(nodeText))")
            return nil
        }
        return .node(node)
    }

    private func coordinate(
        _ column: ShipmentColumn, _ text: UnsafeBufferPointer<UInt8>, limit: Double, _ reasons: inout [String]
    ) -> Double? {
        guard let v = DecimalText.parseDouble(text, decimalComma: decimalComma, digitGrouping: true) else {
            reasons.append("\(column.name) is not a number: \(UserText.quoted(text))")
            return nil
        }
        guard v >= -limit, v <= limit else {
            reasons.append("\(column.name) out of range: \(UserText.clipped(text))")
            return nil
        }
        return v
    }

    /// A time as read: its value, and enough to show it in messages.
    struct ReadTime {
        var value: Timestamp
        /// Whether it was a date alone; then ``value`` is its start or, with
        /// `endOfDay`, its end.
        var dateAlone: Bool
        var endOfDay: Bool

        /// `2026-11-26T06:00:00`, or for a date alone `2026-11-26 (from
        /// 00:00)` / `2026-11-26 (until 24:00)`. Built only for messages.
        var shown: String {
            guard dateAlone else { return value.iso8601 }
            let day = value.adding(seconds: endOfDay ? -86_400 : 0).iso8601.prefix(10)
            return day + (endOfDay ? " (until 24:00)" : " (from 00:00)")
        }
    }

    /// A date-time (``Timestamp/parseISO8601(_:)``), or a date alone
    /// (`YYYY-MM-DD`) meaning the whole day: its start (00:00) for an
    /// earliest time, its end (24:00, the next day's 00:00) when `endOfDay`.
    /// The year written must be within ``BatchLimits/years``.
    private func time(
        _ column: ShipmentColumn, _ text: UnsafeBufferPointer<UInt8>, endOfDay: Bool, _ reasons: inout [String]
    ) -> ReadTime? {
        guard !text.isEmpty else { return nil }
        let read: ReadTime
        if text.count == 10, let day = Self.dateAlone(text) {
            let seconds = Int64(day) * 86_400 + (endOfDay ? 86_400 : 0)
            read = ReadTime(value: Timestamp(seconds: seconds), dateAlone: true, endOfDay: endOfDay)
        } else if let t = Timestamp.parseISO8601(text) {
            read = ReadTime(value: t, dateAlone: false, endOfDay: endOfDay)
        } else {
            reasons.append("\(column.name) is not an ISO 8601 date or date-time (2026-11-26 or 2026-11-26T06:00): \(UserText.quoted(text))")
            return nil
        }
        // Both forms start with four year digits.
        let year = Int(text[0] &- 48) * 1000 + Int(text[1] &- 48) * 100 + Int(text[2] &- 48) * 10 + Int(text[3] &- 48)
        guard BatchLimits.years.contains(year) else {
            reasons.append("\(column.name) \(UserText.clipped(text)) is outside the years \(BatchLimits.years.lowerBound)–\(BatchLimits.years.upperBound)")
            return nil
        }
        return read
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD` (exactly ten bytes, a day that
    /// exists), or `nil`.
    static func dateAlone(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        for i in [0, 1, 2, 3, 5, 6, 8, 9] where b[i] &- 48 > 9 { return nil }
        @inline(__always) func d(_ i: Int) -> Int { Int(b[i] &- 48) }
        let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
        let month = d(5) * 10 + d(6), day = d(8) * 10 + d(9)
        guard (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year) else { return nil }
        return Timestamp.daysFromCivil(year: year, month: month, day: day)
    }

    /// Why a row whose given times lie more than
    /// ``BatchLimits/maxTimeSpanSeconds`` apart is rejected, naming the first
    /// and the last; `nil` when they do not.
    ///
    /// - Complexity: O(1); no allocation unless the row is rejected.
    static func span(_ earliest: ReadTime?, _ latest: ReadTime?, _ delivery: ReadTime?) -> String? {
        // Plain comparisons first: rows within the limit cost no more.
        var lo = Int64.max, hi = Int64.min
        if let s = earliest?.value.seconds { (lo, hi) = (min(lo, s), max(hi, s)) }
        if let s = latest?.value.seconds { (lo, hi) = (min(lo, s), max(hi, s)) }
        if let s = delivery?.value.seconds { (lo, hi) = (min(lo, s), max(hi, s)) }
        guard lo <= hi, hi - lo > BatchLimits.maxTimeSpanSeconds else { return nil }
        let given = [(ShipmentColumn.pickupEarliest, earliest), (.pickupLatest, latest), (.deliveryLatest, delivery)]
            .compactMap { c, t in t.map { (c, $0) } }
        guard let first = given.first(where: { $0.1.value.seconds == lo }), let last = given.last(where: { $0.1.value.seconds == hi })
        else { return nil }
        let seconds = hi - lo
        var shown = "\(seconds / 86_400) days"
        for (unit, size, modulo) in [("h", Int64(3600), Int64(24)), ("min", 60, 60), ("s", 1, 60)] where seconds / size % modulo > 0 {
            shown += " \(seconds / size % modulo) \(unit)"
        }
        return "\(first.0.name) \(first.1.shown) and \(last.0.name) \(last.1.shown) are \(shown) apart, "
            + "above the limit of \(BatchLimits.maxTimeSpanSeconds / 86_400) days"
    }

    private static let bodyTypeNames = BodyType.allCases.map { Array($0.rawValue.utf8) }
    private static let loadStatusNames = LoadStatus.allCases.map { Array($0.rawValue.utf8) }

    /// The case whose raw value equals `text`, ignoring ASCII case.
    private static func match<T>(_ text: UnsafeBufferPointer<UInt8>, _ cases: [T], _ names: [[UInt8]]) -> T? {
        for (k, name) in names.enumerated() where name.count == text.count {
            var equal = true
            for i in 0..<name.count {
                let t = text[i]
                if (t >= 65 && t <= 90 ? t + 32 : t) != name[i] {
                    equal = false
                    break
                }
            }
            if equal { return cases[k] }
        }
        return nil
    }
}
