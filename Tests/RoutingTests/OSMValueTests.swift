import Testing
@testable import Routing

@Suite struct OSMValueTests {
    @Test(arguments: [
        ("50", 50.0), ("50 km/h", 50), ("50kmh", 50), (" 80 ", 80), ("30 mph", 48.28032), ("30mph", 48.28032),
        ("10 knots", 18.52), ("walk", 7), ("SE:urban", 50), ("se:rural", 70), ("SE:motorway", 110),
        ("DE:rural", 100), ("FR:rural", 80), ("GB:nsl_single", 96.56064), ("IT:urban", 50), ("XX:rural", 90),
        ("DE:zone30", 30), ("DE:zone:20", 20), ("70;50", 70), ("7,5", 7.5), ("RU:living_street", 20), ("CH:rural", 80), ("XY:living_street", 7),
    ])
    func speeds(raw: String, kmh: Double) throws {
        let v = try #require(OSMValue.speedKmh(raw))
        #expect(abs(v - kmh) < 1e-9, "\(raw)")
    }

    @Test(arguments: ["none", "signals", "variable", "", "fast", "DE:motorway", "50 furlongs", "0", "-30", "SE:", "1e9"])
    func unusableSpeeds(raw: String) {
        #expect(OSMValue.speedKmh(raw) == nil, "\(raw)")
    }

    @Test(arguments: [
        ("3.5", 3.5), ("7.5 t", 7.5), ("12t", 12), ("3500 kg", 3.5), ("10 st", 9.0718474), ("8000 lbs", 3.62873896), ("3,5", 3.5),
    ])
    func weights(raw: String, tonnes: Double) throws {
        let v = try #require(OSMValue.tonnes(raw))
        #expect(abs(v - tonnes) < 1e-9, "\(raw)")
    }

    static let lengthCases: [(String, Double)] = [
        ("4.2", 4.2), ("4.2 m", 4.2), ("3 m", 3.0), ("14'6\"", 4.4196), ("12'", 3.6576),
        ("13'0''", 3.9624), ("250 cm", 2.5), ("10 ft", 3.048),
    ]

    @Test(arguments: lengthCases)
    func lengths(raw: String, metres: Double) throws {
        let v = try #require(OSMValue.metres(raw))
        #expect(abs(v - metres) < 1e-9, "\(raw)")
    }

    @Test(arguments: ["none", "default", "below_default", "unsigned", "x", "-3", "4'6"])
    func unusableDimensions(raw: String) {
        #expect(OSMValue.metres(raw) == nil && OSMValue.tonnes(raw) == nil, "\(raw)")
    }

    @Test(arguments: [("1:45", 6300.0), ("00:20", 1200), ("01:02:03", 3723), ("45", 2700), ("PT1H30M", 5400), ("PT20M", 1200)])
    func durations(raw: String, seconds: Double) throws {
        #expect(try #require(OSMValue.seconds(raw)) == seconds)
    }

    @Test(arguments: ["", "abc", "1:2:3:4", "PT", "-5"])
    func badDurations(raw: String) {
        #expect(OSMValue.seconds(raw) == nil)
    }

    @Test func accessValues() {
        for v in ["yes", "designated", "permissive", "Yes", " yes ", "motor_vehicle", "private;yes", "forestry;permissive"] {
            #expect(OSMValue.access(v) == .allowed, "\(v)")
        }
        for v in ["destination", "delivery", "customers", "private", "permit", "residents", "destination;agricultural"] {
            #expect(OSMValue.access(v) == .destination, "\(v)")
        }
        #expect(OSMValue.access("discouraged") == .discouraged)
        for v in ["no", "agricultural", "forestry", "emergency", "psv", "bus", "foot", "official", "agricultural;forestry",
                  "no;unknown"] {
            #expect(OSMValue.access(v) == .forbidden, "\(v)")
        }
        for v in ["unknown", "", "maybe", "a;b"] { #expect(OSMValue.access(v) == nil, "\(v)") }
    }

    @Test func onewayValues() {
        for v in ["yes", "true", "1"] { #expect(OSMValue.oneway(v) == .forward) }
        for v in ["-1", "reverse"] { #expect(OSMValue.oneway(v) == .backward) }
        for v in ["no", "false", "0"] { #expect(OSMValue.oneway(v) == .bothWays) }
        #expect(OSMValue.oneway("alternating") == .alternating)
        #expect(OSMValue.oneway("reversible") == .reversible)
        #expect(OSMValue.oneway("sometimes") == nil)
    }
}
