import Foundation
import Testing
@testable import Pairing

/// The certified pairing over legs on demand equals the dense exact optimum
/// (every pair evaluated), on generated batches with and without time
/// windows, body types, vehicles and a deadhead limit.
@Suite struct CertifiedPairingTests {
    /// A generated batch and options: geo shipments in clustered towns,
    /// random constraints.
    static func instance(seed: UInt64, count: Int) -> (GeoShipments, [Shipment], PairingOptions) {
        var rng = SplitMix64(seed: seed)
        let geo = GeoShipments(
            count: count, towns: Int.random(in: 1...40, using: &rng), spreadDegrees: .random(in: 0.3...4, using: &rng),
            using: &rng)
        let windows = seed % 3 != 0
        let bodies: [BodyType?] = [nil, nil, .dryVan, .tautliner, .reefer, .tanker, .tipper]
        let base: Int64 = 1_780_000_000
        let shipments = (0..<count).map { i -> Shipment in
            let o = geo.origins[i], d = geo.destinations[i]
            var s = Shipment(
                id: "S\(Int.random(in: 0..<100_000, using: &rng))-\(i)",
                origin: .coordinate(latitude: o.latitude, longitude: o.longitude),
                destination: .coordinate(latitude: d.latitude, longitude: d.longitude))
            if seed % 4 != 1 { s.bodyType = bodies.randomElement(using: &rng)! }
            if seed % 5 == 2 { s.vehicle = [nil, "artic-40t", "rigid-26t"].randomElement(using: &rng)! }
            if windows {
                let pe = base + Int64.random(in: 0..<(3 * 86_400), using: &rng)
                if Bool.random(using: &rng) { s.pickupEarliest = Timestamp(seconds: pe) }
                if Bool.random(using: &rng) { s.pickupLatest = Timestamp(seconds: pe + .random(in: 0..<40_000, using: &rng)) }
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    s.deliveryLatest = Timestamp(seconds: pe + .random(in: 10_000..<200_000, using: &rng))
                }
            }
            return s
        }
        let options = PairingOptions(
            ignoreBodyType: seed % 7 == 3, ignoreTimeWindows: !windows,
            handlingSeconds: [0, 1800, 2700][Int(seed % 3)],
            maxDeadheadMetres: seed % 4 == 0 ? Int.random(in: 5_000...80_000, using: &rng) : nil,
            candidatesPerShipment: [1, 2, 4, nil][Int(seed % 4)])
        return (geo, shipments, options)
    }

    /// The dense exact optimum of an instance (every pair evaluated) and
    /// the spatial problem of the same shipments.
    static func problems(
        _ geo: GeoShipments, _ shipments: [Shipment], _ options: PairingOptions
    ) throws -> (reference: PairingResult, spatial: SpatialPairingProblem) {
        let count = shipments.count
        let loaded = (0..<count).map { Optional(geo.loaded($0)) }
        let dense = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: geo.denseTable())
        var denseOptions = options
        denseOptions.candidatesPerShipment = nil
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) },
            space: geo.space, legs: geo.source)
        return (dense.pair(options: denseOptions), spatial)
    }

    static func compare(seed: UInt64, count: Int) throws {
        let (geo, shipments, options) = instance(seed: seed, count: count)
        let (reference, spatial) = try problems(geo, shipments, options)
        let result = try spatial.pair(options: options)
        #expect(result.optimality == .certified, "seed \(seed)")
        #expect(result.savedMetres == reference.savedMetres, "seed \(seed) n \(count)")
        #expect(result.emptyMetresBefore == reference.emptyMetresBefore)
        #expect(result.loadedMetres == reference.loadedMetres)
        // Every shipment exactly once.
        var seen = [Int](repeating: 0, count: count)
        for p in result.pairs { seen[p.a] += 1; seen[p.b] += 1 }
        for u in result.unpaired { seen[u.index] += 1 }
        #expect(seen.allSatisfy { $0 == 1 }, "seed \(seed)")
        // A shipment's reason depends only on its partners, not on which of
        // several optimal matchings was found.
        let referenceReasons = Dictionary(uniqueKeysWithValues: reference.unpaired.map { ($0.index, $0.reason) })
        for u in result.unpaired {
            if let r = referenceReasons[u.index] { #expect(u.reason == r, "seed \(seed) shipment \(u.index)") }
        }
        // Pairs are feasible with the figures the dense table gives.
        for p in result.pairs {
            #expect(p.savingMetres == p.emptyMetresBefore - p.emptyMetresAfter && p.savingMetres > 0)
        }
        let stats = try #require(result.statistics)
        #expect(stats.pairsEvaluated + stats.pairsRuledOutByBound == stats.usableShipments * (stats.usableShipments - 1) / 2)
    }

    @Test(arguments: 0..<240)
    func equalsDenseOptimumOnSmallBatches(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 977)
        try Self.compare(seed: UInt64(seed), count: Int.random(in: 0...160, using: &rng))
    }

    @Test(arguments: [(1_001, 700), (1_002, 1_500), (1_003, 2_500), (1_004, 3_000)])
    func equalsDenseOptimumOnLargerBatches(seed: Int, count: Int) throws {
        try Self.compare(seed: UInt64(seed), count: count)
    }

    /// Four shipments whose savings are AB 20, AC 18, BD 18, CD 17 (the
    /// other pairs 0): keeping each shipment's single best partner by saving
    /// keeps {AB, AC, BD}, whose best matching saves 36; the optimum AB + CD
    /// saves 37. The certified pairing starts from one candidate each — by
    /// bound, owned by the end with the longer return (C 103, A 102, D 101,
    /// B 100 m): {CA, AD, DB}, best 36 — and its pricing finds the missing
    /// pairs.
    @Test func pricingFindsThePairNaivePruningLoses() throws {
        // All ends at one place: the bound rules nothing out.
        let here = GeoPoint(latitude: 57, longitude: 15)
        let names = ["A", "B", "C", "D"]
        let own = [102, 100, 103, 101]
        // Cross legs: saving(i, j) = own[i] + own[j] − leg(i, j) − leg(j, i).
        let cross: [String: Int] = [
            "AB": 91, "BA": 91, "AC": 93, "CA": 94, "BD": 91, "DB": 92, "CD": 93, "DC": 94,
            "AD": 101, "DA": 102, "BC": 101, "CB": 102,
        ]
        let leg: @Sendable (Int, Int) -> Leg? = { i, j in
            if i == j { return Leg(metres: own[i], seconds: own[i]) }
            let key: String = names[i] + names[j]
            let m: Int = cross[key]!
            return Leg(metres: m, seconds: m)
        }
        let shipments = names.map {
            Shipment(id: $0, origin: .coordinate(latitude: 57, longitude: 15), destination: .coordinate(latitude: 57, longitude: 15))
        }
        let loaded = [Leg?](repeating: Leg(metres: 1000, seconds: 60), count: 4)
        let table = try EmptyLegTable(count: 4) { leg($0, $1) }
        let options = PairingOptions(ignoreTimeWindows: true)
        // The dense optimum, and naive pruning by saving.
        let dense = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: table)
        #expect(dense.pair(options: options).savedMetres == 37)
        var naive = options
        naive.candidatesPerShipment = 1
        #expect(dense.pair(options: naive).savedMetres == 36)
        // The certified pairing from one candidate each.
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<4).map { leg($0, $0) },
            space: ShipmentSpace(origins: Array(repeating: here, count: 4), destinations: Array(repeating: here, count: 4),
                                 bound: .crowfly(circuity: 1.3)),
            legs: TableLegSource(leg))
        let result = try spatial.pair(options: naive)
        #expect(result.savedMetres == 37)
        #expect(result.optimality == .certified)
        let stats = try #require(result.statistics)
        #expect(stats.initialCandidatePairs == 3)
        #expect(stats.violations >= 1 && stats.pricingRounds >= 2)
        #expect(Set(result.pairs.map { [names[$0.a], names[$0.b]] }) == [["A", "B"], ["C", "D"]])
    }

    /// A pricing budget of one round leaves the violation unrepaired: the
    /// result says `bounded`, with an upper bound at or above the optimum.
    @Test func budgetGivesAProvenBound() throws {
        var rng = SplitMix64(seed: 31)
        let geo = GeoShipments(count: 600, towns: 8, using: &rng)
        let shipments = (0..<geo.count).map {
            Shipment(id: "s\($0)", origin: .coordinate(latitude: geo.origins[$0].latitude, longitude: geo.origins[$0].longitude),
                     destination: .coordinate(latitude: geo.destinations[$0].latitude, longitude: geo.destinations[$0].longitude))
        }
        let loaded = (0..<geo.count).map { Optional(geo.loaded($0)) }
        let optimum = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: geo.denseTable())
            .pair(options: PairingOptions(ignoreTimeWindows: true)).savedMetres
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<geo.count).map { Optional(geo.empty($0, $0)) },
            space: geo.space, legs: geo.source)
        let result = try spatial.pair(options: PairingOptions(
            ignoreTimeWindows: true, candidatesPerShipment: 1, pricingBudget: PricingBudget(maximumRounds: 1)))
        guard case .bounded(let bound) = result.optimality else {
            Issue.record("expected a bounded result, got \(result.optimality)")
            return
        }
        #expect(result.savedMetres <= optimum && optimum <= bound)
        #expect(result.statistics?.stoppedBy != nil)
    }

    /// The first candidates are spread: each shipment owns at most `k` of
    /// them and is the other end of at most `k`, also on batches where a
    /// few towns make every lane repeat (each shipment's plain `k` best
    /// then pile onto the same partners); and they are not starved (at
    /// least a pair per four shipments).
    @Test(arguments: 0..<8)
    func firstCandidatesAreSpread(seed: UInt64) throws {
        var rng = SplitMix64(seed: 3_000 + seed)
        let count = 400 + 100 * Int(seed)
        let geo = GeoShipments(count: count, towns: 2 + Int(seed % 3), spreadDegrees: 1.5, using: &rng)
        let shipments = (0..<count).map {
            Shipment(id: "s\($0)", origin: .coordinate(latitude: geo.origins[$0].latitude, longitude: geo.origins[$0].longitude),
                     destination: .coordinate(latitude: geo.destinations[$0].latitude, longitude: geo.destinations[$0].longitude))
        }
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: (0..<count).map { Optional(geo.loaded($0)) },
            ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) }, space: geo.space, legs: geo.source)
        let k = 1 + Int(seed % 4)
        let run = CertifiedPairingRun(problem: spatial, options: PairingOptions(ignoreTimeWindows: true), progress: nil)
        let pairs = run.initialCandidates(k)
        var owned = [Int](repeating: 0, count: count), chosen = [Int](repeating: 0, count: count)
        for (a, b) in pairs {
            let r = run.ownReturn
            let aOwns = r[a] > r[b] || (r[a] == r[b] && a < b)
            owned[aOwns ? a : b] += 1
            chosen[aOwns ? b : a] += 1
        }
        #expect(owned.max()! <= k, "seed \(seed)")
        #expect(chosen.max()! <= k, "seed \(seed)")
        #expect(pairs.count >= count / 4, "seed \(seed): \(pairs.count) pairs")
    }

    /// A re-solve that runs out of time gives up and the run keeps the
    /// optimum of the graph before it: a valid matching, `bounded`, with
    /// the bound from the pass that found the new pairs at or above the
    /// exact optimum. (The deadline is set in the past directly, so that
    /// the budget check between passes does not stop the run first.)
    @Test(arguments: 0..<6)
    func reSolvePastTheDeadlineKeepsTheLastOptimum(seed: UInt64) throws {
        let count = 300 + 60 * Int(seed)
        let (geo, shipments, options) = Self.instance(seed: 2_000 + seed, count: count)
        let loaded = (0..<count).map { Optional(geo.loaded($0)) }
        var denseOptions = options
        denseOptions.candidatesPerShipment = nil
        let optimum = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: geo.denseTable())
            .pair(options: denseOptions).savedMetres
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) },
            space: geo.space, legs: geo.source)
        var sparse = options
        sparse.candidatesPerShipment = 1
        var run = CertifiedPairingRun(problem: spatial, options: sparse, progress: nil)
        run.deadline = 0
        let result = try run.execute()
        switch result.optimality {
        case .bounded(let bound):
            #expect(result.savedMetres <= optimum && optimum <= bound, "seed \(seed)")
            #expect(result.statistics?.stoppedBy?.contains("re-solve") == true, "seed \(seed)")
        case .certified:
            // Only when the first graph already held the optimum.
            #expect(result.savedMetres == optimum, "seed \(seed)")
            #expect(run.statistics.violations == 0, "seed \(seed)")
        default:
            Issue.record("unexpected \(result.optimality)")
        }
        let ids = result.pairs.flatMap { [$0.a, $0.b] }
        #expect(Set(ids).count == ids.count, "a shipment in two pairs")
    }

    /// The dual-free bound used when the pricing stops early (half of each
    /// shipment's best saving bound) is at or above the exact optimum on
    /// generated batches with every constraint, and below the trivial one
    /// (every empty return saved).
    @Test(arguments: 0..<24)
    func halfBestSavingsBoundTheOptimum(seed: UInt64) throws {
        let count = 40 + Int(seed) * 15
        let (geo, shipments, options) = Self.instance(seed: 1_000 + seed, count: count)
        let loaded = (0..<count).map { Optional(geo.loaded($0)) }
        var denseOptions = options
        denseOptions.candidatesPerShipment = nil
        let optimum = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: geo.denseTable())
            .pair(options: denseOptions)
        let spatial = try SpatialPairingProblem(
            shipments: shipments, loadedLegs: loaded, ownReturns: (0..<count).map { Optional(geo.empty($0, $0)) },
            space: geo.space, legs: geo.source)
        let bound = CertifiedPairingRun(problem: spatial, options: options, progress: nil).halfBestSavings()
        #expect(Double(optimum.savedMetres) <= bound, "seed \(seed)")
        #expect(bound <= Double(optimum.emptyMetresBefore), "seed \(seed)")
    }
}

