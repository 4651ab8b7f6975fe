/// The strongly connected components of a directed graph: the classes of
/// nodes that can all reach one another.
///
/// Computed with Tarjan's algorithm (R. E. Tarjan, "Depth-first search and
/// linear graph algorithms", SIAM J. Comput. 1(2):146–160, 1972), run with an
/// explicit stack instead of recursion so that a road network with millions of
/// nodes, whose depth-first paths are as long as the network, cannot overflow
/// the call stack.
///
/// Components are numbered in the order Tarjan's algorithm completes them,
/// which is a reverse topological order of the condensation: an edge between
/// two components always goes from a higher number to a lower or equal one.
///
/// ```swift
/// let scc = StronglyConnectedComponents(graph: graph)
/// let routable = scc.largestComponentMask()   // every node here reaches every other
/// ```
///
/// - Complexity: O(*n* + *m*) time, 13 bytes per node of working memory.
public struct StronglyConnectedComponents: Sendable {
    /// The component of each node.
    public let componentOfNode: [UInt32]
    /// The number of nodes in each component.
    public let componentSizes: [UInt32]
    /// The largest component (the lowest number among equally large ones),
    /// or `nil` for a graph without nodes.
    public let largestComponent: UInt32?

    /// The number of components.
    @inlinable public var componentCount: Int { componentSizes.count }

    /// The number of nodes in the largest component (0 for an empty graph).
    public var largestComponentSize: Int {
        largestComponent.map { Int(componentSizes[Int($0)]) } ?? 0
    }

    /// Finds the components of `graph`.
    public init(graph: RoadGraph) {
        self.init(nodeCount: graph.nodeCount, edgeStart: graph.edgeStart, edgeTarget: graph.edgeTarget)
    }

    /// Finds the components of the graph whose out-edges of node `u` have the
    /// heads `edgeTarget[edgeStart[u] ..< edgeStart[u + 1]]` (CSR form, as in
    /// ``RoadGraph``).
    ///
    /// - Precondition: the arrays are a valid CSR graph over `nodeCount`
    ///   nodes (as ``RoadGraph/checkInvariants()`` guarantees).
    public init(nodeCount n: Int, edgeStart: [UInt32], edgeTarget: [UInt32]) {
        let unvisited = UInt32.max
        // `index[v]`: DFS discovery number; reused for the component number
        // once `v` is assigned (then `assigned[v]` is set).
        var index = [UInt32](repeating: unvisited, count: n)
        var low = [UInt32](repeating: 0, count: n)
        var assigned = [Bool](repeating: false, count: n)
        var tarjanStack: [UInt32] = []
        // The depth-first path: a node and the next out-edge to look at.
        var path: [(node: UInt32, next: UInt32)] = []
        var component = [UInt32](repeating: 0, count: n)
        var sizes: [UInt32] = []
        var counter: UInt32 = 0

        edgeStart.withUnsafeBufferPointer { start in
            edgeTarget.withUnsafeBufferPointer { target in
                for root in 0..<n where index[root] == unvisited {
                    index[root] = counter; low[root] = counter; counter &+= 1
                    tarjanStack.append(UInt32(root))
                    path.append((UInt32(root), start[root]))
                    while let top = path.last {
                        let v = Int(top.node)
                        let e = Int(top.next)
                        if e < Int(start[v + 1]) {
                            path[path.count - 1].next = UInt32(e + 1)
                            let w = Int(target[e])
                            if index[w] == unvisited {
                                index[w] = counter; low[w] = counter; counter &+= 1
                                tarjanStack.append(UInt32(w))
                                path.append((UInt32(w), start[w]))
                            } else if !assigned[w] {
                                // w is on the Tarjan stack: a back or cross edge within the current tree.
                                low[v] = min(low[v], index[w])
                            }
                            continue
                        }
                        path.removeLast()
                        if low[v] == index[v] {
                            let id = UInt32(sizes.count)
                            var size: UInt32 = 0
                            while true {
                                let x = Int(tarjanStack.removeLast())
                                assigned[x] = true
                                component[x] = id
                                size += 1
                                if x == v { break }
                            }
                            sizes.append(size)
                        }
                        if let parent = path.last {
                            let p = Int(parent.node)
                            low[p] = min(low[p], low[v])
                        }
                    }
                }
            }
        }
        self.componentOfNode = component
        self.componentSizes = sizes
        var best: UInt32?
        for (c, s) in sizes.enumerated() where best == nil || s > sizes[Int(best!)] { best = UInt32(c) }
        self.largestComponent = best
    }

    /// The nodes of the largest component as a mask (empty for an empty
    /// graph).
    ///
    /// - Complexity: O(*n*).
    public func largestComponentMask() -> NodeMask {
        var mask = NodeMask(nodeCount: componentOfNode.count)
        guard let largest = largestComponent else { return mask }
        for (v, c) in componentOfNode.enumerated() where c == largest { mask.insert(v) }
        return mask
    }
}
