/// The empty legs computed on demand, by arc: an open-addressing hash table
/// (linear probing, Fibonacci hashing) from the arc `i → j` to its metres
/// and seconds, 16 bytes a slot, at most half full.
///
/// It replaces a `Dictionary<UInt64, (Int32, Int32)>`: one probe sequence
/// over two flat arrays instead of a generic lookup, and, read through a
/// copy held in a local, no reference counting per lookup (the tour
/// pricing asks for a leg per arc it scans).
///
/// - Complexity: expected O(1) per lookup and insertion; memory 32–64
///   bytes per leg.
struct LegHashTable: Sendable {
    /// Keys (``key(_:_:)``), ``empty`` for a free slot.
    private var keys: [UInt64]
    /// Metres in the high 32 bits, seconds in the low (-1, -1: no route).
    private var values: [UInt64]
    private var shift: UInt64
    /// The number of legs stored.
    private(set) var count = 0

    private static let empty = UInt64.max

    init() {
        keys = [UInt64](repeating: Self.empty, count: 16)
        values = [UInt64](repeating: 0, count: 16)
        shift = 64 - 4
    }

    @inline(__always)
    static func key(_ i: Int, _ j: Int) -> UInt64 { UInt64(UInt32(i)) << 32 | UInt64(UInt32(j)) }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The leg `i → j` when it was computed: metres and seconds, -1 and -1
    /// without a route.
    @inline(__always)
    func find(_ i: Int, _ j: Int) -> (metres: Int32, seconds: Int32)? {
        let key = Self.key(i, j)
        let mask = keys.count - 1
        var s = slot(key)
        return keys.withUnsafeBufferPointer { keys in
            while true {
                let k = keys[s]
                if k == key {
                    let v = values[s]
                    return (Int32(truncatingIfNeeded: v >> 32), Int32(truncatingIfNeeded: v))
                }
                if k == Self.empty { return nil }
                s = (s + 1) & mask
            }
        }
    }

    /// Stores the leg `i → j` (replacing an earlier value).
    mutating func insert(_ i: Int, _ j: Int, metres: Int32, seconds: Int32) {
        if 2 * (count + 1) > keys.count { grow() }
        let key = Self.key(i, j)
        let value = UInt64(UInt32(bitPattern: metres)) << 32 | UInt64(UInt32(bitPattern: seconds))
        let mask = keys.count - 1
        var s = slot(key)
        while keys[s] != Self.empty && keys[s] != key { s = (s + 1) & mask }
        if keys[s] == Self.empty { count += 1 }
        keys[s] = key
        values[s] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: Self.empty, count: 2 * oldKeys.count)
        values = [UInt64](repeating: 0, count: 2 * oldKeys.count)
        shift -= 1
        let mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty {
            var s = slot(k)
            while keys[s] != Self.empty { s = (s + 1) & mask }
            keys[s] = k
            values[s] = v
        }
    }
}