/// Landmark bounds (``LandmarkBounds``) on a city-block metric, where the
/// great-circle bound is weak and the landmarks' is often exact: the
/// certified pairing finds the same optimum as the dense one, with and
/// without them, and with them evaluates fewer pairs.
@Suite struct CertifiedPairingLandmarkTests {
    /// Shipments around 57° N, 15° E whose legs are city-block distances
    /// (|Δx| + |Δy| in metres on a local projection, at 20 m/s), with four
    /// landmarks at the corners of the area.
    struct CityBlock {
        let x: [(Double, Double)]  // origin i at 2i, destination i at 2i + 1
        let points: [GeoPoint]
        let corners: [(Double, Double)]
        static let metresPerDegree = 111_195.0

        init(count: Int, using rng: inout SplitMix64) {
            var x: [(Double, Double)] = [], points: [GeoPoint] = []
            let cosLat = cos(57 * Double.pi / 180)
            for _ in 0..<(2 * count) {
                let p = (Double.random(in: 0...30_000, using: &rng), Double.random(in: 0...30_000, using: &rng))
                x.append(p)
                points.append(GeoPoint(latitude: 57 + p.1 / Self.metresPerDegree, longitude: 15 + p.0 / (Self.metresPerDegree * cosLat)))
            }
            self.x = x
            self.points = points
            corners = [(0, 0), (30_000, 0), (0, 30_000), (30_000, 30_000)]
        }

