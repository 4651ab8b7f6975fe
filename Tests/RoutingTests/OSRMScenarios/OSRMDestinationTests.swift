import Testing
@testable import Routing

/// OSRM's `features/car/destination.feature` (Project-OSRM/osrm-backend),
/// car profile: destination-only roads may be entered only to reach a place
/// on them, never crossed. Routes are the OSM nodes passed.
@Suite struct OSRMDestinationTests {
    typealias R = OSRMScenario
    static let overlapping = "the map draws the destination-only way cde over the open way icde; backhaul keeps both, so the open one is driven (OSRM keeps one of two parallel ways)"
    static let noThrough = "backhaul forbids through traffic outright; OSRM only weights it heavily, so it crosses the private road when there is no other way"
    static let privateStart = "backhaul routes from points on private service roads; OSRM starts on the nearest other road"

    static let cases: [(String, R, [RouteRow])] = [
        ("Destination only street", R(
            map: "a         e\n  b1 c 2d\n\nx         y",
            ways: [("ab", [:]), ("bcd", ["access": "destination"]), ("de", [:]), ("axye", [:])]),
         [RouteRow("a", "b", "ab"), RouteRow("a", "c", "abc"), RouteRow("a", "2", "abc"), RouteRow("a", "e", "axye"),
          RouteRow("e", "d", "ed"), RouteRow("e", "c", "edc"), RouteRow("e", "1", "edc"), RouteRow("e", "a", "eyxa")]),
        ("Destination only street, two ways", R(
            map: "a         e\n  b1 c 2d\n\nx         y",
            ways: [("ab", [:]), ("bc", ["access": "destination"]), ("cd", ["access": "destination"]), ("de", [:]), ("axye", [:])]),
         [RouteRow("a", "b", "ab"), RouteRow("a", "c", "abc"), RouteRow("a", "2", "abc"), RouteRow("a", "e", "axye"),
          RouteRow("e", "d", "ed"), RouteRow("e", "c", "edc"), RouteRow("e", "1", "edc"), RouteRow("e", "a", "eyxa")]),
        ("Routing inside a destination only area", R(
            map: "a   c   e\n  b   d\nx       y",
            ways: [("ab", ["access": "destination"]), ("bc", ["access": "destination"]), ("cd", ["access": "destination"]),
                   ("de", ["access": "destination"]), ("axye", [:])]),
         [RouteRow("a", "e", "abcde"), RouteRow("e", "a", "edcba"), RouteRow("b", "d", "bcd"), RouteRow("d", "b", "dcb")]),
        ("Routing around a way that becomes destination only", R(
            map: "b\n \\\n  |\n  e++d++++++c--i\n  |             \\\n   \\             h--a\n    \\            |\n     \\___________g",
            ways: [("ah", ["oneway": "no"]), ("ihg", ["oneway": "no"]), ("eg", ["oneway": "no"]), ("icde", ["oneway": "no"]),
                   ("cde", ["access": "destination", "oneway": "no"]), ("eb", ["oneway": "no"])]),
         [RouteRow("i", "b", "icdeb", differs: overlapping), RouteRow("b", "d", "bed"),
          RouteRow("b", "i", "bedci", differs: overlapping)]),
        ("Routing around a way that becomes destination only, 2", R(
            map: "   a---c---b\n       +    \\\n       +    |\n       d    |\n       1    |\n        \\___e",
            ways: [("acbe", ["oneway": "no"]), ("cd", ["access": "destination", "oneway": "no"]), ("de", ["oneway": "no"])]),
         [RouteRow("e", "a", "ebca"), RouteRow("1", "a", "ebca"), RouteRow("c", "d", "cd")]),
        ("Routing through a parking lot tagged access=destination,service", R(
            map: "   a----c++++b+++g------h---i\n   |    +    +   +     /\n   |    +    +   +    /\n   |    +    +  +    /\n   |    d++++e+f    /\n   z--------------y",
            ways: [("ac", ["highway": "secondary"]), ("ghi", ["highway": "secondary"]), ("azyhi", ["highway": "secondary"]),
                   ("cd", ["access": "destination", "highway": "service"]), ("def", ["access": "destination", "highway": "service"]),
                   ("cbg", ["access": "destination", "highway": "service"]), ("be", ["access": "destination", "highway": "service"]),
                   ("gf", ["access": "destination", "highway": "service"])]),
         [RouteRow("a", "i", "azyhi"), RouteRow("b", "f", "bef"), RouteRow("b", "i", "bghi")]),
        ("Disallow snapping to access=private,highway=service", R(
            gridMetres: 20, map: "   a---c---b\n       :\n       x\n       :\n       d\n        \\__e",
            ways: [("acb", ["highway": "primary"]), ("cx", ["access": "private", "highway": "service"]),
                   ("xd", ["access": "private", "highway": "service"]), ("de", ["highway": "primary"])]),
         [RouteRow("a", "x", "acx"), RouteRow("a", "d", "acxd"), RouteRow("a", "e", nil, differs: noThrough),
          RouteRow("x", "e", "xde", differs: privateStart)]),
    ]

    @Test(arguments: cases.indices)
    func scenario(index: Int) throws {
        let (_, map, rows) = Self.cases[index]
        try checkRoutes(map, rows)
    }
}
