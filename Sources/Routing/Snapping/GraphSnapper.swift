#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Places coordinates on a ``RoadGraph``: the nearest point on a road, not
/// the nearest node.
///
/// The snapper indexes the roads of the graph's **largest strongly connected
/// component** only (``StronglyConnectedComponents``), so that every snapped
/// point can reach every other one; a point next to a small island of roads
/// (a car park whose exit is not mapped, a ferry terminal) goes to the nearest
/// road of the main network instead.
///
/// ```swift
/// let snapper = GraphSnapper(graph: graph)
/// let point = try snapper.snap(Coordinate(latitude: 35.9, longitude: 14.5))
/// point.snapDistanceMetres   // how far the road is
/// point.departures           // the nodes a search starts from, with costs
/// ```
///
/// **Roads.** Each edge is a polyline: its tail node, its shape points
/// (``RoadGraph/shape(of:)``), its head node; edges of graphs without shapes
/// (DIMACS) are straight. A two-way road is two edges between the same nodes
/// with the same geometry reversed; the snapper indexes it once, and a point
/// on it gets anchors for both directions (``NetworkPoint``). A one-way road
/// gets only the anchors that are legal: leave towards its head, arrive from
/// its tail. Where junctions are split (turn restrictions, barriers,
/// destination-only roads: ``RoadGraph/nodes(sharingIDWith:)``) a road is
/// indexed once, from its primary tail; a point on it departs as a vehicle
/// starting there would (the primary's edge) and is arrived at through every
/// copy of the road, each reached by its own approaches.
///
/// **Costs.** A point at fraction *f* of an edge's length along its shape
/// (each piece of the shape measured in the equirectangular projection at
/// its middle latitude, within 0.01 % of haversine for road-sized pieces) is
/// reached from the tail for round(*f* × the edge's length), and for the
/// travel time to the point: the edge's time at the shape points around it
/// (``RoadGraph/shapeDuration``), interpolated between them, so that on an
/// edge joining a fast road and a slow one each part keeps its own speed
/// (graphs without shape times spread the time evenly). It leaves towards
/// the head for the rest, so the two anchors always add up to the whole edge.
///
/// **Refusals** (``SnapError``) say how far the nearest road of the
/// connected network is, whether a road outside it (a part of the map the
/// vehicle cannot get in and out of) is nearer, and whether the point with
/// latitude and longitude swapped would be on the network.
///
/// **Geometry.** The nearest point is found in a local equirectangular
/// projection centred on the query (x = Δlongitude × cos latitude,
/// y = Δlatitude), close to the sphere at the distances snapping deals with
/// (the error grows as tan(latitude) × Δlatitude: below 0.05 % within 1 km
/// and 0.5 % within 10 km at latitudes up to 70°), so the segment chosen is
/// the nearest one unless two are within that margin of each other;
/// the reported ``NetworkPoint/snapDistanceMetres`` is the haversine
/// distance. Not handled: networks or roads that cross the antimeridian
/// (±180° longitude) and roads within a few kilometres of a pole.
///
/// **Index.** A uniform grid over the network's bounding box with about one
/// cell per road segment (``SnapGrid``); a query visits rings of cells around
/// its own until no unvisited cell can hold a nearer segment, so the answer is
/// the exact nearest segment, not an approximation. The fine grid is searched
/// only out to `maxDistanceMetres`; a point with no road that near is looked
/// up in a second grid of 8 × 8 times larger cells, so that its refusal still
/// says how far the nearest road is without visiting thousands of empty
/// cells.
///
/// A `GraphSnapper` is immutable and `Sendable`: share one between threads.
///
/// - Complexity: building is O(*n* + *m* + shape points); memory is about
///   28 bytes per indexed segment plus 12 per road. A query costs O(segments
///   in the cells visited), a few dozen in practice: about 3 µs on the
///   DIMACS New York graph (`docs/benchmarks/graph-file-and-snapping.md`).
public struct GraphSnapper: Sendable {
    /// The graph points are snapped onto.
    public let graph: RoadGraph
    /// The nodes of the largest strongly connected component: the only nodes
    /// snapped points are attached to.
    public let snappableNodes: NodeMask

