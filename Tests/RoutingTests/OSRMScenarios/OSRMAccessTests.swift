import Testing
@testable import Routing

/// OSRM's `features/car/access.feature` and `barrier.feature`
/// (Project-OSRM/osrm-backend), car profile: which ways and nodes a car may
/// pass, row by row.
@Suite struct OSRMAccessTests {
    static let privateService = "backhaul routes to and from points on private service roads (a dock in a private yard); OSRM does not snap there"
    static let gatePenalty = "backhaul does not add OSRM's 60 s gate penalty: the route is the same, only its time differs"

    /// Scenario: Car - Access tag hierarchy on ways (and on nodes, with the
    /// tags on the middle node).
    static let hierarchy: [([String: String], Bool)] = [
        ([:], true), (["access": "yes"], true), (["access": "no"], false), (["vehicle": "yes"], true),
        (["vehicle": "no"], false), (["access": "no", "vehicle": "yes"], true), (["access": "yes", "vehicle": "no"], false),
        (["motor_vehicle": "yes"], true), (["motor_vehicle": "no"], false), (["access": "no", "motor_vehicle": "yes"], true),
        (["access": "yes", "motor_vehicle": "no"], false), (["vehicle": "no", "motor_vehicle": "yes"], true),
        (["vehicle": "yes", "motor_vehicle": "no"], false), (["motorcar": "yes"], true), (["motorcar": "no"], false),
        (["access": "no", "motorcar": "yes"], true), (["access": "yes", "motorcar": "no"], false),
        (["vehicle": "no", "motorcar": "yes"], true), (["vehicle": "yes", "motorcar": "no"], false),
        (["motor_vehicle": "no", "motorcar": "yes"], true), (["motor_vehicle": "yes", "motorcar": "no"], false),
    ]

