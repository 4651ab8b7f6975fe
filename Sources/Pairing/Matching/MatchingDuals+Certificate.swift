extension MatchingDuals {
    /// A way in which a matching and a dual solution fail to prove each
    /// other optimal.
    public struct Violation: Error, Sendable, Hashable, CustomStringConvertible {
        /// Which condition failed, and where.
        public var message: String

        /// A violation saying `message`.
        public init(_ message: String) { self.message = message }

        public var description: String { "matching certificate: " + message }
    }

    /// Checks that `matching` is a maximum-weight matching of `graph`, with
    /// `self` as the witness (Edmonds 1965, linear programming duality).
    ///
    /// The checks, in order:
    /// 1. the shapes agree and the blossoms form a forest (laminar family),
    ///    every blossom holding an odd number ≥ 3 of vertices;
    /// 2. `matching` is a matching of `graph` (each matched edge is matched
    ///    at both ends);
    /// 3. dual feasibility: every `u(v) ≥ 0`, every `z(B) ≥ 0`, every edge
    ///    slack `u(i) + u(j) − 2w + 2·Σ_{B ∋ i,j} z(B) ≥ 0`;
    /// 4. complementary slackness: matched edges have slack 0, exposed
    ///    vertices have `u = 0`, blossoms with `z > 0` hold
    ///    `(|B| − 1)/2` matched edges;
    /// 5. as a last consistency check, twice the matching weight equals the
    ///    doubled dual objective.
    ///
    /// This proves optimality on its own, without another solver.
    ///
    /// - Throws: the first ``Violation`` found.
    /// - Complexity: O(*n* + *m*·*d*) where *d* is the nesting depth of the
    ///   blossoms.
    public func certify(_ matching: Matching, on graph: MatchingGraph) throws(Violation) {
        let n = graph.vertexCount
        let nb = blossomCount
        guard vertexDuals.count == n, vertexBlossoms.count == n, matching.mateEdge.count == n else {
            throw Violation("\(vertexDuals.count) vertex duals, \(vertexBlossoms.count) vertex blossoms and a matching of \(matching.mateEdge.count) vertices for \(n) vertices")
        }
        guard blossomParents.count == nb else {
            throw Violation("\(blossomParents.count) blossom parents for \(nb) blossoms")
        }

        // 1. Structure: depths (detecting cycles) and sizes.
        var depth = [Int](repeating: 0, count: nb)
        for b in 0..<nb {
            var chain: [Int] = []
            var x = b
            while x >= 0 && depth[x] == 0 {
                guard x < nb else { throw Violation("blossom parent \(x) out of range") }
                guard chain.count <= nb else { throw Violation("blossom \(b) is its own ancestor") }
                chain.append(x)
                x = blossomParents[x]
            }
            guard x < nb else { throw Violation("blossom parent \(x) out of range") }
            var d = x < 0 ? 0 : depth[x]
            for c in chain.reversed() {
                d += 1
                depth[c] = d
            }
        }
        var size = [Int](repeating: 0, count: nb)
        for v in 0..<n {
            let b = vertexBlossoms[v]
            guard b >= -1, b < nb else { throw Violation("vertex \(v) in blossom \(b), out of range") }
            var x = b
            while x >= 0 {
                size[x] += 1
                x = blossomParents[x]
            }
        }
        for b in 0..<nb where size[b] < 3 || size[b] % 2 == 0 {
            throw Violation("blossom \(b) holds \(size[b]) vertices; a blossom is odd and has at least 3")
        }

        // 2. The matching.
        for v in 0..<n {
            let k = Int(matching.mateEdge[v])
            guard k >= 0 else { continue }
            guard k < graph.edgeCount else { throw Violation("vertex \(v) matched by edge \(k), out of range") }
            let a = graph.endpointVertex(2 * k), c = graph.endpointVertex(2 * k + 1)
            guard a == v || c == v else { throw Violation("vertex \(v) matched by edge \(k), which is not at it") }
            let other = a == v ? c : a
            guard Int(matching.mateEdge[other]) == k else {
                throw Violation("edge \(k) is matched at vertex \(v) but not at vertex \(other)")
            }
        }

        // 3. Dual feasibility.
        for v in 0..<n where vertexDuals[v] < 0 {
            throw Violation("vertex \(v) has dual \(vertexDuals[v]) < 0")
        }
        for b in 0..<nb where blossomDuals[b] < 0 {
            throw Violation("blossom \(b) has dual \(blossomDuals[b]) < 0")
        }
        // zAbove[b]: z of b and of every blossom enclosing it.
        var zAbove = [Int](repeating: 0, count: nb)
        for b in (0..<nb).sorted(by: { depth[$0] < depth[$1] }) {
            let p = blossomParents[b]
            zAbove[b] = blossomDuals[b] + (p < 0 ? 0 : zAbove[p])
        }
        var matchedInside = [Int](repeating: 0, count: nb)
        for k in 0..<graph.edgeCount {
            let i = graph.endpointVertex(2 * k), j = graph.endpointVertex(2 * k + 1)
            // The innermost blossom holding both ends.
            var a = vertexBlossoms[i], c = vertexBlossoms[j]
            while a != c {
                let da = a < 0 ? 0 : depth[a], dc = c < 0 ? 0 : depth[c]
                if da >= dc { a = blossomParents[a] } else { c = blossomParents[c] }
            }
            let slack = vertexDuals[i] + vertexDuals[j] - 2 * graph.weights[k] + 2 * (a < 0 ? 0 : zAbove[a])
            guard slack >= 0 else {
                throw Violation("edge \(k) (\(i), \(j), weight \(graph.weights[k])) has slack \(slack) < 0")
            }
            if Int(matching.mateEdge[i]) == k {
                guard slack == 0 else {
                    throw Violation("matched edge \(k) (\(i), \(j)) has slack \(slack), not 0")
                }
                if a >= 0 { matchedInside[a] += 1 }
            }
        }

        // 4. Exposed vertices and full blossoms.
        for v in 0..<n where matching.mateEdge[v] < 0 && vertexDuals[v] != 0 {
            throw Violation("exposed vertex \(v) has dual \(vertexDuals[v]), not 0")
        }
        for b in (0..<nb).sorted(by: { depth[$0] > depth[$1] }) {
            let p = blossomParents[b]
            if p >= 0 { matchedInside[p] += matchedInside[b] }
            if blossomDuals[b] > 0 && matchedInside[b] != (size[b] - 1) / 2 {
                throw Violation("blossom \(b) with dual \(blossomDuals[b]) holds \(matchedInside[b]) matched edges, not \((size[b] - 1) / 2)")
            }
        }

        // 5. Equal objectives.
        let dual = doubledObjective(blossomSizes: size)
        guard dual == 2 * matching.totalWeight else {
            throw Violation("twice the matching weight is \(2 * matching.totalWeight) but the doubled dual objective is \(dual)")
        }
    }
}
