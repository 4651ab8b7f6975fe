/// Applies turn restrictions, barriers and destination-only roads to a road
/// network by **splitting junctions**, so that the result is an ordinary
/// directed graph on which every search (Dijkstra, many-to-many, the
/// contraction hierarchy) and the `.bhg` file work unchanged.
///
/// **The idea.** A graph node stands for an OSM node *and what the vehicle
/// must remember on arriving there*. Usually nothing: one node. At a
/// junction with a turn restriction, a vehicle that came along the `from`
/// road may not take the `to` road, so it arrives at a copy of the junction
/// whose out-edges leave that turn out (the classic node-splitting
/// construction for turn restrictions; the edge-based alternative, a node
/// per road and an edge per allowed turn, is what OSRM uses and doubles the
/// graph, see `docs/osm.md`). In general the memory is a finite automaton
/// over the roads driven:
///
/// - **Restrictions** (`no_*` / `only_*`, via a node or via ways) are
///   sequences of directed roads; the memory is the longest suffix of the
///   roads driven that is a proper prefix of some restriction, tracked with
///   an Aho–Corasick automaton (A. V. Aho and M. J. Corasick, "Efficient
///   string matching", CACM 18(6), 1975), so that overlapping restrictions
///   and restrictions via several ways are exact. At a state, a road is
///   refused when it completes a `no_*` restriction, or when an `only_*`
///   restriction whose prefix the state ends with names another road; and
///   turning back along the road just driven is refused in any state but the
///   start, unless the road ends there, so that a U-turn cannot undo a
///   restriction (OSRM allows U-turns at dead ends only).
/// - **Barriers** are `only`-restrictions at their node: arriving by a road,
///   the vehicle may only turn back along it (OSRM's rule: a barrier can be
///   reached, not passed).
/// - **Destination-only roads** (`access=destination`, `private`, …): the
///   memory is one of three layers: *origin* (the route started on such
///   roads and has not left them), *free* (on the open network), *entered*
///   (came in from the open network: it may go on only on destination-only
///   roads). Leaving an entered area for the open network is refused, so a
///   route may use such roads only at its start or its end: no through
///   traffic.
///
/// Graph nodes are the reachable (OSM node, automaton state, layer)
/// triples. The *primary* node of an OSM node is its start state (nothing
/// remembered, layer *origin*), from which every road is allowed; other
/// states are copies at the same place with the same OSM id. Only junctions
/// that some restriction, barrier or destination-only road touches get
/// copies; everything else is one node as before.
///
/// - Complexity: O(roads + restrictions' lengths + copies × degree); the
///   automaton's states are O(total length of the restrictions).
struct JunctionSplitter {
    typealias Segment = OSMGraphAssembler.Segment

    /// The layers of the destination-only rule.
    enum Layer: UInt8, Hashable {
        /// On the open network.
        case free = 0
        /// Started on destination-only roads and still on them.
        case origin = 1
        /// Entered destination-only roads from the open network.
        case entered = 2
    }

    /// One state of the restriction automaton.
    private struct TrieNode {
        /// The last road of the prefix (the one the vehicle arrived by).
        var lastEdge: UInt32 = 0
        var children: [UInt32: Int32] = [:]
        var fail: Int32 = 0
        /// Roads that complete a `no_*` restriction from here.
        var forbid: [UInt32] = []
        /// When set, the only roads an `only_*` restriction allows from here.
        var only: [UInt32]?
        /// When set, the state is "just arrived at a barrier": the only road
        /// on is this one, back where the vehicle came from (`noEdge`: none).
        var barrierExit: UInt32?
    }

    private static let noEdge = UInt32.max

    private struct StateKey: Hashable {
        var slot: UInt32
        var trie: Int32
        var layer: Layer
    }

    private let roads: [Segment]
    /// Out-edges per slot in CSR form; an edge id is road × 2 (+ 1 against
    /// the road's direction).
    private var outStart: [UInt32] = []
    private var outEdges: [UInt32] = []
    /// In-edges per slot, built when the first barrier is added.
    private var inStart: [UInt32] = []
    private var inEdges: [UInt32] = []
    /// `true` when a destination-only edge leaves the slot.
    private var zoneOut: [Bool] = []
    /// The number of destination-only directed edges.
    private(set) var destinationOnlyEdgeCount = 0
    private var trie: [TrieNode] = [TrieNode()]
    /// Edges that begin some restriction (the root's children), for a fast
    /// path on every other edge.
    private var startsRestriction: [Bool] = []
    private var trieFinished = true

