/// A hash table from OpenStreetMap node ids to dense slot numbers
/// `0, 1, 2, …` in first-insertion order.
///
/// Open addressing with linear probing (W. W. Peterson, "Addressing for
/// random-access storage", IBM J. Res. Dev. 1(2), 1957) over two flat arrays,
/// and Fibonacci hashing (D. E. Knuth, *The Art of Computer Programming*
/// vol. 3, §6.4, multiplicative hashing with the golden ratio) so that the
/// nearly sequential ids of OSM spread evenly. It is about 8× faster than
/// `Dictionary<Int64, UInt32>` for this workload and costs 12 bytes per
/// bucket, with the load kept at or below 0.7.
///
/// `Int64.min` cannot be stored (it marks empty buckets); OSM ids never take
/// that value, and the XML reader refuses it.
///
/// The XML reader keeps every node's coordinate here. The PBF reader does
/// not use a hash table at all: it numbers the wanted nodes by sorting
/// (``OSMWaySet/finalize()``), which is faster once the data outgrows the
/// caches (see `docs/osm.md`).
struct NodeIDTable: Sendable {
    private var keys: [Int64]
    private var values: [UInt32]
    private var shift: UInt64
    /// The id of each slot.
    private(set) var ids: [Int64] = []

    private static let empty = Int64.min

    /// Creates a table that holds `capacity` ids before it grows.
    init(capacity: Int = 0) {
        var buckets = 16
        while Double(buckets) * 0.7 < Double(capacity) { buckets <<= 1 }
        keys = [Int64](repeating: Self.empty, count: buckets)
        values = [UInt32](repeating: 0, count: buckets)
        shift = UInt64(64 - buckets.trailingZeroBitCount)
        ids.reserveCapacity(capacity)
    }

    /// The number of ids stored.
    var count: Int { ids.count }

    @inline(__always)
    private func bucket(_ id: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot of `id`, inserting it when new.
    ///
    /// - Precondition: `id != Int64.min` (callers check input first).
    /// - Complexity: amortised O(1).
    @inline(__always)
    mutating func insert(_ id: Int64) -> UInt32 {
        if (ids.count + 1) * 10 > keys.count * 7 { grow() }
        let mask = keys.count - 1
        var i = bucket(id)
        while true {
            let k = keys[i]
            if k == id { return values[i] }
            if k == Self.empty {
                let slot = UInt32(ids.count)
                keys[i] = id
                values[i] = slot
                ids.append(id)
                return slot
            }
            i = (i + 1) & mask
        }
    }

    /// The slot of `id`, or `nil` when it is not stored.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func find(_ id: Int64) -> UInt32? {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var i = bucket(id)
            while true {
                let k = keys[i]
                if k == id { return values[i] }
                if k == Self.empty { return nil }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let n = keys.count * 2
        keys = [Int64](repeating: Self.empty, count: n)
        values = [UInt32](repeating: 0, count: n)
        shift = UInt64(64 - n.trailingZeroBitCount)
        let mask = n - 1
        for (slot, id) in ids.enumerated() {
            var i = bucket(id)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = id
            values[i] = UInt32(slot)
        }
    }
}
