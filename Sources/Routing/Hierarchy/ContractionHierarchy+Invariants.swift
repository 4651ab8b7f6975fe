extension ContractionHierarchy {
    /// Checks, in debug builds, what ``invariantViolation()`` checks. Does
    /// nothing in release builds (a hierarchy read from a file is checked
    /// there in every build).
    public func _checkInvariants() {
        #if DEBUG
        if let violation = invariantViolation() { preconditionFailure(violation) }
        #endif
    }

    /// The first way in which the arrays do not form a hierarchy over
    /// ``graph``, or `nil`: the ranks are a permutation of the nodes; the CSR
    /// offsets start at 0, never decrease and end at the arc count; every
    /// arc leads strictly up the order; every shortcut's middle node lies
    /// below both its ends. Those are the facts the searches and the
    /// unpacking rely on for memory safety and termination.
    ///
    /// - Complexity: O(*n* + arcs).
    func invariantViolation() -> String? {
        let n = graph.nodeCount
        guard rank.count == n else { return "\(rank.count) ranks for \(n) nodes" }
        var seen = [Bool](repeating: false, count: n)
        for r in rank {
            guard Int(r) < n, !seen[Int(r)] else { return "the ranks are not a permutation of the nodes" }
            seen[Int(r)] = true
        }
        for (direction, start, arcs, middle) in [
            ("upward", forwardStart, forwardArcs, forwardMiddle), ("downward", backwardStart, backwardArcs, backwardMiddle),
        ] {
            guard start.count == n + 1, start.first == 0, Int(start[n]) == arcs.count else {
                return "the \(direction) arc offsets do not match the \(arcs.count) arcs"
            }
            guard middle.count == arcs.count else {
                return "\(middle.count) middle nodes for \(arcs.count) \(direction) arcs"
            }
            for r in 0..<n where start[r] > start[r + 1] {
                return "the \(direction) arc offsets decrease at rank \(r)"
            }
            for r in 0..<n {
                for i in Int(start[r])..<Int(start[r + 1]) {
                    guard Int(arcs[i].node) > r, Int(arcs[i].node) < n else {
                        return "\(direction) arc \(i) at rank \(r) does not lead up the hierarchy"
                    }
                    guard middle[i] == Self.noMiddle || Int(middle[i]) < r else {
                        return "\(direction) shortcut \(i) at rank \(r) bypasses a node that is not below it"
                    }
                }
            }
        }
        return nil
    }
}
