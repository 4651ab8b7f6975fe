extension ContractionHierarchy {
    /// Checks, in debug builds, that the ranks are a permutation and that
    /// every arc leads strictly up the order, with consistent CSR offsets.
    /// Does nothing in release builds.
    public func _checkInvariants() {
        #if DEBUG
        let n = graph.nodeCount
        precondition(rank.count == n, "one rank per node")
        var seen = [Bool](repeating: false, count: n)
        for r in rank {
            precondition(Int(r) < n && !seen[Int(r)], "ranks are a permutation")
            seen[Int(r)] = true
        }
        for (start, arcs) in [(forwardStart, forwardArcs), (backwardStart, backwardArcs)] {
            precondition(start.count == n + 1 && start.first == 0 && Int(start[n]) == arcs.count, "CSR offsets")
            for r in 0..<n {
                precondition(start[r] <= start[r + 1], "CSR offsets are nondecreasing")
                for a in arcs[Int(start[r])..<Int(start[r + 1])] {
                    precondition(Int(a.node) > r && Int(a.node) < n, "every arc leads up the hierarchy")
                }
            }
        }
        #endif
    }
}
