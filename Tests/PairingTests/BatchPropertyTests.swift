import Testing
@testable import Pairing

/// A second, independent CSV record splitter — a character-level state
/// machine written from RFC 4180 and the reader's documented leniencies — used
/// to check that the reader finds every record, on the right line.
enum ReferenceCSV {
    struct Record: Equatable {
        var line: Int
        var blank: Bool
    }

    static func records(_ t: [UInt8], separator sep: UInt8) -> [Record] {
        enum State { case fieldStart, unquoted, quoted, quoteSeen, junk }
        let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10
        func isBlank(_ c: UInt8) -> Bool { c == 32 || (c == 9 && sep != 9) }
        var out: [Record] = []
        var line = 1, recordLine = 1
        var state = State.fieldStart
        var inRecord = false, blank = true
        var i = 0
        func endOfLine(_ c: UInt8) -> Bool { c == cr || c == lf }
        while i < t.count {
            let c = t[i]
            if !inRecord {
                inRecord = true
                recordLine = line
                blank = true
                state = .fieldStart
            }
            var endRecord = false
            switch state {
            case .fieldStart where isBlank(c):
                break
            case .fieldStart where c == quote:
                state = .quoted
                blank = false
            case .fieldStart, .unquoted:
                if c == sep { state = .fieldStart } else if endOfLine(c) { endRecord = true } else {
                    if !isBlank(c) { blank = false }
                    state = .unquoted
                }
            case .quoted:
                if c == quote { state = .quoteSeen } else if c == lf || (c == cr && !(i + 1 < t.count && t[i + 1] == lf)) {
                    line += 1
                }
            case .quoteSeen:
                if c == quote { state = .quoted } else if c == sep { state = .fieldStart } else if endOfLine(c) {
                    endRecord = true
                } else if !isBlank(c) {
                    state = .junk
                }
            case .junk:
                if c == sep { state = .fieldStart } else if endOfLine(c) { endRecord = true }
            }
            if endRecord {
                if c == cr && i + 1 < t.count && t[i + 1] == lf { i += 1 }
                line += 1
                out.append(Record(line: recordLine, blank: blank))
                inRecord = false
            }
            i += 1
        }
        if inRecord { out.append(Record(line: recordLine, blank: blank)) }
        return out
    }
}

@Suite struct BatchPropertyTests {
    static let header = "id,company,origin_lat,origin_lon,dest_lat,dest_lon,pickup_earliest,pickup_latest,weight_kg,body_type,load_status\n"

    /// Reads `raw` as CSV and checks, against ``ReferenceCSV``, that every
    /// data record is accounted for exactly once and on its own line.
    static func checkAccounting(_ raw: [UInt8], _ comment: Comment) {
        var text = raw
        _ = TextEncoding.decode(&text)
        let dialect = text.withUnsafeBufferPointer { CSVDialect.detect(header: $0) }
        let reference = ReferenceCSV.records(text, separator: dialect.separator)
        let batch: Batch
        do {
            batch = try BatchReader(options: .init(requireShipments: false))
                .read([.bytes(name: "random.csv", raw, format: .csv)])
        } catch {
            // Only a file-level refusal is allowed, and only for a file that has a header.
            #expect(error.kind == .invalidFile, comment)
            #expect(reference.contains { !$0.blank }, comment)
            return
        }
        let nonBlank = reference.filter { !$0.blank }
        let dataLines = nonBlank.dropFirst().map(\.line)
        #expect(batch.records == dataLines.count, comment)
        let seen = (batch.shipments.map(\.source.line) + batch.observedEmpty.map(\.source.line) + batch.rejected.map(\.line))
            .sorted()
        #expect(seen == dataLines, comment)
        #expect(batch.files.first?.blankRecords == reference.count - nonBlank.count, comment)
        batch._checkInvariants()
    }

