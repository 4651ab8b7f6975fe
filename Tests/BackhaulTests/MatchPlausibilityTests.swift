import Foundation
import Testing
@testable import Backhaul

/// The match job warns about swapped coordinates, with and without a road
/// graph, in the console and in the report.
@Suite struct MatchPlausibilityTests {
    /// `file` with the origin coordinates of data row `row` (1-based) swapped.
    static func swappingOrigin(of file: String, row: Int) throws -> String {
        var lines = try String(contentsOfFile: sample(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields.swapAt(2, 3)
        lines[row] = fields.joined(separator: ",")
        return lines.joined(separator: "\n")
    }

    @Test func withoutAGraphTheFarRowIsNamed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("swapped.csv", try Self.swappingOrigin(of: "samples/shipments/demo-smaland.csv", row: 4))
        let console = Console(quiet: true, captureOnly: true)
        var options = MatchOptions(graphPath: nil, batches: [path])
        options.format = .json
        let outcome = try MatchJob.run(options, console: console)
        let expected = "\(path):5: DEMO-04: origin 16.448,57.265 is 5688 km from the batch's median point 56.789,15.258, "
            + "beyond the limit of 1000 km (10 × the median distance 69 km, at least 1000 km); "
            + "57.265,16.448 would be 89 km from it: latitude and longitude swapped?"
        #expect(console.warnings == [expected])
        #expect(outcome.report.warnings == [expected])
        // The unchanged sample raises no warning.
        let clean = try runMatch { $0.batches = [sample("samples/shipments/demo-smaland.csv")] }
        #expect(clean.report.warnings.isEmpty)
    }

    @Test func withAGraphTheSwappedRowIsNamed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("swapped.csv", try Self.swappingOrigin(of: "samples/shipments/demo-malta.csv", row: 2))
        let console = Console(quiet: true, captureOnly: true)
        let options = MatchOptions(graphPath: sample("samples/malta/malta-latest.osm.pbf"), batches: [path])
        let outcome = try MatchJob.run(options, console: console)
        let expected = "\(path):3: MT-02: origin 14.426,35.91 is outside the road graph (lat 35.808…36.717, lon 14.19…14.831), "
            + "but 35.91,14.426 is inside: latitude and longitude swapped?"
        #expect(console.warnings.first == expected)
        #expect(outcome.report.warnings == [expected])
        #expect(outcome.report.unpaired.first(where: { $0.id == "MT-02" })?.reason == "unreachable")
    }
}
