extension RoadGraph {
    /// A ``RoadGraph`` whose arrays do not describe a valid graph.
    public struct InvariantError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Checks that the arrays describe a valid graph.
    ///
    /// Runs in O(nodes + edges + shape points): cheap next to loading, so it
    /// runs on every graph built or read, in release builds too, because a
    /// corrupt graph file must be refused, not trusted.
    public func checkInvariants() throws(InvariantError) {
        func fail(_ m: String) -> InvariantError { InvariantError(message: m) }
        let m = edgeTarget.count
        guard edgeStart.count >= 1 else { throw fail("edge offsets are empty") }
        guard edgeStart[0] == 0, Int(edgeStart[nodeCount]) == m else {
            throw fail("edge offsets do not span the \(m) edges")
        }
        for u in 0..<nodeCount where edgeStart[u] > edgeStart[u + 1] {
            throw fail("edge offsets decrease at node \(u)")
        }
        guard edgeLength.count == m, edgeDuration.count == m else {
            throw fail("edge attribute arrays do not have \(m) entries")
        }
        let n = UInt32(truncatingIfNeeded: nodeCount)
        if let bad = edgeTarget.firstIndex(where: { $0 >= n }) {
            throw fail("edge \(bad) points to node \(edgeTarget[bad]), beyond \(nodeCount) nodes")
        }
        guard originalIDs.count == nodeCount else { throw fail("original ids do not have \(nodeCount) entries") }
        guard latitudeE7.count == longitudeE7.count,
              latitudeE7.isEmpty || latitudeE7.count == nodeCount
        else { throw fail("coordinate arrays do not have \(nodeCount) entries") }
        for i in latitudeE7.indices
        where abs(Int(latitudeE7[i])) > 900_000_000 || abs(Int(longitudeE7[i])) > 1_800_000_000 {
            throw fail("node \(originalIDs[i]) has a coordinate out of range")
        }
        // A repeated id is a split node: its nodes must stand at one place.
        for i in sortedIDs.indices.dropFirst() where sortedIDs[i - 1] == sortedIDs[i] {
            let a = Int(sortedIDNodes[i - 1]), b = Int(sortedIDNodes[i])
            guard a < b else { throw fail("the nodes of id \(sortedIDs[i]) are not in node order") }
            guard !latitudeE7.isEmpty, latitudeE7[a] == latitudeE7[b], longitudeE7[a] == longitudeE7[b] else {
                throw fail("node id \(sortedIDs[i]) appears twice at different places")
            }
        }
        if !shapeStart.isEmpty {
            guard shapeStart.count == m + 1, shapeStart[0] == 0,
                  Int(shapeStart[m]) == shapeLatitudeE7.count,
                  shapeLatitudeE7.count == shapeLongitudeE7.count
            else { throw fail("shape offsets do not match the edges and shape points") }
            for e in 0..<m where shapeStart[e] > shapeStart[e + 1] {
                throw fail("shape offsets decrease at edge \(e)")
            }
        } else if !shapeLatitudeE7.isEmpty || !shapeLongitudeE7.isEmpty {
            throw fail("shape points without shape offsets")
        }
        if !shapeDuration.isEmpty {
            guard shapeDuration.count == shapeLatitudeE7.count else {
                throw fail("\(shapeDuration.count) shape durations for \(shapeLatitudeE7.count) shape points")
            }
            for e in 0..<m {
                var previous: UInt32 = 0
                for k in Int(shapeStart[e]) ..< Int(shapeStart[e + 1]) {
                    guard shapeDuration[k] >= previous, shapeDuration[k] <= edgeDuration[e] else {
                        throw fail("shape durations of edge \(e) are not between 0 and its duration in order")
                    }
                    previous = shapeDuration[k]
                }
            }
        }
    }
}
