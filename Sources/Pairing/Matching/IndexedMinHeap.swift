/// A 4-ary min-heap of integer items `0..<capacity` keyed by `Int`, with
/// position tracking so that an item's key can be lowered, raised or removed
/// in O(log n).
///
/// It holds the events of ``HeapBlossomSolver``: one entry per edge, per
/// vertex and per blossom at most. Storage is three fixed unsafe buffers
/// behind this safe API (a 4-ary heap over raw buffers is about twice as fast
/// as an idiomatic one here); items out of range are a programming error.
///
/// Ties between equal keys are broken by the smaller item, so the order of
/// events is a function of the keys alone.
final class IndexedMinHeap {
    /// One heap slot: a key and its item, 16 bytes, four to a cache line
    /// (the four children of a node are adjacent).
    private struct Entry {
        var key: Int
        var item: Int32
    }

    /// Heap order.
    private let entries: UnsafeMutablePointer<Entry>
    /// Index into the heap of every item, or -1.
    private let position: UnsafeMutablePointer<Int32>
    let capacity: Int
    private(set) var count: Int = 0

    /// An empty heap for items `0..<capacity`.
    init(capacity: Int) {
        precondition(capacity >= 0 && capacity < Int(Int32.max), "heap capacity out of range")
        self.capacity = capacity
        entries = .allocate(capacity: max(1, capacity))
        position = .allocate(capacity: max(1, capacity))
        position.initialize(repeating: -1, count: max(1, capacity))
    }

    deinit {
        entries.deallocate()
        position.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Whether `item` is in the heap.
    @inline(__always)
    func contains(_ item: Int) -> Bool {
        assert(item >= 0 && item < capacity)
        return position[item] >= 0
    }

    /// The key of `item`, or `nil`.
    func key(of item: Int) -> Int? {
        let i = Int(position[item])
        return i < 0 ? nil : entries[i].key
    }

    /// The item with the smallest key and that key.
    var minimum: (item: Int, key: Int)? {
        count == 0 ? nil : (Int(entries[0].item), entries[0].key)
    }

    /// Inserts `item` with `key`, or lowers its key to `key` when it is
    /// already in the heap with a larger one.
    @inline(__always)
    func insertOrDecrease(_ item: Int, key: Int) {
        let i = Int(position[item])
        if i < 0 {
            entries[count] = Entry(key: key, item: Int32(truncatingIfNeeded: item))
            position[item] = Int32(truncatingIfNeeded: count)
            count += 1
            siftUp(count - 1)
        } else if key < entries[i].key {
            entries[i].key = key
            siftUp(i)
        }
    }

    /// Removes `item` when present.
    @inline(__always)
    func remove(_ item: Int) {
        let i = Int(position[item])
        guard i >= 0 else { return }
        position[item] = -1
        count -= 1
        if i == count { return }
        let moved = entries[count]
        entries[i] = moved
        position[Int(moved.item)] = Int32(truncatingIfNeeded: i)
        if i > 0 && Self.less(moved, entries[(i - 1) >> 2]) { siftUp(i) } else { siftDown(i) }
    }

    /// Removes and returns the item with the smallest key.
    func popMinimum() -> (item: Int, key: Int)? {
        guard count > 0 else { return nil }
        let top = (item: Int(entries[0].item), key: entries[0].key)
        remove(top.item)
        return top
    }

    /// Replaces the contents with `entries` in O(n) (Floyd's heap
    /// construction).
    func build(_ list: [(item: Int, key: Int)]) {
        for i in 0..<count { position[Int(entries[i].item)] = -1 }
        count = list.count
        precondition(count <= capacity, "more heap entries than capacity")
        for (i, e) in list.enumerated() {
            assert(position[e.item] < 0, "item \(e.item) twice")
            entries[i] = Entry(key: e.key, item: Int32(truncatingIfNeeded: e.item))
            position[e.item] = Int32(truncatingIfNeeded: i)
        }
        if count > 1 {
            for i in stride(from: (count - 2) / 4, through: 0, by: -1) { siftDown(i) }
        }
    }

    @inline(__always)
    private static func less(_ a: Entry, _ b: Entry) -> Bool {
        a.key < b.key || (a.key == b.key && a.item < b.item)
    }

    private func siftUp(_ start: Int) {
        var i = start
        let entry = entries[i]
        while i > 0 {
            let parent = (i - 1) >> 2
            let p = entries[parent]
            guard Self.less(entry, p) else { break }
            entries[i] = p
            position[Int(p.item)] = Int32(truncatingIfNeeded: i)
            i = parent
        }
        entries[i] = entry
        position[Int(entry.item)] = Int32(truncatingIfNeeded: i)
    }

    private func siftDown(_ start: Int) {
        var i = start
        let entry = entries[i]
        while true {
            let first = 4 * i + 1
            guard first < count else { break }
            var best = first
            var bestEntry = entries[first]
            let last = min(first + 4, count)
            var c = first + 1
            while c < last {
                let e = entries[c]
                if Self.less(e, bestEntry) {
                    best = c
                    bestEntry = e
                }
                c += 1
            }
            guard Self.less(bestEntry, entry) else { break }
            entries[i] = bestEntry
            position[Int(bestEntry.item)] = Int32(truncatingIfNeeded: i)
            i = best
        }
        entries[i] = entry
        position[Int(entry.item)] = Int32(truncatingIfNeeded: i)
    }
}
