/// A set of graph nodes stored as one bit per node.
///
/// Used for the largest strongly connected component of a ``RoadGraph``
/// (``StronglyConnectedComponents/largestComponentMask()``), which the snapper
/// restricts itself to and the `.bhg` file stores.
///
/// - Complexity: memory is `nodeCount / 8` bytes; ``contains(_:)`` is O(1).
public struct NodeMask: Sendable, Hashable {
    /// The number of nodes the mask is over (bits beyond it are zero).
    public let nodeCount: Int
    /// The bits, node `i` at bit `i % 64` of word `i / 64`.
    public private(set) var words: [UInt64]
    /// The number of nodes in the set.
    public private(set) var count: Int

    /// An empty set over `nodeCount` nodes.
    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
        self.words = [UInt64](repeating: 0, count: (nodeCount + 63) / 64)
        self.count = 0
    }

    /// A mask from its words, as stored in a file.
    ///
    /// - Returns: `nil` when `words` does not have `⌈nodeCount / 64⌉` entries
    ///   or has bits set beyond `nodeCount`.
    public init?(words: [UInt64], nodeCount: Int) {
        guard nodeCount >= 0, words.count == (nodeCount + 63) / 64 else { return nil }
        if nodeCount % 64 != 0, let last = words.last, last >> UInt64(nodeCount % 64) != 0 { return nil }
        self.nodeCount = nodeCount
        self.words = words
        self.count = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// `true` when `node` is in the set.
    @inlinable
    public func contains(_ node: Int) -> Bool {
        words[node &>> 6] & (1 &<< UInt64(node & 63)) != 0
    }

    /// Adds `node` to the set.
    public mutating func insert(_ node: Int) {
        let bit: UInt64 = 1 << UInt64(node & 63)
        if words[node >> 6] & bit == 0 {
            words[node >> 6] |= bit
            count += 1
        }
    }

    /// The nodes in the set, ascending.
    public var nodes: [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(count)
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(UInt32(w * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return result
    }
}
