/// A binary min-heap of `(key, node)` pairs without decrease-key, for the
/// small searches of contraction hierarchies (witness searches and upward
/// searches): a node whose key improves is pushed again and its stale entry
/// is skipped when popped ("lazy deletion").
///
/// Ties on the key are broken by the node number, so every search that uses
/// it is deterministic.
///
/// - Complexity: `push` and `popMin` O(log *k*) for *k* entries.
struct HierarchyHeap {
    @usableFromInline var keys: [UInt64] = []
    @usableFromInline var nodes: [UInt32] = []

    init() {
        keys.reserveCapacity(1024)
        nodes.reserveCapacity(1024)
    }

    var isEmpty: Bool { keys.isEmpty }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private static func less(_ k1: UInt64, _ n1: UInt32, _ k2: UInt64, _ n2: UInt32) -> Bool {
        k1 < k2 || (k1 == k2 && n1 < n2)
    }

    @inline(__always)
    mutating func push(_ node: UInt32, key: UInt64) {
        var i = keys.count
        keys.append(key)
        nodes.append(node)
        keys.withUnsafeMutableBufferPointer { k in
            nodes.withUnsafeMutableBufferPointer { n in
                while i > 0 {
                    let p = (i &- 1) >> 1
                    guard Self.less(key, node, k[p], n[p]) else { break }
                    k[i] = k[p]
                    n[i] = n[p]
                    i = p
                }
                k[i] = key
                n[i] = node
            }
        }
    }

    /// The smallest entry, without removing it.
    var min: (node: UInt32, key: UInt64)? {
        keys.isEmpty ? nil : (nodes[0], keys[0])
    }

    @inline(__always)
    mutating func popMin() -> (node: UInt32, key: UInt64)? {
        guard let lastKey = keys.popLast(), let lastNode = nodes.popLast() else { return nil }
        let count = keys.count
        if count == 0 { return (lastNode, lastKey) }
        let top = (nodes[0], keys[0])
        keys.withUnsafeMutableBufferPointer { k in
            nodes.withUnsafeMutableBufferPointer { n in
                var i = 0
                while true {
                    let l = 2 &* i &+ 1
                    guard l < count else { break }
                    var c = l
                    let r = l &+ 1
                    if r < count && Self.less(k[r], n[r], k[l], n[l]) { c = r }
                    guard Self.less(k[c], n[c], lastKey, lastNode) else { break }
                    k[i] = k[c]
                    n[i] = n[c]
                    i = c
                }
                k[i] = lastKey
                n[i] = lastNode
            }
        }
        return top
    }
}