        static func l1(_ a: (Double, Double), _ b: (Double, Double)) -> Double { abs(a.0 - b.0) + abs(a.1 - b.1) }
        func leg(_ a: Int, _ b: Int) -> Leg {
            let d = Self.l1(x[a], x[b])
            return Leg(metres: Int(d.rounded()), seconds: Int((d / 20).rounded()))
        }
        func empty(_ i: Int, _ j: Int) -> Leg { leg(2 * i + 1, 2 * j) }

        /// Distances to and from the corners in tenths, rounded so that
        /// every bound stays below the exact leg (added values down,
        /// subtracted ones up).
        func landmarks(count n: Int) throws -> LandmarkBounds {
            func tenths(_ end: Int, _ perMetre: Double, up: Bool) -> [Int32] {
                corners.map { c in
                    let t = Self.l1(x[end], c) * perMetre * 10
                    return Int32(up ? t.rounded(.up) : t.rounded(.down))
                }
            }
            func measure(_ perMetre: Double) -> LandmarkBounds.Tenths {
                LandmarkBounds.Tenths(
                    destinationFrom: (0..<n).flatMap { tenths(2 * $0 + 1, perMetre, up: true) },
                    destinationTo: (0..<n).flatMap { tenths(2 * $0 + 1, perMetre, up: false) },
                    originFrom: (0..<n).flatMap { tenths(2 * $0, perMetre, up: false) },
                    originTo: (0..<n).flatMap { tenths(2 * $0, perMetre, up: true) })
            }
            return try LandmarkBounds(
                landmarkCount: corners.count, count: n, lengths: measure(1), durations: measure(1.0 / 20),
                destinationSegments: [UInt32](repeating: .max, count: 2 * n), originSegments: [UInt32](repeating: .max, count: 2 * n))
        }
    }

