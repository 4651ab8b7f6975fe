import Testing
@testable import Routing

/// OSRM's `features/car/multi_via_restrictions.feature`
/// (Project-OSRM/osrm-backend), car profile, grid 200 m: restrictions via
/// several ways, overlapping restrictions, exceptions, ambiguous and badly
/// tagged relations, and points on restricted ways. (The scenarios with
/// conditional restrictions are left out: conditional tags are not read.)
@Suite struct OSRMMultiViaTests {
    typealias R = OSRMScenario

    static func via(_ from: String, _ via: String, _ to: String, _ kind: String, except: String? = nil) -> R.Relation {
        var tags = ["type": "restriction", "restriction": kind]
        if let except { tags["except"] = except }
        return R.Relation(members: [("way", from, "from"), ("way", via, "via"), ("way", to, "to")], tags: tags)
    }
    static func oneways(_ names: [String]) -> [(String, [String: String])] { names.map { ($0, ["oneway": "yes"]) } }

    static let cases: [(String, R, [RouteRow])] = [
        ("Node restriction inside multiple via restriction", R(
            gridMetres: 200,
            map: "  1   2   3          4         5\na---b---c---d---e---------f---------g\n                |         |         |\n                |7        |8        |9\n                |         |         |\n            x---h---------i---------j",
            ways: oneways(["ab", "bc", "cd", "de", "ef", "fg", "eh", "fi", "gj", "ih", "ji", "hx"]),
            relations: [via("ab", "bc,cd,de,ef", "fi", "no_right_turn"),
                        R.restriction(from: "de", via: "e", to: "eh", ["restriction": "no_right_turn"])]),
         [RouteRow("1", "x", "bcdefgjihx"), RouteRow("2", "x", "cdefihx"), RouteRow("3", "x", "defihx"),
          RouteRow("4", "x", "fihx"), RouteRow("5", "x", "gjihx"), RouteRow("7", "x", "hx"), RouteRow("8", "x", "ihx"),
          RouteRow("9", "x", "jihx")]),
        ("Overlapping multiple via restrictions", R(
            gridMetres: 200,
            map: "a       f       j\n|       |       |\nb---d---e---i---k----m\n|       |       |\nc       g       l",
            ways: oneways(["ab", "cb", "bd", "de", "ef", "eg", "ei", "ik", "kj", "kl", "km"]),
            relations: [via("ab", "bd,de", "ei", "only_straight_on"), via("de", "ei,ik", "km", "only_straight_on")]),
         [RouteRow("a", "f", nil), RouteRow("a", "g", nil), RouteRow("a", "j", nil), RouteRow("a", "l", nil),
          RouteRow("a", "m", "abdeikm"), RouteRow("c", "f", "cbdef"), RouteRow("c", "g", "cbdeg"), RouteRow("c", "j", nil),
          RouteRow("c", "l", nil), RouteRow("c", "m", "cbdeikm"), RouteRow("i", "j", "ikj"), RouteRow("i", "l", "ikl"),
          RouteRow("i", "m", "ikm")]),
        ("Multiple via restriction with non-compressable via geometry", R(
            gridMetres: 200, map: "a---b---c---d---e---f---g---h\n        |       |       |\n        i       j       k",
            ways: oneways(["ab", "bcd", "defg", "ci", "ej", "gh", "gk"]),
            relations: [via("ab", "bcd,defg", "gh", "only_straight_on")]),
         [RouteRow("a", "h", "abcdefgh"), RouteRow("a", "k", nil)]),
        ("Multiple via restriction with non-compressable from/to nodes", R(
            gridMetres: 200,
            map: "a---b---c---d---e---f---g---h---i---j---k---l\n        |       |       |       |       |\n        m       n       o       p       q",
            ways: oneways(["abcdefg", "ghi", "ijkl", "cm", "en", "go", "ip", "kq"]),
            relations: [via("abcdefg", "ghi", "ijkl", "only_straight_on")]),
         [RouteRow("a", "l", "abcdefghijkl"), RouteRow("a", "p", nil)]),
        ("Long unrestricted route and short restricted route", R(
            gridMetres: 200, map: "a------------------------------------b\n|                                    |\nc--d--e--f---------------------------",
            ways: [("ac", [:]), ("ab", [:]), ("bf", [:]), ("cd", [:]), ("de", [:]), ("ef", [:])],
            relations: [via("ac", "cd", "de", "no_straight_on")]),
         [RouteRow("a", "f", "abf")]),
        ("Multiple via restriction with start and end on same node", R(
            gridMetres: 200, map: "|--g---f---e\na      |   |\n|--b---c---d",
            ways: oneways(["abc", "cd", "de", "ef", "fga", "fc"]),
            nodeTags: ["b": ["highway": "traffic_signals"]],
            relations: [via("abc", "cd,de,ef", "fga", "no_u_turn")]),
         [RouteRow("a", "g", "abcdefcdefg"), RouteRow("b", "a", "bcdefcdefga")]),
        ("Multiple via restriction preventing bypassing main road", R(
            gridMetres: 200, map: "a--b--c--d--e--f\n   \\           |\n    --g--h--i--j\n               |\n               k",
            ways: oneways(["ab", "bc", "cd", "de", "ef", "bg", "gh", "hi", "ij", "fj", "jk"]),
            nodeTags: ["d": ["highway": "traffic_signals"], "e": ["highway": "traffic_signals"]],
            relations: [via("ab", "bg,gh,hi,ij", "jk", "no_right_turn")]),
         [RouteRow("a", "k", "abcdefjk")]),
        ("Multiple via restriction with to,via,from sharing same node", R(
            gridMetres: 200, map: "    e---d\n    |   |\na---b---c\n    |\n    f",
            ways: oneways(["ab", "bc", "cd", "deb", "bf"]),
            relations: [via("ab", "bc,cd,deb", "bf", "no_u_turn"),
                        R.restriction(from: "ab", via: "b", to: "bc", ["restriction": "only_straight_on"]),
                        R.restriction(from: "deb", via: "b", to: "bc", ["restriction": "no_left_turn"])]),
         [RouteRow("a", "f", nil)]),
        ("Multiple via restriction, exception applies", R(
            gridMetres: 200, map: "a---b---c---d--e", ways: oneways(["ab", "bc", "cd", "de"]),
            relations: [via("ab", "bc,cd", "de", "no_straight_on", except: "motorcar")]),
         [RouteRow("a", "e", "abcde")]),
        ("Multiple via restriction, exception n/a", R(
            gridMetres: 200, map: "a---b---c---d--e", ways: oneways(["ab", "bc", "cd", "de"]),
            relations: [via("ab", "bc,cd", "de", "no_straight_on", except: "psv;emergency")]),
         [RouteRow("a", "e", nil)]),
        ("Ambiguous from/to ways", R(
            gridMetres: 200, map: "a\n|\nb---d---e\n|       |\nc       f",
            ways: [("abc", [:]), ("bd", [:]), ("de", [:]), ("ef", [:])],
            relations: [via("abc", "bd,de", "ef", "no_right_turn"), via("ef", "de,bd", "abc", "no_right_turn")]),
         [RouteRow("a", "f", "abdef"), RouteRow("f", "a", "fedba"), RouteRow("c", "f", "cbdef"), RouteRow("f", "c", "fedbc")]),
        ("Ambiguous via ways", R(
            gridMetres: 200, map: "a\n|\nb---d---e---c\n        |\n        f",
            ways: [("ab", [:]), ("bd", [:]), ("dec", [:]), ("ef", [:])],
            relations: [via("ab", "bd,dec", "ef", "no_right_turn"), via("ef", "dec,bd", "ab", "no_right_turn")]),
         [RouteRow("a", "f", "abdef"), RouteRow("f", "a", "fedba")]),
        ("Badly tagged restrictions", R(
            gridMetres: 200, map: "a--b--c--d--e--f", ways: oneways(["ab", "bc", "cd", "de", "ef"]),
            relations: [via("ab", "cd,de", "ef", "no_straight_on"), via("ab", "bc,de", "ef", "no_straight_on"),
                        via("ab", "bc,cd", "ef", "no_straight_on"), via("ef", "de,cd", "bc", "no_straight_on")]),
         [RouteRow("a", "f", "abcdef")]),
        ("Snap source/target to via restriction way", R(
            gridMetres: 200, map: "a-1-b-2-c-3-d", ways: [("ab", [:]), ("bc", [:]), ("cd", [:])],
            relations: [via("ab", "bc", "cd", "no_straight_on")]),
         [RouteRow("1", "2", "b"), RouteRow("2", "3", "c")]),
        ("Snap source/target to multi-via restriction way", R(
            gridMetres: 200, map: "|--g---f---e\na      |   1\n|--b---c---d",
            ways: oneways(["ab", "bc", "cd", "de", "ef", "fc", "fg", "ga"]),
            nodeTags: ["b": ["highway": "traffic_signals"]],
            relations: [via("bc", "cd,de,ef", "fg", "no_u_turn")]),
         [RouteRow("a", "1", "abcd"), RouteRow("1", "a", "efga")]),
    ]

    @Test(arguments: cases.indices)
    func scenario(index: Int) throws {
        let (_, map, rows) = Self.cases[index]
        try checkRoutes(map, rows)
    }
}