    /// Road pieces: the edge a polyline was taken from, its tail, and the
    /// reverse edge with the same geometry, or `UInt32.max` (one-way).
    let pieceEdge: [UInt32]
    let pieceTail: [UInt32]
    let pieceReverse: [UInt32]
    /// The index of each piece's first point.
    let pieceStart: [UInt32]
    /// The polylines of all pieces one after another; segment `s` runs from
    /// point `s` to point `s + 1` of the same piece.
    let pointLatitudeE7: [Int32]
    let pointLongitudeE7: [Int32]
    let pointPiece: [UInt32]
    /// The fraction of the piece's length before each point.
    let pointFraction: [Float]
    /// The index: about one cell per segment.
    let fineGrid: SnapGrid
    /// The same segments with 64 times fewer cells, for points far from any
    /// road, whose search in the fine grid would visit thousands of empty
    /// cells before it could give the distance to the nearest road.
    let coarseGrid: SnapGrid
    /// Roads outside the connected network (points follow the indexed ones
    /// in the point arrays), for refusal messages only.
    let outsideGrid: SnapGrid
    /// Pieces (and their points) of the connected network: the first ones.
    let networkPieceCount: Int
    let networkPointCount: Int
    /// For each node, `true` when it is the primary of a split node (so its
    /// roads have copies); empty when the graph has no split nodes.
    let hasCopies: [Bool]

    /// Indexes the roads of `graph`'s largest strongly connected component.
    ///
    /// - Complexity: O(*n* + *m* + shape points).
    public init(graph: RoadGraph) {
        self.init(graph: graph, snappableNodes: StronglyConnectedComponents(graph: graph).largestComponentMask())
    }

    /// Indexes the roads between nodes of `snappableNodes`, normally the
    /// largest strongly connected component stored with a graph file.
    ///
    /// Only edges whose both ends are in the set are indexed. Pass the mask of
    /// a strongly connected set or routes between snapped points may not
    /// exist. A mask over a different number of nodes than the graph is
    /// ignored and the component is computed afresh.
    public init(graph: RoadGraph, snappableNodes: NodeMask) {
        self.init(graph: graph, snappableNodes: snappableNodes, cellsPerSegment: 1)
    }

