extension OSMGraphAssembler {
    /// A turn restriction placed on the road pieces: the pieces a vehicle
    /// drives, in order (the `from` piece into the junction, the via pieces,
    /// the `to` piece out of it), each with its direction.
    struct PlacedRestriction {
        var path: [(segment: Int, along: Bool)]
        var isOnly: Bool
    }

    /// Places every restriction on the pieces of its ways, as OSRM does
    /// (`find_via_node_path`, `find_via_way_path` in
    /// src/extractor/extraction_containers.cpp): the `from` and `to` ways
    /// must start or end at the via node (or at an end of the via ways, which
    /// must join end to end); the piece of each that touches the junction is
    /// the one restricted. A restriction that cannot be placed (a way the
    /// vehicle may not use, ways that do not meet, a direction the vehicle
    /// may not drive) is left out.
    ///
    /// - Returns: the placed restrictions and the slots of their junctions
    ///   (via nodes, ends of via ways), which must stay graph nodes.
    /// - Complexity: O(ways + restrictions × log pieces).
    static func placeRestrictions(
        _ restrictions: [OSMTurnRestriction], ways: OSMWaySet, segments: [Segment]
    ) -> (placed: [PlacedRestriction], junctions: [UInt32]) {
        guard !restrictions.isEmpty else { return ([], []) }
        var referenced = Set<Int64>()
        for r in restrictions {
            referenced.insert(r.from)
            referenced.insert(r.to)
            for w in r.viaWays { referenced.insert(w) }
        }
        let wayIndex = ways.wayIndices(of: referenced)

        /// The pieces of way `w` (they are stored in way order).
        func pieces(of w: Int) -> Range<Int> {
            func lowerBound(_ x: Int) -> Int {
                var lo = 0, hi = segments.count
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if Int(segments[mid].way) < x { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
            return lowerBound(w) ..< lowerBound(w + 1)
        }
        /// A way's first and last node and its pieces, when they join up.
        struct WayEnds { var first: UInt32; var last: UInt32; var pieces: Range<Int> }
        func ends(_ id: Int64) -> WayEnds? {
            guard let w = wayIndex[id] else { return nil }
            let p = pieces(of: w)
            guard !p.isEmpty else { return nil }
            let first = ways.refs[ways.refStart[w]], last = ways.refs[ways.refStart[w + 1] - 1]
            // Every piece must follow the previous one (no missing nodes).
            guard segments[p.first!].from == first, segments[p.last!].to == last else { return nil }
            for i in p.dropFirst() where segments[i].from != segments[i - 1].to { return nil }
            return WayEnds(first: first, last: last, pieces: p)
        }
        func drivable(_ s: Int, _ along: Bool) -> Bool {
            along ? segments[s].forward >= 0 : segments[s].backward >= 0
        }

        var placed: [PlacedRestriction] = []
        var junctions: [UInt32] = []
        for r in restrictions {
            guard let from = ends(r.from), let to = ends(r.to) else { continue }
            var path: [(segment: Int, along: Bool)] = []
            var junction: UInt32
            var mine: [UInt32] = []
            // The piece of `from` that enters the first junction.
            func enter(_ node: UInt32) -> Bool {
                if from.first == node {
                    path.append((from.pieces.first!, false))
                } else if from.last == node {
                    path.append((from.pieces.last!, true))
                } else {
                    return false
                }
                return true
            }
            if let via = r.viaNode {
                guard let v = ways.slot(ofNode: via), enter(v) else { continue }
                junction = v
            } else {
                guard let first = r.viaWays.first.flatMap(ends) else { continue }
                // The end of `from` that meets the first via way.
                if from.first == first.first || from.first == first.last {
                    junction = from.first
                } else if from.last == first.first || from.last == first.last {
                    junction = from.last
                } else {
                    continue
                }
                _ = enter(junction)
                var ok = true
                for id in r.viaWays {
                    guard let via = ends(id) else { ok = false; break }
                    mine.append(junction)
                    if via.first == junction {
                        for s in via.pieces { path.append((s, true)) }
                        junction = via.last
                    } else if via.last == junction {
                        for s in via.pieces.reversed() { path.append((s, false)) }
                        junction = via.first
                    } else {
                        ok = false
                        break
                    }
                }
                guard ok else { continue }
            }
            mine.append(junction)
            // The piece of `to` that leaves the last junction.
            if to.first == junction {
                path.append((to.pieces.first!, true))
            } else if to.last == junction {
                path.append((to.pieces.last!, false))
            } else {
                continue
            }
            guard path.allSatisfy({ drivable($0.segment, $0.along) }) else { continue }
            placed.append(PlacedRestriction(path: path, isOnly: r.isOnly))
            junctions += mine
        }
        return (placed, junctions)
    }
}
