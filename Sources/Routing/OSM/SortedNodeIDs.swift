/// The wanted node ids in ascending order, each with its slot: what pass 2
/// of the PBF reader looks node ids up in.
///
/// PBF files are almost always sorted by type then id (osmium, osmosis and
/// Geofabrik write them so; the header says `Sort.Type_then_ID`), so the
/// ids of a node block arrive in ascending order. Looking them up in a hash
/// table costs a cache miss per node once the table outgrows the cache
/// (hundreds of megabytes for a country); walking a sorted array alongside
/// the block (a merge join) reads memory in order instead. Ids that go
/// backwards (an unsorted file) are found by binary search, so any order
/// works, only slower.
struct SortedNodeIDs: Sendable {
    /// The ids, ascending, no duplicates.
    let ids: [Int64]
    /// The slot of each id.
    let slots: [UInt32]

    /// Sorts the ids of `table` (slot `i` has id `table.ids[i]`).
    ///
    /// LSD radix sort on 16-bit digits over the bits in which the ids
    /// differ (three passes for today's OSM ids), carrying the slots along.
    ///
    /// - Complexity: O(*n* · *d*) for *n* ids and *d* ≤ 4 digit passes.
    init(_ table: borrowing NodeIDTable) {
        let n = table.count
        // Map signed ids to unsigned keys with the same order.
        var keys = table.ids.map { UInt64(bitPattern: $0) ^ (1 << 63) }
        var slots = (0..<UInt32(n)).map { $0 }
        guard n > 1 else {
            self.ids = keys.map { Int64(bitPattern: $0 ^ (1 << 63)) }
            self.slots = slots
            return
        }
        var lo = UInt64.max, hi = UInt64.min
        for k in keys { lo = min(lo, k); hi = max(hi, k) }
        // Sort on (key - lo), whose top bits are all zero.
        let span = hi - lo
        let bits = 64 - span.leadingZeroBitCount
        var keysOut = [UInt64](repeating: 0, count: n)
        var slotsOut = [UInt32](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: 1 << 16)
        var shift = 0
        while shift < bits {
            for i in count.indices { count[i] = 0 }
            for k in keys { count[Int(((k - lo) >> UInt64(shift)) & 0xFFFF)] += 1 }
            var sum = 0
            for i in count.indices {
                let c = count[i]
                count[i] = sum
                sum += c
            }
            for i in 0..<n {
                let d = Int(((keys[i] - lo) >> UInt64(shift)) & 0xFFFF)
                keysOut[count[d]] = keys[i]
                slotsOut[count[d]] = slots[i]
                count[d] += 1
            }
            swap(&keys, &keysOut)
            swap(&slots, &slotsOut)
            shift += 16
        }
        self.ids = keys.map { Int64(bitPattern: $0 ^ (1 << 63)) }
        self.slots = slots
    }

    /// The number of ids.
    var count: Int { ids.count }

    /// Bytes held.
    var memoryFootprint: Int { ids.count * 12 }

    /// The first index whose id is not less than `id`.
    @inline(__always)
    func lowerBound(_ id: Int64, from start: Int = 0) -> Int {
        var lo = start, hi = ids.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if ids[mid] < id { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }
}

/// A cursor that finds ids in a ``SortedNodeIDs`` as a block's ids go by:
/// amortised O(1) per id when they ascend, O(log *n*) when they jump back.
struct SortedNodeIDCursor {
    private let sorted: SortedNodeIDs
    private var position = 0
    private var previous = Int64.min

    init(_ sorted: SortedNodeIDs) { self.sorted = sorted }

    /// The slot of `id`, or `nil` when it is not wanted.
    @inline(__always)
    mutating func slot(of id: Int64) -> UInt32? {
        sorted.ids.withUnsafeBufferPointer { ids in
            let n = ids.count
            if id < previous {
                position = sorted.lowerBound(id)
            } else {
                // Step forward; gallop to a binary search when far behind.
                var p = position
                var step = 0
                while p < n && ids[p] < id {
                    p += 1
                    step += 1
                    if step == 8 {
                        p = sorted.lowerBound(id, from: p)
                        break
                    }
                }
                position = p
            }
            previous = id
            guard position < n, ids[position] == id else { return nil }
            return sorted.slots[position]
        }
    }
}
