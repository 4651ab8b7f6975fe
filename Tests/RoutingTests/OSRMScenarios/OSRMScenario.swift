import Foundation
import Testing
@testable import Routing

// The harness for the scenarios ported from OSRM's behaviour-driven test
// suite (`features/car/*.feature` in Project-OSRM/osrm-backend, BSD-2). The
// maps are drawn the same way (a character grid, letters are OSM nodes,
// digits are points to route from or to), but the code and the tables are
// the project's own: each table row is a Swift value, expected routes are
// written as the OSM nodes passed (transcribed by hand from OSRM's way
// lists), and rows where backhaul deliberately differs from OSRM say so with
// the reason (`docs/hgv-profile.md` lists them all).

/// One tiny map of a scenario.
struct OSRMScenario {
    /// Metres between neighbouring characters of the map (OSRM's default
    /// grid size is 100 m).
    var gridMetres = 100.0
    /// The node map: letters `a`–`z` are OSM nodes, digits are locations.
    var map: String
    /// Ways: node letters in order, and tags (`highway=primary` unless
    /// given; empty values are left out).
    var ways: [(nodes: String, tags: [String: String])]
    /// Tags of nodes.
    var nodeTags: [Character: [String: String]] = [:]
    /// Relations: members as (kind, names, role) and tags.
    var relations: [Relation] = []

    struct Relation {
        var members: [(kind: String, names: String, role: String)]
        var tags: [String: String]
    }

    init(
        gridMetres: Double = 100, map: String, ways: [(String, [String: String])],
        nodeTags: [Character: [String: String]] = [:], relations: [Relation] = []
    ) {
        self.gridMetres = gridMetres
        self.map = map
        self.ways = ways.map { (nodes: $0.0, tags: $0.1) }
        self.nodeTags = nodeTags
        self.relations = relations
    }

    /// A restriction relation (`type=restriction`) from ways and a via node
    /// or via ways, with `tags` such as `restriction=no_left_turn`.
    static func restriction(from: String, via: String, viaIsNode: Bool = true, to: String, _ tags: [String: String]) -> Relation {
        Relation(
            members: [("way", from, "from"), (viaIsNode ? "node" : "way", via, "via"), ("way", to, "to")],
            tags: ["type": "restriction"].merging(tags) { $1 })
    }

    /// The origin of the grid (OSRM's test origin is 1° N, 1° E).
    static let origin = (latitude: 1.0, longitude: 1.0)

