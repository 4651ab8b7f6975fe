import Testing
@testable import Pairing

/// Constructed cases for each constraint, the chosen order and the
/// unpaired reasons.
@Suite struct ConstraintsTests {
    // MARK: Time windows and the chosen order

    /// a: A→B, b: B→A, 100 km each. b must be picked up within the first
    /// hour, which only works when b goes first.
    static let oneOrder = [
        PlaneShipment(id: "a", from: (0, 0), to: (100, 0), pickupEarliest: 0),
        PlaneShipment(id: "b", from: (100, 0), to: (0, 0), pickupLatest: 1),
    ]

    @Test func windowsThatAllowOnlyOneOrderChooseIt() throws {
        let problem = try PlaneScenario.problem(Self.oneOrder)
        let pair = try #require(problem.pair().pairs.first)
        #expect(pair.a == 0 && pair.b == 1)
        #expect(pair.first == 1, "only b first meets b's pickup latest")
        // Without windows both orders work, both reposition 0 m: a first.
        let free = try #require(problem.pair(options: PairingOptions(ignoreTimeWindows: true)).pairs.first)
        #expect(free.first == 0)
    }

    @Test func theReverseWindowsChooseTheOtherOrder() throws {
        var specs = Self.oneOrder
        specs[0] = PlaneShipment(id: "a", from: (0, 0), to: (100, 0), pickupLatest: 1)
        specs[1] = PlaneShipment(id: "b", from: (100, 0), to: (0, 0), pickupEarliest: 0)
        let pair = try #require(try PlaneScenario.problem(specs).pair().pairs.first)
        #expect(pair.first == 0)
    }

    @Test func windowsThatAllowNoOrderExcludeThePair() throws {
        var specs = Self.oneOrder
        // a also wants its pickup in the first hour: one of them must wait
        // for the other's round trip.
        specs[0].pickupLatest = 1
        specs[1].pickupEarliest = 0
        let problem = try PlaneScenario.problem(specs)
        let result = problem.pair()
        #expect(result.pairs.isEmpty)
        #expect(result.unpaired.map(\.reason) == [.timeWindow, .timeWindow])
        #expect(problem.pair(options: PairingOptions(ignoreTimeWindows: true)).pairs.count == 1)
    }

