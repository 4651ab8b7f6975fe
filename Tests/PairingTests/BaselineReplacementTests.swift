import Foundation
import Testing
@testable import Pairing

/// Observed empty runs matched to the empty returns the pairs remove
/// (``EmptyRunReplacement``): the rule by hand, the assignment against
/// brute force, and the spreading of identical runs over identical returns.
@Suite struct BaselineReplacementTests {
    // Town centres (GeoNames): Växjö, Kalmar, and two far-away cities.
    static let växjö = GeoPoint(latitude: 56.87767, longitude: 14.80906)
    static let kalmar = GeoPoint(latitude: 56.66157, longitude: 16.36163)
    static let stockholm = GeoPoint(latitude: 59.32938, longitude: 18.06871)
    static let göteborg = GeoPoint(latitude: 57.70716, longitude: 11.96679)
    /// 2026-11-26T00:00 on the batch's scale.
    static let day: Int64 = 1_795_651_200
    static func at(_ hours: Double) -> Int64 { day + Int64(hours * 3600) }

    /// A point `metres` due north of `p`.
    static func north(of p: GeoPoint, metres: Double) -> GeoPoint {
        GeoPoint(latitude: p.latitude + metres / GeoPoint.earthRadiusMetres * 180 / .pi, longitude: p.longitude)
    }

