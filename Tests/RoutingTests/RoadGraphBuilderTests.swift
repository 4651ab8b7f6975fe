import Testing
@testable import Routing

@Suite struct RoadGraphBuilderTests {
    @Test func hilbertOrderKeepsEdgesAndIDs() throws {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        let coords: [(Int64, Int32, Int32)] = [(10, 0, 0), (20, 10_000_000, 0), (30, 0, 10_000_000), (40, 10_000_000, 10_000_000)]
        for (id, la, lo) in coords { b.addNode(originalID: id, latitudeE7: la, longitudeE7: lo) }
        b.addEdge(from: 0, to: 1, length: 5, duration: 1)
        b.addEdge(from: 1, to: 3, length: 7, duration: 2)
        b.addEdge(from: 3, to: 0, length: 9, duration: 3)
        b.addEdge(from: 0, to: 1, length: 4, duration: 1)  // parallel
        b.addEdge(from: 2, to: 2, length: 1, duration: 1)  // self-loop
        let g = try b.build()
        #expect(g.nodeCount == 4)
        #expect(g.edgeCount == 5)
        // Every input edge is present between the same original ids.
        var seen: [String] = []
        for u in 0..<g.nodeCount {
            for e in g.edges(from: u) {
                seen.append("\(g.originalID(of: u))->\(g.originalID(of: Int(g.edgeTarget[e]))):\(g.edgeLength[e])")
            }
        }
        #expect(seen.sorted() == ["10->20:4", "10->20:5", "20->40:7", "30->30:1", "40->10:9"])
        for id: Int64 in [10, 20, 30, 40] {
            let n = try #require(g.node(originalID: id))
            #expect(g.originalID(of: n) == id)
        }
        #expect(g.node(originalID: 99) == nil)
    }

    @Test func partialCoordinatesAreRefused() {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        b.addNode(originalID: 1, latitudeE7: 0, longitudeE7: 0)
        b.addNode(originalID: 2)
        #expect(throws: RoadGraphBuilder.BuildError.self) { try b.build() }
    }

    @Test(arguments: 0..<20)
    func breadthFirstIsAPermutation(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let n = Int(rng.next() % 50) + 1
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        for i in 0..<n { b.addNode(originalID: Int64(i * 3 + 1)) }
        for _ in 0..<(n * 2) {
            b.addEdge(from: Int(rng.next() % UInt64(n)), to: Int(rng.next() % UInt64(n)), length: UInt32(rng.next() % 100), duration: 1)
        }
        let g = try b.build(order: .breadthFirst)
        #expect(Set(g.originalIDs).count == n)
        #expect(g.edgeCount == n * 2)
    }

    @Test func hilbertIndexVisitsEveryCellOnce() {
        var seen = Set<UInt32>()
        for x in 0..<UInt32(16) { for y in 0..<UInt32(16) { seen.insert(hilbertIndex(x: x, y: y, order: 4)) } }
        #expect(seen == Set(0..<256))
        // Consecutive indices are neighbouring cells.
        var cell = [UInt32: (Int, Int)]()
        for x in 0..<16 { for y in 0..<16 { cell[hilbertIndex(x: UInt32(x), y: UInt32(y), order: 4)] = (x, y) } }
        for d in 1..<UInt32(256) {
            let (a, b) = (cell[d - 1]!, cell[d]!)
            #expect(abs(a.0 - b.0) + abs(a.1 - b.1) == 1)
        }
    }
}

/// A small deterministic generator for generated test cases
/// (S. Vigna's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
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

@Suite struct RoadGraphBuilderShapeTests {
    /// The first edge added carries a shape (it used to be dropped).
    @Test func shapeOfTheFirstEdgeIsKept() throws {
        var b = RoadGraphBuilder(metric: .distance, profile: "test")
        b.addNode(originalID: 1, latitudeE7: 0, longitudeE7: 0)
        b.addNode(originalID: 2, latitudeE7: 100, longitudeE7: 200)
        b.addEdge(from: 0, to: 1, length: 3, duration: 3, shape: [(0, 200)])
        b.addEdge(from: 1, to: 0, length: 3, duration: 3)
        let g = try b.build(order: .input)
        #expect(g.shape(of: 0) == [Coordinate(fixedLatitude: 0, fixedLongitude: 200)])
        #expect(g.shape(of: 1) == [])
    }
}
