import Testing
@testable import Routing

@Suite struct OSMProfileTests {
    func rule(_ profile: VehicleProfile, _ tags: [String: String]) -> WayRule? {
        profile.rule(for: WayTags(tags))
    }

    @Test(arguments: VehicleProfile.defaultSpeedsKmh.keys.sorted())
    func routableClassesUseTheTableSpeed(highway: String) throws {
        for p in [VehicleProfile.hgv, .car] {
            let r = try #require(rule(p, ["highway": highway]))
            #expect(r.forwardSpeedKmh == Float(VehicleProfile.defaultSpeedsKmh[highway]!))
            #expect(r.forward)
            #expect(r.backward == (highway != "motorway"))
        }
    }

    @Test(arguments: ["footway", "cycleway", "path", "track", "pedestrian", "steps", "bridleway", "construction", "proposed", "platform", "bus_guideway", "raceway", "busway"])
    func nonRoadsAreOut(highway: String) {
        #expect(rule(.hgv, ["highway": highway]) == nil)
        #expect(rule(.car, ["highway": highway]) == nil)
    }

    @Test func notRoadsAtAll() {
        #expect(rule(.hgv, ["building": "yes"]) == nil)
        #expect(rule(.hgv, ["highway": "service", "area": "yes"]) == nil)
        #expect(rule(.hgv, ["highway": "primary", "impassable": "yes"]) == nil)
        #expect(rule(.hgv, ["highway": "service", "service": "emergency_access"]) == nil)
        #expect(rule(.car, ["highway": "service", "service": "parking_aisle"])?.forwardSpeedKmh == 5)
    }

    /// (tags, allowed for hgv, allowed for car).
    static let accessCases: [([String: String], Bool, Bool)] = [
        (["hgv": "no"], false, true),
        (["goods": "no"], false, true),
        (["goods": "no", "hgv": "yes"], true, true),
        (["motor_vehicle": "no"], false, false),
        (["motor_vehicle": "no", "hgv": "yes"], true, false),
        (["motor_vehicle": "no", "goods": "delivery"], true, false),
        (["motor_vehicle": "no", "motorcar": "yes"], false, true),
        (["access": "no"], false, false),
        (["access": "private"], true, true),
        (["access": "psv"], false, false),
        (["access": "no", "bus": "yes"], false, false),
        (["hgv": "agricultural;yes"], true, true),
        (["maxheight:physical": "3.9"], false, true),
        (["maxwidth:physical": "2.5"], false, true),
        (["width": "2.5"], false, true),
        (["est_width": "2.55"], false, true),
        (["width": "3"], true, true),
        (["narrow": "yes"], false, true),
        (["maxaxleload": "10"], false, true),
        (["maxaxleload": "12"], true, true),
        (["access": "no", "motor_vehicle": "yes"], true, true),
        (["access": "no", "vehicle": "yes", "hgv": "no"], false, true),
        (["vehicle": "no"], false, false),
        (["access": "agricultural"], false, false),
        (["access": "unknown"], true, true),
        (["access": "destination"], true, true),
        (["hgv": "destination"], true, true),
        (["maxweight": "3.5"], false, true),
        (["maxweight": "44"], true, true),
        (["maxweight:hgv": "7.5"], false, true),
        (["maxweightrating:hgv": "12 t"], false, true),
        (["maxheight": "3.8"], false, true),
        (["maxheight": "4.5"], true, true),
        (["maxheight": "default"], true, true),
        (["maxwidth": "2.2"], false, true),
        (["maxlength": "12"], false, true),
        (["maxlength": "18.75"], true, true),
        (["oneway": "reversible"], false, false),
    ]

    @Test(arguments: accessCases)
    func accessAndDimensions(tags: [String: String], hgv: Bool, car: Bool) {
        var t = tags
        t["highway"] = "tertiary"
        #expect((rule(.hgv, t) != nil) == hgv, "hgv \(tags)")
        #expect((rule(.car, t) != nil) == car, "car \(tags)")
    }

