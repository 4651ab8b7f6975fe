import Testing
@testable import Routing

@Suite struct IndexedMinHeapTests {
    /// Random sequences of insert / decrease-key / pop / remove-all against
    /// a dictionary, checking the whole heap after every operation.
    @Test(arguments: 0..<200)
    func generatedOperationsMatchAReference(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        let capacity = Int(rng.next() % 64) + 1
        var heap = IndexedMinHeap(capacity: capacity)
        var reference: [Int: UInt32] = [:]
        // Small key ranges make many equal keys, to test the tie-break.
        let keyRange = UInt64([4, 100, 1 << 32][Int(rng.next() % 3)])
        for _ in 0..<400 {
            let op = rng.next() % 10
            let item = Int(rng.next() % UInt64(capacity))
            let key = UInt32(truncatingIfNeeded: rng.next() % keyRange)
            switch op {
            case 0...3:
                if reference[item] == nil {
                    heap.insert(item, key: key)
                    reference[item] = key
                }
            case 4...5:
                if let old = reference[item] {
                    let lower = key % (old &+ 1 == 0 ? .max : old &+ 1)
                    heap.decreaseKey(item, to: lower)
                    reference[item] = lower
                }
            case 6...8:
                let expected = reference.min { ($0.value, $0.key) < ($1.value, $1.key) }
                let popped = heap.popMin()
                #expect(popped?.item == expected?.key)
                #expect(popped?.key == expected?.value)
                if let e = expected { reference[e.key] = nil }
            default:
                if rng.next() % 8 == 0 {
                    heap.removeAll()
                    reference.removeAll()
                }
            }
            heap._checkInvariants()
            let count = heap.count
            #expect(count == reference.count)
            for i in 0..<capacity {
                let contains = heap.contains(i), key = heap.key(of: i)
                #expect(contains == (reference[i] != nil))
                #expect(key == reference[i])
            }
        }
        // Draining yields the reference order.
        var drained: [Int] = []
        while let (item, _) = heap.popMin() { drained.append(item) }
        #expect(drained == reference.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key))
    }

    @Test func popsInKeyOrderThenItemOrder() {
        var heap = IndexedMinHeap(capacity: 10)
        for (item, key) in [(5, 3), (2, 3), (9, 0), (0, UInt32.max), (7, 1)] as [(Int, UInt32)] {
            heap.insert(item, key: key)
        }
        heap.decreaseKey(0, to: 1)
        var order: [Int] = []
        while let (item, _) = heap.popMin() { order.append(item) }
        #expect(order == [9, 0, 7, 2, 5])
        let isEmpty = heap.isEmpty, min = heap.min
        #expect(isEmpty)
        #expect(min == nil)
    }

    @Test func removeAllLeavesItemsReusable() {
        var heap = IndexedMinHeap(capacity: 3)
        heap.insert(0, key: 5)
        heap.insert(2, key: 1)
        heap.removeAll()
        let contains = (heap.contains(0), heap.contains(2))
        #expect(contains == (false, false))
        heap.insert(2, key: 9)
        let min = heap.min, key = heap.key(of: 2)
        #expect(min?.item == 2)
        #expect(key == 9)
    }

    @Test func emptyCapacityIsUsable() {
        var heap = IndexedMinHeap(capacity: 0)
        let popped = heap.popMin()
        #expect(popped == nil)
        heap.removeAll()
        let isEmpty = heap.isEmpty
        #expect(isEmpty)
    }
}
