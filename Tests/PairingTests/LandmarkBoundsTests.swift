import Testing
@testable import Pairing

/// ``LandmarkBounds``: the bound from landmark values in tenths never
/// exceeds a leg rounded to whole metres and seconds the way routed legs are
/// (half up), is exact where the landmark lies beyond both ends on a line,
/// and treats unknown values and shared segments as "no bound".
@Suite struct LandmarkBoundsTests {
    /// Shipments on a one-dimensional road (positions in decimetres, a
    /// two-way road where `d(a, b) = |a − b|`; seconds = 2 × metres).
    struct Line {
        var destinations: [Int32]
        var origins: [Int32]
        var landmarks: [Int32]

        func tenths(scale: Int32) -> LandmarkBounds.Tenths {
            func row(_ points: [Int32], _ f: (Int32, Int32) -> Int32) -> [Int32] {
                points.flatMap { p in landmarks.map { l in f(l, p) * scale } }
            }
            let d = { (a: Int32, b: Int32) in abs(a - b) }
            return LandmarkBounds.Tenths(
                destinationFrom: row(destinations, d), destinationTo: row(destinations, d),
                originFrom: row(origins, d), originTo: row(origins, d))
        }

        func bounds(segments: [UInt32]? = nil) throws -> LandmarkBounds {
            let none = [UInt32](repeating: .max, count: 2 * destinations.count)
            return try LandmarkBounds(
                landmarkCount: landmarks.count, count: destinations.count, lengths: tenths(scale: 1),
                durations: tenths(scale: 2), destinationSegments: segments ?? none, originSegments: segments ?? none)
        }

        /// The exact leg as the router reports it: tenths rounded half up.
        func leg(_ i: Int, _ j: Int) -> Leg {
            let dm = Int(abs(destinations[i] - origins[j]))
            return Leg(metres: (dm + 5) / 10, seconds: (2 * dm + 5) / 10)
        }
    }

    static func randomLine(_ rng: inout SplitMix64, n: Int, landmarks: Int) -> Line {
        func pos() -> Int32 { Int32(rng.next() % 200_001) - 100_000 }
        return Line(
            destinations: (0..<n).map { _ in pos() }, origins: (0..<n).map { _ in pos() },
            landmarks: (0..<landmarks).map { _ in pos() })
    }

    @Test(arguments: 0..<50)
    func neverExceedsTheRoundedLeg(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 31)
        let line = Self.randomLine(&rng, n: 40, landmarks: 1 + seed % 8)
        let b = try line.bounds()
        var positive = 0
        for i in 0..<40 {
            for j in 0..<40 {
                let lb = b.emptyLeg(from: i, to: j), leg = line.leg(i, j)
                #expect(lb.metres <= leg.metres && lb.seconds <= leg.seconds, "\(i) → \(j): \(lb) > \(leg)")
                #expect(lb.metres >= 0 && lb.seconds >= 0)
                #expect(b.emptyLegMetres(from: i, to: j) == lb.metres)
                if lb.metres > 0 { positive += 1 }
            }
        }
        #expect(positive > 400)
    }

    /// A landmark beyond every point makes the bound the exact distance
    /// (less at most the rounding of the two values).
    @Test func landmarkBeyondTheEndsIsTight() throws {
        var rng = SplitMix64(seed: 9)
        var line = Self.randomLine(&rng, n: 30, landmarks: 0)
        line.landmarks = [-200_000, 200_000]
        let b = try line.bounds()
        for i in 0..<30 {
            for j in 0..<30 {
                let lb = b.emptyLeg(from: i, to: j), leg = line.leg(i, j)
                #expect(lb.metres <= leg.metres && lb.metres + 2 >= leg.metres, "\(lb) vs \(leg)")
                #expect(lb.seconds <= leg.seconds && lb.seconds + 2 >= leg.seconds)
            }
        }
    }

    /// Rounding: added values round down, subtracted ones up, negatives
    /// included; the sentinels stay unknown.
    @Test func rounding() {
        #expect(LandmarkBounds.down(19) == 1 && LandmarkBounds.down(20) == 2 && LandmarkBounds.down(-1) == -1)
        #expect(LandmarkBounds.down(-10) == -1 && LandmarkBounds.down(-11) == -2 && LandmarkBounds.down(.min) == .min)
        #expect(LandmarkBounds.up(11) == 2 && LandmarkBounds.up(10) == 1 && LandmarkBounds.up(-19) == -1)
        #expect(LandmarkBounds.up(-20) == -2 && LandmarkBounds.up(0) == 0 && LandmarkBounds.up(.max) == .max)
    }

    /// Unknown values (`Int32.min` added, `Int32.max` subtracted) and ends
    /// that share a segment give 0; `refined` keeps the larger bound.
    @Test func unknownAndSharedSegments() throws {
        let line = Line(destinations: [0, 1000], origins: [50_000, 60_000], landmarks: [100_000])
        var t = line.tenths(scale: 1)
        let b = try line.bounds()
        #expect(b.emptyLeg(from: 0, to: 0) == Leg(metres: 5000, seconds: 10_000))
        // Destination 0's value from the landmark unknown, origin 1's to it.
        t.destinationFrom[0] = .max
        t.originTo[1] = .max
        t.originFrom[1] = .min
        let u = try LandmarkBounds(
            landmarkCount: 1, count: 2, lengths: t, durations: t, destinationSegments: [7, .max, 3, 4],
            originSegments: [.max, .max, 4, .max])
        // One unknown value leaves the other inequality: 10,000 − 5,000 m.
        #expect(u.emptyLeg(from: 0, to: 0) == Leg(metres: 5000, seconds: 5000))
        #expect(u.emptyLeg(from: 1, to: 1) == Leg(metres: 0, seconds: 0))  // shares segment 4
        #expect(u.emptyLeg(from: 0, to: 1) == Leg(metres: 0, seconds: 0))  // origin 1 entirely unknown
        #expect(u.emptyLeg(from: 1, to: 0).metres == 4900)
        let any = try LandmarkBounds(
            landmarkCount: 1, count: 2, lengths: line.tenths(scale: 1), durations: line.tenths(scale: 1),
            destinationSegments: [.max - 1, .max - 1, .max, .max], originSegments: [.max, .max, .max, .max])
        #expect(any.emptyLeg(from: 0, to: 0) == Leg(metres: 0, seconds: 0))
        #expect(any.emptyLeg(from: 1, to: 0).metres == 4900)
        #expect(b.refined(Leg(metres: 6000, seconds: 1), from: 0, to: 0) == Leg(metres: 6000, seconds: 10_000))
    }

    @Test func countsAreChecked() throws {
        let line = Line(destinations: [0, 1], origins: [2, 3], landmarks: [5, 6])
        var t = line.tenths(scale: 1)
        t.originTo.removeLast()
        #expect(throws: PairingInputError.self) {
            try LandmarkBounds(
                landmarkCount: 2, count: 2, lengths: line.tenths(scale: 1), durations: t,
                destinationSegments: [UInt32](repeating: .max, count: 4), originSegments: [UInt32](repeating: .max, count: 4))
        }
        #expect(throws: PairingInputError.self) {
            try LandmarkBounds(
                landmarkCount: 2, count: 2, lengths: line.tenths(scale: 1), durations: line.tenths(scale: 1),
                destinationSegments: [], originSegments: [UInt32](repeating: .max, count: 4))
        }
        #expect(LandmarkBounds.estimatedBytes(shipments: 1000, landmarks: 16) == 1000 * (512 + 16))
    }
}
