import Testing
@testable import Routing

/// OSRM's `features/car/restrictions.feature` (Project-OSRM/osrm-backend),
/// car profile, grid 200 m: turn restrictions via a node and via ways,
/// `only_*`, `no_*`, `except`, `restriction:hgv`/`:motorcar`, and the
/// invalid relations OSRM ignores. Routes are the OSM nodes passed.
@Suite struct OSRMRestrictionTests {
    typealias R = OSRMScenario

    /// The T junction most scenarios use: c → j one-way in, and one-way
    /// roads out of j to a (straight on), b (right) and d (left).
    static func junction(_ relations: [R.Relation], extra: [(String, [String: String])] = [], map: String = "  a\nd j b\n  c") -> R {
        R(gridMetres: 200, map: map,
          ways: [("cj", ["oneway": "yes"]), ("aj", ["oneway": "-1"]), ("dj", ["oneway": "-1"]), ("bj", ["oneway": "-1"])] + extra,
          relations: relations)
    }
    static func rows(_ d: String?, _ a: String?, _ b: String?) -> [RouteRow] {
        [RouteRow("c", "d", d), RouteRow("c", "a", a), RouteRow("c", "b", b)]
    }

    /// (scenario name, map, rows) for every junction scenario.
    static let junctionCases: [(String, R, [RouteRow])] = [
        ("No left turn", junction([R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "no_left_turn"])]),
         rows(nil, "cja", "cjb")),
        ("No right turn", junction([R.restriction(from: "cj", via: "j", to: "bj", ["restriction": "no_right_turn"])]),
         rows("cjd", "cja", nil)),
        ("No u-turn", junction([R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "no_u_turn"])]),
         rows(nil, "cja", "cjb")),
        ("Handle any no_* relation", junction([R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "no_weird_zigzags"])]),
         rows(nil, "cja", "cjb")),
        ("Ignore no_*_on_red relations", junction([
            R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "no_turn_on_red"]),
            R.restriction(from: "cj", via: "j", to: "bj", ["restriction": "no_right_turn_on_red"]),
        ]), rows("cjd", "cja", "cjb")),
        ("Only left turn", junction([R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "only_left_turn"])]),
         rows("cjd", nil, nil)),
        ("Only right turn", junction([R.restriction(from: "cj", via: "j", to: "bj", ["restriction": "only_right_turn"])]),
         rows(nil, nil, "cjb")),
        ("Only straight on", junction([R.restriction(from: "cj", via: "j", to: "aj", ["restriction": "only_straight_on"])]),
         rows(nil, "cja", nil)),
        ("Handle any only_* restriction", junction([R.restriction(from: "cj", via: "j", to: "aj", ["restriction": "only_weird_zigzags"])]),
         rows(nil, "cja", nil)),
        (":hgv-qualified on a standard turn restriction", junction([R.restriction(from: "cj", via: "j", to: "aj", ["restriction:hgv": "no_straight_on"])]),
         rows("cjd", "cja", "cjb")),
        (":motorcar-qualified on a standard turn restriction", junction([R.restriction(from: "cj", via: "j", to: "aj", ["restriction:motorcar": "no_straight_on"])]),
         rows("cjd", nil, "cjb")),
        ("Ignore unrecognized restriction", junction([R.restriction(from: "cj", via: "j", to: "dj", ["restriction": "yield"])]),
         rows("cjd", "cja", "cjb")),
        ("Only right turn, invalid", junction(
            [R.restriction(from: "cj", via: "j", to: "br", ["restriction": "only_right_on"])],
            extra: [("rb", ["oneway": "-1"])], map: "  a\nd j b r\n  c"),
         [RouteRow("c", "r", "cjbr")]),
    ]

    /// The scenarios with maps of their own.
    static let otherCases: [(String, R, [RouteRow])] = [
        ("No straight on", R(
            gridMetres: 200, map: "a b j d e\nv       z\n  w x y",
            ways: [("ab", ["oneway": "no"]), ("bj", ["oneway": "no"]), ("jd", ["oneway": "no"]), ("de", ["oneway": "no"]),
                   ("av", ["oneway": "yes"]), ("vw", ["oneway": "yes"]), ("wx", ["oneway": "yes"]), ("xy", ["oneway": "yes"]),
                   ("yz", ["oneway": "yes"]), ("ze", ["oneway": "yes"])],
            relations: [R.restriction(from: "bj", via: "j", to: "jd", ["restriction": "no_straight_on"])]),
         [RouteRow("a", "e", "avwxyze")]),
        ("Except tag and on no_ restrictions", R(
            gridMetres: 200, map: "b x c\na j d\n  s",
            ways: [("sj", ["oneway": "no"]), ("xj", ["oneway": "-1"]), ("aj", ["oneway": "-1"]), ("bj", ["oneway": "no"]),
                   ("cj", ["oneway": "no"]), ("dj", ["oneway": "-1"])],
            relations: [
                R.restriction(from: "sj", via: "j", to: "aj", ["restriction": "no_left_turn", "except": "motorcar"]),
                R.restriction(from: "sj", via: "j", to: "bj", ["restriction": "no_left_turn"]),
                R.restriction(from: "sj", via: "j", to: "cj", ["restriction": "no_right_turn"]),
                R.restriction(from: "sj", via: "j", to: "dj", ["restriction": "no_right_turn", "except": "motorcar"]),
            ]),
         [RouteRow("s", "a", "sja"), RouteRow("s", "b", nil), RouteRow("s", "c", nil), RouteRow("s", "d", "sjd")]),
        ("Except tag and on only_ restrictions", R(
            gridMetres: 200, map: "a   b\n  j\n  s",
            ways: [("sj", ["oneway": "yes"]), ("aj", ["oneway": "no"]), ("bj", ["oneway": "no"])],
            relations: [R.restriction(from: "sj", via: "j", to: "aj", ["restriction": "only_straight_on", "except": "motorcar"])]),
         [RouteRow("s", "a", "sja"), RouteRow("s", "b", "sjb")]),
        ("Several only_ restrictions at the same segment", R(
            gridMetres: 200, map: "        y\ni j f b x a e g h\n\n      c1   d",
            ways: [("fb", ["oneway": "no"]), ("bx", ["oneway": "-1"]), ("xa", ["oneway": "no"]), ("ae", ["oneway": "no"]),
                   ("cb", ["oneway": "no"]), ("dc", ["oneway": "-1"]), ("da", ["oneway": "no"]), ("fj", ["oneway": "no"]),
                   ("jf", ["oneway": "no"]), ("ge", ["oneway": "no"]), ("hg", ["oneway": "no"])],
            relations: [
                R.restriction(from: "ae", via: "a", to: "xa", ["restriction": "only_straight_on"]),
                R.restriction(from: "xb", via: "b", to: "fb", ["restriction": "only_straight_on"]),
                R.restriction(from: "cb", via: "b", to: "bx", ["restriction": "only_right_turn"]),
                R.restriction(from: "da", via: "a", to: "ae", ["restriction": "only_right_turn"]),
            ]),
         [RouteRow("e", "f", "eaxbf"), RouteRow("1", "f", "daeghgeaxbf"), RouteRow("d", "f", "daeghgeaxbf")]),
        ("two only_ restrictions share same to-way", twoOnly([
            R.restriction(from: "ax", via: "x", to: "xy", ["restriction": "only_straight_on"]),
            R.restriction(from: "by", via: "y", to: "xy", ["restriction": "only_straight_on"]),
        ]), [RouteRow("a", "b", "axyb"), RouteRow("b", "a", "byxa")]),
        ("two only_ restrictions share same from-way", twoOnly([
            R.restriction(from: "xy", via: "x", to: "xa", ["restriction": "only_straight_on"]),
            R.restriction(from: "xy", via: "y", to: "yb", ["restriction": "only_straight_on"]),
        ]), [RouteRow("a", "b", "axyb"), RouteRow("b", "a", "byxa")]),
        ("Restriction On Compressed Geometry", R(
            gridMetres: 200, map: "            i\n            |\n        f - e\n        |   |\na - b - c - d\n        |\n        g\n        |\n        h",
            ways: [("abc", [:]), ("cde", [:]), ("efc", [:]), ("cgh", [:]), ("ei", [:])],
            relations: [R.restriction(from: "abc", via: "c", to: "cgh", ["restriction": "no_right_turn"])]),
         [RouteRow("a", "h", "abcdedcgh", differs: "OSRM: abcdefcgh. Backhaul turns back at e, where no restriction is active (OSRM allows U-turns only at dead ends); it is as fast as the loop via f")]),
        ("prohibit turn (via way)", square([R.restriction(from: "ab", via: "be", viaIsNode: false, to: "de", ["restriction": "no_right_turn"])]),
         [RouteRow("a", "d", "abefed"), RouteRow("a", "f", "abef"), RouteRow("c", "d", "cbed"), RouteRow("c", "f", "cbef")]),
        ("prohibit turn (via way, overlap)", squareLow([
            R.restriction(from: "ab", via: "be", viaIsNode: false, to: "de", ["restriction": "no_right_turn"]),
            R.restriction(from: "bc", via: "be", viaIsNode: false, to: "ef", ["restriction": "no_left_turn"]),
        ]), [RouteRow("a", "d", "abefed"), RouteRow("a", "f", "abef"), RouteRow("c", "d", "cbed"), RouteRow("c", "f", "cbedef")]),
        ("Two times same way", R(
            gridMetres: 200,
            map: "    h   g\n" + String(repeating: "    |   |\n", count: 26)
                + "a - b - c - - - - - - - - - - - - - - - - - - - f\n"
                + "    |   | \\                                     /\n"
                + "    i - d - e - - - - - - - - - - - - - - - - -",
            ways: [("ab", ["oneway": "no"]), ("bc", ["oneway": "no"]), ("cd", ["oneway": "yes"]), ("ce", ["oneway": "yes"]),
                   ("cf", ["oneway": "yes"]), ("cg", ["oneway": "yes"]), ("bh", ["oneway": "no"]), ("fedib", ["oneway": "yes"])],
            relations: [
                R.restriction(from: "ab", via: "bc", viaIsNode: false, to: "ce", ["restriction": "no_right_turn"]),
                R.restriction(from: "ab", via: "bc", viaIsNode: false, to: "cd", ["restriction": "no_right_turn"]),
            ]),
         [RouteRow("a", "i", "abhbcdi", differs: "OSRM: abcfedi. Backhaul turns back at the dead end h (2 × 5.4 km) instead of the 17 km loop via f")]),
        ("prohibit turn (ladder)", R(
            gridMetres: 200, map: "a   j\n|   |\nb---i\n|   |\nc---h\n|   |\nd---g\n|   |\ne   f",
            ways: [("ab", ["name": "left", "oneway": "yes"]), ("bc", ["name": "left", "oneway": "yes"]),
                   ("cd", ["name": "left", "oneway": "yes"]), ("de", ["name": "left", "oneway": "yes"]),
                   ("fg", ["name": "right", "oneway": "yes"]), ("gh", ["name": "right", "oneway": "yes"]),
                   ("hi", ["name": "right", "oneway": "yes"]), ("ij", ["name": "right", "oneway": "yes"]),
                   ("dg", ["name": "first", "oneway": "no"]), ("ch", ["name": "second", "oneway": "no"]),
                   ("bi", ["name": "third", "oneway": "no"])],
            relations: [
                R.restriction(from: "ab", via: "bi", viaIsNode: false, to: "ij", ["restriction": "no_u_turn"]),
                R.restriction(from: "bc", via: "ch", viaIsNode: false, to: "hi", ["restriction": "no_u_turn"]),
                R.restriction(from: "fg", via: "dg", viaIsNode: false, to: "de", ["restriction": "no_u_turn"]),
                R.restriction(from: "gh", via: "ch", viaIsNode: false, to: "cd", ["restriction": "no_u_turn"]),
            ]),
         [RouteRow("a", "j", "abcdghij"), RouteRow("f", "e", "fghibcde")]),
        ("allow only turn (left)", square([R.restriction(from: "ab", via: "be", viaIsNode: false, to: "ef", ["restriction": "only_left_on"])]),
         [RouteRow("a", "d", "abefed"), RouteRow("a", "f", "abef"), RouteRow("c", "d", "cbed"), RouteRow("c", "f", "cbef")]),
        ("allow only turn (right)", square([R.restriction(from: "ab", via: "be", viaIsNode: false, to: "ed", ["restriction": "only_right_on"])]),
         [RouteRow("a", "d", "abed")]),
        ("prohibit turn, traffic lights", R(
            gridMetres: 200, map: "c\n|\n|   f\n|   |\nb---e\n|   |\na   d\n|   |\ng   i\n|   |\nh   j",
            ways: [("hgab", [:]), ("bc", [:]), ("be", [:]), ("jide", [:]), ("ef", [:])],
            nodeTags: ["g": ["highway": "traffic_signals"], "i": ["highway": "traffic_signals"]],
            relations: [R.restriction(from: "hgab", via: "be", viaIsNode: false, to: "jide", ["restriction": "no_right_turn"])]),
         [RouteRow("a", "d", "abefed"), RouteRow("a", "f", "abef"), RouteRow("c", "d", "cbed"), RouteRow("c", "f", "cbef")]),
        ("Geometry", geometry([:]), geometryRows),
        ("Geometry, traffic signals", geometry(["highway": "traffic_signals"]), geometryRows),
        ("Geometry, invalid", R(
            gridMetres: 200, map: "c\n|\n|   f\n|   |\nb---e\n|   |\n|   d\n|\na",
            ways: [("ab", [:]), ("bc", [:]), ("be", ["oneway": "yes"]), ("de", [:]), ("ef", [:])],
            relations: [R.restriction(from: "de", via: "be", viaIsNode: false, to: "ab", ["restriction": "no_left_turn"])]),
         [RouteRow("a", "f", "abef")]),
        ("Duplicated restriction", R(
            gridMetres: 200, map: "c\n|\n|   f\n|   |\nb-g-e\n|   |\n|   d\n|\na",
            ways: [("ab", [:]), ("bc", [:]), ("bge", [:]), ("de", [:]), ("ef", [:])],
            relations: [
                R.restriction(from: "bge", via: "e", to: "ef", ["restriction": "no_left_turn"]),
                R.restriction(from: "ab", via: "bge", viaIsNode: false, to: "de", ["restriction": "no_right_turn"]),
                R.restriction(from: "bc", via: "bge", viaIsNode: false, to: "ef", ["restriction": "no_left_turn"]),
            ]),
         [RouteRow("a", "d", "abcbged")]),
        ("Ambiguous ways", R(
            gridMetres: 200, map: "x---a----b-----c---z\n         |\n         d",
            ways: [("abc", [:]), ("bd", [:]), ("xa", [:]), ("cz", [:])],
            relations: [R.restriction(from: "bd", via: "b", to: "abc", ["restriction": "no_left_turn"])]),
         [RouteRow("d", "x", "dbax"), RouteRow("d", "z", "dbcz")]),
        ("Multiple restricted entrances", cross([R.Relation(
            members: [("way", "ae,be", "from"), ("way", "ed", "to"), ("node", "e", "via")],
            tags: ["type": "restriction", "restriction": "no_entry"])]),
         [RouteRow("a", "d", "aeced"), RouteRow("b", "d", "beced"), RouteRow("c", "d", "ced")]),
        ("Multiple restricted exits", cross([R.Relation(
            members: [("way", "ae", "from"), ("way", "ce,de", "to"), ("node", "e", "via")],
            tags: ["type": "restriction", "restriction": "no_exit"])]),
         [RouteRow("a", "b", "aeb"), RouteRow("a", "c", "aebec"), RouteRow("a", "d", "aebed")]),
        ("Invalid restricted entrances/exits", cross([
            R.Relation(members: [("way", "ae", "from"), ("way", "ce,de", "to"), ("node", "e", "via")],
                       tags: ["type": "restriction", "restriction": "no_entry"]),
            R.Relation(members: [("way", "ae,be", "from"), ("way", "ed", "to"), ("node", "e", "via")],
                       tags: ["type": "restriction", "restriction": "no_exit"]),
        ]), directCross),
        ("Invalid multi from/to restrictions", cross([
            ("ae,de", "ce,de", "no_right_turn"), ("ae,be", "ce,de", "no_straight_on"), ("ae,be", "be,ce", "only_left_turn"),
            ("ae,be", "ce,de", "only_straight_on"),
        ].map { from, to, kind in
            R.Relation(members: [("way", from, "from"), ("way", to, "to"), ("node", "e", "via")],
                       tags: ["type": "restriction", "restriction": kind])
        }), directCross),
    ]

    static func twoOnly(_ relations: [R.Relation]) -> R {
        R(gridMetres: 200, map: "    e       f\n        a\n\n    c   x   d\n        y\n\n        b",
          ways: ["ef", "ce", "fd", "ca", "ad", "ax", "xy", "yb", "cb", "db"].map { ($0, ["oneway": "no"]) },
          relations: relations)
    }
    static func square(_ relations: [R.Relation]) -> R {
        R(gridMetres: 200, map: "c\n|\n|   f\n|   |\nb---e\n|   |\na   d",
          ways: [("ab", [:]), ("bc", [:]), ("be", [:]), ("de", [:]), ("ef", [:])], relations: relations)
    }
    static func squareLow(_ relations: [R.Relation]) -> R {
        R(gridMetres: 200, map: "c\n|\n|   f\n|   |\nb---e\n|   |\n|   d\n|\na",
          ways: [("ab", [:]), ("bc", [:]), ("be", [:]), ("de", [:]), ("ef", [:])], relations: relations)
    }
    static func geometry(_ gTags: [String: String]) -> R {
        R(gridMetres: 200, map: "c\n|\n|   f\n|   |\nb-g-e\n|   |\n|   d\n|\na",
          ways: [("ab", [:]), ("bc", [:]), ("bge", [:]), ("de", [:]), ("ef", [:])],
          nodeTags: gTags.isEmpty ? [:] : ["g": gTags],
          relations: [
              R.restriction(from: "ab", via: "bge", viaIsNode: false, to: "de", ["restriction": "no_right_turn"]),
              R.restriction(from: "bc", via: "bge", viaIsNode: false, to: "ef", ["restriction": "no_left_turn"]),
          ])
    }
    static let geometryRows = [
        RouteRow("a", "d", "abgefed"), RouteRow("a", "f", "abgef"), RouteRow("c", "d", "cbged"), RouteRow("c", "f", "cbgedef"),
    ]
    static func cross(_ relations: [R.Relation]) -> R {
        R(gridMetres: 200, map: "     b\n     |\na----e----c\n     |\n     d",
          ways: [("ae", [:]), ("be", [:]), ("ce", [:]), ("de", [:])], relations: relations)
    }
    static let directCross = [
        RouteRow("a", "b", "aeb"), RouteRow("a", "c", "aec"), RouteRow("a", "d", "aed"), RouteRow("b", "d", "bed"),
        RouteRow("c", "d", "ced"),
    ]

    static var allCases: [(String, R, [RouteRow])] { junctionCases + otherCases }

    @Test(arguments: allCases.indices)
    func scenario(index: Int) throws {
        // (The name of case `index` is `allCases[index].0`.)
        let (_, map, rows) = Self.allCases[index]
        try checkRoutes(map, rows)
    }

    /// Scenario "No u-turn" with waypoints z, y: u-turns at the four ends of
    /// x's roads are forbidden and z→y at a is no left turn, so the route
    /// goes through x, turns at the end of a road and comes back. OSRM turns
    /// at b, straight ahead 400 m; without turn costs backhaul turns at c or
    /// d, 200 m away (equally fast).
    static let uTurnRow = RouteRow("z", "y", "zaxcxay", differs: "no turn costs: backhaul turns at the nearest dead end (c or d, 200 m); OSRM goes straight on to b (400 m)")

    @Test func noUTurnsAtAJunction() throws {
        let scenario = R(
            gridMetres: 200, map: "\ny   c\n  a x b\nz   d",
            ways: [("ya", [:]), ("za", [:]), ("ax", [:]), ("bx", [:]), ("cx", [:]), ("dx", [:])],
            relations: ["ax", "bx", "cx", "dx"].map { R.restriction(from: $0, via: "x", to: $0, ["restriction": "no_u_turn"]) }
                + [R.restriction(from: "za", via: "a", to: "ya", ["restriction": "no_left_turn"])])
        for pbf in [true, false] {
            let router = try ScenarioRouter(scenario, profile: .car, pbf: pbf)
            let path = try #require(try router.route("z", "y")).path
            #expect(["zaxcxay", "zaxdxay"].contains(path), "\(path)")
        }
    }
}
