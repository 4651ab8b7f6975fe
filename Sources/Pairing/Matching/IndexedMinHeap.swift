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
    /// Heap order: keys and items side by side.
    private let keys: UnsafeMutablePointer<Int>
    private let items: UnsafeMutablePointer<Int32>
    /// Index into the heap of every item, or -1.
    private let position: UnsafeMutablePointer<Int32>
    let capacity: Int
    private(set) var count: Int = 0

    /// An empty heap for items `0..<capacity`.
    init(capacity: Int) {
        precondition(capacity >= 0 && capacity < Int(Int32.max), "heap capacity out of range")
        self.capacity = capacity
        keys = .allocate(capacity: max(1, capacity))
        items = .allocate(capacity: max(1, capacity))
        position = .allocate(capacity: max(1, capacity))
        position.initialize(repeating: -1, count: max(1, capacity))
    }

    deinit {
        keys.deallocate()
        items.deallocate()
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
        return i < 0 ? nil : keys[i]
    }

    /// The item with the smallest key and that key.
    var minimum: (item: Int, key: Int)? {
        count == 0 ? nil : (Int(items[0]), keys[0])
    }

    /// Inserts `item` with `key`, or lowers its key to `key` when it is
    /// already in the heap with a larger one.
    @inline(__always)
    func insertOrDecrease(_ item: Int, key: Int) {
        let i = Int(position[item])
        if i < 0 {
            keys[count] = key
            items[count] = Int32(truncatingIfNeeded: item)
            position[item] = Int32(truncatingIfNeeded: count)
            count += 1
            siftUp(count - 1)
        } else if key < keys[i] {
            keys[i] = key
            siftUp(i)
        }
    }

    /// Inserts `item` with `key`, or sets its key to `key` (up or down).
    @inline(__always)
    func set(_ item: Int, key: Int) {
        let i = Int(position[item])
        if i < 0 {
            insertOrDecrease(item, key: key)
        } else if key < keys[i] {
            keys[i] = key
            siftUp(i)
        } else if key > keys[i] {
            keys[i] = key
            siftDown(i)
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
        keys[i] = keys[count]
        items[i] = items[count]
        position[Int(items[i])] = Int32(truncatingIfNeeded: i)
        siftUp(i)
        siftDown(Int(position[Int(items[i])]))
    }

    /// Removes and returns the item with the smallest key.
    func popMinimum() -> (item: Int, key: Int)? {
        guard count > 0 else { return nil }
        let top = (item: Int(items[0]), key: keys[0])
        remove(top.item)
        return top
    }

    /// Replaces the contents with `entries` in O(n) (Floyd's heap
    /// construction).
    func build(_ entries: [(item: Int, key: Int)]) {
        for i in 0..<count { position[Int(items[i])] = -1 }
        count = entries.count
        precondition(count <= capacity, "more heap entries than capacity")
        for (i, e) in entries.enumerated() {
            assert(position[e.item] < 0, "item \(e.item) twice")
            keys[i] = e.key
            items[i] = Int32(truncatingIfNeeded: e.item)
            position[e.item] = Int32(truncatingIfNeeded: i)
        }
        if count > 1 {
            for i in stride(from: (count - 2) / 4, through: 0, by: -1) { siftDown(i) }
        }
    }

    @inline(__always)
    private func less(_ a: Int, _ b: Int) -> Bool {
        keys[a] < keys[b] || (keys[a] == keys[b] && items[a] < items[b])
    }

    private func siftUp(_ start: Int) {
        var i = start
        let key = keys[i], item = items[i]
        while i > 0 {
            let parent = (i - 1) >> 2
            let pk = keys[parent]
            guard key < pk || (key == pk && item < items[parent]) else { break }
            keys[i] = pk
            items[i] = items[parent]
            position[Int(items[i])] = Int32(truncatingIfNeeded: i)
            i = parent
        }
        keys[i] = key
        items[i] = item
        position[Int(item)] = Int32(truncatingIfNeeded: i)
    }

    private func siftDown(_ start: Int) {
        var i = start
        let key = keys[i], item = items[i]
        while true {
            let first = 4 * i + 1
            guard first < count else { break }
            var best = first
            let last = min(first + 4, count)
            var c = first + 1
            while c < last {
                if less(c, best) { best = c }
                c += 1
            }
            let bk = keys[best]
            guard bk < key || (bk == key && items[best] < item) else { break }
            keys[i] = bk
            items[i] = items[best]
            position[Int(items[i])] = Int32(truncatingIfNeeded: i)
            i = best
        }
        keys[i] = key
        items[i] = item
        position[Int(item)] = Int32(truncatingIfNeeded: i)
    }
}
