extension OSMGraphAssembler {
    /// Merges the segments through every node that only continues one road:
    /// exactly two segment ends, from two different segments to two
    /// different neighbours, allowing the same directions of travel with the
    /// same destination-only status, and not in `keep` (junctions of turn
    /// restrictions, barriers). Lengths and durations add up exactly; the
    /// contracted node becomes a shape point, with its travel times.
    ///
    /// - Returns: the merged segments ("roads"), and for each input segment
    ///   the road it is part of, times 2, plus 1 when it runs against the
    ///   road's direction.
    func contractChains(
        _ segments: [Segment], isNode: [Bool], keep: [Bool], latitudes: [Int32], longitudes: [Int32],
        shapes: inout Shapes, counts: inout Counts
    ) -> (roads: [Segment], segmentRoad: [UInt32]) {
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
        /// (leaving `v` allowed, arriving at `v` allowed, leaving is
        /// destination-only, arriving is destination-only).
        func allowed(_ e: Int, leaving v: Int) -> (Bool, Bool, Bool, Bool) {
            let s = segments[e]
            return Int(s.from) == v
                ? (s.forward >= 0, s.backward >= 0, s.forwardZone, s.backwardZone)
                : (s.backward >= 0, s.forward >= 0, s.backwardZone, s.forwardZone)
        }
        var contractible = [Bool](repeating: false, count: slots)
        for v in 0..<slots where degree(v) == 2 && (keep.isEmpty || !keep[v]) {
            let a = incidentSegment(v, 0), b = incidentSegment(v, 1)
            guard a != b else { continue }
            let (u, _) = other(a, v), (w, _) = other(b, v)
            guard u != w, u != v, w != v else { continue }
            // Entering from u and leaving towards w must be allowed exactly
            // when the segments allow it, both ways, and be destination-only
            // on both sides or on neither.
            let (aOut, aIn, aOutZone, aInZone) = allowed(a, leaving: v)  // v→u, u→v
            let (bOut, bIn, bOutZone, bInZone) = allowed(b, leaving: v)  // v→w, w→v
            if aIn == bOut && bIn == aOut && aInZone == bOutZone && bInZone == aOutZone { contractible[v] = true }
        }

        var consumed = [Bool](repeating: false, count: segments.count)
        var segmentRoad = [UInt32](repeating: 0, count: segments.count)
        var out = Shapes()
        out.reserveCapacity(shapes.count + segments.count)
        var merged: [Segment] = []
        merged.reserveCapacity(segments.count)

        func walk(from s: Int, through first: Int) {
            var v = s
            var e = first
            var length = 0.0, along = 0.0, against = 0.0
            var alongOK = true, againstOK = true
            let shapeStart = out.count
            let road = UInt32(merged.count)
            let (_, _, forwardZone, backwardZone) = allowed(first, leaving: s)
            while true {
                consumed[e] = true
                let seg = segments[e]
                let (next, forwardSeg) = other(e, v)
                segmentRoad[e] = road << 1 | (forwardSeg ? 0 : 1)
                length += seg.length
                let (a, b) = forwardSeg ? (seg.forward, seg.backward) : (seg.backward, seg.forward)
                let fwd = max(0, seg.forward), bwd = max(0, seg.backward)
                if forwardSeg {
                    for k in seg.shapeStart ..< seg.shapeEnd {
                        out.append(
                            shapes.lat[k], shapes.lon[k], Float(along + Double(shapes.along[k])),
                            Float(against + Double(shapes.against[k])))
                    }
                } else {
                    for k in (seg.shapeStart ..< seg.shapeEnd).reversed() {
                        out.append(
                            shapes.lat[k], shapes.lon[k], Float(along + bwd - Double(shapes.against[k])),
                            Float(against + fwd - Double(shapes.along[k])))
                    }
                }
                if a < 0 { alongOK = false } else { along += a }
                if b < 0 { againstOK = false } else { against += b }
                v = next
                guard contractible[v], v != s else { break }
                let i = incidentSegment(v, 0), j = incidentSegment(v, 1)
                let n = consumed[i] ? j : i
                guard !consumed[n] else { break }
                counts.contractedNodes += 1
                out.append(latitudes[v], longitudes[v], Float(along), Float(against))
                e = n
            }
            merged.append(Segment(
                from: UInt32(s), to: UInt32(v), length: length,
                forward: alongOK ? along : -1, backward: againstOK ? against : -1,
                shapeStart: shapeStart, shapeEnd: out.count, way: segments[first].way,
                forwardZone: forwardZone, backwardZone: backwardZone
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
        shapes = out
        return (merged, segmentRoad)
    }
}
