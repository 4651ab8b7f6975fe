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
/// Grids come in pairs (``indexing(latitudeE7:longitudeE7:segments:cellsPerSegment:)``):
/// a fine one and a coarse one whose cells are blocks of 8 × 8 fine cells,
/// for queries far from every road.
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

    /// The side of a coarse cell in fine cells.
    static let coarseFactor = 8

    /// An empty grid (no segments).
    init() {
        self.init(minLatitude: 0, minLongitude: 0, cellLatitude: 1, cellLongitude: 1, columns: 1, rows: 1, cellStart: [0, 0], entries: [])
    }

    private init(
        minLatitude: Double, minLongitude: Double, cellLatitude: Double, cellLongitude: Double,
        columns: Int, rows: Int, cellStart: [UInt32], entries: [UInt32]
    ) {
        self.minLatitude = minLatitude
        self.minLongitude = minLongitude
        self.cellLatitude = cellLatitude
        self.cellLongitude = cellLongitude
        self.columns = columns
        self.rows = rows
        self.cellStart = cellStart
        self.entries = entries
    }

    /// Bytes held by the grid.
    var memoryFootprint: Int { cellStart.count * 4 + entries.count * 4 }

    /// Indexes `segments` (ids of first points; segment `s` runs from point
    /// `s` to point `s + 1`) in a fine grid of about `cellsPerSegment` cells
    /// per segment, and a coarse grid of 8 × 8 fine cells per cell.
    ///
    /// - Complexity: O(segments + cells + entries), with one geometric pass.
    static func indexing(
        latitudeE7 lat: [Int32], longitudeE7 lon: [Int32], segments: [UInt32], cellsPerSegment: Double
    ) -> (fine: SnapGrid, coarse: SnapGrid) {
        guard !segments.isEmpty else { return (SnapGrid(), SnapGrid()) }
        var minLat = Int32.max, maxLat = Int32.min, minLon = Int32.max, maxLon = Int32.min
        for s in segments {
            let p = Int(s)
            minLat = min(minLat, lat[p], lat[p + 1]); maxLat = max(maxLat, lat[p], lat[p + 1])
            minLon = min(minLon, lon[p], lon[p + 1]); maxLon = max(maxLon, lon[p], lon[p + 1])
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
        let cellLatitude = latSpan / Double(rows), cellLongitude = lonSpan / Double(columns)

        let k = coarseFactor
        let coarseColumns = (columns + k - 1) / k, coarseRows = (rows + k - 1) / k

        // One geometric pass: (cell, segment) pairs for both grids.
        var fineCells: [UInt32] = [], fineSegments: [UInt32] = []
        var coarseCells: [UInt32] = [], coarseSegments: [UInt32] = []
        fineCells.reserveCapacity(segments.count * 2); fineSegments.reserveCapacity(segments.count * 2)
        coarseCells.reserveCapacity(segments.count + segments.count / 8)
        coarseSegments.reserveCapacity(segments.count + segments.count / 8)
        let eps = 1e-9
        // Grid units per 10⁻⁷ degree.
        let xScale = 1e-7 / cellLongitude, yScale = 1e-7 / cellLatitude
        let xOrigin = west / cellLongitude, yOrigin = south / cellLatitude
        for s in segments {
            let p = Int(s)
            let x0 = Double(lon[p]) * xScale - xOrigin, y0 = Double(lat[p]) * yScale - yOrigin
            let x1 = Double(lon[p + 1]) * xScale - xOrigin, y1 = Double(lat[p + 1]) * yScale - yOrigin
            let firstCoarse = coarseCells.count
            let yLo = min(y0, y1), yHi = max(y0, y1)
            let rowLo = clampedCell(yLo - eps, rows), rowHi = clampedCell(yHi + eps, rows)
            // x as a function of y along the segment (only used when it spans rows).
            let slope = rowLo != rowHi ? (x1 - x0) / (y1 - y0) : 0
            for r in rowLo...rowHi {
                // The columns of the part of the segment inside row r's band.
                var xa = min(x0, x1), xb = max(x0, x1)
                if rowLo != rowHi {
                    let bandLo = max(yLo, Double(r)), bandHi = min(yHi, Double(r + 1))
                    if bandLo >= bandHi {
                        // The band only touches the segment at an end (within eps).
                        xa = abs(bandLo - y0) < abs(bandLo - y1) ? x0 : x1
                        xb = xa
                    } else {
                        let xta = x0 + (bandLo - y0) * slope
                        let xtb = x0 + (bandHi - y0) * slope
                        xa = min(xta, xtb); xb = max(xta, xtb)
                    }
                }
                for c in clampedCell(xa - eps, columns)...clampedCell(xb + eps, columns) {
                    fineCells.append(UInt32(r * columns + c))
                    fineSegments.append(s)
                    let coarse = UInt32((r / k) * coarseColumns + c / k)
                    var seen = false
                    for i in firstCoarse..<coarseCells.count where coarseCells[i] == coarse { seen = true }
                    if !seen {
                        coarseCells.append(coarse)
                        coarseSegments.append(s)
                    }
                }
            }
        }
        let fine = SnapGrid(
            minLatitude: south, minLongitude: west, cellLatitude: cellLatitude, cellLongitude: cellLongitude,
            columns: columns, rows: rows,
            cells: fineCells, segments: fineSegments
        )
        let coarse = SnapGrid(
            minLatitude: south, minLongitude: west,
            cellLatitude: cellLatitude * Double(k), cellLongitude: cellLongitude * Double(k),
            columns: coarseColumns, rows: coarseRows,
            cells: coarseCells, segments: coarseSegments
        )
        return (fine, coarse)
    }

    /// A grid from (cell, segment) pairs, by counting sort on the cell.
    private init(
        minLatitude: Double, minLongitude: Double, cellLatitude: Double, cellLongitude: Double,
        columns: Int, rows: Int, cells: [UInt32], segments: [UInt32]
    ) {
        let cellCount = rows * columns
        var start = [UInt32](repeating: 0, count: cellCount + 1)
        var entries = [UInt32](repeating: 0, count: cells.count)
        start.withUnsafeMutableBufferPointer { start in
            for c in cells { start[Int(c) + 1] &+= 1 }
            for c in 0..<cellCount { start[c + 1] &+= start[c] }
            entries.withUnsafeMutableBufferPointer { entries in
                // Fill back to front so that `start[c]` ends at the cell's first entry.
                for i in cells.indices.reversed() {
                    let c = Int(cells[i]) + 1
                    start[c] &-= 1
                    entries[Int(start[c])] = segments[i]
                }
            }
            // start[c + 1] now holds cell c's first entry: shift down.
            for c in 0..<cellCount { start[c] = start[c + 1] }
            start[cellCount] = UInt32(cells.count)
        }
        self.init(
            minLatitude: minLatitude, minLongitude: minLongitude, cellLatitude: cellLatitude, cellLongitude: cellLongitude,
            columns: columns, rows: rows, cellStart: start, entries: entries
        )
    }

    /// The cell index of grid coordinate `v`, clamped into `0 ..< count`.
    @inline(__always)
    func cellIndex(_ v: Double, _ count: Int) -> Int { clampedCell(v, count) }
}

/// The cell index of grid coordinate `v`, clamped into `0 ..< count`.
@inline(__always)
private func clampedCell(_ v: Double, _ count: Int) -> Int {
    guard v > 0 else { return 0 }
    guard v < Double(count) else { return count - 1 }
    return Int(v)
}
