/// Which algorithm computes a matching.
public enum MatchingAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// Exact maximum weight: Edmonds' blossom algorithm with all trees grown
    /// at once and a priority queue of dual events (``HeapBlossomSolver``).
    /// The default: it is the fastest exact solver here on both dense and
    /// sparse savings graphs (`docs/benchmarks/matching.md`).
    case blossom
    /// Exact maximum weight: the O(*n*³) formulation of Galil (1986), as in
    /// van Rantwijk's implementation. The reference the faster solver is
    /// checked against; slow on large sparse graphs.
    case cubicBlossom = "cubic-blossom"
    /// Not optimal: the heaviest edge first, ties by the smaller vertex
    /// numbers (``MatchingGraph/greedyMatching()``). A baseline that shows
    /// what optimality buys.
    case greedy
}

/// A maximum-weight matching together with the dual solution that proves it.
public struct CertifiedMatching: Sendable, Hashable {
    /// A maximum-weight matching.
    public let matching: Matching
    /// The optimal dual solution that proves it
    /// (``MatchingDuals/certify(_:on:)``).
    public let duals: MatchingDuals
}

extension MatchingGraph {
    /// A maximum-weight matching (not necessarily of maximum cardinality).
    ///
    /// Debug builds check the result against its dual certificate
    /// (``MatchingDuals/certify(_:on:)``) before returning.
    ///
    /// - Parameter algorithm: ``MatchingAlgorithm/blossom`` (default) or
    ///   ``MatchingAlgorithm/cubicBlossom``; ``MatchingAlgorithm/greedy``
    ///   returns the greedy matching.
    /// - Complexity: see ``MatchingAlgorithm``.
    public func matching(using algorithm: MatchingAlgorithm = .blossom) -> Matching {
        switch algorithm {
        case .greedy: return greedyMatching()
        case .blossom, .cubicBlossom: return maximumWeightMatching(using: algorithm).matching
        }
    }

    /// A maximum-weight matching and its optimal dual solution.
    ///
    /// - Parameter algorithm: ``MatchingAlgorithm/blossom`` or
    ///   ``MatchingAlgorithm/cubicBlossom`` (``MatchingAlgorithm/greedy`` is
    ///   not exact and falls back to ``MatchingAlgorithm/blossom`` here).
    public func maximumWeightMatching(using algorithm: MatchingAlgorithm = .blossom) -> CertifiedMatching {
        let (mateEdge, duals): ([Int32], MatchingDuals)
        switch algorithm {
        case .cubicBlossom:
            var solver = CubicBlossomSolver(graph: self)
            (mateEdge, duals) = solver.solve()
        case .blossom, .greedy:
            (mateEdge, duals) = heapBlossomMatching()
        }
        let result = CertifiedMatching(matching: Matching(graph: self, mateEdge: mateEdge), duals: duals)
        assert(result._checkOptimality(on: self))
        return result
    }
}

extension MatchingGraph {
    /// Large graphs are renumbered breadth-first before the heap solver runs
    /// (better memory locality), and the result mapped back.
    static let renumberingThreshold = 4_096

    /// A warm start with fewer roots than one vertex in this many is solved
    /// without renumbering: it repairs a small region, and renumbering the
    /// whole graph (O(*n* + *m*)) costs more than the locality it buys. On
    /// the first 100,000 national rows the last ten re-solves of the
    /// certified pairing took 0.10–0.18 s each instead of 0.19–0.24 s.
    static let smallRepairDivisor = 50

    /// A warm start with fewer roots than one vertex in this many is solved
    /// without the solver's inline adjacency: building it reads every arc's
    /// neighbour and weight at random (O(*m*)), which at 310,000 national
    /// rows was most of the 0.33 s that each of the last passes' re-solves
    /// took, with about 100 roots each.
    static let tinyRepairDivisor = 500

    /// Whether a solve from `roots` trees is solved without renumbering
    /// (``smallRepairDivisor``).
    func isSmallRepair(roots: Int) -> Bool {
        roots * Self.smallRepairDivisor < vertexCount
    }

    /// Whether a solve from `roots` trees reads the graph's arrays instead
    /// of building the solver's arc table (``tinyRepairDivisor``).
    func isTinyRepair(roots: Int) -> Bool {
        roots * Self.tinyRepairDivisor < vertexCount
    }

