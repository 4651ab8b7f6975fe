/// Turns routable ways with node coordinates (an ``OSMWaySet``) into a
/// ``RoadGraph``: splits ways into edges where ways meet, measures them,
/// times them under the profile, optionally contracts chains of degree-2
/// nodes, and lays the result out through ``RoadGraphBuilder``.
///
/// Lengths are sums of haversine distances (``Coordinate/distance(to:)``)
/// between consecutive way nodes, durations sums of length ÷ speed per
/// piece, both accumulated in `Double` and rounded to decimetres and
/// deciseconds only once per final edge, so that contraction does not add
/// rounding error. The interior nodes of each edge become its shape.
struct OSMGraphAssembler {
    let profile: VehicleProfile
    let simplification: OSMGraphReader.Simplification
    /// Cores used to cut the ways into pieces.
    let threads: Int

    /// Statistics of one assembly.
    struct Counts: Sendable, Hashable {
        var segments = 0
        var contractedNodes = 0
        var missingNodeReferences = 0
    }

    /// A stretch of road between two graph nodes, before rounding.
    private struct Segment {
        var from: UInt32
        var to: UInt32
        var length: Double
        /// Seconds along from → to, or `-1` when that direction is not allowed.
        var forward: Double
        /// Seconds along to → from, or `-1`.
        var backward: Double
        /// Interior points, from → to, in ``shapeLat``/``shapeLon``.
        var shapeStart: Int
        var shapeEnd: Int
    }

    /// The pieces of a range of ways, with their shapes (indices local to
    /// this part).
    private struct Pieces: Sendable {
        var segments: [Segment] = []
        var shapeLat: [Int32] = []
        var shapeLon: [Int32] = []
        var missingNodeReferences = 0
    }

    func assemble(_ ways: consuming OSMWaySet, path: String) throws(InputError) -> (RoadGraph, Counts) {
        var counts = Counts()
        let slots = ways.nodeCount
        let lat = ways.latitudes, lon = ways.longitudes

        // Cut the ways into pieces in parallel (haversine is most of the
        // work), in ranges of about equal numbers of references, then join
        // the parts in way order.
        let parts = max(1, min(threads * 4, ways.wayCount / 256))
        var bounds = [0]
        let perPart = max(1, ways.refs.count / parts)
        for w in 0..<ways.wayCount where ways.refStart[w] >= bounds.count * perPart && w > bounds.last! {
            bounds.append(w)
        }
        bounds.append(ways.wayCount)
        let cuts = bounds
        let profile = self.profile, simplification = self.simplification
        let input = ways
        var results = parallelMap(cuts.count - 1, threads: threads) { p, _ in
            Self.pieces(input, cuts[p] ..< cuts[p + 1], profile: profile, simplification: simplification)
        }
        _ = consume input
        ways.dropWays()
        var segments: [Segment] = []
        segments.reserveCapacity(results.reduce(0) { $0 + $1.segments.count })
        var shapeLat: [Int32] = [], shapeLon: [Int32] = []
        shapeLat.reserveCapacity(results.reduce(0) { $0 + $1.shapeLat.count })
        shapeLon.reserveCapacity(shapeLat.capacity)
        for p in results.indices {
            let offset = shapeLat.count
            for var seg in results[p].segments {
                seg.shapeStart += offset
                seg.shapeEnd += offset
                segments.append(seg)
            }
            shapeLat.append(contentsOf: results[p].shapeLat)
            shapeLon.append(contentsOf: results[p].shapeLon)
            counts.missingNodeReferences += results[p].missingNodeReferences
            results[p] = Pieces()  // free each part once copied
        }
        var isNode = [Bool](repeating: false, count: slots)
        for seg in segments {
            isNode[Int(seg.from)] = true
            isNode[Int(seg.to)] = true
        }
        counts.segments = segments.count
        guard !segments.isEmpty else {
            throw InputError(path: path, message: "no road the \(profile.name) profile may use has coordinates")
        }

        if simplification == .chains {
            segments = contractChains(
                segments, isNode: isNode, latitudes: lat, longitudes: lon,
                shapeLat: &shapeLat, shapeLon: &shapeLon, counts: &counts
            )
        }
        isNode = []

        // Number the remaining nodes in order of first use.
        var index = [UInt32](repeating: .max, count: slots)
        var builder = RoadGraphBuilder(
            metric: .duration, profile: profile.name,
            nodeCapacity: segments.count, edgeCapacity: segments.count * 2
        )
        func node(_ slot: UInt32) -> Int {
            if index[Int(slot)] == .max {
                index[Int(slot)] = UInt32(builder.addNode(
                    originalID: ways.nodeIDs[Int(slot)], latitudeE7: lat[Int(slot)], longitudeE7: lon[Int(slot)]
                ))
            }
            return Int(index[Int(slot)])
        }
        var shape: [(latitudeE7: Int32, longitudeE7: Int32)] = []
        for seg in segments {
            let u = node(seg.from), v = node(seg.to)
            let length = Self.decimetres(seg.length)
            shape.removeAll(keepingCapacity: true)
            for k in seg.shapeStart ..< seg.shapeEnd { shape.append((shapeLat[k], shapeLon[k])) }
            if seg.forward >= 0 {
                builder.addEdge(from: u, to: v, length: length, duration: Self.deciseconds(seg.forward), shape: shape)
            }
            if seg.backward >= 0 {
                shape.reverse()
                builder.addEdge(from: v, to: u, length: length, duration: Self.deciseconds(seg.backward), shape: shape)
            }
        }
        // The builder holds its own copies now: free ours before it lays
        // out the graph (the shapes are the largest arrays at this point).
        segments = []
        shapeLat = []
        shapeLon = []
        index = []
        do {
            return (try builder.build(), counts)
        } catch {
            throw InputError(path: path, message: error.message)
        }
    }

