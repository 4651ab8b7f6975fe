/// The running state of one ``BatchReader/read(_:)`` call: the batch so far,
/// the ids seen, and what the run-level warnings need.
struct BatchReadState {
    let options: BatchReader.Options
    var batch = Batch()
    /// Every id seen (valid row or not) → where first: file index << 40 | line.
    private var firstSeen = IdTable()
    private var fileNames: [String] = []
    /// Unknown column names already warned about (ASCII-lowercased).
    private var unknownSeen: Set<String> = []
    private var sameOriginDestination = 0
    private var naiveTimes = 0
    private var offsetTimes = 0
    /// Rows decoded but not yet filed; see ``flush(file:summary:)``.
    private var pending: [(outcome: ShipmentRowDecoder.Outcome, hash: UInt32, line: Int, fileIndex: Int)] = []
    private var filing: [(outcome: ShipmentRowDecoder.Outcome, hash: UInt32, line: Int, fileIndex: Int)] = []
    private var touched: UInt32 = 0
    private static let pendingLimit = 32

    init(options: BatchReader.Options) {
        self.options = options
    }

    /// Reads one file into the batch. `text` is the file's content; it is
    /// decoded and unquoted in place.
    ///
    /// - Returns: the problem when the file as a whole cannot be used; the
    ///   batch is then unchanged apart from warnings.
    mutating func readFile(name: String, text: inout [UInt8], format: BatchFormat) -> BatchError.Problem? {
        let (encoding, lossy) = TextEncoding.decode(&text, forcing: options.encoding)
        if encoding == .windows1252 && options.encoding == nil {
            batch.warnings.append("\(name): not valid UTF-8, read as Windows-1252")
        }
        if lossy { batch.warnings.append("\(name): invalid \(encoding.rawValue) replaced by U+FFFD") }
        let fileIndex = fileNames.count
        fileNames.append(name)
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            batch.warnings.append("\(name): file is empty")
            batch.files.append(BatchFileSummary(
                file: name, format: format, encoding: encoding, dialect: format == .csv ? options.csvDialect ?? .rfc4180 : nil))
            return nil
        }
        return text.withUnsafeMutableBufferPointer { buffer in
            switch format {
            case .csv: readCSV(name: name, fileIndex: fileIndex, buffer: buffer, encoding: encoding)
            case .json: readJSON(name: name, fileIndex: fileIndex, buffer: buffer, encoding: encoding)
            }
        }
    }

    // MARK: CSV

    private mutating func readCSV(
        name: String, fileIndex: Int, buffer: UnsafeMutableBufferPointer<UInt8>, encoding: TextEncoding
    ) -> BatchError.Problem? {
        let dialect = options.csvDialect ?? CSVDialect.detect(header: UnsafeBufferPointer(buffer))
        var summary = BatchFileSummary(file: name, format: .csv, encoding: encoding, dialect: dialect)
        var reader = CSVRecordReader(buffer: buffer, separator: dialect.separator)
        var fields: [FieldSlice] = []
        fields.reserveCapacity(32)

        // The header is the first record that is not blank.
        var headerLine = 0
        while let r = reader.next(into: &fields) {
            if Self.isBlank(fields) {
                summary.blankRecords += 1
                continue
            }
            headerLine = r.line
            if r.problem != .none {
                return .init(file: name, line: r.line, message: "the header row is not valid CSV (\(Self.describe(r.problem)))")
            }
            break
        }
        guard headerLine > 0 else {
            batch.files.append(summary)
            return nil
        }
        let names = fields.map { String(decoding: reader.bytes($0), as: UTF8.self) }
        let headerCount = fields.count
        var columnOf = [Int](repeating: -1, count: ShipmentRowDecoder.columnCount)
        var unknown: [String] = []
        for (i, f) in fields.enumerated() {
            guard let column = ShipmentColumn(header: reader.bytes(f)) else {
                unknown.append(names[i].isEmpty ? "(column \(i + 1) has no name)" : names[i])
                continue
            }
            if columnOf[column.rawValue] >= 0 {
                return .init(file: name, line: headerLine,
                             message: "column \(column.name) appears twice (columns \(columnOf[column.rawValue] + 1) and \(i + 1))")
            }
            columnOf[column.rawValue] = i
        }
        let present = Set(ShipmentColumn.allCases.filter { columnOf[$0.rawValue] >= 0 })
        let missing = ShipmentColumn.missingRequirements(present: present)
        if !missing.isEmpty {
            return Self.missingColumns(name, headerLine, missing, names)
        }
        warnUnknown(unknown, in: name)

        let decoder = ShipmentRowDecoder(file: name, decimalComma: dialect.decimalComma)
        var values = [FieldSlice](repeating: .absent, count: ShipmentRowDecoder.columnCount)
        let base = UnsafePointer(buffer.baseAddress)
        let dataStart = reader.position
        while let r = reader.next(into: &fields) {
            if Self.isBlank(fields) {
                summary.blankRecords += 1
                continue
            }
            summary.records += 1
            if summary.records == 256 {
                // Size the tables once from the average record so far, instead
                // of growing them ~20 times over a million rows.
                let perRecord = max(1, (reader.position - dataStart) / 256)
                reserve(rows: (buffer.count - reader.position) / perRecord + 256)
            }
            for c in 0..<columnOf.count {
                let i = columnOf[c]
                values[c] = i >= 0 && i < fields.count ? fields[i] : .absent
            }
            var shape: String? = nil
            if r.problem != .none {
                shape = Self.describe(r.problem)
            } else if fields.count < headerCount
                || (fields.count > headerCount && fields[headerCount...].contains { $0.count > 0 || $0.quoted }) {
                shape = "row has \(fields.count) fields, the header has \(headerCount)"
            }
            let outcome: ShipmentRowDecoder.Outcome
            if let shape {
                let idSlice = values[ShipmentColumn.id.rawValue]
                let id = idSlice.count > 0 ? String(decoding: reader.bytes(idSlice), as: UTF8.self) : nil
                outcome = .rejected(id: id, reasons: [shape])
            } else {
                outcome = values.withUnsafeBufferPointer { decoder.decode($0, base: base, line: r.line) }
            }
            enqueue(outcome, file: name, fileIndex: fileIndex, line: r.line, summary: &summary)
        }
        flush(file: name, summary: &summary)
        batch.files.append(summary)
        return nil
    }

    /// A record of one empty unquoted field (an empty line) or of empty
    /// unquoted fields only (`;;;;`, as Excel writes below a table).
    private static func isBlank(_ fields: [FieldSlice]) -> Bool {
        for f in fields where f.count > 0 || f.quoted { return false }
        return true
    }

    private static func describe(_ p: CSVRecordProblem) -> String {
        switch p {
        case .none: "no problem"
        case .unterminatedQuote: "a quoted field is not closed before the end of the file"
        case .textAfterQuote(let column): "text after the closing quote in field \(column)"
        }
    }

    private static func missingColumns(_ name: String, _ line: Int, _ missing: [String], _ present: [String]) -> BatchError.Problem {
        let has = present.isEmpty ? "none" : UserText.list(present.map { $0.isEmpty ? "(unnamed)" : $0 }, noun: "columns")
        return .init(file: name, line: line,
                     message: "missing required column\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: "; ")) (the file has: \(has))")
    }

    /// `name` with A–Z lowered, byte by byte (column names compare
    /// ignoring ASCII case).
    private static func asciiLowercased(_ name: String) -> String {
        var copy = name
        let lowered: String? = copy.withUTF8 { b in
            guard b.contains(where: { $0 >= 65 && $0 <= 90 }) else { return nil }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for i in 0..<b.count { out[i] = b[i] >= 65 && b[i] <= 90 ? b[i] + 32 : b[i] }
                return b.count
            }
        }
        return lowered ?? name
    }

    private mutating func warnUnknown(_ unknown: [String], in file: String) {
        var fresh: [String] = []
        for u in unknown where unknownSeen.insert(Self.asciiLowercased(u)).inserted { fresh.append(u) }
        if !fresh.isEmpty {
            batch.warnings.append("\(file): unknown column\(fresh.count == 1 ? "" : "s") ignored: \(UserText.list(fresh, noun: "columns"))")
        }
    }

    // MARK: JSON

    private mutating func readJSON(
        name: String, fileIndex: Int, buffer: UnsafeMutableBufferPointer<UInt8>, encoding: TextEncoding
    ) -> BatchError.Problem? {
        var summary = BatchFileSummary(file: name, format: .json, encoding: encoding, dialect: nil)
        var scanner = JSONBatchScanner(buffer: buffer)
        // Parse the whole file first: a syntax error or a missing column
        // refuses the file before any row of it enters the batch.
        var elements: [(line: Int, isObject: Bool, members: [JSONMember])] = []
        var members: [JSONMember] = []
        do {
            while let e = try scanner.next(into: &members) { elements.append((e.line, e.isObject, members)) }
        } catch {
            return .init(file: name, line: error.line, message: "not a JSON batch: \(error.message)")
        }
        // Map every key to its column once. Objects nearly always repeat the
        // previous object's keys in the same order, so a key is first compared
        // with the key at its position in the previous object; only new keys
        // build a String.
        var keyNames: [String] = []
        var keyColumns: [String: ShipmentColumn?] = [:]
        var previous: [(key: [UInt8], column: ShipmentColumn?)] = []
        for e in elements.indices {
            for k in elements[e].members.indices {
                let keyBytes = scanner.bytes(elements[e].members[k].key)
                let column: ShipmentColumn?
                if k < previous.count, previous[k].key.elementsEqual(keyBytes) {
                    column = previous[k].column
                } else {
                    let key = String(decoding: keyBytes, as: UTF8.self)
                    if let known = keyColumns[key] {
                        column = known
                    } else {
                        column = ShipmentColumn(header: keyBytes)
                        keyColumns[key] = .some(column)
                        keyNames.append(key)
                    }
                    let entry = (Array(keyBytes), column)
                    if k < previous.count { previous[k] = entry } else { previous.append(entry) }
                }
                elements[e].members[k].column = column
            }
        }
        let present = Set(keyColumns.values.compactMap { $0 })
        if elements.contains(where: \.isObject) {
            let missing = ShipmentColumn.missingRequirements(present: present)
            if !missing.isEmpty { return Self.missingColumns(name, elements[0].line, missing, keyNames) }
        }
        warnUnknown(keyNames.filter { keyColumns[$0] == .some(nil) }, in: name)

        let decoder = ShipmentRowDecoder(file: name, decimalComma: false)
        var values = [FieldSlice](repeating: .absent, count: ShipmentRowDecoder.columnCount)
        let base = UnsafePointer(buffer.baseAddress)
        for e in elements {
            summary.records += 1
            guard e.isObject else {
                enqueue(.rejected(id: nil, reasons: ["array element is not an object"]),
                        file: name, fileIndex: fileIndex, line: e.line, summary: &summary)
                continue
            }
            for c in values.indices { values[c] = .absent }
            var reasons: [String] = []
            for m in e.members {
                guard let column = m.column else { continue }
                if values[column.rawValue].count >= 0 {
                    reasons.append("key \(column.name) appears twice")
                    continue
                }
                switch m.kind {
                case .string, .number, .null:
                    values[column.rawValue] = m.value
                case .unusable(let what):
                    reasons.append("\(column.name) must be a string or a number, not \(what)")
                }
            }
            var outcome = values.withUnsafeBufferPointer { decoder.decode($0, base: base, line: e.line) }
            if !reasons.isEmpty {
                switch outcome {
                case .shipment(let s): outcome = .rejected(id: s.id, reasons: reasons)
                case .rejected(let id, let r): outcome = .rejected(id: id, reasons: reasons + r)
                }
            }
            enqueue(outcome, file: name, fileIndex: fileIndex, line: e.line, summary: &summary)
        }
        flush(file: name, summary: &summary)
        batch.files.append(summary)
        return nil
    }

    // MARK: Rows

    /// Files `outcome` after up to ``pendingLimit`` − 1 later rows.
    ///
    /// The id table is far larger than the caches, so each insert costs a
    /// memory access that the out-of-order core cannot overlap with the next
    /// row's (the next row waits for this one's answer). Queuing rows and
    /// touching all their slots first lets those misses run in parallel;
    /// the rows are then filed in order, so the result is the same as filing
    /// each at once (Chen et al., "Improving Hash Join Performance through
    /// Prefetching", ICDE 2004, use the same group-prefetching idea).
    private mutating func enqueue(
        _ outcome: ShipmentRowDecoder.Outcome, file: String, fileIndex: Int, line: Int, summary: inout BatchFileSummary
    ) {
        let id: String?
        switch outcome {
        case .shipment(let s): id = s.id
        case .rejected(let i, _): id = i
        }
        pending.append((outcome, id.map(IdTable.hash(of:)) ?? 0, line, fileIndex))
        if pending.count == Self.pendingLimit { flush(file: file, summary: &summary) }
    }

    /// Files every queued row, in order.
    private mutating func flush(file: String, summary: inout BatchFileSummary) {
        var sum: UInt32 = 0
        for p in pending { sum &+= firstSeen.touch(hash: p.hash) }
        touched &+= sum
        swap(&pending, &filing)
        for p in filing { record(p.outcome, hash: p.hash, file: file, fileIndex: p.fileIndex, line: p.line, summary: &summary) }
        filing.removeAll(keepingCapacity: true)
    }

    /// Makes room for about `rows` more rows.
    private mutating func reserve(rows: Int) {
        firstSeen.reserveCapacity(firstSeen.count + rows)
        batch.shipments.reserveCapacity(batch.shipments.count + rows)
    }

    /// Files one decoded row: checks its id against the run, then adds it to
    /// the shipments, the observed empty runs, or the rejected rows.
    private mutating func record(
        _ outcome: ShipmentRowDecoder.Outcome, hash: UInt32, file: String, fileIndex: Int, line: Int,
        summary: inout BatchFileSummary
    ) {
        let here = fileIndex << 40 | line
        switch outcome {
        case .shipment(let s):
            if let first = firstSeen.insert(s.id, hash: hash, place: here) {
                reject(file: file, line: line, id: s.id, reasons: [duplicate(s.id, first)], summary: &summary)
                return
            }
            for t in [s.pickupEarliest, s.pickupLatest, s.deliveryLatest] {
                guard let t else { continue }
                if t.utcOffsetSeconds == nil { naiveTimes += 1 } else { offsetTimes += 1 }
            }
            if s.loadStatus == .empty {
                batch.observedEmpty.append(s)
                summary.observedEmpty += 1
            } else {
                if s.origin == s.destination { sameOriginDestination += 1 }
                batch.shipments.append(s)
                summary.accepted += 1
            }
        case .rejected(let id, var reasons):
            if let id, let first = firstSeen.insert(id, hash: hash, place: here) {
                reasons.append(duplicate(id, first))
            }
            reject(file: file, line: line, id: id, reasons: reasons, summary: &summary)
        }
    }

    private func duplicate(_ id: String, _ first: Int) -> String {
        "duplicate id \(UserText.clipped(id, limit: BatchLimits.maxIdBytes)), first at \(fileNames[first >> 40]):\(first & (1 << 40 - 1))"
    }

    private mutating func reject(file: String, line: Int, id: String?, reasons: [String], summary: inout BatchFileSummary) {
        // The id as messages may show it: clipped, control characters escaped.
        let shownID = id.map { UserText.clipped($0, limit: BatchLimits.maxIdBytes) }
        batch.rejected.append(RejectedRow(file: file, line: line, id: shownID, reason: reasons.joined(separator: "; ")))
        summary.rejected += 1
    }

    /// The batch with the run-level warnings added.
    mutating func finish() -> Batch {
        if sameOriginDestination > 0 {
            let n = sameOriginDestination
            batch.warnings.append(
                "\(n) shipment\(n == 1 ? " has its" : "s have their") origin equal to the destination "
                    + "(zone-internal trips): valid, but there is no empty return to save")
        }
        if naiveTimes > 0 && offsetTimes > 0 {
            batch.warnings.append(
                "times mix local date-times without a UTC offset (\(naiveTimes)) and with one (\(offsetTimes)): "
                    + "times without an offset are read as if they were UTC, so they may be off by the local offset")
        }
        return batch
    }
}
