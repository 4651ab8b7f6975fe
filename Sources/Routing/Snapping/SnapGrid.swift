#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A uniform grid over longitude × latitude whose cells list the road
/// segments that pass through them: the spatial index of ``GraphSnapper``.
///
/// A segment is listed in every cell its straight line (in degree space)
/// crosses, found by clipping the line against each row of cells, so a long
/// diagonal segment costs a cell per row and column it crosses rather than its
/// whole bounding box. Cells are stored in compressed form: the entries of cell
/// `c` are `entries[cellStart[c] ..< cellStart[c + 1]]`.
///
/// The grid does not handle the antimeridian: a network that crosses
/// longitude ±180° gets one grid spanning the whole globe, which stays correct
/// (segments are lines in degree space) but is slow and wrong for segments
/// that cross ±180° themselves.
struct SnapGrid: Sendable {
    /// South-west corner of cell (0, 0), degrees.
    let minLatitude: Double
    let minLongitude: Double
    /// Cell size in degrees.
    let cellLatitude: Double
    let cellLongitude: Double
    let columns: Int
    let rows: Int
    /// `rows × columns + 1` offsets into ``entries``; cell (x, y) is `y × columns + x`.
    let cellStart: [UInt32]
    /// Segment ids (the index of the segment's first point).
    let entries: [UInt32]

    /// An empty grid (no segments).
    init() {
        minLatitude = 0; minLongitude = 0; cellLatitude = 1; cellLongitude = 1
        columns = 1; rows = 1
        cellStart = [0, 0]
        entries = []
    }

    /// Indexes `segments` (ids of first points; segment `s` runs from point
    /// `s` to point `s + 1`) with about `cellsPerSegment` cells per segment.
    ///
    /// - Complexity: O(segments + cells + entries).
    init(
        latitudeE7: [Int32], longitudeE7: [Int32], segments: [UInt32], cellsPerSegment: Double
    ) {
        guard !segments.isEmpty else {
            minLatitude = 0; minLongitude = 0; cellLatitude = 1; cellLongitude = 1
            columns = 1; rows = 1
            cellStart = [0, 0]
            entries = []
            return
        }
        var minLat = Int32.max, maxLat = Int32.min, minLon = Int32.max, maxLon = Int32.min
        for s in segments {
            for p in [Int(s), Int(s) + 1] {
                minLat = min(minLat, latitudeE7[p]); maxLat = max(maxLat, latitudeE7[p])
                minLon = min(minLon, longitudeE7[p]); maxLon = max(maxLon, longitudeE7[p])
            }
        }
        // A margin of 10⁻⁶° keeps every point strictly inside.
        let south = Double(minLat) * 1e-7 - 1e-6, north = Double(maxLat) * 1e-7 + 1e-6
        let west = Double(minLon) * 1e-7 - 1e-6, east = Double(maxLon) * 1e-7 + 1e-6
        let latSpan = north - south, lonSpan = east - west
        // Square cells on the ground at the middle latitude.
        let shrink = max(0.01, cos((south + north) / 2 * .pi / 180))
        let width = lonSpan * shrink, height = latSpan
        let targetCells = min(Double(1 << 28), max(1, Double(segments.count) * cellsPerSegment))
        let side = (width * height / targetCells).squareRoot()
        let columns = Int(min(targetCells, max(1, (width / side).rounded(.up))))
        let rows = Int(min((targetCells / Double(columns)).rounded(.up), max(1, (height / side).rounded(.up))))
        let shape = Geometry(
            minLatitude: south, minLongitude: west,
            cellLatitude: latSpan / Double(rows), cellLongitude: lonSpan / Double(columns),
            columns: columns, rows: rows
        )
        self.minLatitude = shape.minLatitude
        self.minLongitude = shape.minLongitude
        self.cellLatitude = shape.cellLatitude
        self.cellLongitude = shape.cellLongitude
        self.columns = columns
        self.rows = rows

        // Two passes: count, then fill.
        var start = [UInt32](repeating: 0, count: rows * columns + 1)
        for s in segments {
            shape.forEachCell(latitudeE7, longitudeE7, Int(s)) { start[$0 + 1] &+= 1 }
        }
        for c in 0..<(rows * columns) { start[c + 1] &+= start[c] }
        var fill = start
        var entries = [UInt32](repeating: 0, count: Int(start[rows * columns]))
        for s in segments {
            shape.forEachCell(latitudeE7, longitudeE7, Int(s)) { c in
                entries[Int(fill[c])] = s
                fill[c] &+= 1
            }
        }
        self.cellStart = start
        self.entries = entries
    }

    /// The cell index of grid coordinate `v`, clamped into `0 ..< count`.
    @inline(__always)
    func cellIndex(_ v: Double, _ count: Int) -> Int { clampedCell(v, count) }

    /// The grid's shape, before its cells are filled.
    private struct Geometry {
        let minLatitude: Double
        let minLongitude: Double
        let cellLatitude: Double
        let cellLongitude: Double
        let columns: Int
        let rows: Int

        /// Calls `body` with each cell the segment from point `s` to `s + 1`
        /// passes through (a few more at most, never fewer).
        func forEachCell(_ lat: [Int32], _ lon: [Int32], _ s: Int, _ body: (Int) -> Void) {
            let x0 = (Double(lon[s]) * 1e-7 - minLongitude) / cellLongitude
            let y0 = (Double(lat[s]) * 1e-7 - minLatitude) / cellLatitude
            let x1 = (Double(lon[s + 1]) * 1e-7 - minLongitude) / cellLongitude
            let y1 = (Double(lat[s + 1]) * 1e-7 - minLatitude) / cellLatitude
            let eps = 1e-9
            let yLo = min(y0, y1), yHi = max(y0, y1)
            let rowLo = clampedCell(yLo - eps, rows), rowHi = clampedCell(yHi + eps, rows)
            for r in rowLo...rowHi {
                // The part of the segment inside row r's band.
                let bandLo = max(yLo, Double(r)), bandHi = min(yHi, Double(r + 1))
                var xa: Double, xb: Double
                if y1 == y0 || bandLo >= bandHi {
                    xa = min(x0, x1); xb = max(x0, x1)
                    if y1 != y0 {
                        // The band only touches the segment at an end or not at all.
                        let t = ((bandLo + bandHi) / 2 - y0) / (y1 - y0)
                        let x = x0 + min(1, max(0, t)) * (x1 - x0)
                        xa = x; xb = x
                    }
                } else {
                    let ta = (bandLo - y0) / (y1 - y0), tb = (bandHi - y0) / (y1 - y0)
                    let xta = x0 + ta * (x1 - x0), xtb = x0 + tb * (x1 - x0)
                    xa = min(xta, xtb); xb = max(xta, xtb)
                }
                let colLo = clampedCell(xa - eps, columns), colHi = clampedCell(xb + eps, columns)
                for c in colLo...colHi { body(r * columns + c) }
            }
        }
    }
}

/// The cell index of grid coordinate `v`, clamped into `0 ..< count`.
@inline(__always)
private func clampedCell(_ v: Double, _ count: Int) -> Int {
    guard v > 0 else { return 0 }
    guard v < Double(count) else { return count - 1 }
    return Int(v)
}
