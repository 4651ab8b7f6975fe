import Testing
@testable import Routing

/// Refusals say how far the network is, whether a road cut off from it is
/// nearer, and when latitude and longitude look swapped (issue 14, item 8).
@Suite struct SnapMessageTests {
    /// A two-way square of streets near 1° N 2° E (the connected network)
    /// and, 2 km east, a one-way street on its own: a road the vehicle can
    /// drive onto but not back from, outside the network.
    static func graph() throws -> RoadGraph {
        var m = TestMap()
        let base: (Int32, Int32) = (10_000_000, 20_000_000)
        for (i, (dy, dx)) in [(0, 0), (0, 9_000), (9_000, 9_000), (9_000, 0), (0, 180_000), (0, 189_000)].enumerated() {
            m.nodes.append(.init(id: Int64(i + 1), lat: base.0 + Int32(dy), lon: base.1 + Int32(dx)))
        }
        m.ways = [
            .init(id: 10, refs: [1, 2, 3, 4, 1], tags: [("highway", "residential")]),
            .init(id: 11, refs: [5, 6], tags: [("highway", "residential"), ("oneway", "yes")]),
        ]
        return try withTemporaryFile(m.xml(), suffix: ".osm") { try OSMGraphReader(profile: .hgv).read(path: $0) }
    }

    @Test func roadOutsideTheNetworkIsNamed() throws {
        let snapper = GraphSnapper(graph: try Self.graph())
        // 30 m north of the lone one-way street, ~1.9 km from the square.
        let query = Coordinate(latitude: 1.00027, longitude: 2.0185)
        let error = try #require(throws: SnapError.self) { try snapper.snap(query, maxDistanceMetres: 1000) }
        let outside = try #require(error.outsideNetworkDistanceMetres)
        #expect(abs(outside - 30) < 1)
        #expect(try #require(error.distanceMetres) > 1500)
        #expect(error.description.contains("outside the network this vehicle can drive in and out of"))
        #expect(error.swappedDistanceMetres == nil)
        // Near the square: snapped, no refusal.
        #expect(try snapper.snap(Coordinate(latitude: 1.0004, longitude: 2.0004)).snapDistanceMetres < 50)
    }

    @Test func swappedCoordinatesAreSuspected() throws {
        let snapper = GraphSnapper(graph: try Self.graph())
        let error = try #require(throws: SnapError.self) {
            try snapper.snap(Coordinate(latitude: 2.0004, longitude: 1.0001))
        }
        #expect(try #require(error.swappedDistanceMetres) < 20)
        #expect(error.description.contains("latitude and longitude may be swapped: 1.000100,2.000400"))
        #expect(error.outsideNetworkDistanceMetres == nil)
        // A latitude beyond 90° that is a valid longitude.
        let invalid = try #require(throws: SnapError.self) {
            try snapper.snap(Coordinate(latitude: 100, longitude: 1))
        }
        #expect(invalid.reason == .invalidCoordinate)
        #expect(invalid.swappedDistanceMetres == nil, "1,100 is not near the roads either")
    }
}