    @Test func destinationOnlyAndDiscouraged() throws {
        let free = try #require(rule(.hgv, ["highway": "residential"]))
        let dest = try #require(rule(.hgv, ["highway": "residential", "hgv": "destination"]))
        #expect(free.durationFactor == 1 && !free.forwardDestinationOnly && !free.backwardDestinationOnly)
        #expect(dest.durationFactor == 1 && dest.forwardDestinationOnly && dest.backwardDestinationOnly)
        let oneDirection = try #require(rule(.hgv, ["highway": "residential", "hgv:forward": "destination"]))
        #expect(oneDirection.forwardDestinationOnly && !oneDirection.backwardDestinationOnly)
        let discouraged = try #require(rule(.hgv, ["highway": "residential", "hgv": "discouraged"]))
        #expect(discouraged.durationFactor == Float(VehicleProfile.hgv.restrictedAccessFactor))
        #expect(!discouraged.forwardDestinationOnly)
    }

    /// `access:forward`, `hgv:backward`, … decide per direction, the most
    /// specific key first (OSRM's `get_forward_backward_by_set`).
    @Test(arguments: [
        (["access:forward": "no"], false, true),
        (["access": "no", "hgv:backward": "yes"], false, true),
        (["hgv:forward": "no", "motor_vehicle": "yes"], false, true),
        (["motor_vehicle:backward": "no"], true, false),
        (["hgv": "yes", "motor_vehicle:forward": "no"], true, true),
        (["oneway:hgv": "yes"], true, false),
        (["oneway:motor_vehicle": "-1"], false, true),
        (["oneway:vehicle": "yes", "oneway": "no"], true, false),
        (["oneway:hgv": "no", "oneway": "yes"], true, true),
        (["oneway:bus": "no", "oneway": "yes"], true, false),
    ])
    func directionalAccess(tags: [String: String], forward: Bool, backward: Bool) throws {
        var t = tags
        t["highway"] = "secondary"
        let r = try #require(rule(.hgv, t))
        #expect(r.forward == forward && r.backward == backward, "\(tags)")
    }

    @Test func barriers() {
        func blocks(_ p: VehicleProfile, _ tags: [String: String]) -> Bool { p.blocks(node: WayTags(tags)) }
        #expect(blocks(.hgv, ["barrier": "bollard"]))
        #expect(!blocks(.hgv, ["barrier": "bollard", "bollard": "rising"]))
        #expect(!blocks(.hgv, ["barrier": "gate"]))
        #expect(blocks(.hgv, ["barrier": "gate", "access": "no"]))
        #expect(!blocks(.hgv, ["barrier": "gate", "access": "private"]))
        #expect(!blocks(.hgv, ["barrier": "bollard", "hgv": "yes"]))
        #expect(blocks(.hgv, ["barrier": "gate", "hgv": "no", "access": "yes"]))
        #expect(blocks(.hgv, ["barrier": "height_restrictor", "maxheight": "3.5"]))
        #expect(!blocks(.car, ["barrier": "height_restrictor", "maxheight": "3.5"]))
        #expect(blocks(.hgv, ["barrier": "gate", "maxwidth": "2.4"]))
        #expect(!blocks(.hgv, ["barrier": "kerb", "kerb": "lowered"]))
        #expect(blocks(.hgv, ["barrier": "wall"]))
        #expect(!blocks(.hgv, ["highway": "traffic_signals"]))
    }