    /// As ``init(graph:snappableNodes:)`` with a chosen grid density (for
    /// measurements).
    init(graph: RoadGraph, snappableNodes: NodeMask, cellsPerSegment: Double) {
        let mask = snappableNodes.nodeCount == graph.nodeCount
            ? snappableNodes : StronglyConnectedComponents(graph: graph).largestComponentMask()
        self.graph = graph
        self.snappableNodes = mask

        var pieceEdge: [UInt32] = [], pieceTail: [UInt32] = [], pieceReverse: [UInt32] = [], pieceStart: [UInt32] = []
        var lat: [Int32] = [], lon: [Int32] = [], piece: [UInt32] = [], fraction: [Float] = []
        var segments: [UInt32] = []
        var copyMark = [Bool]()
        if !graph.splitCopies.isEmpty {
            copyMark = [Bool](repeating: false, count: graph.nodeCount)
            for c in graph.splitCopies {
                if let p = graph.node(originalID: graph.originalIDs[Int(c)]) { copyMark[p] = true }
            }
        }
        self.hasCopies = copyMark
        guard graph.hasCoordinates, mask.count > 0 else {
            (self.pieceEdge, self.pieceTail, self.pieceReverse, self.pieceStart) = ([], [], [], [])
            (self.pointLatitudeE7, self.pointLongitudeE7, self.pointPiece, self.pointFraction) = ([], [], [], [])
            self.fineGrid = SnapGrid()
            self.coarseGrid = SnapGrid()
            self.outsideGrid = SnapGrid()
            (self.networkPieceCount, self.networkPointCount) = (0, 0)
            return
        }
        let m = graph.edgeCount
        pieceEdge.reserveCapacity(m / 2 + 1)
        pieceTail.reserveCapacity(m / 2 + 1)
        pieceReverse.reserveCapacity(m / 2 + 1)
        let pointEstimate = m + graph.shapeLatitudeE7.count + 1
        lat.reserveCapacity(pointEstimate); lon.reserveCapacity(pointEstimate)
        piece.reserveCapacity(pointEstimate); fraction.reserveCapacity(pointEstimate)
        segments.reserveCapacity(pointEstimate)
        let isCopy = { (v: Int) -> Bool in !graph.splitCopies.isEmpty && graph.isSplitCopy(v) }
        /// The primary of `v`'s split node.
        func primary(_ v: Int) -> Int {
            isCopy(v) ? graph.node(originalID: graph.originalIDs[v]) ?? v : v
        }

        // Pair every road (an edge from a primary node) with a reverse road
        // of the same geometry, if any.
        let none = UInt32.max
        var reverse = [UInt32](repeating: none, count: m)
        for u in 0..<graph.nodeCount where !isCopy(u) {
            for e in graph.edges(from: u) where reverse[e] == none {
                let v = primary(Int(graph.edgeTarget[e]))
                for f in graph.edges(from: v)
                where f != e && primary(Int(graph.edgeTarget[f])) == u && reverse[f] == none
                    && Self.isReversed(graph, e, f)
                {
                    reverse[e] = UInt32(f)
                    reverse[f] = UInt32(e)
                    break
                }
            }
        }

        // Roads outside the connected network, listed after the others.
        var outside: [(edge: Int, tail: Int)] = []
        var lengths: [Double] = []
        func addPiece(_ e: Int, tail u: Int, reverse r: UInt32, indexed: Bool) {
            let v = Int(graph.edgeTarget[e])
            let p = UInt32(pieceEdge.count)
            pieceEdge.append(UInt32(e))
            pieceTail.append(UInt32(u))
            pieceReverse.append(r)
            let first = lat.count
            pieceStart.append(UInt32(first))
            lat.append(graph.latitudeE7[u]); lon.append(graph.longitudeE7[u])
            if graph.hasShapes {
                for k in Int(graph.shapeStart[e])..<Int(graph.shapeStart[e + 1]) {
                    lat.append(graph.shapeLatitudeE7[k]); lon.append(graph.shapeLongitudeE7[k])
                }
            }
            lat.append(graph.latitudeE7[v]); lon.append(graph.longitudeE7[v])
            // Fractions of the polyline's length at each point. Lengths are
            // measured in the equirectangular projection at each segment's
            // middle latitude: within 0.01 % of haversine for roads, and a
            // straight edge needs no trigonometry at all.
            if lat.count - first == 2 {
                fraction.append(0); fraction.append(1)
                piece.append(p); piece.append(p)
                if indexed { segments.append(UInt32(first)) }
                return
            }
            lengths.removeAll(keepingCapacity: true)
            var total = 0.0
            lengths.append(0)
            for k in first..<(lat.count - 1) {
                let dy = Double(Int64(lat[k + 1]) - Int64(lat[k]))
                let midLatitude = (Double(lat[k]) + Double(lat[k + 1])) * 0.5e-7
                let dx = Double(Int64(lon[k + 1]) - Int64(lon[k])) * cos(midLatitude * .pi / 180)
                total += (dx * dx + dy * dy).squareRoot()
                lengths.append(total)
                if indexed { segments.append(UInt32(k)) }
            }
            for (i, l) in lengths.enumerated() {
                // A polyline of length zero: every point is at its start,
                // except the last, which is the head.
                let f: Float = total > 0 ? Float(l / total) : (i == lengths.count - 1 ? 1 : 0)
                fraction.append(f)
                piece.append(p)
            }
        }
        for u in 0..<graph.nodeCount where !isCopy(u) {
            for e in graph.edges(from: u) {
                // A two-way road is indexed once, from its lower-numbered edge.
                if reverse[e] != none && Int(reverse[e]) < e { continue }
                // Usable when a search can leave the point into the network
                // and reach it from the network.
                let r = reverse[e]
                var departs = mask.contains(Int(graph.edgeTarget[e]))
                var arrives = false
                for s in Self.siblings(of: e, tail: u, in: graph, hasCopies: copyMark) where mask.contains(s.tail) {
                    arrives = true
                }
                if r != none {
                    let rt = primary(Int(graph.edgeTarget[e]))
                    departs = departs || mask.contains(Int(graph.edgeTarget[Int(r)]))
                    if !arrives {
                        for s in Self.siblings(of: Int(r), tail: rt, in: graph, hasCopies: copyMark) where mask.contains(s.tail) {
                            arrives = true
                        }
                    }
                }
                if departs && arrives {
                    addPiece(e, tail: u, reverse: r, indexed: true)
                } else {
                    outside.append((e, u))
                }
            }
        }
        let insideSegments = segments
        segments = []
        self.networkPieceCount = pieceEdge.count
        self.networkPointCount = lat.count
        for (e, u) in outside { addPiece(e, tail: u, reverse: reverse[e], indexed: true) }
        let outsideSegments = segments
        self.pieceEdge = pieceEdge
        self.pieceTail = pieceTail
        self.pieceReverse = pieceReverse
        self.pieceStart = pieceStart
        self.pointLatitudeE7 = lat
        self.pointLongitudeE7 = lon
        self.pointPiece = piece
        self.pointFraction = fraction
        (self.fineGrid, self.coarseGrid) = SnapGrid.indexing(
            latitudeE7: lat, longitudeE7: lon, segments: insideSegments, cellsPerSegment: cellsPerSegment)
        self.outsideGrid = SnapGrid.indexing(
            latitudeE7: lat, longitudeE7: lon, segments: outsideSegments, cellsPerSegment: cellsPerSegment).coarse
    }