    /// Prepares the network of `roads` between `slots` OSM nodes.
    init(roads: [Segment], slots: Int) {
        self.roads = roads
        guard slots > 0 else { return }
        var start = [UInt32](repeating: 0, count: slots + 1)
        for r in roads {
            if r.forward >= 0 { start[Int(r.from) + 1] += 1 }
            if r.backward >= 0 { start[Int(r.to) + 1] += 1 }
        }
        for i in 0..<slots { start[i + 1] += start[i] }
        var fill = start
        var edges = [UInt32](repeating: 0, count: Int(start[slots]))
        var zone = [Bool](repeating: false, count: slots)
        var zoneCount = 0
        for (i, r) in roads.enumerated() {
            if r.forward >= 0 {
                edges[Int(fill[Int(r.from)])] = UInt32(i) << 1
                fill[Int(r.from)] += 1
                if r.forwardZone { zone[Int(r.from)] = true; zoneCount += 1 }
            }
            if r.backward >= 0 {
                edges[Int(fill[Int(r.to)])] = UInt32(i) << 1 | 1
                fill[Int(r.to)] += 1
                if r.backwardZone { zone[Int(r.to)] = true; zoneCount += 1 }
            }
        }
        outStart = start
        outEdges = edges
        zoneOut = zone
        destinationOnlyEdgeCount = zoneCount
        startsRestriction = [Bool](repeating: false, count: roads.count * 2)
    }

    // MARK: - Edges

    @inline(__always) private func exists(_ e: UInt32) -> Bool {
        let r = roads[Int(e >> 1)]
        return e & 1 == 0 ? r.forward >= 0 : r.backward >= 0
    }
    @inline(__always) private func tail(_ e: UInt32) -> UInt32 {
        let r = roads[Int(e >> 1)]
        return e & 1 == 0 ? r.from : r.to
    }
    @inline(__always) private func head(_ e: UInt32) -> UInt32 {
        let r = roads[Int(e >> 1)]
        return e & 1 == 0 ? r.to : r.from
    }
    @inline(__always) private func isZone(_ e: UInt32) -> Bool {
        let r = roads[Int(e >> 1)]
        return e & 1 == 0 ? r.forwardZone : r.backwardZone
    }

    // MARK: - Rules

    /// Adds a restriction given as road pieces: each `(road code, along)`
    /// is a road from ``OSMGraphAssembler/contractChains`` (road × 2, + 1
    /// when the piece runs against the road) and whether the piece is
    /// driven along its own direction.
    ///
    /// - Returns: `false` when the restriction does not fit the graph (a
    ///   road not drivable that way, pieces that do not join).
    mutating func addRestriction(_ pieces: [(road: UInt32, along: Bool)], isOnly: Bool) -> Bool {
        var edges: [UInt32] = []
        for (code, along) in pieces {
            let reversed = (code & 1 == 1) != !along
            let e = code & ~1 | (reversed ? 1 : 0)
            if edges.last != e { edges.append(e) }
        }
        guard edges.count >= 2, edges.allSatisfy(exists) else { return false }
        for i in edges.indices.dropFirst() where head(edges[i - 1]) != tail(edges[i]) { return false }
        let t = insertPrefix(edges.dropLast())
        if isOnly {
            trie[t].only = (trie[t].only ?? []) + [edges.last!]
        } else {
            trie[t].forbid.append(edges.last!)
        }
        return true
    }

    /// Makes `slot` a barrier: a vehicle arriving by a road may only turn
    /// back along it. A dead end (one road) is left alone.
    mutating func addBarrier(at slot: UInt32) {
        let v = Int(slot)
        guard v + 1 < outStart.count else { return }
        if inStart.isEmpty { buildIncoming() }
        var incident = Set<UInt32>()
        for k in Int(outStart[v]) ..< Int(outStart[v + 1]) { incident.insert(outEdges[k] >> 1) }
        for k in Int(inStart[v]) ..< Int(inStart[v + 1]) { incident.insert(inEdges[k] >> 1) }
        guard incident.count > 1 else { return }
        for k in Int(inStart[v]) ..< Int(inStart[v + 1]) {
            let e = inEdges[k]
            let t = insertPrefix([e][...])
            trie[t].barrierExit = exists(e ^ 1) ? e ^ 1 : Self.noEdge
        }
    }

    /// In-edges per slot in CSR form (for barriers).
    private mutating func buildIncoming() {
        let slots = outStart.count - 1
        var start = [UInt32](repeating: 0, count: slots + 1)
        for e in outEdges { start[Int(head(e)) + 1] += 1 }
        for i in 0..<slots { start[i + 1] += start[i] }
        var fill = start
        var edges = [UInt32](repeating: 0, count: outEdges.count)
        for e in outEdges {
            let h = Int(head(e))
            edges[Int(fill[h])] = e
            fill[h] += 1
        }
        inStart = start
        inEdges = edges
    }

    /// Inserts the prefix `edges` into the automaton and returns its state.
    private mutating func insertPrefix(_ edges: ArraySlice<UInt32>) -> Int {
        trieFinished = false
        var t = 0
        for e in edges {
            if t == 0 { startsRestriction[Int(e)] = true }
            if let c = trie[t].children[e] {
                t = Int(c)
            } else {
                trie.append(TrieNode(lastEdge: e))
                let c = trie.count - 1
                trie[t].children[e] = Int32(c)
                t = c
            }
        }
        return t
    }