    @Test func turnRestrictionTags() {
        func r(_ p: VehicleProfile, _ tags: [String: String]) -> VehicleProfile.TurnRule? { p.turnRestriction(WayTags(tags)) }
        #expect(r(.hgv, ["type": "restriction", "restriction": "no_left_turn"])?.isOnly == false)
        #expect(r(.hgv, ["type": "restriction", "restriction": "only_straight_on"])?.isOnly == true)
        #expect(r(.hgv, ["type": "restriction", "restriction": "no_right_turn_on_red"]) == nil)
        #expect(r(.hgv, ["type": "restriction", "restriction": "yield"]) == nil)
        #expect(r(.hgv, ["type": "route", "restriction": "no_left_turn"]) == nil)
        #expect(r(.hgv, ["type": "restriction", "restriction:hgv": "no_u_turn"]) != nil)
        #expect(r(.car, ["type": "restriction", "restriction:hgv": "no_u_turn"]) == nil)
        #expect(r(.car, ["type": "restriction", "restriction:motorcar": "no_u_turn"]) != nil)
        #expect(r(.hgv, ["type": "restriction", "restriction": "no_left_turn", "except": "bus;hgv"]) == nil)
        #expect(r(.car, ["type": "restriction", "restriction": "no_left_turn", "except": "hgv"]) != nil)
        #expect(r(.hgv, ["type": "restriction", "restriction": "no_entry"])?.allowsSeveralFrom == true)
        #expect(r(.hgv, ["type": "restriction", "restriction": "no_exit"])?.allowsSeveralTo == true)
    }

    @Test(arguments: [
        (["oneway": "yes"], true, false), (["oneway": "true"], true, false), (["oneway": "1"], true, false),
        (["oneway": "-1"], false, true), (["oneway": "no"], true, true), (["junction": "roundabout"], true, false),
        (["junction": "roundabout", "oneway": "no"], true, true), (["oneway": "alternating"], true, true),
        (["oneway": "bogus"], true, true),
    ])
    func direction(tags: [String: String], forward: Bool, backward: Bool) throws {
        var t = tags
        t["highway"] = "secondary"
        let r = try #require(rule(.car, t))
        #expect(r.forward == forward && r.backward == backward, "\(tags)")
    }

    @Test func motorwaysAreOnewayUnlessTaggedOtherwise() throws {
        #expect(try #require(rule(.car, ["highway": "motorway"])).backward == false)
        // As OSRM: a motorway link is one-way only when tagged so.
        #expect(try #require(rule(.car, ["highway": "motorway_link"])).backward == true)
        #expect(try #require(rule(.car, ["highway": "motorway", "oneway": "no"])).backward == true)
    }

    @Test func maxspeedIsHonouredWithTheReductionFactor() throws {
        let r = try #require(rule(.car, ["highway": "primary", "maxspeed": "100"]))
        #expect(r.forwardSpeedKmh == 80)
        let mph = try #require(rule(.car, ["highway": "primary", "maxspeed": "50 mph"]))
        #expect(abs(Double(mph.forwardSpeedKmh) - 50 * 1.609344 * 0.8) < 1e-3)
        let zone = try #require(rule(.car, ["highway": "residential", "maxspeed": "SE:urban"]))
        #expect(zone.forwardSpeedKmh == 40)
        let source = try #require(rule(.car, ["highway": "residential", "source:maxspeed": "SE:urban"]))
        #expect(source.forwardSpeedKmh == 40)
        let none = try #require(rule(.car, ["highway": "motorway", "maxspeed": "none"]))
        #expect(none.forwardSpeedKmh == 90)
        let dir = try #require(rule(.car, ["highway": "primary", "maxspeed:forward": "50", "maxspeed:backward": "70", "maxspeed": "90"]))
        #expect(dir.forwardSpeedKmh == 40 && dir.backwardSpeedKmh == 56)
        let truck = try #require(rule(.hgv, ["highway": "primary", "maxspeed": "90", "maxspeed:hgv": "60"]))
        #expect(truck.forwardSpeedKmh == 48)
        let carIgnoresHGV = try #require(rule(.car, ["highway": "primary", "maxspeed": "90", "maxspeed:hgv": "60"]))
        #expect(carIgnoresHGV.forwardSpeedKmh == 72)
    }

    @Test func ferries() throws {
        #expect(rule(.hgv, ["route": "ferry"])?.isFerry == true, "ferries carry lorries unless denied")
        #expect(rule(.hgv, ["route": "ferry", "motor_vehicle": "no"]) == nil)
        let gozo = try #require(rule(.hgv, ["route": "ferry", "hgv": "yes", "motor_vehicle": "yes"]))
        #expect(gozo.isFerry && gozo.forward && gozo.backward)
        #expect(gozo.forwardSpeedKmh == Float(VehicleProfile.ferrySpeedKmh))
        let timed = try #require(rule(.car, ["route": "ferry", "motorcar": "yes", "duration": "1:45"]))
        #expect(timed.fixedDurationSeconds == 6300)
        #expect(rule(.hgv, ["route": "ferry", "motor_vehicle": "yes", "hgv": "no"]) == nil)
        #expect(rule(.car, ["route": "ferry", "motor_vehicle": "no", "foot": "yes"]) == nil)
    }