    /// The copies of road `e` (from primary `tail`): the edges from every
    /// node of `tail`'s split node that are the same road (same head id,
    /// length, duration and geometry), `e` first.
    static func siblings(of e: Int, tail: Int, in graph: RoadGraph, hasCopies: [Bool]) -> [(edge: Int, tail: Int)] {
        guard !hasCopies.isEmpty, hasCopies[tail] else { return [(e, tail)] }
        var out = [(e, tail)]
        let headID = graph.originalIDs[Int(graph.edgeTarget[e])]
        for c in graph.nodes(sharingIDWith: tail) where c != tail {
            for f in graph.edges(from: c)
            where graph.originalIDs[Int(graph.edgeTarget[f])] == headID && graph.edgeLength[f] == graph.edgeLength[e]
                && graph.edgeDuration[f] == graph.edgeDuration[e] && sameShape(graph, e, f)
            {
                out.append((f, c))
            }
        }
        return out
    }

    /// `true` when edges `e` and `f` have the same shape points.
    private static func sameShape(_ g: RoadGraph, _ e: Int, _ f: Int) -> Bool {
        shapesMatch(g, e, f, reversed: false)
    }

    /// `true` when edge `f`'s geometry is edge `e`'s reversed (same end nodes
    /// swapped, shape points in reverse order).
    private static func isReversed(_ g: RoadGraph, _ e: Int, _ f: Int) -> Bool {
        shapesMatch(g, e, f, reversed: true)
    }

    /// `true` when `f`'s shape points are `e`'s, in the same order or
    /// reversed.
    private static func shapesMatch(_ g: RoadGraph, _ e: Int, _ f: Int, reversed: Bool) -> Bool {
        guard g.hasShapes else { return true }
        let e0 = Int(g.shapeStart[e]), e1 = Int(g.shapeStart[e + 1])
        let f0 = Int(g.shapeStart[f]), f1 = Int(g.shapeStart[f + 1])
        guard e1 - e0 == f1 - f0 else { return false }
        for k in 0..<(e1 - e0) {
            let a = e0 + k, b = reversed ? f1 - 1 - k : f0 + k
            if g.shapeLatitudeE7[a] != g.shapeLatitudeE7[b] || g.shapeLongitudeE7[a] != g.shapeLongitudeE7[b] {
                return false
            }
        }
        return true
    }

    /// The number of road pieces indexed (a two-way road counts once).
    public var roadCount: Int { networkPieceCount }

    /// The number of straight segments indexed.
    public var segmentCount: Int { networkPointCount - networkPieceCount }

    /// Bytes held by the index (not counting the graph).
    public var memoryFootprint: Int {
        pieceEdge.count * 16 + pointPiece.count * 16 + fineGrid.memoryFootprint + coarseGrid.memoryFootprint
            + outsideGrid.memoryFootprint + snappableNodes.words.count * 8 + hasCopies.count
    }

