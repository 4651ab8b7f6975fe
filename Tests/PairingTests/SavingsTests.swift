import Testing
@testable import Pairing

/// Savings from the empty legs, dense and sparse tables, the k-best filter.
@Suite struct SavingsTests {
    @Test func perfectReversePairSavesBothReturns() throws {
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (120, 50)),
            PlaneShipment(id: "b", from: (120, 50), to: (0, 0)),
        ])
        let result = problem.pair()
        let pair = try #require(result.pairs.first)
        #expect(result.pairs.count == 1 && result.unpaired.isEmpty)
        #expect(pair.emptyMetresAfter == 0)
        #expect(pair.savingMetres == 2 * 130_000)
        #expect(pair.savingMetres == pair.emptyMetresBefore)
        #expect(pair.repositionMetres == 0)
        #expect(result.emptyMetresBefore == 260_000 && result.emptyMetresAfter == 0 && result.savedMetres == 260_000)
        #expect(result.loadedMetres == 260_000)
    }

    @Test func savingFollowsTheFormula() throws {
        // a: A→B, b: C→D with C near B and D near A.
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (100, 0)),
            PlaneShipment(id: "b", from: (103, 4), to: (0, 3)),
        ])
        let pair = try #require(problem.pair().pairs.first)
        let t = problem.emptyLegs
        let expected = t[from: 0, to: 0]!.metres + t[from: 1, to: 1]!.metres - t[from: 0, to: 1]!.metres - t[from: 1, to: 0]!.metres
        #expect(pair.savingMetres == expected)
        #expect(pair.emptyMetresBefore == 100_000 + 103_005)  // √(103² + 1²) km
        #expect(pair.emptyMetresAfter == 5_000 + 3_000)
        // a first repositions 5 km (B→C), b first 3 km (D→A): b goes first.
        #expect(pair.first == 1 && pair.repositionMetres == 3_000)
    }

    /// Four shipments on a path of savings: a–b 60 km, b–c 70 km, c–d
    /// 60 km, nothing else. Best saving first takes b–c and strands a and
    /// d; the optimum takes a–b and c–d.
    @Test func greedyStrategyIsWorseThanOptimalOnAPath() throws {
        // Own returns 100 km; the cross legs set the savings (200 − ab − ba).
        func cross(_ i: Int, _ j: Int) -> Int {
            switch Set([i, j]) {
            case [0, 1], [2, 3]: return 70_000  // saving 60 km
            case [1, 2]: return 65_000  // saving 70 km
            default: return 150_000  // saving −100 km
            }
        }
        let table = try EmptyLegTable(count: 4) { i, j in
            let m = i == j ? 100_000 : cross(i, j)
            return Leg(metres: m, seconds: m / 20)
        }
        let shipments = ["a", "b", "c", "d"].map { Shipment(id: $0, origin: .node(0), destination: .node(1)) }
        let problem = try PairingProblem(
            shipments: shipments, loadedLegs: .init(repeating: Leg(metres: 100_000, seconds: 5_000), count: 4), emptyLegs: table)
        let optimal = problem.pair()
        #expect(optimal.idPairs(problem) == [["a", "b"], ["c", "d"]] && optimal.savedMetres == 120_000)
        let greedy = problem.pair(options: PairingOptions(strategy: .greedy))
        #expect(greedy.idPairs(problem) == [["b", "c"]] && greedy.savedMetres == 70_000)
        #expect(greedy.reason(of: "a", in: problem) == .partnersTaken && greedy.reason(of: "d", in: problem) == .partnersTaken)
        let cubic = problem.pair(options: PairingOptions(strategy: .cubicBlossom))
        #expect(cubic == optimal)
    }

    @Test func noPairWithoutASaving() throws {
        // Both go east: the cross legs are longer than the own returns.
        let problem = try PlaneScenario.problem([
            PlaneShipment(id: "a", from: (0, 0), to: (100, 0)),
            PlaneShipment(id: "b", from: (0, 10), to: (100, 10)),
        ])
        let result = problem.pair()
        #expect(result.pairs.isEmpty)
        #expect(result.unpaired.map(\.reason) == [.noSaving, .noSaving])
        #expect(result.savedMetres == 0)
    }

    @Test func aSparseTableWithEveryEntryEqualsTheDenseOne() throws {
        var rng = SplitMix64(seed: 42)
        let s = RandomShipments(count: 60, using: &rng)
        let shipments = (0..<s.count).map { Shipment(id: "s\($0)", origin: .node(Int64($0)), destination: .node(Int64($0 + 100))) }
        let loaded = (0..<s.count).map { Leg(metres: s.loaded($0), seconds: s.loaded($0) / 20) }
        let dense = try EmptyLegTable(count: s.count) { Leg(metres: s.empty($0, $1), seconds: s.empty($0, $1) / 20) }
        let rows = (0..<s.count).map { i in (0..<s.count).reversed().map { j in (to: j, leg: Optional(Leg(metres: s.empty(i, j), seconds: s.empty(i, j) / 20))) } }
        let sparse = try EmptyLegTable(count: s.count, rows: rows)
        #expect(dense.isDense && !sparse.isDense)
        let a = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: dense).pair()
        let b = try PairingProblem(shipments: shipments, loadedLegs: loaded, emptyLegs: sparse).pair()
        #expect(a == b)
        #expect(a.pairs.count > 10)
    }

    @Test func aPairNeedsBothCrossLegsComputed() throws {
        let specs = [
            PlaneShipment(id: "a", from: (0, 0), to: (100, 0)),
            PlaneShipment(id: "b", from: (100, 0), to: (0, 0)),
            PlaneShipment(id: "c", from: (100, 1), to: (0, 1)),
        ]
        func leg(_ i: Int, _ j: Int) -> (to: Int, leg: Leg?) { (j, PlaneScenario.leg(specs[i].to, specs[j].from)) }
        // a→b is computed but b→a is not; a and c have both.
        let rows: [[(to: Int, leg: Leg?)]] = [[leg(0, 0), leg(0, 1), leg(0, 2)], [leg(1, 1)], [leg(2, 2), leg(2, 0)]]
        let problem = try PairingProblem(
            shipments: PlaneScenario.shipments(specs), loadedLegs: specs.map { PlaneScenario.leg($0.from, $0.to) },
            emptyLegs: EmptyLegTable(count: 3, rows: rows))
        let result = problem.pair()
        #expect(result.idPairs(problem) == [["a", "c"]])
        #expect(result.reason(of: "b", in: problem) == .noSaving)
        #expect(problem.emptyLegs.isComputed(from: 0, to: 1) && !problem.emptyLegs.isComputed(from: 1, to: 0))
        #expect(problem.emptyLegs[from: 1, to: 0] == nil)
    }

    @Test func badTablesAreRejected() {
        let leg = Leg(metres: 1, seconds: 1)
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: 2, rows: [[(0, leg)], [(0, leg)]]) }
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: 1, rows: [[(0, leg), (0, leg)]]) }
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: 1, rows: [[(0, leg), (3, leg)]]) }
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: 2, rows: [[(0, leg)]]) }
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: 1, rows: [[(0, Leg(metres: -5, seconds: 1))]]) }
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: 1) { _, _ in Leg(metres: 1, seconds: Int(Int32.max) + 1) } }
        #expect(throws: PairingInputError.self) { try EmptyLegTable(count: -1) { _, _ in leg } }
        #expect(throws: PairingInputError.self) {
            try PairingProblem(shipments: [], loadedLegs: [leg], emptyLegs: EmptyLegTable(count: 0) { _, _ in leg })
        }
    }

    @Test func keepBestKeepsTheUnionOfTopLists() {
        // A star: centre 0 with spokes of weight 1...5; leaves also linked.
        let edges: [MatchingGraph.Edge] = [
            .init(0, 1, weight: 1), .init(0, 2, weight: 2), .init(0, 3, weight: 3), .init(0, 4, weight: 4),
            .init(0, 5, weight: 5), .init(1, 2, weight: 1), .init(2, 3, weight: 1),
        ]
        let kept = PairCandidates.keepBest(2, vertexCount: 6, of: edges)
        // 0 keeps 5 and 4; 1 keeps (0,1) and (1,2) (tie by the other end);
        // 2 keeps (0,2) and (1,2); 3 keeps (0,3) and (2,3); 4 and 5 their only edge.
        #expect(Set(kept.map { [$0.u, $0.v] }) == [[0, 5], [0, 4], [0, 1], [1, 2], [0, 2], [0, 3], [2, 3]])
        let kept1 = PairCandidates.keepBest(1, vertexCount: 6, of: edges)
        #expect(Set(kept1.map { [$0.u, $0.v] }) == [[0, 5], [0, 4], [0, 1], [0, 2], [0, 3]])
        #expect(PairCandidates.keepBest(0, vertexCount: 6, of: edges).isEmpty)
    }

    @Test func candidatesPerShipmentLimitsTheGraph() throws {
        var rng = SplitMix64(seed: 7)
        let s = RandomShipments(count: 120, using: &rng)
        let shipments = (0..<s.count).map { Shipment(id: "s\($0)", origin: .node(Int64($0)), destination: .node(Int64($0 + 1000))) }
        let problem = try PairingProblem(
            shipments: shipments, loadedLegs: (0..<s.count).map { Leg(metres: s.loaded($0), seconds: 0) },
            emptyLegs: EmptyLegTable(count: s.count) { Leg(metres: s.empty($0, $1), seconds: 0) })
        let all = problem.pair()
        let few = problem.pair(options: PairingOptions(candidatesPerShipment: 5))
        #expect(few.candidatePairs <= 5 * s.count && few.candidatePairs < all.candidatePairs)
        #expect(few.savedMetres <= all.savedMetres)
        // With k = 5 the loss on random instances is small.
        #expect(Double(few.savedMetres) >= 0.95 * Double(all.savedMetres))
    }
}
