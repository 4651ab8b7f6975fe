import Testing
@testable import Routing

/// OSRM's `features/car/` `oneway`, `physical_limitation`, `way`, `speed`,
/// `maxspeed`, `construction`, `service`, `link`, `ferry` and `classes`
/// features (Project-OSRM/osrm-backend), car profile.
@Suite struct OSRMWayTests {
    static let roadClass = "backhaul keeps highway=road (a road of unknown class) at 20 km/h; OSRM leaves it out"
    static let serviceSpeed = "backhaul drives service=alley/driveway/parking/drive-through at 5 km/h (OSRM's older speed table); OSRM keeps 15 km/h and lowers the routing weight instead"

    static let onewayRows: [RoutabilityRow] = [
        // oneway.feature: simple, reverse, mode specific, implied, overruled.
        RoutabilityRow(["oneway": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway": "-1"], forward: false, backward: true),
        RoutabilityRow([:], forward: true, backward: true),
        RoutabilityRow(["oneway:motorcar": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway:motor_vehicle": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway:vehicle": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway:motorcar": "yes", "oneway:motor_vehicle": "no"], forward: true, backward: false),
        RoutabilityRow(["oneway:motor_vehicle": "yes", "oneway:vehicle": "no"], forward: true, backward: false),
        RoutabilityRow(["oneway:vehicle": "yes", "oneway": "no"], forward: true, backward: false),
        RoutabilityRow(["oneway": "yes"], forward: true, backward: false),
        RoutabilityRow(["oneway:motorcar": "no", "oneway:motor_vehicle": "yes"], forward: true, backward: true),
        RoutabilityRow(["oneway:motor_vehicle": "no", "oneway:vehicle": "yes"], forward: true, backward: true),
        RoutabilityRow(["oneway:vehicle": "no", "oneway": "yes"], forward: true, backward: true),
        RoutabilityRow(["highway": "motorway"], forward: true, backward: false),
        RoutabilityRow(["highway": "motorway_link"], forward: true, backward: true),
        RoutabilityRow(["highway": "primary"], forward: true, backward: true),
        RoutabilityRow(["highway": "motorway", "junction": "roundabout"], forward: true, backward: false),
        RoutabilityRow(["highway": "motorway_link", "junction": "roundabout"], forward: true, backward: false),
        RoutabilityRow(["highway": "primary", "junction": "roundabout"], forward: true, backward: false),
        RoutabilityRow(["highway": "motorway", "oneway": "no"], forward: true, backward: true),
        RoutabilityRow(["highway": "motorway_link", "oneway": "no"], forward: true, backward: true),
        RoutabilityRow(["highway": "motorway_link", "oneway": "yes"], forward: true, backward: false),
        RoutabilityRow(["highway": "motorway_link"], forward: true, backward: true),
    ]

    /// Cars should not be affected by bicycle tags.
    static let bicycleRows: [RoutabilityRow] = [("yes", ""), ("no", ""), ("-1", ""), ("", "roundabout")].flatMap { oneway, junction in
        ["yes", "no", "-1"].map { bike in
            let tags = ["oneway": oneway, "junction": junction, "oneway:bicycle": bike]
            return RoutabilityRow(tags, forward: oneway != "-1", backward: oneway == "no" || oneway == "-1")
        }
    }

    static let physicalRows: [RoutabilityRow] = [
            RoutabilityRow(["oneway": "reversible"], both: false),
            RoutabilityRow(["oneway": "alternating"], both: true),
            // physical_limitation.feature: narrow ways (a car is 1.9 m wide).
            RoutabilityRow([:], both: true),
            RoutabilityRow(["width": "narrow"], both: true),
            RoutabilityRow(["narrow": "yes"], both: true),
            RoutabilityRow(["width": "1.8"], both: false), RoutabilityRow(["width": "1.9"], both: false),
            RoutabilityRow(["width": "2.0"], both: true), RoutabilityRow(["width": "2.1"], both: true),
            RoutabilityRow(["width": "1m"], both: false), RoutabilityRow(["width": "1 m"], both: false),
            RoutabilityRow(["width": "3 m"], both: true), RoutabilityRow(["width": "6'"], both: false),
            RoutabilityRow(["width": "6'0\""], both: false), RoutabilityRow(["width": "6'2\""], both: false),
            RoutabilityRow(["width": "6'3\""], both: true), RoutabilityRow(["width": "7'"], both: true),
            RoutabilityRow(["width": "7'0\""], both: true),
            // Limited by width, height, length, weight (a car: 2.0 m, 4.8 m, 2 t).
            RoutabilityRow(["maxwidth:physical": "1"], both: false), RoutabilityRow(["maxwidth:physical": "3"], both: true),
            RoutabilityRow(["maxwidth": "1"], both: false), RoutabilityRow(["maxwidth": "3"], both: true),
            RoutabilityRow(["width": "1"], both: false), RoutabilityRow(["width": "3"], both: true),
            RoutabilityRow(["est_width": "1"], both: false), RoutabilityRow(["est_width": "3"], both: true),
            RoutabilityRow([:], both: true),
            RoutabilityRow(["maxheight:physical": "1"], both: false), RoutabilityRow(["maxheight:physical": "3"], both: true),
            RoutabilityRow(["maxheight": "1"], both: false), RoutabilityRow(["maxheight": "8'"], both: true),
            RoutabilityRow(["maxheight": "3"], both: true), RoutabilityRow(["maxheight": "default"], both: true),
            RoutabilityRow(["maxheight": "none"], both: true), RoutabilityRow(["maxheight": "no-sign"], both: true),
            RoutabilityRow(["maxheight": "unsigned"], both: true),
            RoutabilityRow([:], both: true), RoutabilityRow(["maxlength": "1"], both: false),
            RoutabilityRow(["maxlength": "5"], both: true), RoutabilityRow(["maxlength": "unsigned"], both: true),
        ]

    static let weightRows: [RoutabilityRow] = ["maxweight", "maxweightrating"].flatMap { key in
            [("", true), ("1", false), ("2", true), ("3.5", true), ("35000 kg", true), ("8.9t", true), ("0.1 lbs", false)]
                .map { RoutabilityRow([key: $0.0], both: $0.1) }
        }
        + [
            RoutabilityRow(["maxweight": "unsigned"], both: true),
            RoutabilityRow(["maxweightrating": "1", "maxweight": "2"], both: false),
        ]

    /// way.feature: basic access.
    static let wayRows: [RoutabilityRow] = [RoutabilityRow(["highway": "(nil)"], forward: false, backward: false)]
        + ["motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary", "secondary_link",
           "tertiary", "tertiary_link", "residential", "service", "unclassified", "living_street"].map {
            RoutabilityRow(["highway": $0], forward: true, backward: $0 != "motorway")
        }
        + [RoutabilityRow(["highway": "road"], forward: true, backward: true, differs: roadClass)]
        + ["track", "path", "footway", "pedestrian", "steps", "pier", "cycleway", "bridleway"].map {
            RoutabilityRow(["highway": $0], both: false)
        }

    /// speed.feature: speeds of way types (two-way).
    static let classSpeeds: [(String, Double)] = [
        ("motorway", 90.0), ("motorway_link", 45), ("trunk", 84), ("trunk_link", 40), ("primary", 64),
        ("primary_link", 30), ("secondary", 54), ("secondary_link", 25), ("tertiary", 40), ("tertiary_link", 20),
        ("unclassified", 25), ("residential", 25), ("living_street", 10), ("service", 15), ("winter_road", 20),
        ("ice_road", 15),
    ]
    static let speedRows: [RoutabilityRow] = classSpeeds.map {
        RoutabilityRow(["highway": $0.0, "oneway": "no"], forward: true, backward: true, kmh: ($0.1, $0.1))
    }

    /// Alternating oneways, round-off, side roads; construction.feature.
    static let otherRows: [RoutabilityRow] = [
            RoutabilityRow(["highway": "tertiary"], forward: true, backward: true, kmh: (40, 40)),
            RoutabilityRow(["highway": "tertiary", "oneway": "alternating"], forward: true, backward: true, kmh: (40, 40)),
            RoutabilityRow(["highway": "motorway"], forward: true, backward: false, kmh: (90, nil)),
            RoutabilityRow(["highway": "motorway", "oneway": "alternating"], forward: true, backward: false, kmh: (90, nil)),
            RoutabilityRow(["highway": "motorway", "oneway": "reversible"], both: false),
            RoutabilityRow(["highway": "primary", "junction": "roundabout"], forward: true, backward: false, kmh: (64, nil)),
            RoutabilityRow(["highway": "primary", "oneway": "alternating", "junction": "roundabout"], forward: true, backward: false, kmh: (64, nil)),
            RoutabilityRow(["highway": "primary", "oneway": "reversible", "junction": "roundabout"], both: false),
            RoutabilityRow(["highway": "primary"], forward: true, backward: true, kmh: (64, 64)),
            RoutabilityRow(["highway": "primary", "maxspeed": "60"], forward: true, backward: true, kmh: (48, 48)),
            RoutabilityRow(["highway": "primary", "side_road": "yes"], forward: true, backward: true, kmh: (64, 64)),
            // construction.feature.
            RoutabilityRow(["highway": "primary"], both: true),
            RoutabilityRow(["highway": "construction"], both: false),
            RoutabilityRow(["highway": "proposed"], both: false),
            RoutabilityRow(["highway": "proposed", "proposed": "secondary"], both: false),
            RoutabilityRow(["highway": "primary", "construction": "yes"], both: false),
            RoutabilityRow(["highway": "primary", "proposed": "yes"], both: true),
            RoutabilityRow(["highway": "tertiary", "proposed": "secondary"], both: true),
            RoutabilityRow(["highway": "primary", "construction": "no"], both: true),
            RoutabilityRow(["highway": "primary", "construction": "widening"], both: true),
            RoutabilityRow(["highway": "primary", "construction": "minor"], both: true),
        ]

    /// service.feature: service roads.
    static let serviceRows: [RoutabilityRow] = ["alley", "driveway", "drive-through", "parking"].map {
            RoutabilityRow(["highway": "service", "service": $0], forward: true, backward: true, kmh: (5, 5), differs: serviceSpeed)
        }
        + [RoutabilityRow(["highway": "service", "service": "emergency_access"], both: false)]

    /// maxspeed.feature: forward/backward maxspeed scaled by 0.8.
    static let maxspeedRows: [RoutabilityRow] = [
            RoutabilityRow([:], forward: true, backward: true, kmh: (65, 65)),
            RoutabilityRow(["maxspeed": "60"], forward: true, backward: true, kmh: (48, 48)),
            RoutabilityRow(["maxspeed:forward": "60"], forward: true, backward: true, kmh: (48, 65)),
            RoutabilityRow(["maxspeed:backward": "60"], forward: true, backward: true, kmh: (65, 48)),
            RoutabilityRow(["maxspeed": "15", "maxspeed:forward": "60"], forward: true, backward: true, kmh: (48, 12)),
            RoutabilityRow(["maxspeed": "15", "maxspeed:backward": "60"], forward: true, backward: true, kmh: (12, 48)),
            RoutabilityRow(["maxspeed": "15", "maxspeed:forward": "30", "maxspeed:backward": "60"], forward: true, backward: true, kmh: (24, 48)),
            RoutabilityRow(["highway": "living_street", "maxspeed": "LV:living_street"], forward: true, backward: true, kmh: (16, 16)),
            // Maxspeed should not allow routing on unroutable ways.
            RoutabilityRow(["highway": "primary"], both: true),
            RoutabilityRow(["highway": "secondary", "access": "no"], both: false),
            RoutabilityRow(["highway": "secondary", "access": "no", "maxspeed": "100"], both: false),
            RoutabilityRow(["highway": "secondary", "access": "no", "maxspeed:forward": "100"], both: false),
            RoutabilityRow(["highway": "secondary", "access": "no", "maxspeed:backward": "100"], both: false),
            RoutabilityRow(["highway": "(nil)", "railway": "train"], both: false),
            RoutabilityRow(["highway": "(nil)", "railway": "train", "maxspeed": "100"], both: false),
            RoutabilityRow(["highway": "(nil)", "railway": "train", "maxspeed:forward": "100"], both: false),
            RoutabilityRow(["highway": "(nil)", "railway": "train", "maxspeed:backward": "100"], both: false),
            RoutabilityRow(["highway": "runway"], both: false),
            RoutabilityRow(["highway": "runway", "maxspeed": "100"], both: false),
            RoutabilityRow(["highway": "runway", "maxspeed:forward": "100"], both: false),
            RoutabilityRow(["highway": "runway", "maxspeed:backward": "100"], both: false),
        ]

    /// Too narrow streets, single-lane streets, lane markings: the speeds
    /// (OSRM lowers only the routing weight of these, which backhaul does not
    /// model; the speeds agree).
    static let laneCases: [([String: String], Double, Double)] = [
        ([:], 64, 64), (["maxspeed": "60"], 48, 48), (["maxspeed:forward": "60"], 48, 64),
        (["maxspeed:backward": "60"], 64, 48), (["maxspeed": "15", "maxspeed:forward": "60"], 48, 12),
        (["maxspeed": "15", "maxspeed:backward": "60"], 12, 48),
        (["maxspeed": "15", "maxspeed:forward": "30", "maxspeed:backward": "60"], 24, 48),
    ]
    static let laneRows: [RoutabilityRow] = [("width", "3"), ("lanes", "1"), ("lane_markings", "no")].flatMap { key, value in
        laneCases.map { tags, f, b in
            RoutabilityRow(tags.merging([key: value]) { $1 }, forward: true, backward: true, kmh: (f, b))
        }
    }

    /// Single-lane and lane-marking penalties on one-way streets; widths in
    /// feet; maxspeed on reverse oneways.
    static let reverseRows: [RoutabilityRow] = [
            RoutabilityRow(["maxspeed": "30", "lanes": "1", "oneway": "yes"], forward: true, backward: false, kmh: (24, nil)),
            RoutabilityRow(["maxspeed": "30", "lanes": "1", "oneway": "-1"], forward: false, backward: true, kmh: (nil, 24)),
            RoutabilityRow(["maxspeed": "30", "lane_markings": "no", "oneway": "yes"], forward: true, backward: false, kmh: (24, nil)),
            RoutabilityRow(["width": "9'"], forward: true, backward: true, kmh: (64, 64)),
            RoutabilityRow(["width": "20'"], forward: true, backward: true, kmh: (64, 64)),
            // Forward/backward maxspeed on reverse oneways.
            RoutabilityRow(["oneway": "-1"], forward: false, backward: true, kmh: (nil, 64)),
            RoutabilityRow(["maxspeed": "30", "oneway": "-1"], forward: false, backward: true, kmh: (nil, 24)),
            RoutabilityRow(["maxspeed:forward": "30", "oneway": "-1"], forward: false, backward: true, kmh: (nil, 64)),
            RoutabilityRow(["maxspeed:backward": "30", "oneway": "-1"], forward: false, backward: true, kmh: (nil, 24)),
            RoutabilityRow(["maxspeed": "20", "maxspeed:forward": "30", "oneway": "-1"], forward: false, backward: true, kmh: (nil, 16)),
            RoutabilityRow(["maxspeed": "20", "maxspeed:backward": "30", "oneway": "-1"], forward: false, backward: true, kmh: (nil, 24)),
        ]

    static let rows: [RoutabilityRow] = onewayRows + bicycleRows + physicalRows + weightRows + wayRows + speedRows
        + otherRows + serviceRows + maxspeedRows + laneRows + reverseRows

    @Test(arguments: rows.indices)
    func routability(row: Int) throws {
        try Self.rows[row].check(.car, pbf: row % 2 == 1)
    }

    /// maxspeed.feature: "Respect maxspeeds when lower than way type speed",
    /// "Respect source:maxspeed", "Do not ignore maxspeed when higher than
    /// way speed", and the vehicle speed cap (`vehicle_max_speed = 87`):
    /// km/h on each 1 km way.
    static let speedScenarios: [(key: String, ways: [(String, [String: String])], kmh: [Double], cap: Double?)] = [
        ("maxspeed", [("ab", ["highway": "trunk"]), ("bc", ["highway": "trunk", "maxspeed": "60"]),
                      ("cd", ["highway": "trunk", "maxspeed": "FR:urban"]), ("de", ["highway": "trunk", "maxspeed": "CH:rural"]),
                      ("ef", ["highway": "trunk", "maxspeed": "CH:trunk"]), ("fg", ["highway": "trunk", "maxspeed": "CH:motorway"])],
         [85, 48, 40, 64, 80, 96], nil),
        ("source:maxspeed", [("ab", ["highway": "trunk"]), ("bc", ["highway": "trunk", "maxspeed": "60"]),
                             ("cd", ["highway": "trunk", "source:maxspeed": "FR:urban"]), ("de", ["highway": "trunk", "source:maxspeed": "CH:rural"]),
                             ("ef", ["highway": "trunk", "source:maxspeed": "CH:trunk"]), ("fg", ["highway": "trunk", "source:maxspeed": "CH:motorway"])],
         [85, 48, 40, 64, 80, 96], nil),
        ("higher", [("ab", ["highway": "residential"]), ("bc", ["highway": "residential", "maxspeed": "90"]),
                    ("cd", ["highway": "living_street", "maxspeed": "FR:urban"])],
         [25, 72, 40], nil),
        ("cap 87", [("ab", ["highway": "motorway"]), ("bc", ["highway": "trunk", "maxspeed": "120"]),
                    ("cd", ["highway": "primary", "maxspeed": "80"]), ("de", ["highway": "secondary", "maxspeed": "60"]),
                    ("ef", ["highway": "residential"])],
         [87, 87, 64, 48, 25], 87),
        ("no cap", [("ab", ["highway": "motorway"]), ("bc", ["highway": "trunk", "maxspeed": "120"]),
                    ("cd", ["highway": "primary", "maxspeed": "80"]), ("de", ["highway": "secondary", "maxspeed": "60"])],
         [90, 96, 64, 48], nil),
    ]

    @Test(arguments: speedScenarios.indices)
    func speedsPerWay(index: Int) throws {
        let s = Self.speedScenarios[index]
        let letters = s.ways.map { $0.0.first! } + [s.ways.last!.0.last!]
        let scenario = OSRMScenario(gridMetres: 1000, map: String(letters.flatMap { [$0, " "] }), ways: s.ways)
        var profile = VehicleProfile.car
        if let cap = s.cap { profile.speedCap = .fixed(cap) }
        let router = try ScenarioRouter(scenario, profile: profile)
        for (way, kmh) in zip(s.ways, s.kmh) {
            let from = way.0.first!, to = way.0.last!
            let r = try #require(try router.route(from, to), "\(s.key) \(way.0)")
            #expect(r.path == way.0, "\(s.key) \(way.0): \(r.path)")
            let speed = Double(r.cost.length) / Double(r.cost.duration) * 3.6
            #expect(abs(speed - kmh) <= 1.01, "\(s.key) \(way.0): \(speed) km/h, expected \(kmh)")
        }
    }

    /// Vehicle maximum speed with forward/backward directions (cap 87).
    static let cappedRows: [RoutabilityRow] = [
        RoutabilityRow(["highway": "motorway"], forward: true, backward: false, kmh: (87, nil)),
        RoutabilityRow(["highway": "trunk", "maxspeed": "120"], forward: true, backward: true, kmh: (87, 87)),
        RoutabilityRow(["highway": "primary", "maxspeed": "80"], forward: true, backward: true, kmh: (64, 64)),
        RoutabilityRow(["highway": "primary", "maxspeed:forward": "120"], forward: true, backward: true, kmh: (87, 65)),
        RoutabilityRow(["highway": "primary", "maxspeed:backward": "120"], forward: true, backward: true, kmh: (65, 87)),
        RoutabilityRow(["highway": "primary", "maxspeed": "15", "maxspeed:forward": "120"], forward: true, backward: true, kmh: (87, 12)),
    ]

    @Test(arguments: cappedRows.indices)
    func cappedRoutability(row: Int) throws {
        var profile = VehicleProfile.car
        profile.speedCap = .fixed(87)
        try Self.cappedRows[row].check(profile, pbf: true)
    }

    // MARK: - Route scenarios

    static let aroundTheBlock = [RouteRow("a", "b", "ab"), RouteRow("b", "a", "bcda")]
    static let consecutiveOneways = [RouteRow("a", "c", "abc")]
    static let links = [RouteRow("x", "y", "xaefdy"), RouteRow("b", "c", "bc")]
    static let ferryRoutes = [
        RouteRow("a", "g", "abcdefg"), RouteRow("b", "f", "bcdef"), RouteRow("e", "c", "edc"), RouteRow("e", "b", "edcb"),
        RouteRow("e", "a", "edcba"), RouteRow("c", "e", "cde"), RouteRow("c", "f", "cdef"), RouteRow("c", "g", "cdefg"),
    ]
    static let ferrySnap = RouteRow(
        "c", "d", "cd",
        differs: "backhaul places points on ferries (c to d is 2 minutes of the 10-minute crossing); OSRM does not snap to ferries, so it sails the whole way (600 s)")
    static let classRoutes = [
        RouteRow("a", "d", "abcd"), RouteRow("d", "a", "dcba"), RouteRow("c", "a", "cba"), RouteRow("d", "b", "dcb"),
        RouteRow("a", "c", "abc"), RouteRow("b", "d", "bcd"),
    ]

    @Test func onewayScenarios() throws {
        try checkRoutes(
            OSRMScenario(
                map: "  a b\nf d c e",
                ways: [("ab", ["oneway": "yes"]), ("bc", [:]), ("cd", [:]), ("da", [:]), ("ce", [:]), ("df", [:])]),
            Self.aroundTheBlock)
        try checkRoutes(
            OSRMScenario(map: "a b   c", ways: [("ab", ["oneway": "yes"]), ("bc", ["oneway": "yes"])]),
            Self.consecutiveOneways)
    }

    /// link.feature: use a link when reasonable, for every link class.
    @Test(arguments: ["motorway", "trunk", "primary", "secondary", "tertiary"])
    func links(highway: String) throws {
        let link = highway + "_link"
        try checkRoutes(
            OSRMScenario(
                gridMetres: 1000, map: "    e       f\nx a b       c d y",
                ways: [("xa", ["highway": "unclassified"]), ("ab", ["highway": link]), ("bc", ["highway": link]),
                       ("cd", ["highway": link]), ("ae", ["highway": highway]), ("ef", ["highway": highway]),
                       ("fd", ["highway": highway]), ("dy", ["highway": "unclassified"])]),
            Self.links)
    }

    /// ferry.feature: ferries without motor vehicle tags carry cars, with
    /// or without a duration; classes.feature: ferries and motorways.
    @Test func ferriesAndClasses() throws {
        let map = "a b c\n    d\n    e f g"
        for ferryTags in [["route": "ferry", "bicycle": "yes"], ["route": "ferry"], ["route": "ferry", "duration": "00:01:00"],
                          ["route": "ferry", "duration": "PT1M"]] {
            var tags = ferryTags
            tags["highway"] = "(nil)"
            try checkRoutes(OSRMScenario(map: map, ways: [("abc", [:]), ("cde", tags), ("efg", [:])]), Self.ferryRoutes)
        }
        // Snapping when using a ferry: a point on a ferry is reached.
        let snapping = OSRMScenario(
            map: "a b   c d   e f",
            ways: [("ab", [:]), ("bcde", ["highway": "(nil)", "route": "ferry", "duration": "0:10"]), ("ef", [:])])
        try checkRoutes(snapping, [Self.ferrySnap])
        let router = try ScenarioRouter(snapping, profile: .car)
        // The crossing takes 10 minutes over 1 km; c to d is 200 m of it.
        #expect(abs(try #require(try router.route("c", "d")).cost.seconds - 120) <= 1)
        for tags in [["highway": "(nil)", "route": "ferry"], ["highway": "motorway"], ["highway": "motorway_link"]] {
            try checkRoutes(
                OSRMScenario(map: "a b\n  c d", ways: [("ab", [:]), ("bc", tags), ("cd", [:])]),
                tags["highway"] == "motorway" ? [RouteRow("a", "d", "abcd"), RouteRow("a", "c", "abc"), RouteRow("b", "d", "bcd")] : Self.classRoutes)
        }
        for access in ["private", "unknown"] {
            try checkRoutes(
                OSRMScenario(map: "a b\n  c d", ways: [("ab", ["access": access]), ("bc", ["highway": "motorway", "access": access]), ("cd", [:])]),
                [RouteRow("a", "d", "abcd")])
        }
        try checkRoutes(
            OSRMScenario(map: "a b\n  c d", ways: [("ab", ["toll": "yes"]), ("bc", ["highway": "motorway", "toll": "yes"]), ("cd", [:])]),
            [RouteRow("a", "d", "abcd")])
        try checkRoutes(
            OSRMScenario(gridMetres: 200, map: "a b\n  c d", ways: [("ab", ["tunnel": "no"]), ("bc", ["tunnel": "yes"]), ("cd", [:])]),
            [RouteRow("a", "d", "abcd")])
        try checkRoutes(
            OSRMScenario(gridMetres: 200, map: "a b c d", ways: [("ab", [:]), ("bc", ["tunnel": "yes"]), ("cd", [:])]),
            [RouteRow("a", "d", "abcd")])
    }

    /// Every route row above, for the agreement count.
    static var routeRows: [RouteRow] {
        aroundTheBlock + consecutiveOneways + Array(repeating: links, count: 5).flatMap { $0 }
            + Array(repeating: ferryRoutes, count: 4).flatMap { $0 } + [ferrySnap]
            + classRoutes + classRoutes + [RouteRow("a", "d", "abcd"), RouteRow("a", "c", "abc"), RouteRow("b", "d", "bcd")]
            + Array(repeating: RouteRow("a", "d", "abcd"), count: 5)
    }

    static var speedRowCount: Int { speedScenarios.reduce(0) { $0 + $1.kmh.count } + cappedRows.count }
}

