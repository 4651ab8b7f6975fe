extension BinaryGraphFile {
    /// The sections that store `hierarchy`, in file order
    /// (``BinaryGraphLayout/Section/hierarchyRank`` …).
    func hierarchySections(_ hierarchy: ContractionHierarchy) -> [PlannedSection] {
        func arcs(_ kind: BinaryGraphLayout.Section, _ arcs: [HierarchyArc]) -> PlannedSection {
            #if _endian(big)
            let words = arcs.flatMap { [$0.node.littleEndian, $0.weight.littleEndian, $0.other.littleEndian] }
            return PlannedSection(kind, littleEndianBytesOf: words, count: arcs.count)
            #else
            return PlannedSection(kind, littleEndianBytesOf: arcs, count: arcs.count)
            #endif
        }
        return [
            PlannedSection(.hierarchyRank, hierarchy.rank),
            PlannedSection(.hierarchyUpwardStart, hierarchy.forwardStart),
            arcs(.hierarchyUpwardArcs, hierarchy.forwardArcs),
            PlannedSection(.hierarchyUpwardMiddle, hierarchy.forwardMiddle),
            PlannedSection(.hierarchyDownwardStart, hierarchy.backwardStart),
            arcs(.hierarchyDownwardArcs, hierarchy.backwardArcs),
            PlannedSection(.hierarchyDownwardMiddle, hierarchy.backwardMiddle),
        ]
    }

    /// The sections a hierarchy of `n` nodes occupies, with their element
    /// counts where the header fixes them (`nil`: as many as the offsets
    /// say, checked once they are read).
    static func expectedHierarchySections(nodeCount n: Int) -> [(BinaryGraphLayout.Section, Int?)] {
        [
            (.hierarchyRank, n), (.hierarchyUpwardStart, n + 1), (.hierarchyUpwardArcs, nil),
            (.hierarchyUpwardMiddle, nil), (.hierarchyDownwardStart, n + 1), (.hierarchyDownwardArcs, nil),
            (.hierarchyDownwardMiddle, nil),
        ]
    }
}

extension ContractionHierarchy {
    /// The bytes the hierarchy's sections take in a `.bhg` file, without
    /// the alignment padding: 4 per node for the ranks, 8 per node for the
    /// two offset arrays, 16 per arc (12 for the arc, 4 for its middle node).
    public var storedByteCount: Int {
        rank.count * 4 + (forwardStart.count + backwardStart.count) * 4 + arcCount * (MemoryLayout<HierarchyArc>.stride + 4)
    }

    /// A hierarchy over `graph` from the arrays of a `.bhg` file, checked
    /// (``invariantViolation()``) in every build: a file is never trusted.
    ///
    /// - Throws: the first violation, as a message.
    static func deserialized(
        graph: RoadGraph, rank: [UInt32], forwardStart: [UInt32], forwardArcs: [HierarchyArc],
        forwardMiddle: [UInt32], backwardStart: [UInt32], backwardArcs: [HierarchyArc], backwardMiddle: [UInt32]
    ) -> Result<ContractionHierarchy, HierarchyFormatError> {
        // The inverse order is derived in the initialiser; check the ranks
        // and offsets first so that nothing indexes out of range.
        let h = ContractionHierarchy(
            graph: graph, rank: rank, forwardStart: forwardStart, forwardArcs: forwardArcs,
            forwardMiddle: forwardMiddle, backwardStart: backwardStart, backwardArcs: backwardArcs,
            backwardMiddle: backwardMiddle)
        if let violation = h.invariantViolation() { return .failure(HierarchyFormatError(message: violation)) }
        return .success(h)
    }
}

/// Why stored hierarchy arrays do not form a hierarchy over their graph.
struct HierarchyFormatError: Error {
    var message: String
}
