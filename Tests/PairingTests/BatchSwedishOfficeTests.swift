import Testing
@testable import Pairing

/// What a Swedish office spreadsheet writes: a date alone in a date column,
/// numbers grouped with spaces or no-break spaces, `;` and decimal commas.
@Suite struct BatchSwedishOfficeTests {
    static func read(_ text: [UInt8], name: String = "sv.csv") throws -> Batch {
        try BatchReader(options: .init(requireShipments: false)).read([.bytes(name: name, text, format: .csv)])
    }

    static func read(_ text: String) throws -> Batch { try read(Array(text.utf8)) }

    @Test func dateAloneMeansTheWholeDay() throws {
        let batch = try Self.read(
            "id;origin_lat;origin_lon;dest_lat;dest_lon;pickup_earliest;pickup_latest;delivery_latest\n"
                + "D-1;56,87767;14,80906;56,66157;16,36163;2026-11-26;2026-11-26;2026-11-27\n"
                + "D-2;56,87767;14,80906;56,66157;16,36163;2026-11-26T06:00;2026-11-26;\n"
                + "D-3;56,87767;14,80906;56,66157;16,36163;2024-02-29;;\n")
        #expect(batch.rejected.isEmpty, "\(batch.rejected)")
        let d1 = batch.shipments[0], d2 = batch.shipments[1]
        #expect(d1.pickupEarliest == Timestamp(iso8601: "2026-11-26T00:00"))
        #expect(d1.pickupLatest == Timestamp(iso8601: "2026-11-27T00:00"))  // 24:00 on the 26th
        #expect(d1.deliveryLatest == Timestamp(iso8601: "2026-11-28T00:00"))
        #expect(d1.pickupEarliest?.utcOffsetSeconds == nil)
        #expect(d2.pickupEarliest == Timestamp(iso8601: "2026-11-26T06:00"))
        #expect(d2.pickupLatest == Timestamp(iso8601: "2026-11-27T00:00"))
        #expect(batch.shipments[2].pickupEarliest == Timestamp(iso8601: "2024-02-29T00:00"))
        // A date alone is a naive time: mixing it with offsets warns like any naive time.
        #expect(batch.warnings.isEmpty)
    }

    @Test func dateAloneInMessages() throws {
        let batch = try Self.read(
            "id,origin_node,dest_node,pickup_earliest,pickup_latest,delivery_latest\n"
                + "E-1,1,2,2026-11-27,2026-11-25,\n"
                + "E-2,1,2,2026-11-27T06:00,,2026-11-26\n"
                + "E-3,1,2,2026-02-30,,\n"
                + "E-4,1,2,2026-11-26+01:00,,\n"
                + "E-5,1,2,26-11-2026,,\n"
                + "E-6,1,2,2026-11-26,,2026-11-26\n"
                + "E-7,1,2,2026-11-27,2026-11-26,\n")
        // E-7: latest 24:00 on the 26th is the earliest 00:00 on the 27th, a window of zero length.
        #expect(batch.acceptedIDs == ["E-6", "E-7"])
        let expected = "is not an ISO 8601 date or date-time (2026-11-26 or 2026-11-26T06:00)"
        #expect(batch.rejected.map(\.description) == [
            "sv.csv:2: pickup_latest 2026-11-25 (until 24:00) is before pickup_earliest 2026-11-27 (from 00:00)",
            "sv.csv:3: delivery_latest 2026-11-26 (until 24:00) is before pickup_earliest 2026-11-27T06:00:00",
            "sv.csv:4: pickup_earliest \(expected): '2026-02-30'",
            "sv.csv:5: pickup_earliest \(expected): '2026-11-26+01:00'",
            "sv.csv:6: pickup_earliest \(expected): '26-11-2026'",
        ])
    }

    @Test func groupedNumbersInTheSemicolonDialect() throws {
        let nbsp = "\u{A0}", narrow = "\u{202F}"
        let batch = try Self.read(
            "id;origin_lat;origin_lon;dest_lat;dest_lon;weight_kg\n"
                + "G-1;56,87767;14,80906;56,66157;16,36163;12 000\n"
                + "G-2;56,87767;14,80906;56,66157;16,36163;12 000,5\n"
                + "G-3;56,87767;14,80906;56,66157;16,36163;12\(nbsp)000,25\n"
                + "G-4;56,87767;14,80906;56,66157;16,36163;1\(narrow)500\n"
                + "G-5;56,87767;14,80906;56,66157;16,36163;99 999.5\n")
        #expect(batch.files[0].dialect == .excelSemicolon)
        #expect(batch.rejected.isEmpty, "\(batch.rejected)")
        #expect(batch.shipments.map(\.weightKg) == [12_000, 12_000.5, 12_000.25, 1_500, 99_999.5])
    }

    @Test func groupedNumbersInTheCommaDialectAndWindows1252() throws {
        let comma = try Self.read("id,origin_node,dest_node,weight_kg\nC-1,1,2,12 000\nC-2,1,2,\"24 500.5\"\n")
        #expect(comma.files[0].dialect == .rfc4180)
        #expect(comma.shipments.map(\.weightKg) == [12_000, 24_500.5])
        // Excel "CSV" on a Swedish Windows: Windows-1252, where the no-break space is byte A0.
        let latin: [UInt8] = Array("id;origin_node;dest_node;weight_kg;company\nW-1;1;2;21".utf8) + [0xA0]
            + Array("000,5;V".utf8) + [0xE4] + Array("xj".utf8) + [0xF6] + [0x0D, 0x0A]
        let batch = try Self.read(latin)
        #expect(batch.files[0].encoding == .windows1252)
        #expect(batch.shipments.first?.weightKg == 21_000.5)
        #expect(batch.shipments.first?.company == "Växjö")
    }

    @Test func badGroupingIsRejected() throws {
        let rows = ["1 2000", "12  000", "1234 567", "12 00", "0,123 4", "12 000 000,5 1", "1.234,5"]
        let text = "id;origin_node;dest_node;weight_kg\n" + rows.enumerated().map { "B-\($0.offset);1;2;\($0.element)\n" }.joined()
        let batch = try Self.read(text)
        #expect(batch.shipments.isEmpty)
        #expect(batch.rejected.map(\.reason) == rows.map { "weight_kg is not a number: '\($0)'" })
    }
}