    @Test(arguments: [(5, 300, true), (6, 400, false)])
    func landmarksKeepTheOptimumAndEvaluateLess(seed: UInt64, count: Int, windows: Bool) throws {
        var rng = SplitMix64(seed: seed)
        let city = CityBlock(count: count, using: &rng)
        let base: Int64 = 1_780_000_000
        let shipments = (0..<count).map { i -> Shipment in
            var s = Shipment(
                id: "L\(i)", origin: .coordinate(latitude: city.points[2 * i].latitude, longitude: city.points[2 * i].longitude),
                destination: .coordinate(latitude: city.points[2 * i + 1].latitude, longitude: city.points[2 * i + 1].longitude))
            if windows {
                let pe = base + Int64.random(in: 0..<(8 * 3600), using: &rng)
                s.pickupEarliest = Timestamp(seconds: pe)
                s.pickupLatest = Timestamp(seconds: pe + 3600)
            }
            return s
        }
        let loaded = (0..<count).map { Optional(city.leg(2 * $0, 2 * $0 + 1)) }
        let own = (0..<count).map { Optional(city.empty($0, $0)) }
        let options = PairingOptions(ignoreTimeWindows: !windows, handlingSeconds: 600)
        let reference = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: EmptyLegTable(count: count) { city.empty($0, $1) })
            .pair(options: options)
        // The great-circle bound of a city-block metric: a leg is never
        // shorter than the straight line (less a metre of projection and
        // rounding), nor faster than 20 m/s.
        let bound = LegLowerBound(factor: 0.999, slackMetres: 2, secondsPerMetre: 1.0 / 20, slackSeconds: 1)
        let space = ShipmentSpace(
            origins: (0..<count).map { city.points[2 * $0] }, destinations: (0..<count).map { city.points[2 * $0 + 1] }, bound: bound)
        let source = TableLegSource { city.empty($0, $1) }
        var evaluated: [Int] = []
        for landmarks in [nil, try city.landmarks(count: count)] {
            let problem = try SpatialPairingProblem(
                shipments: shipments, loadedLegs: loaded, ownReturns: own, space: space, legs: source, landmarks: landmarks)
            let result = try problem.pair(options: options)
            #expect(result.optimality == .certified)
            #expect(result.savedMetres == reference.savedMetres, "landmarks: \(landmarks != nil)")
            evaluated.append(try #require(result.statistics).pairsEvaluated)
        }
        #expect(evaluated[1] < evaluated[0], "evaluated without and with landmarks: \(evaluated)")
    }
}
