/// Per-node arc lists that grow and shrink during contraction, in one flat
/// array: node `v`'s arcs are `arcs[start[v] ..< start[v] + count[v]]`, with
/// room for `capacity[v]`. A list that outgrows its room moves to the end of
/// the pool with twice the room (its old slots are abandoned); removal swaps
/// the last arc into the hole.
///
/// One flat array instead of an array of arrays keeps the witness search's
/// inner loop free of reference counting and lets it run over an unsafe
/// buffer.
///
/// Beside each arc, ``middle`` holds the node a shortcut bypasses (the node
/// whose contraction created it), or ``ContractionHierarchy/noMiddle`` for an
/// arc of the graph, so that hierarchy paths can be unpacked into roads. It
/// is a separate array so that the witness search reads 12 bytes per arc.
///
/// - Complexity: `append` amortised O(1); `remove` O(list length); memory at
///   most about three times the live arcs.
struct ArcPool: Sendable {
    private(set) var arcs: [HierarchyArc] = []
    /// The bypassed node of each slot of ``arcs``.
    private(set) var middle: [UInt32] = []
    private(set) var start: [UInt32]
    private(set) var count: [UInt32]
    private var capacity: [UInt32]

    /// Empty lists for `nodeCount` nodes, with room for `degrees[v]` + 2 arcs.
    init(degrees: [Int]) {
        let n = degrees.count
        start = [UInt32](repeating: 0, count: n)
        count = [UInt32](repeating: 0, count: n)
        capacity = [UInt32](repeating: 0, count: n)
        var total = 0
        for v in 0..<n {
            start[v] = UInt32(total)
            capacity[v] = UInt32(degrees[v] + 2)
            total += degrees[v] + 2
        }
        arcs = [HierarchyArc](repeating: HierarchyArc(node: 0, weight: 0, other: 0), count: total)
        arcs.reserveCapacity(total * 3)
        middle = [UInt32](repeating: ContractionHierarchy.noMiddle, count: total)
        middle.reserveCapacity(total * 3)
    }

    /// The arcs of `v`, as a copy.
    func list(_ v: Int) -> ArraySlice<HierarchyArc> {
        let s = Int(start[v])
        return arcs[s ..< s + Int(count[v])]
    }

    /// The bypassed nodes of `v`'s arcs, in the order of ``list(_:)``.
    func middles(_ v: Int) -> ArraySlice<UInt32> {
        let s = Int(start[v])
        return middle[s ..< s + Int(count[v])]
    }

    mutating func append(_ v: Int, _ arc: HierarchyArc, middle m: UInt32) {
        if count[v] == capacity[v] {
            let s = Int(start[v]), c = Int(count[v])
            let newStart = arcs.count
            let newCapacity = max(4, 2 * c)
            // Copied out first: appending a slice of `arcs` to itself would
            // copy the whole pool.
            let moved = Array(arcs[s ..< s + c])
            arcs.append(contentsOf: moved)
            arcs.append(
                contentsOf: repeatElement(HierarchyArc(node: 0, weight: 0, other: 0), count: newCapacity - c))
            let movedMiddles = Array(middle[s ..< s + c])
            middle.append(contentsOf: movedMiddles)
            middle.append(contentsOf: repeatElement(ContractionHierarchy.noMiddle, count: newCapacity - c))
            start[v] = UInt32(newStart)
            capacity[v] = UInt32(newCapacity)
        }
        arcs[Int(start[v] + count[v])] = arc
        middle[Int(start[v] + count[v])] = m
        count[v] += 1
    }

    /// Removes every arc of `v` to `node`.
    mutating func remove(_ v: Int, to node: UInt32) {
        let s = Int(start[v])
        var i = 0
        while i < Int(count[v]) {
            if arcs[s + i].node == node {
                count[v] -= 1
                arcs[s + i] = arcs[s + Int(count[v])]
                middle[s + i] = middle[s + Int(count[v])]
            } else {
                i += 1
            }
        }
    }

    /// Replaces the arc of `v` to `arc.node` by `arc` (bypassing `m`) when
    /// `arc` is cheaper (ties: the smaller other measure); `false` when `v`
    /// has no arc to that node.
    mutating func merge(_ v: Int, _ arc: HierarchyArc, middle m: UInt32) -> Bool {
        let s = Int(start[v])
        for i in s ..< s + Int(count[v]) where arcs[i].node == arc.node {
            if arc.weight < arcs[i].weight || (arc.weight == arcs[i].weight && arc.other < arcs[i].other) {
                arcs[i] = arc
                middle[i] = m
            }
            return true
        }
        return false
    }

    /// Appends `arc` (bypassing `m`, or ``ContractionHierarchy/noMiddle``
    /// for an arc of the graph) to `v`'s list, or merges it with the arc to
    /// the same node; `true` when it was appended.
    @discardableResult
    mutating func add(_ v: Int, _ arc: HierarchyArc, middle m: UInt32 = ContractionHierarchy.noMiddle) -> Bool {
        if merge(v, arc, middle: m) { return false }
        append(v, arc, middle: m)
        return true
    }

    /// The bytes held.
    var memoryFootprint: Int {
        arcs.capacity * (MemoryLayout<HierarchyArc>.stride + 4) + start.count * 12
    }
}