    @Test(arguments: 0..<200)
    func randomBytesNeverCrash(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("abc,;\"\n\r\t 0123456789.-:TZ+".utf8) + [0xE4, 0xC3, 0xA4, 0xEF, 0xBB, 0xBF, 0xFF, 0x00]
        let n = Int.random(in: 0...400, using: &rng)
        var raw: [UInt8] = []
        let mode = seed % 3
        if mode == 2 { raw = Array(Self.header.utf8) }
        for _ in 0..<n {
            raw.append(mode == 0 ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)!)
        }
        Self.checkAccounting(raw, "seed \(seed)")
        // JSON: random bytes are nearly never JSON, so they would only test
        // the refusal. Start from a valid batch instead and mutate it.
        var jsonRNG = SplitMix64(seed: seed &+ 7000)
        Self.checkJSON(MutatedJSON(&jsonRNG), "seed \(seed)")
    }

    /// Reads a mutated JSON batch and checks it against what the mutation
    /// kept; returns whether the row-level assertions were reached (the file
    /// was read rather than refused).
    @discardableResult
    static func checkJSON(_ m: MutatedJSON, _ comment: Comment) -> Bool {
        let batch: Batch
        do {
            batch = try BatchReader(options: .init(requireShipments: false)).read([.bytes(name: "m.json", m.bytes, format: .json)])
        } catch {
            #expect(error.kind == .invalidFile, comment)
            // Valid JSON is refused only when no object has the required keys.
            if m.syntaxIntact { #expect(error.problems.allSatisfy { $0.message.hasPrefix("missing required column") }, comment) }
            return false
        }
        batch._checkInvariants()
        #expect(batch.records == batch.shipments.count + batch.observedEmpty.count + batch.rejected.count, comment)
        let lines = (batch.shipments.map(\.source.line) + batch.observedEmpty.map(\.source.line) + batch.rejected.map(\.line)).sorted()
        if m.syntaxIntact {
            // One element per line, lines 2…n+1: each is accounted for exactly once, on its own line.
            #expect(batch.records == m.elements, comment)
            #expect(lines == Array(2..<(m.elements + 2)), comment)
        } else {
            // A removed line break can put two elements on one line.
            #expect(lines.allSatisfy { $0 >= 1 && $0 <= m.lineCount }, comment)
        }
        // An accepted id is in the text as written (escapes aside, ids here are plain).
        let text = String(decoding: m.bytes, as: UTF8.self)
        for s in batch.shipments + batch.observedEmpty where !s.id.contains("\\") {
            #expect(text.contains(s.id) || s.id.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E }, comment)
        }
        return true
    }

    /// Most mutated JSON files must reach the row-level assertions, or the
    /// property above proves little.
    @Test func mutatedJSONIsMostlyRead() {
        var reached = 0
        for seed in UInt64(0)..<300 {
            var rng = SplitMix64(seed: seed &+ 7000)
            if Self.checkJSON(MutatedJSON(&rng), "seed \(seed)") { reached += 1 }
        }
        #expect(reached >= 200, "only \(reached) of 300 mutated files were read")
    }

    /// A valid generated batch and its shipments' ids.
    static func validBatch(_ rng: inout SplitMix64, rows: Int) -> [UInt8] {
        var s = Self.header
        let bodies = BodyType.allCases.map(\.rawValue) + [""]
        for i in 0..<rows {
            let lat = Double(Int.random(in: 5_500_000...6_900_000, using: &rng)) / 100_000
            let lon = Double(Int.random(in: 1_100_000...2_400_000, using: &rng)) / 100_000
            let h = Int.random(in: 10...19, using: &rng)
            s += "R-\(i),\"Haul, \(i)\",\(lat),\(lon),\(lon + 40),\(lat - 40),2026-11-26T\(h):00,2026-11-26T\(h + 2):00,"
                + "\(Int.random(in: 0...25_000, using: &rng)),\(bodies.randomElement(using: &rng)!),"
                + "\(i % 5 == 0 ? "empty" : "loaded")\n"
        }
        return Array(s.utf8)
    }

    @Test(arguments: 0..<200)
    func mutationsOfAValidFileAreAccountedFor(seed: UInt64) {
        var rng = SplitMix64(seed: seed &+ 1000)
        var raw = Self.validBatch(&rng, rows: 12)
        let inserts = Array(",;\"\n\r x0-.".utf8) + [0xE4, 0x00]
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = Int.random(in: 0..<raw.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: raw.remove(at: at)
            case 1: raw.insert(inserts.randomElement(using: &rng)!, at: at)
            case 2: raw[at] = UInt8.random(in: 0...255, using: &rng)
            default:
                let end = min(raw.count, at + Int.random(in: 1...40, using: &rng))
                raw.insert(contentsOf: Array(raw[at..<end]), at: at)
            }
        }
        Self.checkAccounting(raw, "seed \(seed)")
    }

    @Test(arguments: 0..<50)
    func mutationsOfValidJSONAreAccountedFor(seed: UInt64) {
        var rng = SplitMix64(seed: seed &+ 5000)
        var json = "[\n"
        for i in 0..<8 {
            json += "{\"id\": \"J\(i)\", \"origin_lat\": 56.\(i), \"origin_lon\": \"14.\(i)\", \"dest_lat\": 57, \"dest_lon\": 15.5e0},\n"
        }
        json += "{\"id\": \"last\", \"origin_node\": 1, \"dest_node\": 2, \"origin_lat\": null}\n]\n"
        var raw = Array(json.utf8)
        let inserts = Array(",:\"{}[]\\ 0e-".utf8)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = Int.random(in: 0..<raw.count, using: &rng)
            if Bool.random(using: &rng) { raw.remove(at: at) } else { raw.insert(inserts.randomElement(using: &rng)!, at: at) }
        }
        do {
            let batch = try BatchReader(options: .init(requireShipments: false))
                .read([.bytes(name: "m.json", raw, format: .json)])
            batch._checkInvariants()
            #expect(batch.records == batch.shipments.count + batch.observedEmpty.count + batch.rejected.count)
            #expect(batch.records >= 1)
        } catch {
            #expect(error.kind == .invalidFile)
        }
    }

    @Test func deepNestingIsNotARecursion() throws {
        let deep = "[{\"id\": \"a\", \"origin_node\": 1, \"dest_node\": 2, \"x\": " + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + "}]"
        let batch = try BatchReader().read([.bytes(name: "deep.json", Array(deep.utf8), format: .json)])
        #expect(batch.acceptedIDs == ["a"])
    }
}