    /// Places `coordinate` on the nearest road of the largest strongly
    /// connected component.
    ///
    /// - Parameters:
    ///   - coordinate: the WGS84 position to snap.
    ///   - maxDistanceMetres: the farthest a road may be (haversine metres).
    /// - Returns: a point on an edge with its anchors (both directions on a
    ///   two-way road, the legal one on a one-way road), the projected
    ///   ``NetworkPoint/coordinate``, the ``NetworkPoint/snapDistanceMetres``
    ///   and the edge ``NetworkPoint/positions``.
    /// - Throws: ``SnapError`` when the coordinate is invalid, the graph has no
    ///   roads with coordinates, or the nearest road is farther than
    ///   `maxDistanceMetres` (the error carries the distance found).
    /// - Complexity: proportional to the segments in the grid cells within
    ///   the distance of the nearest road; a few microseconds.
    public func snap(_ coordinate: Coordinate, maxDistanceMetres: Double = 1000) throws(SnapError) -> NetworkPoint {
        guard coordinate.isValid else {
            var error = SnapError(coordinate: coordinate, reason: .invalidCoordinate)
            error.swappedDistanceMetres = swappedDistance(coordinate, maxDistanceMetres: maxDistanceMetres)
            throw error
        }
        guard let (hit, distance) = nearest(coordinate, maxDistanceMetres: maxDistanceMetres) else {
            throw SnapError(coordinate: coordinate, reason: .noRoads)
        }
        guard distance <= maxDistanceMetres else {
            var error = SnapError(
                coordinate: coordinate, reason: .tooFar(distanceMetres: distance, maxDistanceMetres: maxDistanceMetres))
            // A road cut off from the network nearer than the network?
            if let o = nearestSegment(to: coordinate, in: outsideGrid, within: .infinity) {
                let d = coordinate.distance(to: projection(o))
                if d < distance { error.outsideNetworkDistanceMetres = d }
            }
            error.swappedDistanceMetres = swappedDistance(coordinate, maxDistanceMetres: maxDistanceMetres)
            throw error
        }
        return point(at: hit, coordinate: projection(hit), distance: distance)
    }

    /// The nearest segment of the network to `coordinate` and its haversine
    /// distance, searching the fine grid out to the limit first.
    private func nearest(_ coordinate: Coordinate, maxDistanceMetres: Double) -> ((segment: Int, t: Double), Double)? {
        // Search the fine grid out to the limit (with a margin for the
        // difference between the local projection and the sphere); only a
        // point with no road that near needs the coarse grid, for the
        // distance it is refused with.
        let metresPerDegree = Coordinate.earthRadiusMetres * .pi / 180
        let cutoff = maxDistanceMetres < 50_000 ? maxDistanceMetres / metresPerDegree * 1.05 + 1e-9 : .infinity
        guard let hit = nearestSegment(to: coordinate, in: fineGrid, within: cutoff)
            ?? nearestSegment(to: coordinate, in: coarseGrid, within: .infinity)
        else { return nil }
        return (hit, coordinate.distance(to: projection(hit)))
    }

    /// How far the network is from `c` with latitude and longitude swapped,
    /// when that is within `maxDistanceMetres` (a hint that they were
    /// given in the wrong order).
    private func swappedDistance(_ c: Coordinate, maxDistanceMetres: Double) -> Double? {
        let swapped = Coordinate(latitude: c.longitude, longitude: c.latitude)
        guard swapped.isValid, swapped != c, let (_, d) = nearest(swapped, maxDistanceMetres: maxDistanceMetres),
              d <= maxDistanceMetres
        else { return nil }
        return d
    }

    /// The point at parameter `t` of segment `s`.
    private func projection(_ hit: (segment: Int, t: Double)) -> Coordinate {
        let s = hit.segment
        let a = Coordinate(fixedLatitude: pointLatitudeE7[s], fixedLongitude: pointLongitudeE7[s])
        let b = Coordinate(fixedLatitude: pointLatitudeE7[s + 1], fixedLongitude: pointLongitudeE7[s + 1])
        return Coordinate(
            latitude: a.latitude + hit.t * (b.latitude - a.latitude),
            longitude: a.longitude + hit.t * (b.longitude - a.longitude)
        )
    }

