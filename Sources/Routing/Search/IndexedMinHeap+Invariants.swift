extension IndexedMinHeap {
    /// `true` in debug builds, where every mutation checks the heap around
    /// the item it moved, and ``_checkInvariants()`` checks the whole heap.
    static var _isConsistencyCheckingEnabled: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }

    #if DEBUG
    /// Checks every slot: the heap order between each item and its parent,
    /// and the position table both ways for the items in the heap.
    ///
    /// - Complexity: O(``count``).
    func _checkInvariants() {
        for i in 0..<count {
            let (item, key) = Self.unpack(slots[i])
            precondition(item < capacity, "slot \(i) holds item \(item) beyond capacity \(capacity)")
            precondition(Int(position(of: item)) == i, "item \(item) in slot \(i) has position \(position(of: item))")
            if i > 0 {
                let parent = Self.unpack(slots[(i - 1) / Self.arity])
                precondition(parent.key <= key, "slot \(i) key \(key) is below its parent's \(parent.key)")
            }
        }
    }

    /// Checks the neighbourhood of `item` after it moved: its position, its
    /// parent and its children. O(arity), so it can run after every
    /// mutation in debug builds.
    func _checkLocalInvariants(_ item: Int) {
        let p = position(of: item)
        precondition(p != Self.absent && Int(p) < count, "moved item \(item) has no valid position")
        let i = Int(p)
        let packed = slots[i]
        precondition(Int(UInt32(truncatingIfNeeded: packed)) == item, "slot \(i) does not hold item \(item)")
        if i > 0 { precondition(slots[(i - 1) / Self.arity] <= packed, "item \(item) is above its parent") }
        let first = i * Self.arity + 1
        var c = first
        while c < Swift.min(first + Self.arity, count) {
            defer { c += 1 }
            precondition(slots[c] >= packed, "item \(item) is below child slot \(c)")
        }
    }
    #else
    @inline(__always) func _checkInvariants() {}
    @inline(__always) func _checkLocalInvariants(_ item: Int) {}
    #endif
}