/// Random shipments written in a random dialect read back to exactly the
/// same values.
@Suite struct BatchRoundTripTests {
    struct Row {
        var id: String, company: String?, origin: (Double, Double), destination: (Double, Double)
        var pickup: (Int, Int)?, weight: Double?, body: BodyType?
    }

    @Test(arguments: 0..<60)
    func writtenAndReadBack(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &+ 9000)
        let semicolon = Bool.random(using: &rng)
        let sep = semicolon ? ";" : ","
        let windows1252 = semicolon && Bool.random(using: &rng)
        let newline = ["\n", "\r\n", "\r"].randomElement(using: &rng)!
        let names = ["Västervik Åkeri", "Smith, Jones & Co", "He said \"hi\"", "Line\nbreak", "Öland; Frakt", "plain"]
        var rows: [Row] = []
        for i in 0..<Int.random(in: 1...30, using: &rng) {
            func coordinate(_ limit: Double) -> Double {
                let digits = Double([1, 10, 100, 1000, 100_000, 10_000_000].randomElement(using: &rng)!)
                var v = (Double.random(in: -limit...limit, using: &rng) * digits).rounded() / digits
                if v == 0 { v = 1 }
                return Bool.random(using: &rng) ? v : Double.random(in: -limit...limit, using: &rng)
            }
            rows.append(Row(
                id: "id-\(i)-\(UInt32.random(in: 0...UInt32.max, using: &rng))",
                company: Bool.random(using: &rng) ? names.randomElement(using: &rng)! : nil,
                origin: (coordinate(90), coordinate(180)), destination: (coordinate(90), coordinate(180)),
                pickup: Bool.random(using: &rng) ? (Int.random(in: 0...20, using: &rng), Int.random(in: 0...3, using: &rng)) : nil,
                weight: Bool.random(using: &rng) ? Double(Int.random(in: 0...400_000, using: &rng)) / 16 : nil,
                body: BodyType.allCases.randomElement(using: &rng)))
        }
        func field(_ s: String) -> String {
            let pad = [" ", "", "", "\t"].randomElement(using: &rng)!
            let needsQuotes = s.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || String($0) == sep })
            if needsQuotes || Int.random(in: 0..<5, using: &rng) == 0 {
                return pad + "\"" + s.replacingQuotes() + "\"" + pad
            }
            return pad + s + pad
        }
        func number(_ v: Double) -> String {
            let s = "\(v)"
            return semicolon && Bool.random(using: &rng) ? String(s.map { $0 == "." ? "," : $0 }) : s
        }
        var columns = ["id", "company", "origin_lat", "origin_lon", "dest_lat", "dest_lon", "pickup_earliest", "pickup_latest",
                       "weight_kg", "body_type"]
        columns.shuffle(using: &rng)
        var text = columns.map { Bool.random(using: &rng) ? $0.uppercased() : $0 }.joined(separator: sep) + newline
        for r in rows {
            var values: [String: String] = [
                "id": r.id, "company": r.company ?? "", "origin_lat": number(r.origin.0), "origin_lon": number(r.origin.1),
                "dest_lat": number(r.destination.0), "dest_lon": number(r.destination.1),
                "weight_kg": r.weight.map(number) ?? "", "body_type": r.body?.rawValue ?? "",
            ]
            if let (h, w) = r.pickup {
                values["pickup_earliest"] = "2026-11-26T\(h < 10 ? "0" : "")\(h):00"
                values["pickup_latest"] = "2026-11-26T\(h + w < 10 ? "0" : "")\(h + w):00"
            }
            text += columns.map { field(values[$0] ?? "") }.joined(separator: sep) + newline
        }
        var raw: [UInt8]
        if windows1252 {
            raw = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }  // every name above is Latin-1
        } else {
            raw = Array(text.utf8)
            if Bool.random(using: &rng) { raw = [0xEF, 0xBB, 0xBF] + raw }
        }
        let batch = try BatchReader().read([.bytes(name: "r.csv", raw, format: .csv)])
        #expect(batch.rejected.isEmpty, "\(batch.rejected)")
        #expect(batch.shipments.count == rows.count)
        for (s, r) in zip(batch.shipments, rows) {
            #expect(s.id == r.id)
            #expect(s.company == r.company)
            #expect(s.origin == .coordinate(latitude: r.origin.0, longitude: r.origin.1))
            #expect(s.destination == .coordinate(latitude: r.destination.0, longitude: r.destination.1))
            #expect(s.weightKg == r.weight)
            #expect(s.bodyType == r.body)
            if let (h, w) = r.pickup {
                #expect(s.pickupEarliest.map { $0.seconds % 86_400 } == Int64(h * 3600))
                #expect(s.pickupLatest.map { $0.seconds % 86_400 } == Int64((h + w) * 3600))
            } else {
                #expect(s.pickupEarliest == nil)
            }
        }
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { out += c == "\"" ? "\"\"" : String(c) }
        return out
    }
}