    /// Cuts `ways[range]` into pieces between graph nodes, measuring and
    /// timing each.
    private static func pieces(
        _ ways: OSMWaySet, _ range: Range<Int>, profile: VehicleProfile, simplification: OSMGraphReader.Simplification
    ) -> Pieces {
        var out = Pieces()
        let lat = ways.latitudes, lon = ways.longitudes
        let missing = OSMWaySet.missing
        // A slot is a node when ways meet or end there (or always, without
        // simplification).
        let threshold: UInt8 = simplification == .none ? 0 : 2

        func coordinate(_ slot: UInt32) -> Coordinate {
            Coordinate(fixedLatitude: lat[Int(slot)], fixedLongitude: lon[Int(slot)])
        }

        for w in range {
            let rule = ways.rules[w]
            let refs = ways.refs[ways.refStart[w] ..< ways.refStart[w + 1]]
            // The way's length, when a fixed duration must be spread over it.
            var wayLength = 0.0
            if rule.fixedDurationSeconds != nil {
                var prev: UInt32?
                for s in refs {
                    guard lat[Int(s)] != missing else { prev = nil; continue }
                    if let p = prev { wayLength += coordinate(p).distance(to: coordinate(s)) }
                    prev = s
                }
            }
            // Speeds in m/s, capped where the vehicle's own limit applies.
            var forwardSpeed = Double(rule.forwardSpeedKmh), backwardSpeed = Double(rule.backwardSpeedKmh)
            if !rule.isFerry, let first = refs.first(where: { lat[Int($0)] != missing }),
               let cap = profile.speedCapKmh(at: coordinate(first)) {
                forwardSpeed = min(forwardSpeed, cap)
                backwardSpeed = min(backwardSpeed, cap)
            }
            forwardSpeed /= 3.6
            backwardSpeed /= 3.6
            let factor = Double(rule.durationFactor)

            func close(_ from: UInt32, _ to: UInt32, _ length: Double, _ shapeStart: Int) {
                var fwd = -1.0, bwd = -1.0
                if let total = rule.fixedDurationSeconds {
                    let t = wayLength > 0 ? Double(total) * length / wayLength : 0
                    if rule.forward { fwd = t }
                    if rule.backward { bwd = t }
                } else {
                    if rule.forward { fwd = length / forwardSpeed * factor }
                    if rule.backward { bwd = length / backwardSpeed * factor }
                }
                out.segments.append(Segment(
                    from: from, to: to, length: length, forward: fwd, backward: bwd,
                    shapeStart: shapeStart, shapeEnd: out.shapeLat.count
                ))
            }

            // Walk the runs of located nodes; a missing node splits the way.
            var start: UInt32?
            var previous: UInt32 = 0
            var length = 0.0
            var shapeStart = out.shapeLat.count
            for (i, s) in zip(refs.indices, refs) {
                guard lat[Int(s)] != missing else {
                    out.missingNodeReferences += 1
                    if let st = start, st != previous {
                        // The run ends at the previous node, which was kept
                        // as a shape point: it becomes the end instead.
                        out.shapeLat.removeLast(); out.shapeLon.removeLast()
                        close(st, previous, length, shapeStart)
                    }
                    start = nil
                    continue
                }
                guard let st = start else {
                    start = s
                    previous = s
                    length = 0
                    shapeStart = out.shapeLat.count
                    continue
                }
                length += coordinate(previous).distance(to: coordinate(s))
                previous = s
                let isLast = i == refs.index(before: refs.endIndex)
                if ways.uses[Int(s)] >= threshold || isLast {
                    close(st, s, length, shapeStart)
                    start = s
                    length = 0
                    shapeStart = out.shapeLat.count
                } else {
                    out.shapeLat.append(lat[Int(s)])
                    out.shapeLon.append(lon[Int(s)])
                }
            }
        }
        return out
    }

    /// Metres → decimetres, rounded, clamped to `UInt32`.
    static func decimetres(_ metres: Double) -> UInt32 {
        UInt32(clamping: Int64((metres * 10).rounded()))
    }

    /// Seconds → deciseconds, rounded, clamped to `UInt32`.
    static func deciseconds(_ seconds: Double) -> UInt32 {
        UInt32(clamping: Int64((seconds * 10).rounded()))
    }