    static let rows: [RoutabilityRow] =
        hierarchy.map { RoutabilityRow($0.0, both: $0.1) }
        + hierarchy.map { RoutabilityRow([:], node: $0.0, both: $0.1) }
        + [
            // Access tag hierarchy and forward/backward.
            RoutabilityRow([:], forward: true, backward: true),
            RoutabilityRow(["access": "yes"], forward: true, backward: true),
            RoutabilityRow(["access": "yes", "access:forward": "no"], forward: false, backward: true),
            RoutabilityRow(["access": "yes", "access:forward": "yes", "motorcar": "no"], forward: false, backward: false),
            RoutabilityRow(["access": "yes", "access:forward": "yes", "motorcar": "yes", "motorcar:forward": "no"], forward: false, backward: true),
            RoutabilityRow(["access": "yes", "access:backward": "no"], forward: true, backward: false),
            RoutabilityRow(["access": "yes", "access:backward": "yes", "motorcar": "no"], forward: false, backward: false),
            RoutabilityRow(["access": "yes", "access:backward": "yes", "motorcar": "yes", "motorcar:backward": "no"], forward: true, backward: false),
            RoutabilityRow(["access": "no"], forward: false, backward: false),
            RoutabilityRow(["access": "no", "access:forward": "yes"], forward: true, backward: false),
            RoutabilityRow(["access": "no", "access:forward": "no", "motorcar": "yes"], forward: true, backward: true),
            RoutabilityRow(["access": "no", "access:forward": "no", "motorcar": "no", "motorcar:forward": "yes"], forward: true, backward: false),
            RoutabilityRow(["access": "no", "access:backward": "yes"], forward: false, backward: true),
            RoutabilityRow(["access": "no", "access:backward": "no", "motorcar": "yes"], forward: true, backward: true),
            RoutabilityRow(["access": "no", "access:backward": "no", "motorcar": "no", "motorcar:backward": "yes"], forward: false, backward: true),
            RoutabilityRow(["access:forward": "no", "motorcar:forward": "no"], forward: false, backward: true),
            RoutabilityRow(["access:backward": "no", "motorcar:backward": "no"], forward: true, backward: false),
            RoutabilityRow(["access:forward": "no", "motorcar:backward": "no"], forward: false, backward: false),
            RoutabilityRow(["access:backward": "no", "motorcar": "no"], forward: false, backward: false),
            RoutabilityRow(["access:forward": "no", "motorcar:forward": "yes"], forward: true, backward: true),
            RoutabilityRow(["access:backward": "no", "motorcar:backward": "yes"], forward: true, backward: true),
            RoutabilityRow(["access:forward": "yes", "motorcar:forward": "no"], forward: false, backward: true),
            RoutabilityRow(["access:backward": "yes", "motorcar:backward": "no"], forward: true, backward: false),
            // Overwriting implied access on ways and on nodes.
            RoutabilityRow(["highway": "primary"], both: true),
            RoutabilityRow(["highway": "runway"], both: false),
            RoutabilityRow(["highway": "primary", "access": "no"], both: false),
            RoutabilityRow(["highway": "primary", "vehicle": "no"], both: false),
            RoutabilityRow(["highway": "primary", "motor_vehicle": "no"], both: false),
            RoutabilityRow(["highway": "primary", "motorcar": "no"], both: false),
            RoutabilityRow(["highway": "runway", "access": "yes"], both: true),
            RoutabilityRow(["highway": "runway", "vehicle": "yes"], both: true),
            RoutabilityRow(["highway": "runway", "motor_vehicle": "yes"], both: true),
            RoutabilityRow(["highway": "runway", "motorcar": "yes"], both: true),
            RoutabilityRow(["highway": "primary"], node: [:], both: true),
            RoutabilityRow(["highway": "runway"], node: [:], both: false),
            RoutabilityRow(["highway": "primary"], node: ["access": "no"], both: false),
            RoutabilityRow(["highway": "primary"], node: ["vehicle": "no"], both: false),
            RoutabilityRow(["highway": "primary"], node: ["motor_vehicle": "no"], both: false),
            RoutabilityRow(["highway": "primary"], node: ["motorcar": "no"], both: false),
            RoutabilityRow(["highway": "runway"], node: ["access": "yes"], both: false),
            RoutabilityRow(["highway": "runway"], node: ["vehicle": "yes"], both: false),
            RoutabilityRow(["highway": "runway"], node: ["motor_vehicle": "yes"], both: false),
            RoutabilityRow(["highway": "runway"], node: ["motorcar": "yes"], both: false),
        ]
        + accessValueRows(key: "access", onNode: false)
        + accessValueRows(key: "access", onNode: true)
        + [
            // Motorcar access tags on ways.
            RoutabilityRow(["motorcar": "yes"], both: true), RoutabilityRow(["motorcar": "permissive"], both: true),
            RoutabilityRow(["motorcar": "designated"], both: true), RoutabilityRow(["motorcar": "no"], both: false),
            RoutabilityRow(["motorcar": "private"], both: true), RoutabilityRow(["motorcar": "agricultural"], both: false),
            RoutabilityRow(["motorcar": "forestry"], both: false), RoutabilityRow(["motorcar": "psv"], both: false),
            RoutabilityRow(["motorcar": "delivery"], both: true), RoutabilityRow(["motorcar": "destination"], both: true),
            RoutabilityRow(["motorcar": "permit"], both: true), RoutabilityRow(["motorcar": "customers"], both: true),
            RoutabilityRow(["motorcar": "residents"], both: true), RoutabilityRow(["motorcar": "foot"], both: false),
            RoutabilityRow(["motorcar": "restricted"], both: false), RoutabilityRow(["motorcar": "military"], both: false),
            RoutabilityRow(["motorcar": "official"], both: false), RoutabilityRow(["motorcar": "emergency_vehicle"], both: false),
            RoutabilityRow(["motorcar": "unknown"], both: true), RoutabilityRow(["motorcar": "agricultural;forestry"], both: false),
            // Access tags on both node and way.
            RoutabilityRow(["access": "yes"], node: ["access": "yes"], both: true),
            RoutabilityRow(["access": "yes"], node: ["access": "no"], both: false),
            RoutabilityRow(["access": "yes"], node: ["access": "some_tag"], both: true),
            RoutabilityRow(["access": "no"], node: ["access": "yes"], both: false),
            RoutabilityRow(["access": "no"], node: ["access": "no"], both: false),
            RoutabilityRow(["access": "no"], node: ["access": "some_tag"], both: false),
            RoutabilityRow(["access": "some_tag"], node: ["access": "yes"], both: true),
            RoutabilityRow(["access": "some_tag"], node: ["access": "no"], both: false),
            RoutabilityRow(["access": "some_tag"], node: ["access": "some_tag"], both: true),
            // Access combinations.
            RoutabilityRow(["highway": "runway", "access": "private", "motorcar": "permissive"], both: true),
            RoutabilityRow(["highway": "primary", "access": "forestry", "motor_vehicle": "yes"], both: true),
            RoutabilityRow(["highway": "cycleway", "motor_vehicle": "designated"], both: true),
            RoutabilityRow(["highway": "unclassified", "motor_vehicle": "destination", "motorcar": "destination"], both: true),
            RoutabilityRow(["highway": "residential", "vehicle": "yes", "motor_vehicle": "no"], both: false),
            RoutabilityRow(["highway": "motorway", "access": "yes", "vehicle": "permissive", "motorcar": "private"], forward: true, backward: false),
            RoutabilityRow(["highway": "trunk", "access": "agricultural", "vehicle": "designated", "motor_vehicle": "permissive", "motorcar": "no"], both: false),
            RoutabilityRow(["highway": "pedestrian"], both: false),
            RoutabilityRow(["highway": "pedestrian", "motorcar": "destination"], both: false),
            // Ignore access tags for other modes.
            RoutabilityRow(["highway": "runway", "foot": "yes"], both: false),
            RoutabilityRow(["highway": "primary", "foot": "no"], both: true),
            RoutabilityRow(["highway": "runway", "bicycle": "yes"], both: false),
            RoutabilityRow(["highway": "primary", "bicycle": "no"], both: true),
            RoutabilityRow(["highway": "runway", "psv": "yes"], both: false),
            RoutabilityRow(["highway": "primary", "psv": "no"], both: true),
            RoutabilityRow(["highway": "runway", "motorhome": "yes"], both: false),
            RoutabilityRow(["highway": "primary", "motorhome": "no"], both: true),
            // Toll roads.
            RoutabilityRow(["toll": "no"], both: true), RoutabilityRow(["toll": "snowmobile"], both: true),
            RoutabilityRow(["toll": "yes"], both: true),
            // Directional access tags.
            RoutabilityRow(["access": "yes", "access:forward": "yes", "access:backward": "yes"], forward: true, backward: true),
            RoutabilityRow(["access": "yes", "access:backward": "no"], forward: true, backward: false),
            RoutabilityRow(["access": "yes", "access:forward": "no"], forward: false, backward: true),
            RoutabilityRow(["access": "yes", "access:forward": "no", "access:backward": "no"], forward: false, backward: false),
            RoutabilityRow(["access": "no", "access:forward": "no", "access:backward": "no"], forward: false, backward: false),
            RoutabilityRow(["access": "no", "access:backward": "yes"], forward: false, backward: true),
            RoutabilityRow(["access": "no", "access:forward": "yes"], forward: true, backward: false),
            RoutabilityRow(["access": "no", "access:forward": "yes", "access:backward": "yes"], forward: true, backward: true),
            // barrier=gate routable unless access=no.
            RoutabilityRow([:], node: ["barrier": "gate"], both: true),
            RoutabilityRow([:], node: ["barrier": "gate", "access": "no"], both: false),
            RoutabilityRow([:], node: ["barrier": "gate", "access": "yes"], both: true),
            RoutabilityRow([:], node: ["barrier": "gate", "access": "permissive"], both: true),
            RoutabilityRow([:], node: ["barrier": "gate", "access": "designated"], both: true),
            RoutabilityRow([:], node: ["barrier": "gate", "access": "private"], both: true),
            RoutabilityRow([:], node: ["barrier": "gate", "access": "garbagetag"], both: true),
            // A way with conditional access.
            RoutabilityRow(["highway": "pedestrian", "vehicle:forward": "yes", "vehicle:backward:conditional": "delivery @ (20:00-11:00)"], forward: true, backward: false),
            // A way with a list of tags.
            RoutabilityRow(["motor_vehicle:forward": "no", "motor_vehicle:backward": "destination"], forward: false, backward: true),
            RoutabilityRow(["motor_vehicle": "destination;agricultural", "motor_vehicle:forward": "destination"], forward: true, backward: true),
            RoutabilityRow(["highway": "footway", "motor_vehicle:backward": "destination"], both: false),
            RoutabilityRow(["highway": "track", "motor_vehicle": "destination;agricultural", "motor_vehicle:forward": "destination"], both: false),
            // Semicolon-separated access tags are split and resolved individually.
            RoutabilityRow(["access": "agricultural;forestry"], both: false),
            RoutabilityRow(["access": "destination;agricultural"], both: true),
            RoutabilityRow(["access": "yes;agricultural"], both: true),
            RoutabilityRow(["access": "yes;no"], both: true),
            RoutabilityRow(["access": "permissive;forestry"], both: true),
            RoutabilityRow(["access": "destination;delivery"], both: true),
            RoutabilityRow(["motorcar": "agricultural;forestry"], both: false),
            RoutabilityRow(["motorcar": "destination;agricultural"], both: true),
            RoutabilityRow(["motorcar": "yes;agricultural"], both: true),
            RoutabilityRow(["motorcar": "yes;no"], both: true),
            RoutabilityRow(["motorcar": "permissive;forestry"], both: true),
            RoutabilityRow(["motorcar": "destination;delivery"], both: true),
            RoutabilityRow(["access": "forestry;permissive"], both: true),
            RoutabilityRow(["motorcar": "forestry;permissive"], both: true),
            // Don't route over steps even if marked as accessible.
            RoutabilityRow(["highway": "steps", "access": "yes"], both: false),
            RoutabilityRow(["highway": "steps", "access": "no"], both: false),
            RoutabilityRow(["highway": "primary"], both: true),
            // Access combinations.
            RoutabilityRow(["highway": "primary", "access": "permissive"], both: true),
            RoutabilityRow(["highway": "steps", "access": "permissive"], both: false),
            RoutabilityRow(["highway": "footway", "access": "permissive"], both: true),
            RoutabilityRow(["highway": "garbagetag", "access": "permissive"], both: true),
            // Access private blacklist.
            RoutabilityRow(["highway": "footway", "access": "yes"], both: true),
            RoutabilityRow(["highway": "pedestrian", "access": "private"], both: false),
            RoutabilityRow(["highway": "footway", "access": "private"], both: false),
            RoutabilityRow(["highway": "service", "access": "private"], both: true, differs: privateService),
            RoutabilityRow(["highway": "cycleway", "access": "private"], both: false),
            RoutabilityRow(["highway": "track", "access": "private"], both: false),
            RoutabilityRow(["highway": "footway", "access": "customers"], both: false),
            // Access blacklist.
            RoutabilityRow(["highway": "primary"], both: true),
            RoutabilityRow(["access": "emergency"], both: false), RoutabilityRow(["access": "forestry"], both: false),
            RoutabilityRow(["access": "agricultural"], both: false), RoutabilityRow(["access": "agricultural;forestry"], both: false),
            RoutabilityRow(["access": "psv"], both: false), RoutabilityRow(["access": "no"], both: false),
            RoutabilityRow(["access": "foot"], both: false), RoutabilityRow(["access": "restricted"], both: false),
            RoutabilityRow(["access": "military"], both: false), RoutabilityRow(["access": "official"], both: false),
            RoutabilityRow(["access": "customers"], both: true), RoutabilityRow(["access": "permit"], both: true),
            RoutabilityRow(["access": "residents"], both: true),
        ]
        + ["winter_road", "ice_road"].flatMap { highway in
            [("", true), ("yes", true), ("private", true), ("delivery", true), ("destination", true), ("permit", true), ("no", false)]
                .map { RoutabilityRow(["highway": highway, "access": $0.0], both: $0.1) }
        }
        // barrier.feature
        + [
            // Car - Barriers.
            RoutabilityRow([:], node: [:], both: true),
            RoutabilityRow([:], node: ["barrier": "bollard"], both: false),
            RoutabilityRow([:], node: ["barrier": "gate"], both: true),
            RoutabilityRow([:], node: ["barrier": "lift_gate"], both: true),
            RoutabilityRow([:], node: ["barrier": "cattle_grid"], both: true),
            RoutabilityRow([:], node: ["barrier": "border_control"], both: true),
            RoutabilityRow([:], node: ["barrier": "toll_booth"], both: true),
            RoutabilityRow([:], node: ["barrier": "sally_port"], both: true),
            RoutabilityRow([:], node: ["barrier": "entrance"], both: true),
            RoutabilityRow([:], node: ["barrier": "wall"], both: false),
            RoutabilityRow([:], node: ["barrier": "fence"], both: false),
            RoutabilityRow([:], node: ["barrier": "some_tag"], both: false),
            RoutabilityRow([:], node: ["barrier": "block"], both: false),
        ]
        + ["gate", "lift_gate", "wall"].flatMap { barrier in
            // Car - Access tag trumps barriers.
            [("", barrier != "wall"), ("yes", true), ("permissive", true), ("designated", true), ("no", false),
             ("private", true), ("agricultural", false)]
                .map { RoutabilityRow([:], node: ["barrier": barrier, "access": $0.0], both: $0.1) }
        }
        + [
            // Rising bollard, kerb, audible fence exceptions; height restrictions.
            RoutabilityRow([:], node: ["barrier": "bollard"], both: false),
            RoutabilityRow([:], node: ["barrier": "bollard", "bollard": "rising"], both: true),
            RoutabilityRow([:], node: ["barrier": "bollard", "bollard": "removable"], both: false),
            RoutabilityRow([:], node: ["barrier": "kerb"], both: false),
            RoutabilityRow([:], node: ["barrier": "kerb", "highway": "crossing"], both: true),
            RoutabilityRow([:], node: ["barrier": "kerb", "highway": "crossing", "kerb": "yes"], both: true),
            RoutabilityRow([:], node: ["barrier": "kerb", "kerb": "lowered"], both: true),
            RoutabilityRow([:], node: ["barrier": "kerb", "kerb": "flush"], both: true),
            RoutabilityRow([:], node: ["barrier": "kerb", "kerb": "raised"], both: false),
            RoutabilityRow([:], node: ["barrier": "kerb", "kerb": "yes"], both: false),
            RoutabilityRow([:], node: ["barrier": "fence"], both: false),
            RoutabilityRow([:], node: ["barrier": "fence", "sensory": "audible"], both: true),
            RoutabilityRow([:], node: ["barrier": "fence", "sensory": "audio"], both: true),
            RoutabilityRow([:], node: ["barrier": "height_restrictor"], both: true),
            RoutabilityRow([:], node: ["barrier": "height_restrictor", "maxheight": "1"], both: false),
            RoutabilityRow([:], node: ["barrier": "height_restrictor", "maxheight": "3"], both: true),
            RoutabilityRow([:], node: ["barrier": "height_restrictor", "maxheight": "default"], both: true),
        ]

