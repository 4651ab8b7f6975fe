/// The choice that keeps first candidates and priced pairs from piling onto
/// the same few partners (``CertifiedPairingRun/initialCandidates(_:)``,
/// ``CertifiedPairingRun/price(duals:perShipment:)``).
///
/// Each proposer brings its partners best first. Rank by rank, every
/// proposer still under its own limit takes its next partner if that
/// partner has been taken fewer than `cap` times. Rows are processed in
/// their order, so the result does not depend on threads.
enum PairSpread {
    /// Rows packed as `proposer, count, partner₁ … partner_count`.
    ///
    /// - Returns: the chosen pairs as ``EvaluatedPairs/key(_:_:)`` keys, and
    ///   the proposers that could not take their whole list.
    /// - Complexity: O(total list length + n).
    static func choose(_ rows: [Int32], shipments n: Int, cap: Int, limit: (Int) -> Int) -> (keys: [UInt64], cutShort: [Int]) {
        var row: [(i: Int, start: Int, count: Int)] = []
        var x = 0
        while x < rows.count {
            row.append((Int(rows[x]), x + 2, Int(rows[x + 1])))
            x += 2 + Int(rows[x + 1])
        }
        var taken = [Int32](repeating: 0, count: n)
        var got = [Int](repeating: 0, count: row.count)
        var keys: [UInt64] = []
        var open = Array(row.indices)
        var rank = 0
        while !open.isEmpty {
            open.removeAll { row[$0].count <= rank || got[$0] >= limit(row[$0].i) }
            for y in open {
                let j = Int(rows[row[y].start + rank])
                guard taken[j] < Int32(cap) else { continue }
                taken[j] += 1
                got[y] += 1
                keys.append(EvaluatedPairs.key(row[y].i, j))
            }
            rank += 1
        }
        return (keys, row.indices.filter { got[$0] < row[$0].count }.map { row[$0].i })
    }
}
