import Testing
@testable import Pairing

/// Valid coordinates of both ends (Växjö → Kalmar).
private let hostileEnds = "56.87767,14.80906,56.66157,16.36163"
/// Eleven columns: the rows below fill them as `id,company,<4 ends>,pe,pl,dl,weight,vehicle`.
private let hostileHeader =
    "id,company,origin_lat,origin_lon,dest_lat,dest_lon,pickup_earliest,pickup_latest,delivery_latest,weight_kg,vehicle\n"

/// The UTF-8 of a large string in one copy (`Array(s.utf8)` goes byte by
/// byte in debug builds).
private func utf8Bytes(_ s: String) -> [UInt8] {
    var s = s
    return s.withUTF8 { Array($0) }
}

/// The hostile rows of issue 15, each with its exact error: control
/// characters, giant headers, implausible values. Every message that repeats
/// input stays short.
@Suite struct BatchHostileInputTests {
    /// A valid row, so that a batch of hostile rows still has a shipment.
    static let good = "GOOD,,\(hostileEnds),,,,,\n"

    /// Reads `rows` after the header and ``good``: the accepted ids, and
    /// every rejection as `file:line: reason [id …]`.
    static func read(_ rows: [UInt8], name: String = "h.csv") throws -> (accepted: [String], rejected: [String]) {
        let batch = try BatchReader().read([.bytes(name: name, Array((hostileHeader + good).utf8) + rows, format: .csv)])
        return (batch.acceptedIDs, batch.rejected.map { "\($0.description) [id \($0.id ?? "-")]" })
    }

    static func read(_ rows: String) throws -> (accepted: [String], rejected: [String]) { try read(Array(rows.utf8)) }

    // MARK: Control characters

    @Test func nulInAnIdRejectsTheRow() throws {
        let row: [UInt8] = Array("AB".utf8) + [0] + Array("C,,\(hostileEnds),,,,,\n".utf8)
        let (accepted, rejected) = try Self.read(row)
        #expect(accepted == ["GOOD"])
        #expect(rejected == [#"h.csv:3: id contains the control character U+0000 at byte 3: 'AB\x00C' [id AB\x00C]"#])
    }

