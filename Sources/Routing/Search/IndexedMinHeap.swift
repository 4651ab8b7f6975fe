/// A 4-ary min-heap of the integers `0 ..< capacity` (graph nodes), keyed by
/// `UInt32`, with decrease-key: the priority queue of Dijkstra's algorithm.
///
/// Each item and its key are packed in one `UInt64` (key in the high half),
/// so that one integer comparison orders by key and breaks ties by the
/// smaller item, which makes every search deterministic. A position table
/// maps each item to its slot for ``decreaseKey(_:to:)``. A 4-ary heap is
/// shallower than a binary one and its four children share a cache line
/// (D. B. Johnson, "Priority queues with update and finding minimum spanning
/// trees", Inf. Process. Lett. 4, 1975).
///
/// Storage is fixed unsafe buffers allocated once for `capacity` items;
/// every operation checks its argument, so the API is memory-safe.
/// ``removeAll()`` costs O(``count``), not O(`capacity`), so one heap serves
/// many searches.
///
/// - Complexity: ``insert(_:key:)``, ``decreaseKey(_:to:)`` O(log₄ *n*);
///   ``popMin()`` O(4 log₄ *n*); ``min``, ``contains(_:)``, ``key(of:)`` O(1).
struct IndexedMinHeap: ~Copyable {
    /// Items are `0 ..< capacity`.
    let capacity: Int
    /// `key << 32 | item`, a 4-ary heap in level order.
    let slots: UnsafeMutablePointer<UInt64>
    /// The slot of each item, or ``absent``.
    private let positions: UnsafeMutablePointer<UInt32>
    /// The number of items in the heap.
    private(set) var count = 0

    /// The position of an item that is not in the heap.
    static var absent: UInt32 { .max }
    static var arity: Int { 4 }

    /// Creates an empty heap for the items `0 ..< capacity`.
    ///
    /// - Complexity: O(`capacity`).
    init(capacity: Int) {
        precondition(capacity >= 0 && capacity < Int(UInt32.max), "heap capacity out of range")
        self.capacity = capacity
        slots = .allocate(capacity: max(capacity, 1))
        positions = .allocate(capacity: max(capacity, 1))
        positions.initialize(repeating: Self.absent, count: max(capacity, 1))
    }

    deinit {
        slots.deallocate()
        positions.deallocate()
    }

    /// The slot of `item`, or ``absent``.
    @inline(__always)
    func position(of item: Int) -> UInt32 { positions[item] }

    @inline(__always)
    private func setPosition(of item: Int, to slot: UInt32) { positions[item] = slot }

    var isEmpty: Bool { count == 0 }

    /// `true` when `item` is in the heap.
    @inline(__always)
    func contains(_ item: Int) -> Bool {
        precondition(item >= 0 && item < capacity, "heap item out of range")
        return position(of: item) != Self.absent
    }

    /// The key of `item`, or `nil` when it is not in the heap.
    func key(of item: Int) -> UInt32? {
        guard contains(item) else { return nil }
        return UInt32(truncatingIfNeeded: slots[Int(position(of: item))] >> 32)
    }

    /// The item with the smallest key (the smallest item among equal keys).
    var min: (item: Int, key: UInt32)? {
        guard count > 0 else { return nil }
        return Self.unpack(slots[0])
    }

    /// Adds `item`, which must not be in the heap, with `key`.
    @inline(__always)
    mutating func insert(_ item: Int, key: UInt32) {
        precondition(!contains(item), "item is already in the heap")
        let i = count
        count += 1
        siftUp(UInt64(key) << 32 | UInt64(item), from: i)
        _checkLocalInvariants(item)
    }

    /// Lowers the key of `item`, which must be in the heap with a key of at
    /// least `key`.
    @inline(__always)
    mutating func decreaseKey(_ item: Int, to key: UInt32) {
        precondition(contains(item), "item is not in the heap")
        let i = Int(position(of: item))
        let packed = UInt64(key) << 32 | UInt64(item)
        precondition(packed <= slots[i], "decreaseKey would increase the key")
        siftUp(packed, from: i)
        _checkLocalInvariants(item)
    }

    /// Removes and returns the item with the smallest key.
    @inline(__always)
    mutating func popMin() -> (item: Int, key: UInt32)? {
        guard count > 0 else { return nil }
        let top = slots[0]
        let (item, key) = Self.unpack(top)
        setPosition(of: item, to: Self.absent)
        count -= 1
        if count > 0 {
            let last = slots[count]
            siftDown(last, from: 0)
            _checkLocalInvariants(Int(UInt32(truncatingIfNeeded: last)))
        }
        return (item, key)
    }

    /// Empties the heap, keeping its storage.
    ///
    /// - Complexity: O(``count``).
    mutating func removeAll() {
        for i in 0..<count { setPosition(of: Int(UInt32(truncatingIfNeeded: slots[i])), to: Self.absent) }
        count = 0
    }

    @inline(__always)
    static func unpack(_ packed: UInt64) -> (item: Int, key: UInt32) {
        (Int(UInt32(truncatingIfNeeded: packed)), UInt32(truncatingIfNeeded: packed >> 32))
    }

    /// Moves `packed` up from slot `i` to its place (a hole is carried up
    /// instead of swapping, one write per level).
    @inline(__always)
    private mutating func siftUp(_ packed: UInt64, from start: Int) {
        var i = start
        while i > 0 {
            let parent = (i &- 1) >> 2
            let p = slots[parent]
            if p <= packed { break }
            slots[i] = p
            setPosition(of: Int(UInt32(truncatingIfNeeded: p)), to: UInt32(truncatingIfNeeded: i))
            i = parent
        }
        slots[i] = packed
        setPosition(of: Int(UInt32(truncatingIfNeeded: packed)), to: UInt32(truncatingIfNeeded: i))
    }

    /// Moves `packed` down from slot `i` to its place.
    @inline(__always)
    private mutating func siftDown(_ packed: UInt64, from start: Int) {
        var i = start
        let n = count
        while true {
            let first = i &* 4 &+ 1
            // The smallest of the (up to four) children.
            var best = first
            var bestValue: UInt64
            if first &+ 3 < n {
                // All four: unrolled, so the compiler can use conditional moves.
                bestValue = slots[first]
                let b = slots[first &+ 1], c = slots[first &+ 2], d = slots[first &+ 3]
                if b < bestValue { best = first &+ 1; bestValue = b }
                if c < bestValue { best = first &+ 2; bestValue = c }
                if d < bestValue { best = first &+ 3; bestValue = d }
            } else {
                if first >= n { break }
                bestValue = slots[first]
                var c = first &+ 1
                while c < n {
                    let v = slots[c]
                    if v < bestValue { best = c; bestValue = v }
                    c &+= 1
                }
            }
            if packed <= bestValue { break }
            slots[i] = bestValue
            setPosition(of: Int(UInt32(truncatingIfNeeded: bestValue)), to: UInt32(truncatingIfNeeded: i))
            i = best
        }
        slots[i] = packed
        setPosition(of: Int(UInt32(truncatingIfNeeded: packed)), to: UInt32(truncatingIfNeeded: i))
    }
}
