/// The routable ways of an OpenStreetMap file: what both readers (PBF and
/// XML) hand to ``OSMGraphAssembler``.
///
/// Ways are collected with their node ids; ``finalize()`` then numbers the
/// distinct nodes `0, 1, 2, …` in ascending id order (a radix sort of all
/// references, no hash table), rewrites the references as those numbers
/// ("slots"), and counts how often each node is used. The sorted ids are
/// what the PBF nodes pass merges the file's nodes against.
///
/// Memory: 8 bytes per reference while collecting; afterwards 4 per
/// reference, 8 + 1 per distinct node (+ 8 once coordinates are set), and a
/// ``WayRule`` per way. Finalising needs 24 bytes per reference of scratch.
struct OSMWaySet: Sendable {
    /// Node ids of all ways, way after way (until ``finalize()``).
    private var idRefs: [Int64] = []
    /// `refs[refStart[w] ..< refStart[w + 1]]` are way `w`'s nodes.
    private(set) var refStart: [Int] = [0]
    /// How the profile lets the vehicle use each way.
    private(set) var rules: [WayRule] = []
    /// The OSM id of each way (for turn restrictions).
    private(set) var wayIDs: [Int64] = []
    /// The turn restrictions that bind the vehicle, as read (OSM ids).
    var restrictions: [OSMTurnRestriction] = []
    /// Slots of nodes that stop the vehicle (``VehicleProfile/blocks(node:)``),
    /// set by the readers after ``finalize()``.
    var barrierSlots: [UInt32] = []

    /// The distinct node ids, ascending: slot `s` is node `nodeIDs[s]`
    /// (after ``finalize()``).
    private(set) var nodeIDs: [Int64] = []
    /// The slots of each way's nodes (after ``finalize()``).
    private(set) var refs: [UInt32] = []
    /// How often each slot is used: +1 per reference, +2 at a way's ends
    /// (saturating at 255). A slot with a use of 2 or more is where a graph
    /// node must be, because ways meet or end there.
    private(set) var uses: [UInt8] = []
    /// Latitude of each slot (10⁻⁷ degrees), ``missing`` until a reader sets it.
    var latitudes: [Int32] = []
    /// Longitude of each slot (10⁻⁷ degrees).
    var longitudes: [Int32] = []

    /// Marks a slot whose coordinate the input did not provide.
    static let missing = Int32.min

    init() {}

    /// The number of ways.
    var wayCount: Int { rules.count }
    /// The number of distinct nodes (after ``finalize()``).
    var nodeCount: Int { nodeIDs.count }
    /// Bytes held.
    var memoryFootprint: Int {
        idRefs.capacity * 8 + refStart.capacity * 8 + rules.capacity * MemoryLayout<WayRule>.stride
            + wayIDs.capacity * 8 + nodeIDs.capacity * 8 + refs.capacity * 4 + uses.capacity + latitudes.capacity * 8
    }

    /// Adds a way; consecutive repeats of a node are dropped, and a way left
    /// with fewer than two nodes is ignored.
    mutating func addWay<C: Collection<Int64>>(id: Int64, refs ids: C, rule: WayRule) {
        let start = idRefs.count
        var previous: Int64?
        for id in ids where id != previous {
            idRefs.append(id)
            previous = id
        }
        guard idRefs.count - start >= 2 else {
            idRefs.removeSubrange(start...)
            return
        }
        refStart.append(idRefs.count)
        rules.append(rule)
        wayIDs.append(id)
    }

    /// Frees the ways (references, rules, uses), keeping the nodes' ids and
    /// coordinates: what assembly needs once the ways are cut into pieces.
    mutating func dropWays() {
        idRefs = []
        refStart = [0]
        rules = []
        refs = []
        uses = []
        wayIDs = []
    }

    /// Numbers the distinct nodes in id order and rewrites the references
    /// as slots; gives every slot the ``missing`` coordinate.
    ///
    /// - Complexity: O(references), by ``RadixSort``.
    mutating func finalize() {
        let r = idRefs.count
        var keys = idRefs.map(RadixSort.key)
        idRefs = []
        var position = [UInt32](unsafeUninitializedCapacity: r) { b, n in
            for i in 0..<r { b[i] = UInt32(truncatingIfNeeded: i) }
            n = r
        }
        RadixSort.sort(&keys, carrying: &position)
        refs = [UInt32](repeating: 0, count: r)
        nodeIDs = []
        uses = []
        var previous: UInt64?
        for i in 0..<r {
            if keys[i] != previous {
                nodeIDs.append(RadixSort.id(keys[i]))
                uses.append(0)
                previous = keys[i]
            }
            let slot = nodeIDs.count - 1
            refs[Int(position[i])] = UInt32(truncatingIfNeeded: slot)
            if uses[slot] < 255 { uses[slot] += 1 }
        }
        for w in 0..<wayCount {
            for end in [refs[refStart[w]], refs[refStart[w + 1] - 1]] {
                uses[Int(end)] = uses[Int(end)] > 253 ? 255 : uses[Int(end)] + 2
            }
        }
        latitudes = [Int32](repeating: Self.missing, count: nodeIDs.count)
        longitudes = latitudes
    }

    /// Makes every slot of `slots` a meeting point of ways, so that the
    /// graph has a node there (a barrier in the middle of a way).
    mutating func markJunctions(_ slots: [UInt32]) {
        for s in slots where uses[Int(s)] < 2 { uses[Int(s)] = 2 }
    }

    /// The slot of node `id`, or `nil` when no routable way uses it (after
    /// ``finalize()``).
    ///
    /// - Complexity: O(log nodes).
    func slot(ofNode id: Int64) -> UInt32? {
        var lo = 0, hi = nodeIDs.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if nodeIDs[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < nodeIDs.count && nodeIDs[lo] == id ? UInt32(lo) : nil
    }

    /// The way index of each of `ids` that is a way the vehicle may use.
    ///
    /// - Complexity: O(ways); memory O(`ids`).
    func wayIndices(of ids: Set<Int64>) -> [Int64: Int] {
        var index: [Int64: Int] = [:]
        guard !ids.isEmpty else { return index }
        for (w, id) in wayIDs.enumerated() where ids.contains(id) && index[id] == nil { index[id] = w }
        return index
    }
}
