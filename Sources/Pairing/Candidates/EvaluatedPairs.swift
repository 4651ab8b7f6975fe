/// The pairs whose exact cross legs the certified pairing has computed, with
/// those legs: an open-addressing table from the pair to a slot (an open
/// table beats `Dictionary` several times for integer keys here), and the
/// legs in flat arrays.
///
/// A pair is stored once, as `(a, b)` with `a < b` (shipment indices);
/// `ab` is the leg from `a`'s destination to `b`'s origin, `ba` the other.
///
/// - Complexity: insertion and lookup O(1) expected; 16 bytes of table and
///   24 bytes of legs and keys per pair.
struct EvaluatedPairs: Sendable {
    /// Per slot: `a`, `b`, and metres/seconds of both legs (-1: no route).
    private(set) var first: [Int32] = []
    private(set) var second: [Int32] = []
    private(set) var legs: [SIMD4<Int32>] = []
    /// Open addressing: key + 1 (0 = empty) and slot.
    private var keys: [UInt64]
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of pairs stored.
    var count: Int { first.count }

    @inline(__always)
    static func key(_ a: Int, _ b: Int) -> UInt64 {
        let (lo, hi) = a < b ? (a, b) : (b, a)
        return (UInt64(UInt32(truncatingIfNeeded: lo)) << 32 | UInt64(UInt32(truncatingIfNeeded: hi))) &+ 1
    }

    /// The pair `(a, b)`, `a < b`, of a ``key(_:_:)``.
    @inline(__always)
    static func pair(_ key: UInt64) -> (Int, Int) {
        let k = key &- 1
        return (Int(k >> 32), Int(k & 0xFFFF_FFFF))
    }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int {
        // Murmur3's 64-bit finaliser.
        var h = key
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    /// The slot of the pair `{a, b}`, or `nil`.
    func slot(_ a: Int, _ b: Int) -> Int? {
        let k = Self.key(a, b)
        var x = Self.hash(k) & mask
        while true {
            let stored = keys[x]
            if stored == k { return Int(slots[x]) }
            if stored == 0 { return nil }
            x = (x + 1) & mask
        }
    }

    func contains(_ a: Int, _ b: Int) -> Bool { slot(a, b) != nil }

    /// Stores the pair with its legs (`ab` from `a`'s destination to `b`'s
    /// origin); returns its slot. A pair already stored keeps its legs.
    @discardableResult
    mutating func insert(_ a: Int, _ b: Int, ab: Leg?, ba: Leg?) -> Int {
        if let s = slot(a, b) { return s }
        if 2 * (count + 1) > keys.count { grow() }
        let (lo, hi, loHi, hiLo) = a < b ? (a, b, ab, ba) : (b, a, ba, ab)
        let s = count
        first.append(Int32(truncatingIfNeeded: lo))
        second.append(Int32(truncatingIfNeeded: hi))
        legs.append(SIMD4(
            Int32(truncatingIfNeeded: loHi?.metres ?? -1), Int32(truncatingIfNeeded: loHi?.seconds ?? -1),
            Int32(truncatingIfNeeded: hiLo?.metres ?? -1), Int32(truncatingIfNeeded: hiLo?.seconds ?? -1)))
        place(Self.key(lo, hi), slot: s)
        return s
    }

    /// The leg from `from`'s destination to `to`'s origin of a stored pair
    /// (`nil`: no route).
    func leg(at slot: Int, from: Int) -> Leg? {
        let l = legs[slot]
        let forward = Int(first[slot]) == from
        let m = forward ? l[0] : l[2], s = forward ? l[1] : l[3]
        return m < 0 ? nil : Leg(metres: Int(m), seconds: Int(s))
    }

    private mutating func place(_ key: UInt64, slot: Int) {
        var x = Self.hash(key) & mask
        while keys[x] != 0 { x = (x + 1) & mask }
        keys[x] = key
        slots[x] = Int32(truncatingIfNeeded: slot)
    }

    private mutating func grow() {
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for s in 0..<count { place(Self.key(Int(first[s]), Int(second[s])), slot: s) }
    }

    /// Bytes held, for the memory report.
    var bytes: Int { keys.count * 12 + count * 24 }
}