    @Test func otherC0CharactersRejectTheRowTabsAndQuotedLineBreaksInCompanyDoNot() throws {
        let rows = "C1,Big\u{1}Co,\(hostileEnds),,,,,\n"
            + "C2,\"Esc\u{1B}[31mRed\",\(hostileEnds),,,,,\n"
            + "T1,Tab\tCo,\(hostileEnds),,,,,\n"
            + "T2,\"Two\nlines\",\(hostileEnds),,,,,\n"
            + "\"I\nD\",,\(hostileEnds),,,,,\n"
            + "I\tD,,\(hostileEnds),,,,,\n"
            + "DEL\u{7F},,\(hostileEnds),,,,,\n"
            + "V1,,\(hostileEnds),,,,,artic\u{0}40t\n"
        let batch = try BatchReader().read([.bytes(name: "h.csv", Array((hostileHeader + rows).utf8), format: .csv)])
        #expect(batch.acceptedIDs == ["T1", "T2"])
        #expect(batch.shipments[0].company == "Tab\tCo")
        #expect(batch.shipments[1].company == "Two\nlines")
        #expect(batch.rejected.map(\.description) == [
            #"h.csv:2: company contains the control character U+0001 at byte 4: 'Big\x01Co'"#,
            #"h.csv:3: company contains the control character U+001B at byte 4: 'Esc\x1B[31mRed'"#,
            #"h.csv:7: id contains the control character U+000A at byte 2: 'I\x0AD'"#,
            #"h.csv:9: id contains the control character U+0009 at byte 2: 'I\x09D'"#,
            #"h.csv:10: id contains the control character U+007F at byte 4: 'DEL\x7F'"#,
            #"h.csv:11: vehicle contains the control character U+0000 at byte 6: 'artic\x0040t'"#,
        ])
        // Ids are echoed escaped, never raw.
        #expect(batch.rejected.map(\.id) == ["C1", "C2", #"I\x0AD"#, #"I\x09D"#, #"DEL\x7F"#, "V1"])
    }

    @Test func bidirectionalOverridesInAnIdAreRejected() throws {
        // U+202E turns "invoice-exe.pdf" around on screen (CVE-2021-42574).
        #expect(try Self.read("A\u{202E}fdp,,\(hostileEnds),,,,,\n").rejected == [
            #"h.csv:3: id contains the control character U+202E at byte 2: 'A\u{202E}fdp' [id A\u{202E}fdp]"#,
        ])
    }

    @Test func jsonEscapesAreCheckedLikeCSVText() throws {
        let json = #"""
            [{"id": "J\u0000", "origin_node": 1, "dest_node": 2},
             {"id": "J2", "company": "Tab\tand\nnewline", "origin_node": 1, "dest_node": 2},
             {"id": "J3", "company": "bell\u0007", "origin_node": 1, "dest_node": 2}]
            """#
        let batch = try BatchReader().read([.bytes(name: "h.json", Array(json.utf8), format: .json)])
        #expect(batch.acceptedIDs == ["J2"])
        #expect(batch.rejected.map(\.description) == [
            #"h.json:1: id contains the control character U+0000 at byte 2: 'J\x00'"#,
            #"h.json:3: company contains the control character U+0007 at byte 5: 'bell\x07'"#,
        ])
    }

    // MARK: Giant headers and values

    @Test func fiftyMegabyteHeaderLineIsNotEchoed() throws {
        let giant = String(repeating: "x", count: 50 << 20)
        let text = "id,origin_lat,origin_lon,dest_lat,dest_lon,\(giant)\nA,\(hostileEnds),\n"
        let batch = try BatchReader().read([.bytes(name: "big.csv", utf8Bytes(text), format: .csv)])
        #expect(batch.acceptedIDs == ["A"])
        let shown = String(repeating: "x", count: UserText.listItemLimit)
        #expect(batch.warnings == ["big.csv: unknown column ignored: \(shown)… (\((50 << 20) - UserText.listItemLimit) more characters)"])

        // A header without the id column and a 1 MB name: refused, and the
        // list of what the file has stays short.
        let refused = "origin_lat,origin_lon,dest_lat,dest_lon,\(giant.prefix(1 << 20))\n\(hostileEnds),\n"
        let error = try #require(throws: BatchError.self) {
            try BatchReader().read([.bytes(name: "big.csv", utf8Bytes(refused), format: .csv)])
        }
        #expect(error.description == "big.csv:1: missing required column: id (the file has: origin_lat, origin_lon, dest_lat, dest_lon, "
            + "\(shown)… (\((1 << 20) - UserText.listItemLimit) more characters))")
    }

    @Test func millionColumnHeaderIsNotEchoed() throws {
        var header = "id,origin_lat,origin_lon,dest_lat,dest_lon"
        var row = "A,\(hostileEnds)"
        header.reserveCapacity(9 << 20)
        for i in 0..<999_995 {
            header += ",c\(i)"
            row += ","
        }
        let batch = try BatchReader().read([.bytes(name: "wide.csv", utf8Bytes("\(header)\n\(row)\n"), format: .csv)])
        #expect(batch.acceptedIDs == ["A"])
        let first = (0..<UserText.listItems).map { "c\($0)" }.joined(separator: ", ")
        #expect(batch.warnings == ["wide.csv: unknown columns ignored: \(first), … and \(999_995 - UserText.listItems) more columns"])

        let noID = String(header.dropFirst(3))
        let error = try #require(throws: BatchError.self) {
            try BatchReader().read([.bytes(name: "wide.csv", utf8Bytes("\(noID)\n"), format: .csv)])
        }
        #expect(error.description.utf8.count < 600)
        #expect(error.description.hasSuffix("c14, c15, … and 999979 more columns)"))

        // The same in JSON: a million unknown keys in one object.
        var json = #"[{"id": "J", "origin_node": 1, "dest_node": 2"#
        for i in 0..<1_000_000 { json += #", "k\#(i)": 0"# }
        json += "}]"
        let fromJSON = try BatchReader().read([.bytes(name: "wide.json", utf8Bytes(json), format: .json)])
        #expect(fromJSON.warnings.count == 1)
        #expect(fromJSON.warnings[0].hasSuffix("k19, … and 999980 more columns"))
    }

    @Test func giantValuesAreClippedInMessages() throws {
        let longID = String(repeating: "I", count: 1_000_000)
        let longLat = "1" + String(repeating: "0", count: 5_000_000)
        let longBody = String(repeating: "b", count: 100)
        let header = "id,origin_lat,origin_lon,dest_lat,dest_lon,body_type\n"
        let text = header + "\(longID),\(longLat),1,2,2,\(longBody)\nOK,1,1,2,2,\n"
        let batch = try BatchReader().read([.bytes(name: "v.csv", Array(text.utf8), format: .csv)])
        let i60 = String(repeating: "I", count: 60), z59 = String(repeating: "0", count: 59)
        let b60 = String(repeating: "b", count: 60)
        #expect(batch.rejected.map(\.description) == [
            "v.csv:2: id is 1000000 bytes long, above the limit of 128 bytes: '\(i60)…' (999940 more characters); "
                + "origin_lat is not a number: '1\(z59)…' (4999941 more characters); "
                + "unknown body_type '\(b60)…' (40 more characters) (known: dry_van, tautliner, reefer, tipper, tanker, container, flatbed)",
        ])
        #expect(batch.rejected[0].id == String(repeating: "I", count: 128) + "… (999872 more characters)")
    }

    @Test func textLengthLimits() throws {
        let id128 = String(repeating: "a", count: 128), company256 = String(repeating: "c", count: 256)
        let rows = "\(id128),\(company256),\(hostileEnds),,,,,\n"
            + "\(id128)b,,\(hostileEnds),,,,,\n"
            + "C,\(company256)c,\(hostileEnds),,,,,\n"
            + "V,,\(hostileEnds),,,,,\(String(repeating: "v", count: 65))\n"
        let batch = try BatchReader().read([.bytes(name: "h.csv", Array((hostileHeader + rows).utf8), format: .csv)])
        #expect(batch.acceptedIDs == [id128])
        let a60 = String(repeating: "a", count: 60), c60 = String(repeating: "c", count: 60)
        let v60 = String(repeating: "v", count: 60)
        #expect(batch.rejected.map(\.description) == [
            "h.csv:3: id is 129 bytes long, above the limit of 128 bytes: '\(a60)…' (69 more characters)",
            "h.csv:4: company is 257 bytes long, above the limit of 256 bytes: '\(c60)…' (197 more characters)",
            "h.csv:5: vehicle is 65 bytes long, above the limit of 64 bytes: '\(v60)…' (5 more characters)",
        ])
    }

    // MARK: Implausible values

    @Test func implausibleWeightsNameTheLimit() throws {
        let (accepted, rejected) = try Self.read(
            "W1,,\(hostileEnds),,,,1e300,\n" + "W2,,\(hostileEnds),,,,100000.001,\n" + "W3,,\(hostileEnds),,,,18000000,\n"
                + "W4,,\(hostileEnds),,,,100000,\n")
        #expect(accepted == ["GOOD", "W4"])
        #expect(rejected == [
            "h.csv:3: weight_kg 1e300 is above the limit of 100000 kg (100 t) [id W1]",
            "h.csv:4: weight_kg 100000.001 is above the limit of 100000 kg (100 t) [id W2]",
            "h.csv:5: weight_kg 18000000 is above the limit of 100000 kg (100 t) [id W3]",
        ])
    }

    @Test func timeSpansAboveFourteenDaysNameTheLimit() throws {
        let (accepted, rejected) = try Self.read(
            "S1,,\(hostileEnds),2026-11-01T00:00,2026-12-01T00:00,,,\n"
                + "S2,,\(hostileEnds),2026-11-26T06:00,,2026-12-10T06:01,,\n"
                + "S3,,\(hostileEnds),,2026-11-26,2026-12-11,,\n"
                + "S4,,\(hostileEnds),2026-11-26T06:00,,2026-12-10T06:00,,\n"
                + "S5,,\(hostileEnds),2026-11-26,2026-12-09,,,\n")
        #expect(accepted == ["GOOD", "S4", "S5"])
        #expect(rejected == [
            "h.csv:3: pickup_earliest 2026-11-01T00:00:00 and pickup_latest 2026-12-01T00:00:00 are 30 days apart, "
                + "above the limit of 14 days [id S1]",
            "h.csv:4: pickup_earliest 2026-11-26T06:00:00 and delivery_latest 2026-12-10T06:01:00 are 14 days 1 min apart, "
                + "above the limit of 14 days [id S2]",
            "h.csv:5: pickup_latest 2026-11-26 (until 24:00) and delivery_latest 2026-12-11 (until 24:00) are 15 days apart, "
                + "above the limit of 14 days [id S3]",
        ])
    }

    @Test func yearsOutsideTheCenturyAreRejected() throws {
        let (accepted, rejected) = try Self.read(
            "Y1,,\(hostileEnds),0226-11-26T06:00,,,,\n" + "Y2,,\(hostileEnds),,2126-11-26,,,\n"
                + "Y3,,\(hostileEnds),2099-12-30,2099-12-31,,,\n" + "Y4,,\(hostileEnds),2000-01-01T00:00Z,,,,\n")
        #expect(accepted == ["GOOD", "Y3", "Y4"])
        #expect(rejected == [
            "h.csv:3: pickup_earliest 0226-11-26T06:00 is outside the years 2000–2099 [id Y1]",
            "h.csv:4: pickup_latest 2126-11-26 is outside the years 2000–2099 [id Y2]",
        ])
    }
}
