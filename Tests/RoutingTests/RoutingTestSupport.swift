import Foundation
@testable import Routing

/// The path of a file under `Tests/RoutingTests/Fixtures/`.
func fixturePath(_ name: String) throws -> String {
    guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
        throw FixtureMissing(name: name)
    }
    let path = dir.appendingPathComponent(name).path
    guard FileManager.default.fileExists(atPath: path) else { throw FixtureMissing(name: name) }
    return path
}

struct FixtureMissing: Error, CustomStringConvertible {
    var name: String
    var description: String { "fixture \(name) is missing" }
}

/// A fresh temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("backhaul-routing-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Writes `text` (UTF-8) to `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

/// The cheapest cost from every node to every node by Bellman–Ford over the
/// plain edge list (R. Bellman, "On a routing problem", Quart. Appl. Math.
/// 16, 1958): the independent reference the searches are checked against.
/// `nil` = unreachable.
func bellmanFord(_ graph: RoadGraph, from sources: [(node: Int, weight: UInt64)]) -> [UInt64?] {
    var d = [UInt64?](repeating: nil, count: graph.nodeCount)
    for s in sources where d[s.node] == nil || s.weight < d[s.node]! { d[s.node] = s.weight }
    var changed = true
    var rounds = 0
    while changed && rounds <= graph.nodeCount {
        changed = false
        rounds += 1
        for u in 0..<graph.nodeCount {
            guard let du = d[u] else { continue }
            for e in graph.edges(from: u) {
                let v = Int(graph.edgeTarget[e])
                let nd = du + UInt64(graph.weight(of: e))
                if d[v] == nil || nd < d[v]! {
                    d[v] = nd
                    changed = true
                }
            }
        }
    }
    return d
}

/// The reference cost between two network points: the best combination of a
/// departure, a node-to-node path and an arrival, or driving along a shared
/// edge.
func referenceCost(_ graph: RoadGraph, from s: NetworkPoint, to t: NetworkPoint) -> UInt64? {
    let d = bellmanFord(graph, from: s.departures.map { (Int($0.node), UInt64($0.weight)) })
    var best: UInt64? = s.sameEdgeCost(to: t, in: graph).map { UInt64($0.weight) }
    for a in t.arrivals {
        if let x = d[Int(a.node)] {
            let c = x + UInt64(a.weight)
            if best == nil || c < best! { best = c }
        }
    }
    return best
}

/// A random graph of `n` nodes and about `n · degree` edges with weights in
/// `0 ..< maxWeight`, including parallel edges, self-loops and zero-length
/// edges; durations are independent of lengths.
func randomGraph(
    seed: UInt64, n: Int, degree: Int, maxWeight: UInt32 = 100, metric: RoutingMetric = .distance,
    withCoordinates: Bool = false
) throws -> RoadGraph {
    var rng = SplitMix64(seed: seed)
    var b = RoadGraphBuilder(metric: metric, profile: "test")
    for i in 0..<n {
        if withCoordinates {
            b.addNode(
                originalID: Int64(i + 1), latitudeE7: Int32(rng.next() % 1_000_000) + 400_000_000,
                longitudeE7: Int32(rng.next() % 1_000_000) - 740_000_000)
        } else {
            b.addNode(originalID: Int64(i + 1))
        }
    }
    let m = n * degree
    for _ in 0..<m {
        let u = Int(rng.next() % UInt64(n))
        let v = rng.next() % 10 == 0 ? u : Int(rng.next() % UInt64(n))
        let length = UInt32(rng.next() % UInt64(maxWeight))
        let duration = UInt32(rng.next() % UInt64(maxWeight))
        b.addEdge(from: u, to: v, length: length, duration: duration)
    }
    return try b.build(order: withCoordinates ? .hilbert : .breadthFirst)
}

/// A point part-way along `edge`, as a snapper would make it (one direction
/// of travel only).
func pointOnEdge(_ graph: RoadGraph, edge: Int, fraction: Double) -> NetworkPoint {
    let u = graph.tail(of: edge), v = Int(graph.edgeTarget[edge])
    func part(_ x: UInt32, _ f: Double) -> UInt32 { UInt32((Double(x) * f).rounded()) }
    let dep = NetworkPoint.Anchor(
        node: UInt32(v), edge: UInt32(edge), weight: part(graph.weight(of: edge), 1 - fraction),
        length: part(graph.edgeLength[edge], 1 - fraction), duration: part(graph.edgeDuration[edge], 1 - fraction))
    let arr = NetworkPoint.Anchor(
        node: UInt32(u), edge: UInt32(edge), weight: part(graph.weight(of: edge), fraction),
        length: part(graph.edgeLength[edge], fraction), duration: part(graph.edgeDuration[edge], fraction))
    return NetworkPoint(
        departures: [dep], arrivals: [arr], positions: [.init(edge: UInt32(edge), fraction: fraction)])
}

/// The sum of length and duration over `edges`, and the search weight.
func sumOver(_ graph: RoadGraph, _ edges: [Int]) -> PathCost {
    var c = PathCost.zero
    for e in edges {
        c.weight += graph.weight(of: e)
        c.length += graph.edgeLength[e]
        c.duration += graph.edgeDuration[e]
    }
    return c
}