    /// The characters of the map with their grid positions.
    var cells: [(Character, x: Int, y: Int)] {
        var out: [(Character, x: Int, y: Int)] = []
        for (y, line) in map.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (x, c) in line.enumerated() where c.isLetter || c.isNumber {
                out.append((c, x, y))
            }
        }
        return out
    }

    /// The position of character `c` of the map in 10⁻⁷ degrees (fixed
    /// point, as the files store it).
    func fixed(_ c: Character) -> (latitudeE7: Int32, longitudeE7: Int32) {
        guard let cell = cells.first(where: { $0.0 == c }) else { preconditionFailure("no \(c) on the map") }
        let metresPerDegree = Coordinate.earthRadiusMetres * .pi / 180
        let lat = Self.origin.latitude - Double(cell.y) * gridMetres / metresPerDegree
        let lon = Self.origin.longitude + Double(cell.x) * gridMetres / (metresPerDegree * cos(Self.origin.latitude * .pi / 180))
        return (Int32((lat * 1e7).rounded()), Int32((lon * 1e7).rounded()))
    }

    /// The coordinate of character `c` of the map.
    func coordinate(_ c: Character) -> Coordinate {
        let p = fixed(c)
        return Coordinate(fixedLatitude: p.latitudeE7, fixedLongitude: p.longitudeE7)
    }

    /// The OSM id of node letter `c`.
    static func nodeID(_ c: Character) -> Int64 { Int64(c.asciiValue!) * 10 }

    /// The OSM id of the way at `index`.
    static func wayID(_ index: Int) -> Int64 { Int64(1000 + index) }

    /// The way whose node string is `name` (or its reverse, as OSRM looks
    /// ways up).
    func wayIndex(_ name: String) -> Int {
        if let i = ways.firstIndex(where: { $0.nodes == name }) { return i }
        if let i = ways.firstIndex(where: { $0.nodes == String(name.reversed()) }) { return i }
        preconditionFailure("no way \(name)")
    }

    /// The map as OSM data.
    var testMap: TestMap {
        var m = TestMap()
        for (c, _, _) in cells where c.isLetter {
            let p = fixed(c)
            let tags = (nodeTags[c] ?? [:]).filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            m.nodes.append(.init(id: Self.nodeID(c), lat: p.latitudeE7, lon: p.longitudeE7, tags: tags.map { ($0.key, $0.value) }))
        }
        m.nodes.sort { $0.id < $1.id }
        for (i, w) in ways.enumerated() {
            var tags = ["highway": "primary"].merging(w.tags) { $1 }
            if tags["highway"] == "(nil)" { tags["highway"] = nil }
            tags["name"] = w.nodes
            let sorted = tags.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            m.ways.append(.init(id: Self.wayID(i), refs: w.nodes.map(Self.nodeID), tags: sorted.map { ($0.key, $0.value) }))
        }
        for (i, r) in relations.enumerated() {
            var members: [TestMap.Member] = []
            for (kind, names, role) in r.members {
                for name in names.split(separator: ",") {
                    let ref = kind == "node" ? Self.nodeID(name.first!) : Self.wayID(wayIndex(String(name)))
                    members.append(.init(type: kind, ref: ref, role: role))
                }
            }
            let tags = r.tags.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            m.relations.append(.init(id: Int64(500 + i), typedMembers: members, tags: tags.map { ($0.key, $0.value) }))
        }
        return m
    }

    /// The graph for `profile`, read from the map written as PBF or XML.
    func graph(_ profile: VehicleProfile, pbf: Bool = true, simplification: OSMGraphReader.Simplification = .chains) throws -> RoadGraph {
        let map = testMap
        return try withTemporaryFile(pbf ? map.pbf() : map.xml(), suffix: pbf ? ".osm.pbf" : ".osm") {
            try OSMGraphReader(profile: profile, simplification: simplification, threads: 1).read(path: $0)
        }
    }
}

/// Routes on a scenario's graph as a user would: letters that are graph
/// nodes are nodes (all copies of a split node); digits, and letters that
/// simplification made shape points, are coordinates snapped to the nearest
/// road of any component (tiny maps are rarely strongly connected).
struct ScenarioRouter {
    let scenario: OSRMScenario
    let graph: RoadGraph
    let snapper: GraphSnapper

    init(_ scenario: OSRMScenario, profile: VehicleProfile, pbf: Bool = true) throws {
        self.scenario = scenario
        graph = try scenario.graph(profile, pbf: pbf)
        var all = NodeMask(nodeCount: graph.nodeCount)
        for v in 0..<graph.nodeCount { all.insert(v) }
        snapper = GraphSnapper(graph: graph, snappableNodes: all)
    }

    /// The network point of a map character, or `nil` when it is not on a
    /// road the vehicle may use.
    func point(_ c: Character) -> NetworkPoint? {
        if c.isLetter, let v = graph.node(originalID: OSRMScenario.nodeID(c)) {
            return .node(v, in: graph)
        }
        return try? snapper.snap(scenario.coordinate(c), maxDistanceMetres: 1000)
    }

    /// The fastest route between two map characters: the letters of the OSM
    /// nodes it passes, in order, and its cost; `nil` when there is none.
    func route(_ from: Character, _ to: Character) throws -> (path: String, cost: PathCost)? {
        guard let s = point(from), let t = point(to) else { return nil }
        var search = ShortestPathSearch(graph: graph)
        guard let route = try search.route(from: s, to: t) else { return nil }
        let letters = scenario.cells.filter { $0.0.isLetter }.map { ($0.0, scenario.coordinate($0.0)) }
        var path = ""
        for c in route.coordinates(in: graph, from: s, to: t) {
            guard let (name, _) = letters.first(where: { $0.1.distance(to: c) < 0.05 }) else { continue }
            if path.last != name { path.append(name) }
        }
        return (path, route.cost)
    }
}

