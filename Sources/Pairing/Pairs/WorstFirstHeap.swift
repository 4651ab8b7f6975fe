/// The best `m` partners of one pricing search: a binary heap with the
/// worst kept partner (smallest excess; of equal ones, the larger index) at
/// the root, so that a search with a large quota keeps its partners in
/// O(log m) each. Which partners are kept depends only on the order
/// (excess, index), not on the order they are offered in.
struct WorstFirstHeap {
    private var items: [(excess: Double, j: Int)] = []

    var count: Int { items.count }
    /// The smallest kept excess (only when not empty).
    var worstExcess: Double { items[0].excess }
    /// The largest kept excess, or 0 when empty.
    var largestExcess: Double { items.reduce(0) { max($0, $1.excess) } }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    /// The kept partners, best first.
    func sortedBestFirst() -> [(excess: Double, j: Int)] { items.sorted { Self.worse($1, $0) } }

    @inline(__always)
    private static func worse(_ a: (excess: Double, j: Int), _ b: (excess: Double, j: Int)) -> Bool {
        a.excess < b.excess || (a.excess == b.excess && a.j > b.j)
    }

    /// Keeps `(excess, j)` when fewer than `m` are kept or it beats the
    /// worst; returns whether `m` are kept (the search may then narrow).
    @inline(__always)
    mutating func offer(excess: Double, j: Int, keeping m: Int) -> Bool {
        let c = (excess: excess, j: j)
        if items.count < m {
            items.append(c)
            var x = items.count - 1
            while x > 0 {
                let parent = (x - 1) / 2
                guard Self.worse(items[x], items[parent]) else { break }
                items.swapAt(x, parent)
                x = parent
            }
        } else if Self.worse(items[0], c) {
            items[0] = c
            var x = 0
            while true {
                let l = 2 * x + 1, r = l + 1
                var w = x
                if l < items.count && Self.worse(items[l], items[w]) { w = l }
                if r < items.count && Self.worse(items[r], items[w]) { w = r }
                if w == x { break }
                items.swapAt(x, w)
                x = w
            }
        }
        return items.count == m
    }
}
