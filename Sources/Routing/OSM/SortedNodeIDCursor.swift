/// Finds node ids among the wanted ones (``OSMWaySet/nodeIDs``, ascending;
/// a node's slot is its position) as the ids of a PBF node block go by.
///
/// PBF files are almost always sorted by type then id (osmium, osmosis and
/// Geofabrik write them so; the header says `Sort.Type_then_ID`), so the
/// ids of a node block arrive in ascending order. Looking each up in a hash
/// table costs a cache miss per node once the table outgrows the cache
/// (hundreds of megabytes for a country); walking the sorted wanted ids
/// alongside the block (a merge join) reads memory in order instead:
/// amortised O(1) per id when ids ascend, O(log *n*) when they jump back,
/// so an unsorted file still works, only slower.
struct SortedNodeIDCursor {
    private let ids: [Int64]
    private var position = 0
    private var previous = Int64.min

    /// A cursor over `ids`, which must be ascending.
    init(_ ids: [Int64]) { self.ids = ids }

    /// The first index at or after `start` whose id is not less than `id`.
    @inline(__always)
    private func lowerBound(_ id: Int64, from start: Int, _ ids: UnsafeBufferPointer<Int64>) -> Int {
        var lo = start, hi = ids.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if ids[mid] < id { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }

    /// The slot of `id`, or `nil` when it is not wanted.
    @inline(__always)
    mutating func slot(of id: Int64) -> UInt32? {
        ids.withUnsafeBufferPointer { ids in
            let n = ids.count
            if id < previous {
                position = lowerBound(id, from: 0, ids)
            } else {
                // Step forward; gallop to a binary search when far behind.
                var p = position
                var step = 0
                while p < n && ids[p] < id {
                    p += 1
                    step += 1
                    if step == 8 {
                        p = lowerBound(id, from: p, ids)
                        break
                    }
                }
                position = p
            }
            previous = id
            guard position < n, ids[position] == id else { return nil }
            return UInt32(truncatingIfNeeded: position)
        }
    }
}