/// One routing expectation: from, to, and the OSM nodes passed (`nil`: no
/// route), with OSRM's own expectation when backhaul deliberately differs.
struct RouteRow: Sendable, CustomTestStringConvertible {
    var from: Character
    var to: Character
    var path: String?
    /// Why backhaul differs from OSRM on this row (`nil`: it agrees).
    var differs: String?

    init(_ from: Character, _ to: Character, _ path: String?, differs: String? = nil) {
        self.from = from
        self.to = to
        self.path = path
        self.differs = differs
    }

    var testDescription: String { "\(from)→\(to)" }
}

/// A routability row (OSRM's `routability should be` tables): a five-node
/// way `abcde` 100 m apart with `tags` (`highway=primary` unless given) and
/// `nodeTags` on its middle node, routed from `b` to `d` (forward) and back.
struct RoutabilityRow: Sendable, CustomTestStringConvertible {
    var tags: [String: String]
    var nodeTags: [String: String]
    var forward: Bool
    var backward: Bool
    /// Expected speed in km/h (±1), when the row checks it.
    var forwardKmh: Double?
    var backwardKmh: Double?
    var differs: String?

    init(
        _ tags: [String: String], node: [String: String] = [:], forward: Bool, backward: Bool,
        kmh: (Double?, Double?) = (nil, nil), differs: String? = nil
    ) {
        self.tags = tags
        self.nodeTags = node
        self.forward = forward
        self.backward = backward
        self.forwardKmh = kmh.0
        self.backwardKmh = kmh.1
        self.differs = differs
    }

    /// `both` ways or neither.
    init(_ tags: [String: String], node: [String: String] = [:], both: Bool, differs: String? = nil) {
        self.init(tags, node: node, forward: both, backward: both, differs: differs)
    }

    var testDescription: String {
        let t = tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let n = nodeTags.sorted { $0.key < $1.key }.map { "node/\($0.key)=\($0.value)" }
        return (t + n).joined(separator: " ")
    }

    /// Checks the row under `profile`, reading the map as PBF or XML.
    func check(_ profile: VehicleProfile, pbf: Bool) throws {
        let scenario = OSRMScenario(map: "abcde", ways: [("abcde", tags)], nodeTags: nodeTags.isEmpty ? [:] : ["c": nodeTags])
        let router: ScenarioRouter
        do {
            router = try ScenarioRouter(scenario, profile: profile, pbf: pbf)
        } catch let error as InputError where error.message.contains("none is a road") || error.message.contains("no road") {
            #expect(!forward && !backward, "\(testDescription): the way is not a road for \(profile.name)")
            return
        }
        for (from, to, allowed, kmh, name) in [
            (Character("b"), Character("d"), forward, forwardKmh, "forward"), ("d", "b", backward, backwardKmh, "backward"),
        ] {
            let r = try router.route(from, to)
            // Routable means a route along this way (the only one on the map).
            #expect((r != nil) == allowed, "\(testDescription): \(name) for \(profile.name)")
            if let r, let kmh {
                let speed = Double(r.cost.length) / 10 / (Double(r.cost.duration) / 10) * 3.6
                #expect(abs(speed - kmh) <= 1.01, "\(testDescription): \(name) \(speed) km/h, expected \(kmh)")
            }
        }
    }
}

/// Checks route rows on a scenario, reading it as PBF and as XML.
func checkRoutes(_ scenario: OSRMScenario, _ rows: [RouteRow], profile: VehicleProfile = .car) throws {
    for pbf in [true, false] {
        let router = try ScenarioRouter(scenario, profile: profile, pbf: pbf)
        for row in rows {
            let r = try router.route(row.from, row.to)
            #expect(r?.path == row.path, "\(row.from)→\(row.to) (\(pbf ? "PBF" : "XML")): got \(r?.path ?? "no route"), expected \(row.path ?? "no route")")
        }
    }
}
