/// Turns routable ways with node coordinates (an ``OSMWaySet``) into a
/// ``RoadGraph``: splits ways into edges where ways meet, measures them,
/// times them under the profile, optionally contracts chains of degree-2
/// nodes, applies turn restrictions, barriers and destination-only roads by
/// splitting junctions (``JunctionSplitter``), and lays the result out
/// through ``RoadGraphBuilder``.
///
/// Lengths are sums of haversine distances (``Coordinate/distance(to:)``)
/// between consecutive way nodes, durations sums of length ÷ speed per
/// piece, both accumulated in `Double` and rounded to decimetres and
/// deciseconds only once per final edge, so that contraction does not add
/// rounding error. The interior nodes of each edge become its shape, each
/// with the travel time from the edge's tail (``RoadGraph/shapeDuration``),
/// so that a point part-way along an edge that joins roads of different
/// speeds gets its true time.
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
        /// Turn restrictions read (one per from/to pair).
        var turnRestrictions = 0
        /// Turn restrictions that could be placed on the graph and apply.
        var appliedTurnRestrictions = 0
        /// Nodes that stop the vehicle, on its roads.
        var barriers = 0
        /// Directed edges that are destination-only.
        var destinationOnlyEdges = 0
        /// Graph nodes added by splitting junctions.
        var splitNodes = 0
    }

    /// A stretch of road between two graph nodes, before rounding.
    struct Segment {
        var from: UInt32
        var to: UInt32
        var length: Double
        /// Seconds along from → to, or `-1` when that direction is not allowed.
        var forward: Double
        /// Seconds along to → from, or `-1`.
        var backward: Double
        /// Interior points, from → to, in ``Shapes``.
        var shapeStart: Int
        var shapeEnd: Int
        /// The way the piece was cut from (before contraction).
        var way: UInt32
        /// The direction from → to is destination-only.
        var forwardZone: Bool
        /// The direction to → from is destination-only.
        var backwardZone: Bool
    }

    /// The interior points of segments: coordinates, and for each the travel
    /// times from the segment's `from` end: ``along`` driving from → to, and
    /// ``against``, the time the stretch between `from` and the point takes
    /// driving to → from.
    struct Shapes: Sendable {
        var lat: [Int32] = []
        var lon: [Int32] = []
        var along: [Float] = []
        var against: [Float] = []

        var count: Int { lat.count }

        mutating func append(_ la: Int32, _ lo: Int32, _ a: Float, _ b: Float) {
            lat.append(la); lon.append(lo); along.append(a); against.append(b)
        }

        mutating func removeLast() {
            lat.removeLast(); lon.removeLast(); along.removeLast(); against.removeLast()
        }

        mutating func append(contentsOf other: Shapes) {
            lat += other.lat; lon += other.lon; along += other.along; against += other.against
        }

        mutating func reserveCapacity(_ n: Int) {
            lat.reserveCapacity(n); lon.reserveCapacity(n); along.reserveCapacity(n); against.reserveCapacity(n)
        }
    }

    /// The pieces of a range of ways, with their shapes (indices local to
    /// this part).
    private struct Pieces: Sendable {
        var segments: [Segment] = []
        var shapes = Shapes()
        var missingNodeReferences = 0
    }

    func assemble(_ ways: consuming OSMWaySet, path: String) throws(InputError) -> (RoadGraph, Counts) {
        var counts = Counts()
        let slots = ways.nodeCount
        let lat = ways.latitudes, lon = ways.longitudes

        // A barrier is a graph node even in the middle of a way.
        var barriers = Array(Set(ways.barrierSlots)).sorted()
        ways.markJunctions(barriers)

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
        var segments: [Segment] = []
        segments.reserveCapacity(results.reduce(0) { $0 + $1.segments.count })
        var shapes = Shapes()
        shapes.reserveCapacity(results.reduce(0) { $0 + $1.shapes.count })
        for p in results.indices {
            let offset = shapes.count
            for var seg in results[p].segments {
                seg.shapeStart += offset
                seg.shapeEnd += offset
                segments.append(seg)
            }
            shapes.append(contentsOf: results[p].shapes)
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

        // Place the turn restrictions on the pieces while the ways are at
        // hand; their junctions must stay graph nodes.
        counts.turnRestrictions = ways.restrictions.count
        let (placed, junctions) = Self.placeRestrictions(ways.restrictions, ways: ways, segments: segments)
        ways.dropWays()
        barriers = barriers.filter { isNode[Int($0)] }
        counts.barriers = barriers.count

        var keep = [Bool]()
        if !junctions.isEmpty || !barriers.isEmpty {
            keep = [Bool](repeating: false, count: slots)
            for v in junctions { keep[Int(v)] = true }
            for v in barriers { keep[Int(v)] = true }
        }
        // segmentRoad[s]: the road (merged segment) piece `s` ended up in,
        // times 2, plus 1 when it runs against the road's direction.
        var roads = segments
        var segmentRoad: [UInt32]
        if simplification == .chains {
            (roads, segmentRoad) = contractChains(
                segments, isNode: isNode, keep: keep, latitudes: lat, longitudes: lon, shapes: &shapes, counts: &counts)
        } else {
            segmentRoad = (0..<UInt32(segments.count)).map { $0 << 1 }
        }
        segments = []
        isNode = []
        keep = []

        var splitter = JunctionSplitter(roads: roads, slots: slots)
        counts.destinationOnlyEdges = splitter.destinationOnlyEdgeCount
        for r in placed {
            if splitter.addRestriction(r.path.map { (segmentRoad[$0.segment], $0.along) }, isOnly: r.isOnly) {
                counts.appliedTurnRestrictions += 1
            }
        }
        for v in barriers { splitter.addBarrier(at: v) }
        segmentRoad = []

        var builder = RoadGraphBuilder(
            metric: .duration, profile: profile.name,
            nodeCapacity: roads.count, edgeCapacity: roads.count * 2
        )
        builder.vehicle = profile.dimensions
        let nodeIDs = ways.nodeIDs
        // One pair of buffers for every edge's shape and shape times.
        var shape: [(latitudeE7: Int32, longitudeE7: Int32)] = []
        var times: [UInt32] = []
        counts.splitNodes = splitter.build(into: &builder, addNode: { (b: inout RoadGraphBuilder, slot: UInt32) in
            b.addNode(originalID: nodeIDs[Int(slot)], latitudeE7: lat[Int(slot)], longitudeE7: lon[Int(slot)])
        }, addEdge: { (b: inout RoadGraphBuilder, u: Int, v: Int, road: Int, reversed: Bool) in
            Self.addEdge(&b, from: u, to: v, roads[road], reversed: reversed, shapes: shapes, shape: &shape, times: &times)
        })
        // The builder holds its own copies now: free ours before it lays
        // out the graph (the shapes are the largest arrays at this point).
        roads = []
        shapes = Shapes()
        splitter = JunctionSplitter(roads: [], slots: 0)
        do {
            return (try builder.build(), counts)
        } catch {
            throw InputError(path: path, message: error.message)
        }
    }

    /// Adds the directed edge of `road` (against its direction when
    /// `reversed`) between builder nodes `u` and `v`, with its shape and the
    /// time from its tail to each shape point.
    private static func addEdge(
        _ builder: inout RoadGraphBuilder, from u: Int, to v: Int, _ road: Segment, reversed: Bool, shapes: Shapes,
        shape: inout [(latitudeE7: Int32, longitudeE7: Int32)], times: inout [UInt32]
    ) {
        let length = decimetres(road.length)
        shape.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        if !reversed {
            let duration = deciseconds(road.forward)
            for k in road.shapeStart ..< road.shapeEnd {
                shape.append((shapes.lat[k], shapes.lon[k]))
                times.append(min(duration, deciseconds(Double(shapes.along[k]))))
            }
            builder.addEdge(from: u, to: v, length: length, duration: duration, shape: shape, shapeDurations: times)
        } else {
            let duration = deciseconds(road.backward)
            for k in (road.shapeStart ..< road.shapeEnd).reversed() {
                shape.append((shapes.lat[k], shapes.lon[k]))
                times.append(min(duration, deciseconds(max(0, road.backward - Double(shapes.against[k])))))
            }
            builder.addEdge(from: u, to: v, length: length, duration: duration, shape: shape, shapeDurations: times)
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
                // The shape points hold their distance from `from` so far:
                // turn it into times (the speed is the same along a piece).
                for k in shapeStart ..< out.shapes.count {
                    let r = length > 0 ? Double(out.shapes.along[k]) / length : 0
                    out.shapes.along[k] = Float(max(0, fwd) * r)
                    out.shapes.against[k] = Float(max(0, bwd) * r)
                }
                out.segments.append(Segment(
                    from: from, to: to, length: length, forward: fwd, backward: bwd,
                    shapeStart: shapeStart, shapeEnd: out.shapes.count, way: UInt32(w),
                    forwardZone: rule.forwardDestinationOnly, backwardZone: rule.backwardDestinationOnly
                ))
            }

            // Walk the runs of located nodes; a missing node splits the way.
            var start: UInt32?
            var previous: UInt32 = 0
            var length = 0.0
            var shapeStart = out.shapes.count
            for (i, s) in zip(refs.indices, refs) {
                guard lat[Int(s)] != missing else {
                    out.missingNodeReferences += 1
                    if let st = start, st != previous {
                        // The run ends at the previous node, which was kept
                        // as a shape point: it becomes the end instead.
                        out.shapes.removeLast()
                        close(st, previous, length, shapeStart)
                    }
                    start = nil
                    continue
                }
                guard let st = start else {
                    start = s
                    previous = s
                    length = 0
                    shapeStart = out.shapes.count
                    continue
                }
                length += coordinate(previous).distance(to: coordinate(s))
                previous = s
                let isLast = i == refs.index(before: refs.endIndex)
                if ways.uses[Int(s)] >= threshold || isLast {
                    close(st, s, length, shapeStart)
                    start = s
                    length = 0
                    shapeStart = out.shapes.count
                } else {
                    out.shapes.append(lat[Int(s)], lon[Int(s)], Float(length), 0)
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
}
