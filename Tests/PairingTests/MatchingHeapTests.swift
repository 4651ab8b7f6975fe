import Testing
@testable import Pairing

/// The event heap of the blossom solver against a plain dictionary.
@Suite struct MatchingHeapTests {
    @Test(arguments: 0..<20)
    func randomOperationsAgreeWithAReference(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let capacity = Int.random(in: 1...200, using: &rng)
        let heap = IndexedMinHeap(capacity: capacity)
        var reference: [Int: Int] = [:]
        if Bool.random(using: &rng) {
            let initial = (0..<capacity).filter { _ in Bool.random(using: &rng) }.map { ($0, Int.random(in: -50...50, using: &rng)) }
            heap.build(initial.map { (item: $0.0, key: $0.1) })
            for (item, key) in initial { reference[item] = key }
        }
        for _ in 0..<2_000 {
            let item = Int.random(in: 0..<capacity, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0, 1:
                let key = Int.random(in: -100...100, using: &rng)
                heap.insertOrDecrease(item, key: key)
                reference[item] = min(reference[item] ?? .max, key)
            case 2:
                heap.remove(item)
                reference[item] = nil
            default:
                let popped = heap.popMinimum()
                // The smallest key, ties by the smaller item.
                let expected = reference.min { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
                #expect(popped?.item == expected?.key && popped?.key == expected?.value)
                if let e = expected { reference[e.key] = nil }
            }
            #expect(heap.count == reference.count)
            #expect(heap.contains(item) == (reference[item] != nil))
            #expect(heap.key(of: item) == reference[item])
        }
        var last = Int.min
        while let (item, key) = heap.popMinimum() {
            #expect(key >= last && reference.removeValue(forKey: item) == key)
            last = key
        }
        #expect(reference.isEmpty && heap.isEmpty)
    }
}
