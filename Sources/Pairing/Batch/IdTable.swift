/// The ids seen in a run, each with where it was first seen: an
/// open-addressing hash table with linear probing (Knuth, TAOCP vol. 3,
/// §6.4, algorithm L) over the ids' UTF-8 bytes.
///
/// It replaces `Dictionary<String, Int>`, which spent most of a
/// million-row read in SipHash seeding and in rehashing on growth. Slots are
/// 32-bit entry indices (a million ids need 8 MB of slots, which stays in a
/// server's last-level cache); each entry keeps its 32-bit hash, so growth
/// moves integers, never strings, and most probes compare no bytes. The load
/// factor stays at or below one half.
///
/// The hash is a multiply–xorshift mix of 8-byte words, finished with
/// MurmurHash3's `fmix64` (Appleby 2011); it is not keyed, so a file
/// crafted to collide could slow its own reading down (never make it
/// wrong). Batch files are the user's own input, so that is accepted.
struct IdTable {
    /// `0` is empty; otherwise the entry index + 1.
    private var slots: [UInt32]
    private var mask: Int
    private var hashes: [UInt32] = []
    private(set) var ids: [String] = []
    private(set) var places: [Int] = []

    init(minimumCapacity: Int = 0) {
        let size = Self.slotCount(for: minimumCapacity)
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    private static func slotCount(for n: Int) -> Int {
        var size = 16
        while size < n * 2 { size <<= 1 }
        return size
    }

    var count: Int { ids.count }

    /// Makes room for `n` ids without growing.
    mutating func reserveCapacity(_ n: Int) {
        ids.reserveCapacity(n)
        places.reserveCapacity(n)
        hashes.reserveCapacity(n)
        if Self.slotCount(for: n) > slots.count { rebuild(size: Self.slotCount(for: n)) }
    }

    /// The hash ``insert(_:hash:place:)`` needs for `id`.
    static func hash(of id: String) -> UInt32 {
        var id = id
        return id.withUTF8 { hash($0) }
    }

    /// Loads the first slot `hash` probes, so that a run of independent
    /// calls overlaps their cache misses (memory-level parallelism) before
    /// the dependent inserts run. The result only feeds a checksum.
    @inline(__always)
    func touch(hash h: UInt32) -> UInt32 {
        slots[Int(h) & mask]
    }

    /// Adds `id` with `place` unless it is already there.
    ///
    /// - Parameter h: ``hash(of:)`` of `id`.
    /// - Returns: the place recorded for `id` before, or `nil` when it is new.
    /// - Complexity: O(length of `id`) expected.
    mutating func insert(_ id: String, hash h: UInt32, place: Int) -> Int? {
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let e = Int(s) - 1
            if hashes[e] == h && ids[e] == id { return places[e] }
            i = (i + 1) & mask
        }
        ids.append(id)
        places.append(place)
        hashes.append(h)
        slots[i] = UInt32(ids.count)
        if ids.count * 2 > slots.count { rebuild(size: slots.count * 2) }
        return nil
    }

    private mutating func rebuild(size: Int) {
        var fresh = [UInt32](repeating: 0, count: size)
        let m = size - 1
        for s in slots where s != 0 {
            var i = Int(hashes[Int(s) - 1]) & m
            while fresh[i] != 0 { i = (i + 1) & m }
            fresh[i] = s
        }
        slots = fresh
        mask = m
    }

    /// A 32-bit hash of `bytes`.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let raw = UnsafeRawBufferPointer(bytes)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var i = 0
        while i + 8 <= raw.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while i < raw.count {
            last |= UInt64(raw[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ last) &* 0x94D0_49BB_1331_11EB
        // fmix64
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return UInt32(truncatingIfNeeded: h)
    }
}