    @Test func truckSpeedCaps() {
        let stockholm = Coordinate(latitude: 59.33, longitude: 18.07)
        let monaco = Coordinate(latitude: 43.74, longitude: 7.42)
        #expect(VehicleProfile.hgv.speedCapKmh(at: stockholm) == 80)
        #expect(VehicleProfile.hgv.speedCapKmh(at: monaco) == 90)
        #expect(VehicleProfile.car.speedCapKmh(at: stockholm) == nil)
        #expect(VehicleProfile(vehicle: .hgv, dimensions: nil, speedCap: .fixed(70)).speedCapKmh(at: monaco) == 70)
    }

    static let swedish: [(String, Double, Double)] = [
        ("Stockholm", 59.33, 18.07), ("Lund", 55.70, 13.19), ("Malmö", 55.605, 13.0), ("Göteborg", 57.71, 11.97),
        ("Kiruna", 67.86, 20.23), ("Umeå", 63.83, 20.26), ("Luleå", 65.58, 22.15), ("Visby", 57.64, 18.30),
        ("Växjö", 56.88, 14.81), ("Kalmar", 56.66, 16.36), ("Östersund", 63.18, 14.64), ("Strömstad", 58.94, 11.17),
        ("Borgholm", 56.88, 16.65), ("Sundsvall", 62.39, 17.31), ("Karlstad", 59.38, 13.50), ("Ystad", 55.43, 13.82),
        ("Gällivare", 67.13, 20.66), ("Storlien", 63.32, 12.10), ("Charlottenberg", 59.88, 12.29),
    ]
    static let foreign: [(String, Double, Double)] = [
        ("Oslo", 59.91, 10.75), ("Copenhagen", 55.68, 12.57), ("Helsinki", 60.17, 24.94), ("Trondheim", 63.43, 10.40),
        ("Narvik", 68.44, 17.43), ("Mariehamn", 60.10, 19.94), ("Rønne", 55.10, 14.70), ("Oulu", 65.01, 25.47),
        ("Vaasa", 63.10, 21.62), ("Helsingør", 56.03, 12.59), ("Halden", 59.12, 11.39), ("Berlin", 52.52, 13.40),
        ("Monaco", 43.74, 7.42), ("Valletta", 35.90, 14.51), ("Tallinn", 59.44, 24.75), ("Riga", 56.95, 24.11),
        ("Anholt", 56.70, 11.57), ("Skagen", 57.72, 10.59), ("Bodø", 67.28, 14.40), ("Tromsø", 69.65, 18.96),
    ]

    @Test(arguments: swedish)
    func placesInSweden(name: String, lat: Double, lon: Double) {
        #expect(SwedenOutline.contains(Coordinate(latitude: lat, longitude: lon)), "\(name)")
    }

    @Test(arguments: foreign)
    func placesOutsideSweden(name: String, lat: Double, lon: Double) {
        #expect(!SwedenOutline.contains(Coordinate(latitude: lat, longitude: lon)), "\(name)")
    }

    @Test func profileNames() {
        #expect(VehicleProfile(name: "hgv") == .hgv)
        #expect(VehicleProfile(name: "CAR") == .car)
        #expect(VehicleProfile(name: "bicycle") == nil)
        #expect(VehicleProfile.hgv.name == "hgv")
    }

    @Test func keysAreRecognisedFromBytes() {
        for key in WayTags.Key.allCases {
            #expect(WayTags.Key(key.osmKey) == key)
        }
        for other in ["name", "highways", "high", "maxspeed:practical", "", "x", "restriction:bus"] {
            #expect(WayTags.Key(other) == nil)
        }
    }
}