    /// The pair DEMO-01 (Växjö → Kalmar, loaded 07:00, 2 h driving) and
    /// DEMO-02 (Kalmar → Växjö, loaded 12:00) removes two returns:
    ///
    /// - 01's truck would return Kalmar → Växjö, empty from 07:00 + 45 min
    ///   + 2 h + 45 min = 10:30 (its pickup window closes at 09:00, so at
    ///   the latest from 12:30);
    /// - 02's truck would return Växjö → Kalmar, empty from 15:30 (window
    ///   12:00–14:00, so until 17:30).
    ///
    /// Observed runs, 25 km radius and 12 h wait:
    ///
    /// - R1 Kalmar → Växjö leaving 11:00–13:00: 01's return (its truck is
    ///   empty at Kalmar then) — replaced, 140 km;
    /// - R2 Växjö → Kalmar leaving 16:00: 02's return — replaced, 140 km;
    /// - R3 Kalmar → Växjö leaving 06:00–08:00: before 01's truck can be
    ///   empty there (10:30 at the earliest) — not replaced;
    /// - R4 Stockholm → Göteborg: nowhere near — not replaced;
    /// - R5 starts 20 km north of Kalmar, ends at Växjö, leaves 12:00,
    ///   150 km: within the radius and while 01's truck is empty, so R1 and
    ///   R5 compete for 01's return; a return takes one run, and the
    ///   matching keeps the longer, R5;
    /// - R6 Kalmar → 30 km north of Växjö, 12:00: its end is outside the
    ///   radius — not replaced.
    ///
    /// So R5 (150 km) replaces 01's return and R2 (140 km) 02's: 2 runs,
    /// 290 km.
    @Test func handMadePairAndRuns() {
        let returns = [
            EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: Self.at(10.5), emptyUntil: Self.at(12.5)),
            EmptyRunReplacement.Return(start: Self.växjö, end: Self.kalmar, emptyFrom: Self.at(15.5), emptyUntil: Self.at(17.5)),
        ]
        let runs = [
            EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: Self.at(11), departLatest: Self.at(13), metres: 140_000),
            EmptyRunReplacement.Run(start: Self.växjö, end: Self.kalmar, departEarliest: Self.at(16), departLatest: Self.at(16), metres: 140_000),
            EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: Self.at(6), departLatest: Self.at(8), metres: 140_000),
            EmptyRunReplacement.Run(start: Self.stockholm, end: Self.göteborg, departEarliest: nil, departLatest: nil, metres: 470_000),
            EmptyRunReplacement.Run(
                start: Self.north(of: Self.kalmar, metres: 20_000), end: Self.växjö, departEarliest: Self.at(12), departLatest: Self.at(12),
                metres: 150_000),
            EmptyRunReplacement.Run(
                start: Self.kalmar, end: Self.north(of: Self.växjö, metres: 30_000), departEarliest: Self.at(12), departLatest: Self.at(12),
                metres: 160_000),
        ]
        let r = EmptyRunReplacement(runs: runs, returns: returns)
        #expect(r.replaced == [nil, 1, nil, nil, 0, nil])
        #expect(r.runsReplaced == 2 && r.replacedMetres == 290_000)
        // R1 and R5 are both candidates for return 0, R2 for return 1.
        #expect(r.candidatePairs == 3)
    }

    /// The return's empty window follows the timing model: loaded at
    /// pickup earliest (07:00), 45 min handling, 2 h loaded, 45 min
    /// unloading → 10:30; the latest from pickup latest (09:00) → 12:30,
    /// or from delivery latest (11:00) + 45 min = 11:45 when earlier.
    @Test func returnWindowFromTheTimingModel() {
        var s = Shipment(
            id: "DEMO-01", origin: .coordinate(latitude: 56.87767, longitude: 14.80906),
            destination: .coordinate(latitude: 56.66157, longitude: 16.36163),
            pickupEarliest: Timestamp(seconds: Self.at(7)), pickupLatest: Timestamp(seconds: Self.at(9)))
        var ret = EmptyRunReplacement.Return(s, loadedSeconds: 7200, handlingSeconds: 2700, start: Self.kalmar, end: Self.växjö)
        #expect(ret.emptyFrom == Self.at(10.5) && ret.emptyUntil == Self.at(12.5))
        s.deliveryLatest = Timestamp(seconds: Self.at(11))
        ret = EmptyRunReplacement.Return(s, loadedSeconds: 7200, handlingSeconds: 2700, start: Self.kalmar, end: Self.växjö)
        #expect(ret.emptyUntil == Self.at(11.75))
        s.pickupEarliest = nil
        s.pickupLatest = nil
        s.deliveryLatest = nil
        ret = EmptyRunReplacement.Return(s, loadedSeconds: 7200, handlingSeconds: 2700, start: Self.kalmar, end: Self.växjö)
        #expect(ret.emptyFrom == nil && ret.emptyUntil == nil)
        // A run with only a delivery deadline departs by it.
        var e = s
        e.loadStatus = .empty
        e.deliveryLatest = Timestamp(seconds: Self.at(20))
        let run = EmptyRunReplacement.Run(e, start: Self.växjö, end: Self.kalmar, metres: 140_000)
        #expect(run.departEarliest == nil && run.departLatest == Self.at(20))
    }

    /// The wait: a run leaving 11 h after the truck is empty is replaced
    /// with the default 12 h, not with 10 h.
    @Test func waitLimit() {
        let ret = [EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: Self.at(8), emptyUntil: Self.at(9))]
        let run = [EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: Self.at(20), departLatest: Self.at(20), metres: 140_000)]
        #expect(EmptyRunReplacement(runs: run, returns: ret).runsReplaced == 1)
        #expect(EmptyRunReplacement(runs: run, returns: ret, rule: .init(waitSeconds: 10 * 3600)).runsReplaced == 0)
    }

    /// The radius is a great-circle distance at each end: 24.9 km is in,
    /// 25.1 km is out.
    @Test func radiusBoundary() {
        let ret = [EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: nil, emptyUntil: nil)]
        for (metres, inside) in [(24_900.0, true), (25_100.0, false)] {
            let start = Self.north(of: Self.kalmar, metres: metres)
            #expect(abs(start.distance(to: Self.kalmar) - metres) < 1)
            let runs = [EmptyRunReplacement.Run(start: start, end: Self.växjö, departEarliest: nil, departLatest: nil, metres: 150_000)]
            #expect(EmptyRunReplacement(runs: runs, returns: ret).runsReplaced == (inside ? 1 : 0), "\(metres) m")
            let ends = [EmptyRunReplacement.Run(start: Self.kalmar, end: Self.north(of: Self.växjö, metres: metres), departEarliest: nil, departLatest: nil, metres: 150_000)]
            #expect(EmptyRunReplacement(runs: ends, returns: ret).runsReplaced == (inside ? 1 : 0), "\(metres) m at the end")
        }
    }

    /// Maximum weight, not nearest first: X (100 km) fits returns 0 and 1,
    /// Y (150 km) only return 0 (it leaves too early for 1). Nearest-first
    /// would give X return 0 (X is closer to it) and leave Y out: 100 km;
    /// the matching gives Y → 0 and X → 1: 250 km.
    @Test func maximumWeightAssignment() {
        let returns = [
            EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: Self.at(8), emptyUntil: Self.at(9)),
            EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: Self.at(20), emptyUntil: Self.at(21)),
        ]
        let runs = [
            EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: Self.at(8), departLatest: Self.at(22), metres: 100_000),
            EmptyRunReplacement.Run(
                start: Self.north(of: Self.kalmar, metres: 10_000), end: Self.växjö, departEarliest: Self.at(8), departLatest: Self.at(9),
                metres: 150_000),
        ]
        let r = EmptyRunReplacement(runs: runs, returns: returns, rule: .init(waitSeconds: 0))
        #expect(r.replaced == [1, 0])
        #expect(r.replacedMetres == 250_000)
    }

    /// Runs without a route, of zero length or without coordinates are
    /// never matched; no runs or no returns match nothing.
    @Test func unusableRuns() {
        let ret = [EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: nil, emptyUntil: nil)]
        let runs = [
            EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: nil, departLatest: nil, metres: nil),
            EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: nil, departLatest: nil, metres: 0),
            EmptyRunReplacement.Run(start: nil, end: Self.växjö, departEarliest: nil, departLatest: nil, metres: 140_000),
        ]
        #expect(EmptyRunReplacement(runs: runs, returns: ret).runsReplaced == 0)
        #expect(EmptyRunReplacement(runs: [], returns: ret).runsReplaced == 0)
        #expect(EmptyRunReplacement(runs: runs, returns: []).replaced == [nil, nil, nil])
    }

    /// 60 identical runs and 60 identical returns between the same two
    /// places, each run keeping only 4 candidates: the hash that orders
    /// equally near candidates spreads the runs, so all 60 are matched
    /// (keeping the 4 lowest-numbered returns would match only 4).
    @Test func identicalRunsSpreadOverIdenticalReturns() {
        let returns = Array(repeating: EmptyRunReplacement.Return(start: Self.kalmar, end: Self.växjö, emptyFrom: nil, emptyUntil: nil), count: 60)
        let runs = Array(
            repeating: EmptyRunReplacement.Run(start: Self.kalmar, end: Self.växjö, departEarliest: nil, departLatest: nil, metres: 140_000),
            count: 60)
        let r = EmptyRunReplacement(runs: runs, returns: returns, rule: .init(candidatesPerRun: 4))
        #expect(r.candidatePairs == 240)
        #expect(r.runsReplaced >= 57, "\(r.runsReplaced) of 60")
        #expect(Set(r.replaced.compactMap { $0 }).count == r.runsReplaced)
    }

    /// Random small instances against brute force: the best assignment
    /// over every candidate, candidates decided by an independent
    /// haversine and interval test.
    @Test func matchesBruteForce() {
        for seed in 0..<300 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            let places = (0..<3).map { _ in
                GeoPoint(latitude: 57 + .random(in: -0.3...0.3, using: &rng), longitude: 15 + .random(in: -0.6...0.6, using: &rng))
            }
            func near(_ p: GeoPoint) -> GeoPoint {
                GeoPoint(latitude: p.latitude + .random(in: -0.3...0.3, using: &rng), longitude: p.longitude + .random(in: -0.5...0.5, using: &rng))
            }
            func window() -> (Int64?, Int64?) {
                let a = Self.at(.random(in: 0...24, using: &rng))
                return (Bool.random(using: &rng) ? a : nil, Bool.random(using: &rng) ? a + Int64.random(in: 0...14_400, using: &rng) : nil)
            }
            let runs = (0..<Int.random(in: 1...6, using: &rng)).map { _ -> EmptyRunReplacement.Run in
                let (e, l) = window()
                return .init(start: near(places.randomElement(using: &rng)!), end: near(places.randomElement(using: &rng)!),
                             departEarliest: e, departLatest: l, metres: Int.random(in: 1...300_000, using: &rng))
            }
            let returns = (0..<Int.random(in: 1...6, using: &rng)).map { _ -> EmptyRunReplacement.Return in
                let (e, l) = window()
                return .init(start: near(places.randomElement(using: &rng)!), end: near(places.randomElement(using: &rng)!),
                             emptyFrom: e, emptyUntil: l)
            }
            let rule = EmptyRunReplacement.Rule(radiusMetres: 30_000, waitSeconds: 3 * 3600, candidatesPerRun: 100)
            // Independent candidates: haversine, and the interval test written out.
            var ambiguous = false
            let candidate: [[Bool]] = runs.map { r in
                returns.map { t in
                    let ds = haversine(r.start!, t.start!), de = haversine(r.end!, t.end!)
                    if abs(ds - rule.radiusMetres) < 1 || abs(de - rule.radiusMetres) < 1 { ambiguous = true }
                    guard ds <= rule.radiusMetres && de <= rule.radiusMetres else { return false }
                    if let from = t.emptyFrom, let latest = r.departLatest, latest < from { return false }
                    if let until = t.emptyUntil, let earliest = r.departEarliest, earliest > until + Int64(rule.waitSeconds) { return false }
                    return true
                }
            }
            if ambiguous { continue }
            func best(_ i: Int, _ used: Set<Int>) -> Int {
                guard i < runs.count else { return 0 }
                var b = best(i + 1, used)
                for t in returns.indices where candidate[i][t] && !used.contains(t) {
                    b = max(b, runs[i].metres! + best(i + 1, used.union([t])))
                }
                return b
            }
            let r = EmptyRunReplacement(runs: runs, returns: returns, rule: rule)
            #expect(r.replacedMetres == best(0, []), "seed \(seed)")
            // The assignment itself is valid: candidates only, each return once.
            for (i, t) in r.replaced.enumerated() { if let t { #expect(candidate[i][t], "seed \(seed)") } }
            #expect(Set(r.replaced.compactMap { $0 }).count == r.runsReplaced)
        }
    }

    /// The haversine formula, independent of the unit-vector chords the
    /// grid uses.
    func haversine(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let φ1 = a.latitude * .pi / 180, φ2 = b.latitude * .pi / 180
        let dφ = φ2 - φ1, dλ = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * GeoPoint.earthRadiusMetres * asin(min(1, h.squareRoot()))
    }
}
