/// Splits an integer total into integer parts that add up to it exactly:
/// the largest-remainder method (Hamilton's method of apportionment).
///
/// Every quota is first scaled so that the quotas sum to the total; each
/// part gets the floor of its quota, and the units still missing go, one
/// each, to the parts with the largest fractional remainders — ties to the
/// lower index, so the result is deterministic. (If floating-point error
/// leaves too many units, they are taken back from the smallest remainders,
/// ties to the higher index.) Each part is therefore the floor or the
/// ceiling of its scaled quota, and the parts sum to `total` exactly.
///
/// This is how printed figures (metres, millilitres, grams, cents) of
/// companies add up to the printed run total in every report.
///
/// ```swift
/// LargestRemainder.apportion(10, quotas: [1, 1, 1])   // [4, 3, 3]
/// ```
public enum LargestRemainder {
    /// Integer parts of `total` in proportion to `quotas`.
    ///
    /// When the quotas sum to zero (or are empty) the total is spread as
    /// evenly as possible, the lower indices first.
    ///
    /// - Complexity: O(n log n) for n quotas (O(n²) below 9 parts, with no
    ///   allocation beyond the result).
    public static func apportion(_ total: Int, quotas: [Double]) -> [Int] {
        var parts = [Int](repeating: 0, count: quotas.count)
        quotas.withUnsafeBufferPointer { q in
            parts.withUnsafeMutableBufferPointer { out in apportion(total, quotas: q, into: out) }
        }
        return parts
    }

    /// The same into a caller's buffer (the allocator's inner loop).
    public static func apportion(_ total: Int, quotas: UnsafeBufferPointer<Double>, into parts: UnsafeMutableBufferPointer<Int>) {
        let n = quotas.count
        precondition(parts.count == n)
        guard n > 0 else {
            precondition(total == 0, "cannot apportion \(total) among no parts")
            return
        }
        var sum = 0.0
        for q in quotas { sum += q }
        let even = sum == 0 || !sum.isFinite
        let scale = even ? 0 : Double(total) / sum
        var floors = 0
        for i in 0..<n {
            let q = even ? Double(total) / Double(n) : quotas[i] * scale
            let f = q.rounded(.down)
            parts[i] = Int(f)
            floors += parts[i]
        }
        var missing = total - floors
        if missing == 0 { return }
        func remainder(_ i: Int) -> Double {
            let q = even ? Double(total) / Double(n) : quotas[i] * scale
            return q - q.rounded(.down)
        }
        if n <= 8 {
            // Small: repeated selection, no allocation.
            var taken: UInt16 = 0
            while missing > 0 {
                var best = -1
                for i in 0..<n where taken & (1 << i) == 0 {
                    if best < 0 || remainder(i) > remainder(best) { best = i }
                }
                if best < 0 { taken = 0; continue }  // more units than parts: go round again
                parts[best] += 1; taken |= 1 << best; missing -= 1
            }
            while missing < 0 {
                var worst = -1
                for i in stride(from: n - 1, through: 0, by: -1) where taken & (1 << i) == 0 {
                    if worst < 0 || remainder(i) < remainder(worst) { worst = i }
                }
                if worst < 0 { taken = 0; continue }
                parts[worst] -= 1; taken |= 1 << worst; missing += 1
            }
            return
        }
        var order = Array(0..<n)
        let r = (0..<n).map(remainder)
        order.sort { r[$0] != r[$1] ? r[$0] > r[$1] : $0 < $1 }
        var k = 0
        while missing > 0 {
            parts[order[k % n]] += 1; missing -= 1; k += 1
        }
        k = n - 1
        while missing < 0 {
            parts[order[((k % n) + n) % n]] -= 1; missing += 1; k -= 1
        }
    }
}