    /// a: 70 km (exactly one hour) out, b: back. Only a-first is possible;
    /// b's delivery deadline is met exactly with 45 minutes per stop:
    /// 45 + 60 + 45 (B) + 0 + 45 (C) + 60 = 4 h 15 min.
    @Test(arguments: [(45, true), (44, true), (46, false), (0, true)])
    func handlingTimeCountsAtEveryStop(minutes: Int, feasible: Bool) throws {
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (70, 0), pickupEarliest: 0, pickupLatest: 0.5),
            PlaneShipment(id: "b", from: (70, 0), to: (0, 0), pickupEarliest: 0, deliveryLatest: 4.25),
        ])
        let result = problem.pair(options: PairingOptions(handlingSeconds: minutes * 60))
        #expect(result.pairs.count == (feasible ? 1 : 0))
        if feasible { #expect(result.pairs.first?.first == 0) }
        if !feasible { #expect(result.unpaired.map(\.reason) == [.timeWindow, .timeWindow]) }
    }

    @Test func waitingForAPickupWindowIsAllowed() throws {
        // b opens 10 hours later; the truck waits at C.
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (100, 0), pickupEarliest: 0, pickupLatest: 0),
            PlaneShipment(id: "b", from: (100, 0), to: (0, 0), pickupEarliest: 10, pickupLatest: 10, deliveryLatest: 12.2),
        ])
        let pair = try #require(problem.pair().pairs.first)
        #expect(pair.first == 0)
    }

    // MARK: Body types and vehicles

    /// x (dry van) A→B; y (tanker) B→A, the best partner but incompatible;
    /// z (tautliner) a little worse than y.
    static let bodies = [
        PlaneShipment(id: "x", from: (0, 0), to: (100, 0), bodyType: .dryVan),
        PlaneShipment(id: "y", from: (100, 0), to: (0, 0), bodyType: .tanker),
        PlaneShipment(id: "z", from: (101, 3), to: (1, 3), bodyType: .tautliner),
    ]

    @Test func bodyTypesThatForbidTheBestPartner() throws {
        let problem = try PlaneScenario.problem(Self.bodies)
        let result = problem.pair()
        #expect(result.idPairs(problem) == [["x", "z"]])
        #expect(result.reason(of: "y", in: problem) == .bodyType)
        // Ignoring body types, x takes its best partner y; z's only partner
        // is then taken.
        let ignoring = problem.pair(options: PairingOptions(ignoreBodyType: true))
        #expect(ignoring.idPairs(problem) == [["x", "y"]])
        #expect(ignoring.reason(of: "z", in: problem) == .partnersTaken)
    }

    @Test(arguments: [
        (BodyType?.some(.reefer), BodyType?.some(.dryVan), true), (.reefer, .tautliner, true), (.reefer, .tipper, false),
        (.tanker, .tanker, true), (.flatbed, .container, false), (nil, .tanker, true), (nil, nil, true),
    ])
    func compatibilityTableDecidesPairs(a: BodyType?, b: BodyType?, pairs: Bool) throws {
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (50, 50), bodyType: a),
            PlaneShipment(id: "b", from: (50, 50), to: (0, 0), bodyType: b),
        ])
        #expect(problem.pair().pairs.count == (pairs ? 1 : 0))
    }

    @Test(arguments: [("artic-40t", "rigid-26t", false), ("artic-40t", "artic-40t", true), ("artic-64t", nil, true)])
    func vehiclesMustMatchWhenBothAreGiven(a: String, b: String?, pairs: Bool) throws {
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (50, 50), vehicle: a),
            PlaneShipment(id: "b", from: (50, 50), to: (0, 0), vehicle: b),
        ])
        let result = problem.pair()
        #expect(result.pairs.count == (pairs ? 1 : 0))
        if !pairs {
            #expect(result.unpaired.map(\.reason) == [.vehicle, .vehicle])
            #expect(problem.pair(options: PairingOptions(requireSameVehicle: false)).pairs.count == 1)
        }
    }

    // MARK: Deadhead

    /// a: A→B; b starts 10 km past B and returns to A. a first repositions
    /// 10 km, b first 0 km — but b first misses a's pickup latest.
    static let deadhead = [
        PlaneShipment(id: "a", from: (0, 0), to: (100, 0), pickupLatest: 1),
        PlaneShipment(id: "b", from: (110, 0), to: (0, 0), pickupEarliest: 0),
    ]

    @Test func maxDeadheadAppliesToTheRepositioningLegOfTheChosenOrder() throws {
        let problem = try PlaneScenario.problem(Self.deadhead)
        let within = try #require(problem.pair(options: PairingOptions(maxDeadheadMetres: 20_000)).pairs.first)
        #expect(within.first == 0 && within.repositionMetres == 10_000)
        let tooShort = problem.pair(options: PairingOptions(maxDeadheadMetres: 5_000))
        #expect(tooShort.pairs.isEmpty)
        #expect(tooShort.unpaired.map(\.reason) == [.maxDeadhead, .maxDeadhead])
        // Without windows, b first (0 m) fits the 5 km limit.
        let free = try #require(problem.pair(options: PairingOptions(ignoreTimeWindows: true, maxDeadheadMetres: 5_000)).pairs.first)
        #expect(free.first == 1 && free.repositionMetres == 0)
        // No limit, no windows: the shorter reposition wins.
        let plain = try #require(problem.pair(options: PairingOptions(ignoreTimeWindows: true)).pairs.first)
        #expect(plain.first == 1)
    }

    // MARK: Reasons

    @Test func theFirstFailingConstraintNamesTheReason() throws {
        // Incompatible bodies and impossible windows: body_type wins.
        var specs = Self.oneOrder
        specs[0].pickupLatest = 1
        specs[1].pickupEarliest = 0
        specs[0].bodyType = .tanker
        specs[1].bodyType = .reefer
        let problem = try PlaneScenario.problem(specs)
        #expect(problem.pair().unpaired.map(\.reason) == [.bodyType, .bodyType])
        #expect(problem.pair(options: PairingOptions(ignoreBodyType: true)).unpaired.map(\.reason) == [.timeWindow, .timeWindow])
    }

    @Test func partnersTakenWhenTheFeasiblePartnerWentElsewhere() throws {
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (100, 0)),
            PlaneShipment(id: "b", from: (100, 0), to: (0, 0)),
            PlaneShipment(id: "c", from: (100, 1), to: (0, 1)),
        ])
        let result = problem.pair()
        #expect(result.idPairs(problem) == [["a", "b"]])
        #expect(result.reason(of: "c", in: problem) == .partnersTaken)
    }

    @Test func unreachableShipments() throws {
        let specs = [
            PlaneShipment(id: "a", from: (0, 0), to: (100, 0)),
            PlaneShipment(id: "b", from: (100, 0), to: (0, 0)),
            PlaneShipment(id: "c", from: (100, 1), to: (0, 1)),
            PlaneShipment(id: "d", from: (100, 2), to: (0, 2)),
            PlaneShipment(id: "e", from: (100, 3), to: (0, 3)),
        ]
        // c: no loaded route. d: no own return. e: no route to or from anyone.
        var noRoute: Set<[Int]> = [[3, 3]]
        for j in 0..<5 where j != 4 {
            noRoute.insert([4, j])
            noRoute.insert([j, 4])
        }
        let problem = try PlaneScenario.problem(specs, noRoute: noRoute, noLoadedRoute: [2])
        let result = problem.pair()
        #expect(result.idPairs(problem) == [["a", "b"]])
        #expect(result.reason(of: "c", in: problem) == .unreachable)
        #expect(result.reason(of: "d", in: problem) == .unreachable)
        #expect(result.reason(of: "e", in: problem) == .unreachable)
        // The baseline counts the shipments that are not unreachable: a, b, e.
        #expect(result.emptyMetresBefore == 3 * 100_000)
        // A lone shipment has no partner: no saving, not unreachable.
        let alone = try PlaneScenario.problem([specs[0]]).pair()
        #expect(alone.unpaired.map(\.reason) == [.noSaving])
    }

    @Test func theResultDoesNotDependOnInputOrder() throws {
        var rng = SplitMix64(seed: 11)
        let specs = (0..<40).map { i in
            PlaneShipment(
                id: "s\(i)", from: (.random(in: 0..<100, using: &rng), .random(in: 0..<100, using: &rng)),
                to: (.random(in: 0..<100, using: &rng), .random(in: 0..<100, using: &rng)),
                bodyType: [nil, .dryVan, .tanker][i % 3], pickupEarliest: Double(i % 5), pickupLatest: Double(i % 5) + 6)
        }
        let problem = try PlaneScenario.problem(specs)
        let result = problem.pair()
        for seed in 0..<3 {
            var r = SplitMix64(seed: UInt64(seed))
            let shuffled = try PlaneScenario.problem(specs.shuffled(using: &r))
            let other = shuffled.pair()
            #expect(other.idPairs(shuffled) == result.idPairs(problem))
            let reasons = Dictionary(uniqueKeysWithValues: result.unpaired.map { (problem.shipments[$0.index].id, $0.reason) })
            let otherReasons = Dictionary(uniqueKeysWithValues: other.unpaired.map { (shuffled.shipments[$0.index].id, $0.reason) })
            #expect(reasons == otherReasons)
            #expect(other.unpaired.map { shuffled.shipments[$0.index].id } == result.unpaired.map { problem.shipments[$0.index].id })
        }
    }
}
