import Testing
@testable import Pairing

/// One fixture run: the files read together and everything expected of them.
struct BatchFixtureCase: CustomTestStringConvertible, Sendable {
    var files: [String]
    var accepted: [String]
    var observedEmpty: [String] = []
    /// (file, line, id, reason)
    var rejected: [Rejection] = []
    /// Substrings that some warning must contain.
    var warnings: [String] = []
    var blankRecords = 0

    struct Rejection: Sendable, Equatable, CustomStringConvertible {
        var file: String
        var line: Int
        var id: String?
        var reason: String
        init(_ file: String, _ line: Int, _ id: String?, _ reason: String) {
            (self.file, self.line, self.id, self.reason) = (file, line, id, reason)
        }
        var description: String { "\(file):\(line) [\(id ?? "-")] \(reason)" }
    }

    var testDescription: String { files.joined(separator: " + ") }
}

private typealias R = BatchFixtureCase.Rejection
private let knownBodies = "dry_van, tautliner, reefer, tipper, tanker, container, flatbed"

private let fixtureCases: [BatchFixtureCase] = [
    .init(files: ["rfc4180-basic.csv"], accepted: ["DEMO-01", "DEMO-02", "DEMO-03"]),
    .init(files: ["bom-crlf.csv"], accepted: ["B-1", "B-2"], blankRecords: 1),
    .init(files: ["quoted.csv"], accepted: ["Q-1", "Q-2", "Q-3", "Q-4", "Q-6", "Q-7"],
          rejected: [R("quoted.csv", 7, "Q-5", "text after the closing quote in field 2")]),
    .init(files: ["excel-swedish.csv"], accepted: ["SV-1", "SV-2", "SV-3"],
          rejected: [R("excel-swedish.csv", 5, "SV-4", "origin_lat is not a number: '56,8,7'")],
          warnings: ["excel-swedish.csv: not valid UTF-8, read as Windows-1252"], blankRecords: 1),
    .init(files: ["unicode-text.csv"], accepted: ["T-1", "T-2"]),
    .init(files: ["batch.json"], accepted: ["J-1", "J-5"], observedEmpty: ["42"],
          rejected: [
              R("batch.json", 8, "J-3", "weight_kg must be a string or a number, not true; origin_lat out of range: 91"),
              R("batch.json", 9, nil, "array element is not an object"),
              R("batch.json", 11, "J-6", "company must be a string or a number, not an array; key id appears twice"),
          ],
          warnings: ["batch.json: unknown column ignored: extra"]),
    .init(files: ["bad-rows.csv"], accepted: ["OK-1", "NODE-OK", "SAME", "TRAILING"], observedEmpty: ["EMPTY-RUN"],
          rejected: [
              R("bad-rows.csv", 3, "BAD-NUM", "origin_lat is not a number: '56.1x'"),
              R("bad-rows.csv", 4, "BAD-LAT", "origin_lat out of range: 123.4"),
              R("bad-rows.csv", 5, "BAD-LON", "dest_lon out of range: -180.5"),
              R("bad-rows.csv", 6, "ZERO", "origin is at (0, 0), almost certainly a missing coordinate"),
              R("bad-rows.csv", 7, "NO-ORIGIN", "missing origin (origin_lat and origin_lon, or origin_node)"),
              R("bad-rows.csv", 8, "HALF", "origin_lat is given without origin_lon"),
              R("bad-rows.csv", 9, "WINDOW",
                "pickup_latest 2026-11-26T06:00:00 is before pickup_earliest 2026-11-26T08:00:00"),
              R("bad-rows.csv", 10, "DELIVERY",
                "delivery_latest 2026-11-26T07:59:00 is before pickup_earliest 2026-11-26T08:00:00"),
              R("bad-rows.csv", 11, "BODY", "unknown body_type 'box_van' (known: \(knownBodies))"),
              R("bad-rows.csv", 12, "STATUS", "unknown load_status 'half' (known: loaded, empty)"),
              R("bad-rows.csv", 13, "OK-1", "duplicate id OK-1, first at bad-rows.csv:2"),
              R("bad-rows.csv", 14, nil, "missing id"),
              R("bad-rows.csv", 15, "TIME",
                "pickup_earliest is not an ISO 8601 date or date-time (2026-11-26 or 2026-11-26T06:00): '2026-02-30T06:00'"),
              R("bad-rows.csv", 16, "WEIGHT", "weight_kg is negative: '-5'"),
              R("bad-rows.csv", 17, "SHORT", "row has 3 fields, the header has 13"),
              R("bad-rows.csv", 18, "MANY",
                "origin_lat out of range: 999; origin_lon is not a number: 'abc'; "
                    + "missing destination (dest_lat and dest_lon, or dest_node); unknown body_type 'lorry' (known: \(knownBodies))"),
              R("bad-rows.csv", 20, "NODE-BAD", "origin_node is not an integer node id: '17.5'"),
              R("bad-rows.csv", 23, "TOO-MANY", "row has 14 fields, the header has 13"),
              R("bad-rows.csv", 25, "STATUS",
                "unknown load_status 'half' (known: loaded, empty); duplicate id STATUS, first at bad-rows.csv:12"),
          ],
          warnings: ["1 shipment has its origin equal to the destination"]),
    .init(files: ["unterminated.csv"], accepted: ["U-1"],
          rejected: [R("unterminated.csv", 3, "U-2", "a quoted field is not closed before the end of the file")]),
    .init(files: ["cr-only.csv"], accepted: ["M-1", "M-2"]),
    .init(files: ["mixed-offsets.csv"], accepted: ["O-1", "O-2"],
          warnings: ["times mix local date-times without a UTC offset (1) and with one (3)"]),
    .init(files: ["unknown-columns.csv", "unknown-columns-2.csv"], accepted: ["K-1", "K-2"],
          warnings: ["unknown-columns.csv: unknown columns ignored: vehicleType, Colour, (column 6 has no name)",
                     "unknown-columns-2.csv: unknown column ignored: size"]),
    .init(files: ["dup-a.csv", "dup-b.json"], accepted: ["D-1", "D-2", "D-3"],
          rejected: [R("dup-b.json", 2, "D-2", "duplicate id D-2, first at dup-a.csv:3")]),
    .init(files: ["empty.csv", "header-only.csv"], accepted: [], warnings: ["empty.csv: file is empty"]),
]