/// A valid JSON batch mutated at the value level (values, keys and types
/// changed, members dropped or repeated: still JSON, one element per line),
/// and in a third of the cases also at the byte level (syntax broken or not).
struct MutatedJSON {
    var bytes: [UInt8]
    /// Array elements written (one per line, from line 2).
    var elements: Int
    /// Whether only value-level mutations were made.
    var syntaxIntact: Bool
    var lineCount: Int

    init(_ rng: inout SplitMix64) {
        let keys = ["id", "company", "origin_lat", "origin_lon", "dest_lat", "dest_lon", "origin_node", "dest_node",
                    "pickup_earliest", "pickup_latest", "delivery_latest", "weight_kg", "body_type", "load_status", "extra"]
        let values = [#""2026-11-26T06:00""#, #""2026-11-26""#, "56.87767", "-0.5", "1e300", "0", #""12 000""#, "null",
                      "true", "[]", #"{"a": [1]}"#, #""dry_van""#, #""empty""#, #""x\u0000y""#, #""\u202e""#,
                      #""Växjö \"Frakt\"""#, "123456789012345678901234567890", #""""#, "-1", #""loaded""#]
        var objects: [[(String, String)]] = []
        let count = Int.random(in: 1...12, using: &rng)
        for i in 0..<count {
            var members: [(String, String)] = [
                ("id", "\"M-\(i)\""), ("origin_lat", "56.\(i + 1)"), ("origin_lon", "14.\(i)"),
                ("dest_lat", "57.\(i)"), ("dest_lon", "\"15,\(i)\""), ("pickup_earliest", "\"2026-11-26T0\(i % 10):00\""),
            ]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0:  // change a value
                    let k = Int.random(in: 0..<members.count, using: &rng)
                    members[k].1 = values.randomElement(using: &rng)!
                case 1:  // drop a member
                    if members.count > 1 { members.remove(at: Int.random(in: 0..<members.count, using: &rng)) }
                case 2:  // add a member, possibly a repeated key
                    members.append((keys.randomElement(using: &rng)!, values.randomElement(using: &rng)!))
                case 3:  // change a key's case
                    let k = Int.random(in: 0..<members.count, using: &rng)
                    members[k].0 = members[k].0.uppercased()
                default:  // reorder
                    members.shuffle(using: &rng)
                }
            }
            objects.append(members)
        }
        var lines = ["["]
        for (i, o) in objects.enumerated() {
            let element = Int.random(in: 0..<20, using: &rng) == 0
                ? values.randomElement(using: &rng)!  // not an object
                : "{" + o.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
            lines.append(element + (i + 1 < objects.count ? "," : ""))
        }
        lines.append("]")
        var raw = Array(lines.joined(separator: "\n").utf8)
        elements = objects.count
        syntaxIntact = true
        if Int.random(in: 0..<3, using: &rng) == 0 {
            syntaxIntact = false
            let inserts = Array(",:\"{}[]\\ 0e-\n".utf8) + [0x00, 0xC3]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<raw.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: raw.remove(at: at)
                case 1: raw.insert(inserts.randomElement(using: &rng)!, at: at)
                default: raw[at] = UInt8.random(in: 0...255, using: &rng)
                }
            }
        }
        bytes = raw
        lineCount = raw.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
