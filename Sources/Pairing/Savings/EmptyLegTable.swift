/// The empty legs between shipments: for shipments `i` and `j`, the leg
/// from `i`'s destination to `j`'s origin; `i == j` is shipment `i`'s own
/// empty return.
///
/// Either *dense* (every ordered pair computed) or *sparse* (per row `i`,
/// the `j`s that were computed — for large batches, where the job only
/// routes from each destination to nearby origins). In a sparse table a
/// pair is a candidate only when both of its cross legs were computed, and
/// every row must hold its own return leg.
///
/// Values are stored as 32-bit integers: 8 bytes per leg dense, 12 sparse.
public struct EmptyLegTable: Sendable {
    /// The number of shipments.
    public let count: Int
    /// Dense: `count × count` row-major. Sparse: the entries of row `i` are
    /// `rowStart[i] ..< rowStart[i + 1]`, columns increasing.
    @usableFromInline let rowStart: [Int]
    @usableFromInline let columns: [Int32]
    /// Metres of each entry, -1 when there is no route.
    @usableFromInline let metres: [Int32]
    @usableFromInline let seconds: [Int32]

    /// Whether every ordered pair is present.
    public let isDense: Bool

    /// A dense table: `leg(i, j)` is called once for every ordered pair,
    /// row by row; `nil` means no route.
    ///
    /// - Throws: ``PairingInputError`` for a negative count or a value out
    ///   of `0...Leg.maximumValue`; rethrows what `leg` throws.
    public init(count: Int, leg: (_ from: Int, _ to: Int) throws -> Leg?) throws {
        guard count >= 0, count <= 46_340 else {
            throw PairingInputError("a dense empty-leg table of \(count) shipments (at most 46,340; use a sparse table)")
        }
        var metres = [Int32](repeating: -1, count: count * count)
        var seconds = [Int32](repeating: -1, count: count * count)
        for i in 0..<count {
            for j in 0..<count {
                guard let l = try leg(i, j) else { continue }
                guard l.isInRange else { throw PairingInputError("empty leg (\(i), \(j)) out of range: \(l)") }
                metres[i * count + j] = Int32(truncatingIfNeeded: l.metres)
                seconds[i * count + j] = Int32(truncatingIfNeeded: l.seconds)
            }
        }
        self.count = count
        self.isDense = true
        self.rowStart = []
        self.columns = []
        self.metres = metres
        self.seconds = seconds
    }

    /// A sparse table from the computed entries of each row: `rows[i]` lists
    /// `(to: j, leg)` pairs, `leg == nil` meaning computed but no route.
    ///
    /// - Throws: ``PairingInputError`` when a row lacks its own return
    ///   `(to: i)`, names a `j` twice or out of range, or has a value out of
    ///   range.
    public init(count: Int, rows: [[(to: Int, leg: Leg?)]]) throws {
        guard rows.count == count else {
            throw PairingInputError("\(rows.count) rows of empty legs for \(count) shipments")
        }
        var rowStart = [0]
        rowStart.reserveCapacity(count + 1)
        var columns: [Int32] = [], metres: [Int32] = [], seconds: [Int32] = []
        let total = rows.reduce(0) { $0 + $1.count }
        columns.reserveCapacity(total)
        metres.reserveCapacity(total)
        seconds.reserveCapacity(total)
        for (i, row) in rows.enumerated() {
            let sorted = row.sorted { $0.to < $1.to }
            var previous = -1
            var hasOwn = false
            for entry in sorted {
                guard entry.to >= 0, entry.to < count else {
                    throw PairingInputError("empty leg (\(i), \(entry.to)): shipment \(entry.to) out of range 0..<\(count)")
                }
                guard entry.to != previous else { throw PairingInputError("empty leg (\(i), \(entry.to)) given twice") }
                previous = entry.to
                if entry.to == i { hasOwn = true }
                columns.append(Int32(truncatingIfNeeded: entry.to))
                if let l = entry.leg {
                    guard l.isInRange else { throw PairingInputError("empty leg (\(i), \(entry.to)) out of range: \(l)") }
                    metres.append(Int32(truncatingIfNeeded: l.metres))
                    seconds.append(Int32(truncatingIfNeeded: l.seconds))
                } else {
                    metres.append(-1)
                    seconds.append(-1)
                }
            }
            guard hasOwn else {
                throw PairingInputError("row \(i) of the empty legs lacks the shipment's own return (\(i), \(i))")
            }
            rowStart.append(columns.count)
        }
        self.count = count
        self.isDense = false
        self.rowStart = rowStart
        self.columns = columns
        self.metres = metres
        self.seconds = seconds
    }

    /// The storage index of entry `(i, j)`, or -1 when it was not computed.
    @inlinable
    func index(from i: Int, to j: Int) -> Int {
        if isDense { return i * count + j }
        var lo = rowStart[i], hi = rowStart[i + 1]
        let target = Int32(truncatingIfNeeded: j)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if columns[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowStart[i + 1] && columns[lo] == target ? lo : -1
    }

    /// Whether the leg from `i`'s destination to `j`'s origin was computed
    /// (with or without a route).
    public func isComputed(from i: Int, to j: Int) -> Bool { index(from: i, to: j) >= 0 }

    /// The leg from `i`'s destination to `j`'s origin, or `nil` when it has
    /// no route or was not computed.
    public subscript(from i: Int, to j: Int) -> Leg? {
        let x = index(from: i, to: j)
        guard x >= 0, metres[x] >= 0 else { return nil }
        return Leg(metres: Int(metres[x]), seconds: Int(seconds[x]))
    }

    /// Calls `body(j, storageIndex)` for every computed entry of row `i`.
    @inlinable
    func forEachEntry(inRow i: Int, _ body: (Int, Int) -> Void) {
        if isDense {
            for j in 0..<count { body(j, i * count + j) }
        } else {
            for x in rowStart[i]..<rowStart[i + 1] { body(Int(columns[x]), x) }
        }
    }
}