    /// Merges the segments through every node that only continues one road:
    /// exactly two segment ends, from two different segments to two
    /// different neighbours, allowing the same directions of travel.
    /// Lengths and durations add up exactly; the contracted node becomes a
    /// shape point.
    private func contractChains(
        _ segments: [Segment], isNode: [Bool], latitudes: [Int32], longitudes: [Int32],
        shapeLat: inout [Int32], shapeLon: inout [Int32], counts: inout Counts
    ) -> [Segment] {
        let slots = isNode.count
        // Incidence lists in CSR form (32-bit: the graph builder limits
        // segments to 2³² − 1 anyway).
        var start = [UInt32](repeating: 0, count: slots + 1)
        for s in segments {
            start[Int(s.from) + 1] += 1
            start[Int(s.to) + 1] += 1
        }
        for i in 0..<slots { start[i + 1] += start[i] }
        var fill = start
        var incident = [UInt32](repeating: 0, count: segments.count * 2)
        for (i, s) in segments.enumerated() {
            incident[Int(fill[Int(s.from)])] = UInt32(i); fill[Int(s.from)] += 1
            incident[Int(fill[Int(s.to)])] = UInt32(i); fill[Int(s.to)] += 1
        }
        fill = []
        /// The `k`-th segment end of node `v`.
        func incidentSegment(_ v: Int, _ k: Int) -> Int { Int(incident[Int(start[v]) + k]) }
        func degree(_ v: Int) -> Int { Int(start[v + 1] - start[v]) }

        /// The far end of segment `e` seen from `v`, and whether `e` runs
        /// from `v`.
        func other(_ e: Int, _ v: Int) -> (Int, Bool) {
            let s = segments[e]
            return Int(s.from) == v ? (Int(s.to), true) : (Int(s.from), false)
        }
        func allowed(_ e: Int, leaving v: Int) -> (Bool, Bool) {
            let s = segments[e]
            let along = Int(s.from) == v
            return along ? (s.forward >= 0, s.backward >= 0) : (s.backward >= 0, s.forward >= 0)
        }
        var contractible = [Bool](repeating: false, count: slots)
        for v in 0..<slots where degree(v) == 2 {
            let a = incidentSegment(v, 0), b = incidentSegment(v, 1)
            guard a != b else { continue }
            let (u, _) = other(a, v), (w, _) = other(b, v)
            guard u != w, u != v, w != v else { continue }
            // Entering from u and leaving towards w must be allowed exactly
            // when the segments allow it, both ways.
            let (aOut, aIn) = allowed(a, leaving: v)  // v→u, u→v
            let (bOut, bIn) = allowed(b, leaving: v)  // v→w, w→v
            if aIn == bOut && bIn == aOut { contractible[v] = true }
        }

        var consumed = [Bool](repeating: false, count: segments.count)
        var outLat: [Int32] = [], outLon: [Int32] = []
        outLat.reserveCapacity(shapeLat.count + segments.count)
        outLon.reserveCapacity(shapeLat.count + segments.count)
        var merged: [Segment] = []
        merged.reserveCapacity(segments.count)

        func walk(from s: Int, through first: Int) {
            var v = s
            var e = first
            var length = 0.0, along = 0.0, against = 0.0
            var alongOK = true, againstOK = true
            let shapeStart = outLat.count
            while true {
                consumed[e] = true
                let seg = segments[e]
                let (next, forwardSeg) = other(e, v)
                length += seg.length
                let (a, b) = forwardSeg ? (seg.forward, seg.backward) : (seg.backward, seg.forward)
                if a < 0 { alongOK = false } else { along += a }
                if b < 0 { againstOK = false } else { against += b }
                if forwardSeg {
                    for k in seg.shapeStart ..< seg.shapeEnd {
                        outLat.append(shapeLat[k]); outLon.append(shapeLon[k])
                    }
                } else {
                    for k in (seg.shapeStart ..< seg.shapeEnd).reversed() {
                        outLat.append(shapeLat[k]); outLon.append(shapeLon[k])
                    }
                }
                v = next
                guard contractible[v], v != s else { break }
                let i = incidentSegment(v, 0), j = incidentSegment(v, 1)
                let n = consumed[i] ? j : i
                guard !consumed[n] else { break }
                counts.contractedNodes += 1
                outLat.append(latitudes[v]); outLon.append(longitudes[v])
                e = n
            }
            merged.append(Segment(
                from: UInt32(s), to: UInt32(v), length: length,
                forward: alongOK ? along : -1, backward: againstOK ? against : -1,
                shapeStart: shapeStart, shapeEnd: outLat.count
            ))
        }
        for v in 0..<slots where isNode[v] && !contractible[v] {
            for k in 0..<degree(v) where !consumed[incidentSegment(v, k)] {
                walk(from: v, through: incidentSegment(v, k))
            }
        }
        // What is left are cycles of contractible nodes: cut each at its
        // first node.
        for v in 0..<slots where contractible[v] {
            for k in 0..<degree(v) where !consumed[incidentSegment(v, k)] {
                contractible[v] = false
                walk(from: v, through: incidentSegment(v, k))
            }
        }
        shapeLat = outLat
        shapeLon = outLon
        return merged
    }
}