    /// Sets the failure links (breadth first, as Aho and Corasick).
    private mutating func finishTrie() {
        guard !trieFinished else { return }
        trieFinished = true
        var queue: [Int] = []
        for (_, c) in trie[0].children.sorted(by: { $0.key < $1.key }) {
            trie[Int(c)].fail = 0
            queue.append(Int(c))
        }
        var i = 0
        while i < queue.count {
            let t = queue[i]
            i += 1
            for (e, c) in trie[t].children.sorted(by: { $0.key < $1.key }) {
                var f = Int(trie[t].fail)
                while f != 0 && trie[f].children[e] == nil { f = Int(trie[f].fail) }
                let target = trie[f].children[e].map(Int.init) ?? 0
                trie[Int(c)].fail = Int32(target == Int(c) ? 0 : target)
                queue.append(Int(c))
            }
        }
    }

    /// The automaton's state after driving `e` from state `t`, or `nil` when
    /// a restriction forbids it.
    private func step(_ t: Int, _ e: UInt32) -> Int? {
        // A vehicle under a restriction may not escape it by turning back
        // where it arrived, unless the road ends there (OSRM allows U-turns
        // only at dead ends; see `docs/osm.md`).
        if t != 0, trie[t].barrierExit == nil, e == trie[t].lastEdge ^ 1 {
            let v = Int(tail(e))
            if outStart[v + 1] - outStart[v] > 1 { return nil }
        }
        // Every suffix of the roads driven that is a restriction prefix.
        var s = t
        while s != 0 {
            let node = trie[s]
            if node.forbid.contains(e) { return nil }
            if let only = node.only, !only.contains(e) { return nil }
            if let exit = node.barrierExit, exit != e { return nil }
            s = Int(node.fail)
        }
        var u = t
        while u != 0 && trie[u].children[e] == nil { u = Int(trie[u].fail) }
        return trie[u].children[e].map(Int.init) ?? 0
    }

    /// The layer after driving `e` in `layer`, or `nil` when not allowed.
    private func step(_ layer: Layer, _ e: UInt32) -> Layer? {
        let zone = isZone(e)
        let next: Layer
        switch (layer, zone) {
        case (.free, false), (.origin, false): next = .free
        case (.free, true), (.entered, true): next = .entered
        case (.origin, true): next = .origin
        case (.entered, false): return nil
        }
        // Where no destination-only road leaves, origin and free behave
        // alike: keep one of them.
        return next == .origin && !zoneOut[Int(head(e))] ? .free : next
    }

    private func startLayer(_ slot: UInt32) -> Layer { zoneOut[Int(slot)] ? .origin : .free }

    // MARK: - Output

    /// Adds the nodes and edges of the split graph to `builder`: one primary
    /// node per OSM node used by a road (in order of first use), then the
    /// copies as they are reached.
    ///
    /// - Parameters:
    ///   - addNode: adds the node of a slot (its OSM id and coordinate) and
    ///     returns its builder index; called once per primary and once per
    ///     copy.
    ///   - addEdge: adds the edge of road `road` (against its direction when
    ///     `reversed`) between two builder nodes.
    /// - Returns: the number of copies.
    mutating func build(
        into builder: inout RoadGraphBuilder,
        addNode: (inout RoadGraphBuilder, UInt32) -> Int,
        addEdge: (inout RoadGraphBuilder, Int, Int, Int, Bool) -> Void
    ) -> Int {
        finishTrie()
        let slots = outStart.count - 1
        var index = [Int32](repeating: -1, count: max(0, slots))
        var order: [UInt32] = []
        order.reserveCapacity(roads.count)
        for r in roads {
            for v in [r.from, r.to] where index[Int(v)] < 0 {
                index[Int(v)] = Int32(addNode(&builder, v))
                order.append(v)
            }
        }
        var copies: [StateKey: Int32] = [:]
        var queue: [(StateKey, Int)] = []
        func node(_ key: StateKey) -> Int {
            if key.trie == 0 && key.layer == startLayer(key.slot) { return Int(index[Int(key.slot)]) }
            if let c = copies[key] { return Int(c) }
            let c = addNode(&builder, key.slot)
            copies[key] = Int32(c)
            queue.append((key, c))
            return c
        }
        func expand(_ key: StateKey, _ at: Int) {
            let v = Int(key.slot)
            for k in Int(outStart[v]) ..< Int(outStart[v + 1]) {
                let e = outEdges[k]
                guard let layer = step(key.layer, e) else { continue }
                let next: Int
                if key.trie == 0 && !startsRestriction[Int(e)] {
                    next = 0
                } else {
                    guard let t = step(Int(key.trie), e) else { continue }
                    next = t
                }
                let to = node(StateKey(slot: head(e), trie: Int32(next), layer: layer))
                addEdge(&builder, at, to, Int(e >> 1), e & 1 == 1)
            }
        }
        for v in order {
            expand(StateKey(slot: v, trie: 0, layer: startLayer(v)), Int(index[Int(v)]))
        }
        var i = 0
        while i < queue.count {
            let (key, at) = queue[i]
            i += 1
            expand(key, at)
        }
        return copies.count
    }
}