    /// The network point at parameter `t` of segment `s` of a piece: on the
    /// piece's forward edge and, for a two-way road, on its reverse, with
    /// arrivals through every copy of each.
    private func point(at hit: (segment: Int, t: Double), coordinate: Coordinate, distance: Double) -> NetworkPoint {
        let s = hit.segment
        let p = Int(pointPiece[s])
        let f0 = Double(pointFraction[s]), f1 = Double(pointFraction[s + 1])
        let fraction = min(1, max(0, f0 + hit.t * (f1 - f0)))
        // The polyline segment and parameter on the forward edge.
        let i = s - Int(pieceStart[p])
        let points = (p + 1 < pieceStart.count ? Int(pieceStart[p + 1]) : pointPiece.count) - Int(pieceStart[p])
        let e = Int(pieceEdge[p])
        let u = Int(pieceTail[p])
        let v = graph.edgeTarget[e]
        var departures: [NetworkPoint.Anchor] = []
        var arrivals: [NetworkPoint.Anchor] = []
        var positions: [NetworkPoint.EdgePosition] = []
        func add(edge: Int, tail: Int, head: UInt32, segment: Int, t: Double, fraction: Double) {
            let (arrive, leave) = split(edge: edge, segment: segment, t: t, fraction: fraction)
            departures.append(NetworkPoint.Anchor(
                node: head, edge: UInt32(edge), weight: leave.weight, length: leave.length, duration: leave.duration))
            for sib in Self.siblings(of: edge, tail: tail, in: graph, hasCopies: hasCopies) {
                arrivals.append(NetworkPoint.Anchor(
                    node: UInt32(sib.tail), edge: UInt32(sib.edge), weight: arrive.weight, length: arrive.length,
                    duration: arrive.duration))
                positions.append(NetworkPoint.EdgePosition(edge: UInt32(sib.edge), fraction: fraction, fromTail: arrive))
            }
        }
        add(edge: e, tail: u, head: v, segment: i, t: hit.t, fraction: fraction)
        let r = pieceReverse[p]
        if r != UInt32.max {
            // On the reverse edge v→u the point lies at 1 − fraction, on the
            // mirrored polyline segment.
            add(
                edge: Int(r), tail: graph.tail(of: Int(r)), head: graph.edgeTarget[Int(r)], segment: points - 2 - i,
                t: 1 - hit.t, fraction: 1 - fraction)
        }
        return NetworkPoint(
            departures: departures, arrivals: arrivals, coordinate: coordinate,
            snapDistanceMetres: distance, positions: positions
        )
    }

    /// The costs from the tail of `edge` to the point at parameter `t` of
    /// polyline segment `segment` (at `fraction` of the length), and from
    /// the point to the head; they add up to the edge's.
    private func split(edge e: Int, segment: Int, t: Double, fraction: Double) -> (PathCost, PathCost) {
        let l = graph.edgeLength[e], d = graph.edgeDuration[e]
        let pl = UInt32((Double(l) * fraction).rounded())
        let pd = min(d, UInt32(graph.durationFromTail(of: e, polylineSegment: segment, t: t, fraction: fraction).rounded()))
        let pw = graph.metric == .distance ? pl : pd
        let w = graph.weight(of: e)
        return (PathCost(weight: pw, length: pl, duration: pd), PathCost(weight: w - pw, length: l - pl, duration: d - pd))
    }

