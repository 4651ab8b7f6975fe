import Foundation
import Testing
@testable import Backhaul

/// `--router ch` (contraction hierarchy) and `--router dijkstra` must pair the
/// same way: the hierarchy's costs equal Dijkstra's on the graph's metric,
/// which for DIMACS graphs is the length every saving is made of.
@Suite struct MatchRouterTests {
    /// `count` shipments between random points of the Midtown Manhattan
    /// sample, without time windows (durations of tied shortest paths may
    /// differ between the routers by a rounding step).
    static func batch(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        func coordinate() -> String {
            let lat = 40.742 + Double(rng.next() % 10_000) / 10_000 * 0.026
            let lon = -73.998 + Double(rng.next() % 10_000) / 10_000 * 0.026
            return "\(lat),\(lon)"
        }
        var csv = "id,origin_lat,origin_lon,dest_lat,dest_lon\n"
        for i in 0..<count { csv += "S\(1000 + i),\(coordinate()),\(coordinate())\n" }
        return csv
    }

    @Test(arguments: [1, 2])
    func hierarchyAndDijkstraAgree(seed: Int) throws {
        let t = try TemporaryFolder()
        let path = try t.file("midtown.csv", Self.batch(count: 60, seed: UInt64(seed)))
        func run(_ router: MatchOptions.Router) throws -> MatchReport {
            try runMatch {
                $0.graphPath = sample("samples/dimacs/NY-midtown.gr.gz")
                $0.dimacsUnit = "dm"
                $0.batches = [path]
                $0.router = router
            }.report
        }
        let dijkstra = try run(.dijkstra), ch = try run(.ch)
        checkAccounting(ch)
        #expect(dijkstra.summary.pairs > 5)
        #expect(ch.pairs.map { "\($0.a)+\($0.b):\($0.savingM)" } == dijkstra.pairs.map { "\($0.a)+\($0.b):\($0.savingM)" })
        #expect(ch.summary.loadedM == dijkstra.summary.loadedM)
        #expect(ch.summary.emptyBeforeM == dijkstra.summary.emptyBeforeM)
        #expect(ch.unpaired.map(\.reason) == dijkstra.unpaired.map(\.reason))
    }
}

/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) for generated cases.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
