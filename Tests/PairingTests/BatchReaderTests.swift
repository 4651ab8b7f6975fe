import Testing
@testable import Pairing

@Suite struct BatchReaderTests {
    @Test func pathsAreNamedAsGiven() throws {
        let path = BatchFixtures.path("rfc4180-basic.csv")
        let batch = try BatchReader().read([.path(path)])
        #expect(batch.shipments.count == 3)
        #expect(batch.shipments[0].source == SourceLine(file: path, line: 2))
        #expect(batch.files.map(\.file) == [path])
    }

    @Test func folderMeansSortedBatchFiles() throws {
        let folder = BatchFixtures.path("folder")
        let batch = try BatchReader().read([.path(folder)])
        // Sorted by UTF-8 bytes: "C.CSV" < "a.json" < "b.csv"; notes.txt and
        // the hidden file are not batch files.
        #expect(batch.files.map { $0.file.split(separator: "/").last.map(String.init) } == ["C.CSV", "a.json", "b.csv"])
        #expect(batch.acceptedIDs == ["F-C1", "F-A1", "F-B1"])
        #expect(batch.files.map(\.format) == [.csv, .json, .csv])
    }

    @Test func missingPathsAreUsageErrors() {
        let a = BatchFixtures.path("no-such-file.csv"), b = BatchFixtures.path("no-such-folder/")
        #expect {
            try BatchReader().read([.path(a), .path(BatchFixtures.path("rfc4180-basic.csv")), .path(b)])
        } throws: { error in
            guard let e = error as? BatchError else { return false }
            return e.kind == .unreadable && e.exitCode == 2 && e.problems.map(\.file) == [a, b]
                && e.problems.allSatisfy { $0.message.contains("No such file") }
        }
    }

    @Test func filesWithoutRequiredColumnsAreRefusedTogether() throws {
        let error = try #require(throws: BatchError.self) {
            try BatchReader().read(
                ["missing-columns.csv", "rfc4180-basic.csv", "missing-json.json", "broken.json", "duplicate-column.csv"]
                    .map(BatchFixtures.input))
        }
        #expect(error.kind == .invalidFile)
        #expect(error.exitCode == 3)
        #expect(error.problems.map(\.description) == [
            "missing-columns.csv:1: missing required column: origin_lon, or origin_node "
                + "(the file has: ID, company, origin_lat, dest_lat, dest_lon)",
            "missing-json.json:1: missing required column: dest_lat and dest_lon, or dest_node (the file has: id, origin_node)",
            "broken.json:3: not a JSON batch: expected ',' or '}' in an object, found '\"'",
            "duplicate-column.csv:1: column id appears twice (columns 1 and 4)",
        ])
    }

    @Test func noValidShipmentIsAnError() throws {
        let csv = "id,origin_lat,origin_lon,dest_lat,dest_lon,load_status\nA,91,0,1,1,\nB,1,1,2,2,empty\n"
        let error = try #require(throws: BatchError.self) {
            try BatchReader().read([.bytes(name: "x.csv", Array(csv.utf8), format: .csv)])
        }
        #expect(error.kind == .noValidShipment)
        #expect(error.exitCode == 3)
        #expect(error.problems.map(\.description) == [
            "x.csv: no valid shipment in 1 file: 2 rows, 1 rejected, 1 observed empty runs",
            "x.csv:2: origin_lat out of range: 91",
        ])
        let relaxed = try BatchReader(options: .init(requireShipments: false))
            .read([.bytes(name: "x.csv", Array(csv.utf8), format: .csv)])
        #expect(relaxed.observedEmptyIDs == ["B"])
        #expect(relaxed.rejected.count == 1)
    }

    @Test func noInputsAtAllIsNoValidShipment() {
        #expect(throws: BatchError.self) { try BatchReader().read([]) }
    }

    @Test func argumentDashIsStandardInput() {
        #expect(BatchInput(argument: "-") == .standardInput)
        #expect(BatchInput(argument: "a.csv") == .path("a.csv"))
        #expect(BatchFormat(fileName: "X.JSON") == .json)
        #expect(BatchFormat(fileName: "x.txt") == .csv)
    }

    @Test func forcedDialectAndEncoding() throws {
        // One column header: detection says ',', but the file is ';'.
        let text = "id;origin_node;dest_node\nA;1;2\n"
        let detected = try BatchReader(options: .init(requireShipments: false))
            .read([.bytes(name: "x.csv", Array(text.utf8), format: .csv)])
        #expect(detected.files[0].dialect == .excelSemicolon)
        let forced = try? BatchReader(options: .init(csvDialect: .rfc4180))
            .read([.bytes(name: "x.csv", Array(text.utf8), format: .csv)])
        #expect(forced == nil)  // the whole header is one unknown column
        let latin = try BatchReader(options: .init(encoding: .windows1252))
            .read([.bytes(name: "x.csv", Array("id,origin_node,dest_node,company\nA,1,2,Ã¤\n".utf8), format: .csv)])
        #expect(latin.shipments[0].company == "ÃƒÂ¤")  // C3 83 C2 A4 read byte by byte
        #expect(latin.warnings.isEmpty)
    }

    @Test(arguments: [
        ("id,origin_node,dest_node\n", CSVDialect.rfc4180),
        ("id;origin_node;dest_node\n", .excelSemicolon),
        ("id\torigin_node\tdest_node\n", .tabSeparated),
        ("\"a;b\",c,d\n", .rfc4180),
        ("\"a,b,c\";d;e\n", .excelSemicolon),
        ("id\n", .rfc4180),
        ("a,b;c;d\n", .excelSemicolon),
    ])
    func dialectDetection(header: String, expected: CSVDialect) {
        let bytes = Array(header.utf8)
        #expect(bytes.withUnsafeBufferPointer { CSVDialect.detect(header: $0) } == expected)
    }

    @Test func encodingDetection() {
        func detect(_ b: [UInt8]) -> TextEncoding {
            var t = b
            return TextEncoding.decode(&t).encoding
        }
        #expect(detect(Array("Växjö".utf8)) == .utf8)
        #expect(detect([0xEF, 0xBB, 0xBF] + Array("a".utf8)) == .utf8WithBOM)
        #expect(detect([0x56, 0xE4, 0x78]) == .windows1252)  // "Väx" in Windows-1252
        #expect(detect([0xFF, 0xFE, 0x61, 0x00]) == .utf16LittleEndian)
        #expect(detect([0xFE, 0xFF, 0x00, 0x61]) == .utf16BigEndian)
        #expect(detect([0xC0, 0x80]) == .windows1252)  // overlong
        #expect(detect([0xED, 0xA0, 0x80]) == .windows1252)  // surrogate
        #expect(detect([0xF4, 0x90, 0x80, 0x80]) == .windows1252)  // above U+10FFFF
        var t: [UInt8] = [0x80, 0x9F, 0xE5, 0x41]
        _ = TextEncoding.decode(&t)
        #expect(String(decoding: t, as: UTF8.self) == "€Ÿå" + "A")
    }
}