    /// The nearest indexed segment to `c` in the local equirectangular
    /// projection at `c`, with the projection parameter `t` ∈ [0, 1] along it;
    /// ties go to the lower segment id. `nil` when nothing is indexed within
    /// `cutoff` (in latitude degrees of that projection).
    ///
    /// Visits rings of cells around `c`'s cell until no unvisited cell can
    /// hold a nearer segment (or one within `cutoff`).
    func nearestSegment(to c: Coordinate, in grid: SnapGrid, within cutoff: Double) -> (segment: Int, t: Double)? {
        guard !grid.entries.isEmpty else { return nil }
        let qLat = c.latitude, qLon = c.longitude
        // Longitude degrees are worth cos(latitude) latitude degrees.
        let kx = cos(qLat * .pi / 180)
        let qLatE7 = qLat * 1e7, qLonE7 = qLon * 1e7
        let columns = grid.columns, rows = grid.rows
        let cx = grid.cellIndex((qLon - grid.minLongitude) / grid.cellLongitude, columns)
        let cy = grid.cellIndex((qLat - grid.minLatitude) / grid.cellLatitude, rows)
        var best = Double.infinity
        var bestSegment = Int.max
        var bestT = 0.0
        let cutoff2 = cutoff * cutoff

        pointLatitudeE7.withUnsafeBufferPointer { lat in
            pointLongitudeE7.withUnsafeBufferPointer { lon in
                grid.cellStart.withUnsafeBufferPointer { cellStart in
                    grid.entries.withUnsafeBufferPointer { entries in
                        @inline(__always) func scan(_ x: Int, _ y: Int) {
                            let cell = y &* columns &+ x
                            let first = Int(cellStart[cell]), end = Int(cellStart[cell &+ 1])
                            guard first < end else { return }
                            // Skip a cell that cannot hold anything nearer than the best so far
                            // (or within the cutoff): most of a far point's rings.
                            let west = grid.minLongitude + Double(x) * grid.cellLongitude
                            let south = grid.minLatitude + Double(y) * grid.cellLatitude
                            // (10⁻¹² degrees of slack for rounding at the cell's edges.)
                            let gx = max(0, west - qLon - 1e-12, qLon - (west + grid.cellLongitude) - 1e-12) * kx
                            let gy = max(0, south - qLat - 1e-12, qLat - (south + grid.cellLatitude) - 1e-12)
                            let bound = gx * gx + gy * gy
                            guard bound <= best, bound <= cutoff2 else { return }
                            for i in first..<end {
                                let s = Int(entries[i])
                                // Coordinates relative to the query, in latitude degrees.
                                let ax = (Double(lon[s]) - qLonE7) * 1e-7 * kx
                                let ay = (Double(lat[s]) - qLatE7) * 1e-7
                                let dx = (Double(lon[s &+ 1]) - qLonE7) * 1e-7 * kx - ax
                                let dy = (Double(lat[s &+ 1]) - qLatE7) * 1e-7 - ay
                                let len2 = dx * dx + dy * dy
                                var t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0
                                t = min(1, max(0, t))
                                let px = ax + t * dx, py = ay + t * dy
                                let d2 = px * px + py * py
                                if d2 < best || (d2 == best && s < bestSegment) {
                                    best = d2; bestSegment = s; bestT = t
                                }
                            }
                        }
                        var k = 0
                        while true {
                            let x0 = cx - k, x1 = cx + k, y0 = cy - k, y1 = cy + k
                            if k == 0 {
                                scan(cx, cy)
                            } else {
                                let xa = max(0, x0), xb = min(columns - 1, x1)
                                if y0 >= 0 { for x in xa...xb { scan(x, y0) } }
                                if y1 < rows { for x in xa...xb { scan(x, y1) } }
                                let ya = max(0, y0 + 1), yb = min(rows - 1, y1 - 1)
                                if ya <= yb {
                                    if x0 >= 0 { for y in ya...yb { scan(x0, y) } }
                                    if x1 < columns { for y in ya...yb { scan(x1, y) } }
                                }
                            }
                            // The nearest any unvisited cell can be: the gap from the
                            // query to the block's sides that have cells beyond them.
                            var gap = Double.infinity
                            if x0 > 0 { gap = min(gap, (qLon - (grid.minLongitude + Double(x0) * grid.cellLongitude)) * kx) }
                            if x1 < columns - 1 { gap = min(gap, (grid.minLongitude + Double(x1 + 1) * grid.cellLongitude - qLon) * kx) }
                            if y0 > 0 { gap = min(gap, qLat - (grid.minLatitude + Double(y0) * grid.cellLatitude)) }
                            if y1 < rows - 1 { gap = min(gap, grid.minLatitude + Double(y1 + 1) * grid.cellLatitude - qLat) }
                            if gap == .infinity || gap > cutoff { break }
                            if gap > 0 && best <= gap * gap { break }
                            k += 1
                        }
                    }
                }
            }
        }
        return bestSegment == Int.max || best > cutoff2 ? nil : (bestSegment, bestT)
    }
}
