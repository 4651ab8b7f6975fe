/// Turns the values of one batch row into a ``Shipment``, or into the list of
/// everything wrong with it.
///
/// Values arrive as slices of the file buffer, one per ``ShipmentColumn``
/// (absent columns and empty values look the same: not given). Every check
/// runs, so a row with three problems is rejected with three reasons. The
/// checks are the contract's: required values, numbers, coordinate ranges and
/// `(0, 0)`, ISO 8601 times, windows that end before they start, body types,
/// load status. Duplicate ids are the caller's business (they need the whole
/// run).
///
/// Numbers are read by ``DecimalText`` (exactly as `Double(text)` would
/// read them, never rounded); ids, companies, vehicles and fuels are kept
/// verbatim.
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
        let id = string(.id)
        if id == nil { reasons.append("missing id") }

        let origin = location("origin", .originLat, .originLon, .originNode, bytes, &reasons)
        let destination = location("destination", .destLat, .destLon, .destNode, bytes, &reasons)

        let pickupEarliest = timestamp(.pickupEarliest, bytes(.pickupEarliest), &reasons)
        let pickupLatest = timestamp(.pickupLatest, bytes(.pickupLatest), &reasons)
        let deliveryLatest = timestamp(.deliveryLatest, bytes(.deliveryLatest), &reasons)
        if let pickupEarliest {
            if let pickupLatest, pickupLatest < pickupEarliest {
                reasons.append("pickup_latest \(pickupLatest.iso8601) is before pickup_earliest \(pickupEarliest.iso8601)")
            }
            if let deliveryLatest, deliveryLatest < pickupEarliest {
                reasons.append("delivery_latest \(deliveryLatest.iso8601) is before pickup_earliest \(pickupEarliest.iso8601)")
            }
        }

        var weight: Double? = nil
        let w = bytes(.weightKg)
        if !w.isEmpty {
            if let v = DecimalText.parseDouble(w, decimalComma: decimalComma) {
                if v < 0 { reasons.append("weight_kg is negative: \(Self.quote(w))") } else { weight = v }
            } else {
                reasons.append("weight_kg is not a number: \(Self.quote(w))")
            }
        }

        var bodyType: BodyType? = nil
        let bt = bytes(.bodyType)
        if !bt.isEmpty {
            bodyType = Self.match(bt, BodyType.allCases, Self.bodyTypeNames)
            if bodyType == nil {
                reasons.append("unknown body_type \(Self.quote(bt)) (known: \(BodyType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        var loadStatus = LoadStatus.loaded
        let ls = bytes(.loadStatus)
        if !ls.isEmpty {
            if let s = Self.match(ls, LoadStatus.allCases, Self.loadStatusNames) {
                loadStatus = s
            } else {
                reasons.append("unknown load_status \(Self.quote(ls)) (known: \(LoadStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        guard reasons.isEmpty, let id, let origin, let destination else {
            return .rejected(id: id, reasons: reasons)
        }
        return .shipment(Shipment(
            id: id, company: string(.company), origin: origin, destination: destination,
            pickupEarliest: pickupEarliest, pickupLatest: pickupLatest, deliveryLatest: deliveryLatest,
            weightKg: weight, bodyType: bodyType, vehicle: string(.vehicle), fuel: string(.fuel),
            loadStatus: loadStatus, source: SourceLine(file: file, line: line)
        ))
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
            reasons.append("\(nodeColumn.name) is not an integer node id: \(Self.quote(nodeText))")
            return nil
        }
        return .node(node)
    }

    private func coordinate(
        _ column: ShipmentColumn, _ text: UnsafeBufferPointer<UInt8>, limit: Double, _ reasons: inout [String]
    ) -> Double? {
        guard let v = DecimalText.parseDouble(text, decimalComma: decimalComma) else {
            reasons.append("\(column.name) is not a number: \(Self.quote(text))")
            return nil
        }
        guard v >= -limit, v <= limit else {
            reasons.append("\(column.name) out of range: \(String(decoding: text, as: UTF8.self))")
            return nil
        }
        return v
    }

    private func timestamp(
        _ column: ShipmentColumn, _ text: UnsafeBufferPointer<UInt8>, _ reasons: inout [String]
    ) -> Timestamp? {
        guard !text.isEmpty else { return nil }
        guard let t = Timestamp.parseISO8601(text) else {
            reasons.append("\(column.name) is not an ISO 8601 date-time (2026-11-26T06:00): \(Self.quote(text))")
            return nil
        }
        return t
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

    /// `'text'`, shortened to 60 bytes, for messages.
    static func quote(_ text: UnsafeBufferPointer<UInt8>) -> String {
        let shown = String(decoding: text.prefix(60), as: UTF8.self)
        return "'\(shown)\(text.count > 60 ? "…" : "")'"
    }
}
