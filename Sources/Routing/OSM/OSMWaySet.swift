/// The routable ways of an OpenStreetMap file, with their nodes as dense
/// slots of a ``NodeIDTable``: what both readers (PBF and XML) hand to
/// ``OSMGraphAssembler``.
///
/// Holds 4 bytes per node reference, one byte per distinct node (how many
/// times ways use it, saturating) and a ``WayRule`` per way, plus the table
/// and, once known, one coordinate per distinct node.
struct OSMWaySet: Sendable {
    /// The distinct nodes the ways use.
    private(set) var table: NodeIDTable
    /// How often each slot is used: +1 per reference, +2 at a way's ends
    /// (saturating at 255). A slot with a use of 2 or more is where a graph
    /// node must be, because ways meet or end there.
    private(set) var uses: [UInt8] = []
    /// `refs[refStart[w] ..< refStart[w + 1]]` are the slots of way `w`.
    private(set) var refStart: [UInt32] = [0]
    private(set) var refs: [UInt32] = []
    /// How the profile lets the vehicle use each way.
    private(set) var rules: [WayRule] = []
    /// Latitude of each slot (10⁻⁷ degrees), ``missing`` until a reader sets it.
    var latitudes: [Int32] = []
    /// Longitude of each slot (10⁻⁷ degrees).
    var longitudes: [Int32] = []

    /// Marks a slot whose coordinate the input did not provide.
    static let missing = Int32.min

    init(expectedNodes: Int = 0) {
        table = NodeIDTable(capacity: expectedNodes)
    }

    /// The number of ways.
    var wayCount: Int { rules.count }

    /// Adds a way; consecutive repeats of a node are dropped, and a way left
    /// with fewer than two nodes is ignored.
    ///
    /// - Returns: `false` when a node id is `Int64.min` (not a valid id).
    mutating func addWay<C: Collection<Int64>>(refs ids: C, rule: WayRule) -> Bool {
        let start = refs.count
        var previous: UInt32 = .max
        for id in ids {
            guard id != Int64.min else {
                refs.removeSubrange(start...)
                return false
            }
            let slot = table.insert(id)
            if slot == previous { continue }
            if Int(slot) == uses.count { uses.append(0) }
            uses[Int(slot)] &+= uses[Int(slot)] < 255 ? 1 : 0
            refs.append(slot)
            previous = slot
        }
        guard refs.count - start >= 2 else {
            refs.removeSubrange(start...)
            return true
        }
        for end in [refs[start], refs[refs.count - 1]] {
            uses[Int(end)] = uses[Int(end)] > 253 ? 255 : uses[Int(end)] + 2
        }
        refStart.append(UInt32(refs.count))
        rules.append(rule)
        return true
    }

    /// Gives every slot the ``missing`` coordinate, ready for readers to fill.
    mutating func prepareCoordinates() {
        latitudes = [Int32](repeating: Self.missing, count: table.count)
        longitudes = latitudes
    }

    /// The number of slots with a coordinate.
    var locatedCount: Int { latitudes.reduce(0) { $0 + ($1 == Self.missing ? 0 : 1) } }
}
