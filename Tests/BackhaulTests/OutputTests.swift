import Foundation
import Testing
@testable import Backhaul

@Suite struct JSONValueTests {
    @Test func deterministicLayout() {
        let v: JSONValue = .object([
            ("b", .int(1)), ("a", .fixed3(2.0005)), ("s", .string("Växjö \"q\"\n")),
            ("list", .array([.int(1), .int(2)])), ("rows", .array([.object([("k", .null)])])),
            ("empty", .object([])), ("t", .bool(true)),
        ])
        #expect(v.serialized() == """
            {
              "b": 1,
              "a": 2.001,
              "s": "Växjö \\"q\\"\\n",
              "list": [1, 2],
              "rows": [
                {
                  "k": null
                }
              ],
              "empty": {},
              "t": true
            }

            """)
        #expect(v.serialized(pretty: false) == #"{"b":1,"a":2.001,"s":"Växjö \"q\"\n","list":[1,2],"rows":[{"k":null}],"empty":{},"t":true}"#)
    }

    @Test(arguments: [
        (0.0, 3, "0.000"), (-0.0001, 3, "0.000"), (1.0, 0, "1"), (12.3456, 2, "12.35"),
        (-2.5, 1, "-2.5"), (0.0005, 3, "0.001"), (123456.789, 3, "123456.789"), (Double.nan, 3, "null"),
    ])
    func numberFormatting(x: Double, decimals: Int, text: String) {
        #expect(JSONValue.format(x, decimals: decimals) == text)
    }

    @Test func outputParsesAsJSON() throws {
        let v: JSONValue = .object([("x", .string("\u{01}tab\t")), ("n", .fixed3(-1.5))])
        let parsed = try JSONSerialization.jsonObject(with: Data(v.serialized().utf8)) as? [String: Any]
        #expect(parsed?["x"] as? String == "\u{01}tab\t")
        #expect(parsed?["n"] as? Double == -1.5)
    }
}

@Suite struct AtomicFileTests {
    @Test func writesAndReplaces() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func unwritableFolderIsAnErrorAndLeavesNothing() throws {
        let path = "/nonexistent-\(UUID().uuidString)/out.json"
        #expect(throws: CommandFailure.self) { try AtomicFile.write("x", to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