    /// Scenario: Car - Access tags on ways / on nodes: one value each.
    static func accessValueRows(key: String, onNode: Bool) -> [RoutabilityRow] {
        var values: [(String, Bool)] = [
            ("yes", true), ("permissive", true), ("designated", true), ("no", false), ("private", true),
            ("agricultural", false), ("forestry", false), ("psv", false), ("taxi", false), ("share_taxi", false),
            ("minibus", false), ("bus", false), ("delivery", true), ("some_tag", true),
        ]
        if !onNode { values.append(("destination", true)) }
        values += [
            ("permit", true), ("residents", true), ("foot", false), ("restricted", false), ("military", false),
            ("official", false), ("emergency_vehicle", false), ("unknown", true), ("agricultural;forestry", false),
        ]
        return values.map { onNode ? RoutabilityRow([:], node: [key: $0.0], both: $0.1) : RoutabilityRow([key: $0.0], both: $0.1) }
    }

    @Test(arguments: rows.indices)
    func routability(row: Int) throws {
        try Self.rows[row].check(.car, pbf: row % 2 == 0)
    }

    /// Scenario: Car - Gate penalties (and skipped with an explicit access
    /// tag): the routes exist; OSRM's times include 60 s at each gate.
    static let gateRows = [
        RouteRow("a", "c", "abc"), RouteRow("d", "f", "def", differs: gatePenalty), RouteRow("g", "i", "ghi", differs: gatePenalty),
    ]

    @Test func gatesAreCrossedWithoutAPenalty() throws {
        let scenario = OSRMScenario(
            map: "a-b-c   d-e-f   g-h-i", ways: [("abc", [:]), ("def", [:]), ("ghi", [:])],
            nodeTags: ["e": ["barrier": "gate"], "h": ["barrier": "lift_gate"]])
        try checkRoutes(scenario, Self.gateRows)
        let router = try ScenarioRouter(scenario, profile: .car)
        let plain = try #require(try router.route("a", "c")), gated = try #require(try router.route("d", "f"))
        #expect(plain.cost.duration == gated.cost.duration)
    }
}