    /// The exposed vertices with a positive dual: the trees a solve from
    /// `start` begins with.
    func rootCount(_ start: BlossomWarmStart) -> Int {
        var roots = 0
        for v in 0..<vertexCount where start.mateEdge[v] < 0 && start.vertexDuals[v] > 0 { roots += 1 }
        return roots
    }

    func heapBlossomMatching(
        warmStart: BlossomWarmStart? = nil, renumberingThreshold: Int = Self.renumberingThreshold
    ) -> (mateEdge: [Int32], duals: MatchingDuals) {
        guard let result = heapBlossomMatching(warmStart: warmStart, renumberingThreshold: renumberingThreshold, deadline: nil) else {
            preconditionFailure("a solve without a deadline always finishes")
        }
        return result
    }

    /// ``heapBlossomMatching(warmStart:renumberingThreshold:)`` that gives
    /// up (`nil`) once the monotonic clock passes `deadline` (uptime
    /// nanoseconds), and hands its duals to `checkpoint` on the way.
    func heapBlossomMatching(
        warmStart: BlossomWarmStart?, renumberingThreshold: Int = Self.renumberingThreshold, deadline: UInt64?,
        checkpoint: SolverCheckpoint? = nil
    ) -> (mateEdge: [Int32], duals: MatchingDuals)? {
        let roots = warmStart.map(rootCount) ?? vertexCount
        guard vertexCount >= renumberingThreshold, !isSmallRepair(roots: roots) else {
            var solver = HeapBlossomSolver(graph: self, arcTable: !isTinyRepair(roots: roots))
            return solver.solve(warmStart: warmStart, deadline: deadline, checkpoint: checkpoint)
        }
        let (graph, newVertex, oldEdge) = renumberedBreadthFirst()
        var newStart: BlossomWarmStart?
        if let warmStart {
            var newEdge = [Int32](repeating: -1, count: edgeCount)
            for (k, old) in oldEdge.enumerated() { newEdge[Int(old)] = Int32(truncatingIfNeeded: k) }
            var duals = [Int](repeating: 0, count: vertexCount)
            var mates = [Int32](repeating: -1, count: vertexCount)
            for v in 0..<vertexCount {
                let nv = Int(newVertex[v])
                duals[nv] = warmStart.vertexDuals[v]
                let k = warmStart.mateEdge[v]
                mates[nv] = k < 0 ? -1 : newEdge[Int(k)]
            }
            newStart = BlossomWarmStart(vertexDuals: duals, mateEdge: mates)
        }
        var solver = HeapBlossomSolver(graph: graph)
        // The checkpoint's duals go back to this graph's numbering.
        var renumbered = checkpoint
        if let checkpoint {
            let n = vertexCount
            renumbered?.body = { [newVertex] u in checkpoint.body((0..<n).map { u[Int(newVertex[$0])] }) }
        }
        guard let (newMateEdge, newDuals) = solver.solve(warmStart: newStart, deadline: deadline, checkpoint: renumbered) else { return nil }
        var mateEdge = [Int32](repeating: -1, count: vertexCount)
        var vertexDuals = [Int](repeating: 0, count: vertexCount)
        var vertexBlossoms = [Int](repeating: -1, count: vertexCount)
        for v in 0..<vertexCount {
            let nv = Int(newVertex[v])
            let k = newMateEdge[nv]
            mateEdge[v] = k < 0 ? -1 : oldEdge[Int(k)]
            vertexDuals[v] = newDuals.vertexDuals[nv]
            vertexBlossoms[v] = newDuals.vertexBlossoms[nv]
        }
        let duals = MatchingDuals(
            vertexDuals: vertexDuals, blossomDuals: newDuals.blossomDuals,
            blossomParents: newDuals.blossomParents, vertexBlossoms: vertexBlossoms)
        return (mateEdge, duals)
    }
}

extension CertifiedMatching {
    /// Debug check: the duals certify the matching (see
    /// ``MatchingDuals/certify(_:on:)``); stops with the violation if not.
    func _checkOptimality(on graph: MatchingGraph) -> Bool {
        do {
            try duals.certify(matching, on: graph)
            return true
        } catch {
            assertionFailure(error.description)
            return false
        }
    }
}