@Suite struct BatchFixtureTests {
    @Test(arguments: fixtureCases)
    func fixture(_ c: BatchFixtureCase) throws {
        let inputs = try c.files.map(BatchFixtures.input)
        let batch = try BatchReader(options: .init(requireShipments: false)).read(inputs)
        #expect(batch.acceptedIDs == c.accepted)
        #expect(batch.observedEmptyIDs == c.observedEmpty)
        let rejected = batch.rejected.map { R($0.file, $0.line, $0.id, $0.reason) }
        #expect(rejected == c.rejected)
        for w in c.warnings {
            #expect(batch.warnings.contains { $0.contains(w) }, "no warning contains \"\(w)\": \(batch.warnings)")
        }
        if c.warnings.isEmpty { #expect(batch.warnings.isEmpty, "\(batch.warnings)") }
        #expect(batch.files.reduce(0) { $0 + $1.blankRecords } == c.blankRecords)
        #expect(batch.records == c.accepted.count + c.observedEmpty.count + c.rejected.count)
        batch._checkInvariants()
    }

    @Test func valuesAreKeptExactly() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("rfc4180-basic.csv")])
        let s = try #require(batch.shipments.last)
        #expect(s.company == "Acme AB")
        #expect(s.origin == .coordinate(latitude: 56.83324, longitude: 13.94082))
        #expect(s.destination == .coordinate(latitude: 57.26455, longitude: 16.44837))
        #expect(s.weightKg == 18000.5)
        #expect(s.bodyType == .tautliner)
        #expect(s.pickupEarliest == Timestamp(iso8601: "2026-11-26T06:00"))
        #expect(s.source == SourceLine(file: "rfc4180-basic.csv", line: 4))
        #expect(batch.shipments[0].company == nil)
        #expect(batch.files[0].dialect == .rfc4180)
        #expect(batch.files[0].encoding == .utf8)
    }

    @Test func bomCRLFAndShuffledHeader() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("bom-crlf.csv")])
        #expect(batch.files[0].encoding == .utf8WithBOM)
        let b1 = batch.shipments[0], b2 = batch.shipments[1]
        #expect(b1.id == "B-1")
        #expect(b1.bodyType == .reefer)
        #expect(b1.weightKg == 24000)
        #expect(b1.origin == .coordinate(latitude: 56.89935, longitude: 14.55559))
        #expect(b1.destination == .coordinate(latitude: 57.75840, longitude: 16.63733))
        #expect(b2.bodyType == .tanker)
        #expect(b2.weightKg == nil)
        #expect(b2.source.line == 3)
    }

    @Test func quotedValues() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("quoted.csv")])
        let company = Dictionary(uniqueKeysWithValues: batch.shipments.map { ($0.id, $0.company) })
        #expect(company["Q-1"] == "Smith, Jones & Co")
        #expect(company["Q-2"] == "Line one\nline two")
        #expect(company["Q-3"] == "He said \"hi\"")
        #expect(company["Q-4"] == "padded")
        #expect(company["Q-6"] == "multi\r\nline\r\nvalue")
        #expect(company["Q-7"] == .some(nil))
        let lines = batch.shipments.map(\.source.line)
        #expect(lines == [2, 3, 5, 6, 8, 11])
    }

    @Test func swedishExcel() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("excel-swedish.csv")])
        let f = batch.files[0]
        #expect(f.encoding == .windows1252)
        #expect(f.dialect == .excelSemicolon)
        let sv1 = batch.shipments[0], sv2 = batch.shipments[1], sv3 = batch.shipments[2]
        #expect(sv1.company == "Västervik Åkeri")
        #expect(sv1.origin == .coordinate(latitude: 57.75840, longitude: 16.63733))
        #expect(sv1.weightKg == 21000.5)
        #expect(sv1.pickupEarliest == Timestamp(iso8601: "2026-11-26T13:30"))
        #expect(sv2.company == "Öland Frakt")
        #expect(sv2.weightKg == 1000)
        #expect(sv3.company == "Växjö")
        #expect(sv3.origin == .coordinate(latitude: 56.87767, longitude: 14.80906))
    }

    @Test func unicodeText() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("unicode-text.csv")])
        #expect(batch.files[0].encoding == .utf16LittleEndian)
        #expect(batch.files[0].dialect == .tabSeparated)
        #expect(batch.shipments[0].company == "Malmö Åkeri")
        #expect(batch.shipments[0].origin == .coordinate(latitude: 56.5, longitude: 14.5))
        #expect(batch.shipments[1].origin == .coordinate(latitude: 56.6, longitude: 14.6))
    }

    @Test func jsonValues() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("batch.json")])
        let j1 = batch.shipments[0]
        #expect(j1.company == "Växjö \"Frakt\"")
        #expect(j1.origin == .coordinate(latitude: 56.87767, longitude: 14.80906))
        #expect(j1.pickupEarliest?.utcOffsetSeconds == 3600)
        #expect(j1.pickupEarliest == Timestamp(iso8601: "2026-11-26T06:00Z"))
        #expect(j1.loadStatus == .loaded)
        #expect(j1.source.line == 2)
        let empty = batch.observedEmpty[0]
        #expect(empty.id == "42")
        #expect(empty.weightKg == 1500)
        #expect(empty.source.line == 6)
    }

    @Test func nodesAndMixedOffsets() throws {
        let batch = try BatchReader().read([try BatchFixtures.input("mixed-offsets.csv")])
        let o1 = batch.shipments[0], o2 = batch.shipments[1]
        #expect(o1.origin == .node(1))
        #expect(o1.destination == .node(2))
        let six = try #require(o1.pickupEarliest)
        #expect(o1.pickupLatest == six.adding(seconds: 7200))
        #expect(o2.pickupEarliest == six.adding(seconds: -3600))
        #expect(o2.pickupLatest == six.adding(seconds: 3600))
    }
}
