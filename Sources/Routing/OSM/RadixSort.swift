/// Least-significant-digit radix sort of 64-bit keys carrying a 32-bit
/// payload (H. H. Seward, "Information sorting in the application of
/// electronic digital computers to business operations", MIT, 1954; the
/// counting-sort pass of Knuth, *TAOCP* vol. 3, §5.2.5).
///
/// Sorts on 16-bit digits, and only over the bits in which the keys differ
/// (after subtracting the smallest): three passes for today's OSM node ids.
/// Memory access is sequential reads and 65,536 streams of sequential
/// writes, which is why it beats a hash table by a wide margin once the data
/// outgrows the caches.
enum RadixSort {
    /// Sorts `keys` ascending (stable), permuting `payload` alike.
    ///
    /// - Complexity: O(*n* · *d*) time for *d* ≤ 4 digit passes; *n* keys and
    ///   payloads of scratch memory.
    static func sort(_ keys: inout [UInt64], carrying payload: inout [UInt32]) {
        let n = keys.count
        guard n > 1 else { return }
        var lo = UInt64.max, hi = UInt64.min
        for k in keys {
            lo = min(lo, k)
            hi = max(hi, k)
        }
        let bits = 64 - (hi - lo).leadingZeroBitCount
        guard bits > 0 else { return }
        var keysOut = [UInt64](repeating: 0, count: n)
        var payloadOut = [UInt32](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: 1 << 16)
        var shift: UInt64 = 0
        while shift < UInt64(bits) {
            keys.withUnsafeBufferPointer { k in
                payload.withUnsafeBufferPointer { p in
                    keysOut.withUnsafeMutableBufferPointer { ko in
                        payloadOut.withUnsafeMutableBufferPointer { po in
                            count.withUnsafeMutableBufferPointer { c in
                                for i in 0..<c.count { c[i] = 0 }
                                for key in k { c[Int(((key &- lo) >> shift) & 0xFFFF)] += 1 }
                                var sum = 0
                                for i in 0..<c.count {
                                    let v = c[i]
                                    c[i] = sum
                                    sum += v
                                }
                                for i in 0..<n {
                                    let d = Int(((k[i] &- lo) >> shift) & 0xFFFF)
                                    let at = c[d]
                                    ko[at] = k[i]
                                    po[at] = p[i]
                                    c[d] = at + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&payload, &payloadOut)
            shift += 16
        }
    }

    /// The key of an OSM id: signed order as unsigned order.
    @inline(__always)
    static func key(_ id: Int64) -> UInt64 { UInt64(bitPattern: id) ^ (1 << 63) }

    /// The OSM id of a key.
    @inline(__always)
    static func id(_ key: UInt64) -> Int64 { Int64(bitPattern: key ^ (1 << 63)) }
}
