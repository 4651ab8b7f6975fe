/// A turn restriction as an OpenStreetMap relation states it
/// (https://wiki.openstreetmap.org/wiki/Relation:restriction), in OSM ids,
/// for one `from` and one `to` way (a `no_entry` with several `from` ways or
/// a `no_exit` with several `to` ways is split into one per pair, as OSRM
/// does).
///
/// Readers collect these from relations the vehicle's profile says bind it
/// (``VehicleProfile/turnRestriction(_:)``); ``OSMGraphAssembler`` resolves
/// them onto the road pieces and applies them by splitting junctions.
struct OSMTurnRestriction: Sendable, Hashable {
    /// The relation's id (for statistics and messages).
    var relationID: Int64
    /// `only_*` (the `to` way is the only way on) rather than `no_*`.
    var isOnly: Bool
    /// The way the vehicle comes from.
    var from: Int64
    /// The junction, for a restriction via a node.
    var viaNode: Int64?
    /// The ways between `from` and `to`, in order, for a restriction via
    /// ways (empty for a via node).
    var viaWays: [Int64]
    /// The way the vehicle turns into.
    var to: Int64

    /// One member of a relation, as read.
    struct Member: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case node, way, relation }
        var kind: Kind
        var ref: Int64
        var role: Substring
    }

    /// The restrictions a relation with `members` and `rule` stands for:
    /// none when it lacks a `from`, `via` or `to`, mixes a via node with via
    /// ways, or lists several `from` (`to`) ways where the rule does not
    /// allow it (OSRM ignores those too).
    static func expand(relationID: Int64, rule: VehicleProfile.TurnRule, members: [Member]) -> [OSMTurnRestriction] {
        var from: [Int64] = [], to: [Int64] = [], viaWays: [Int64] = []
        var viaNodes: [Int64] = []
        for m in members {
            switch (m.kind, m.role) {
            case (.way, "from"): from.append(m.ref)
            case (.way, "to"): to.append(m.ref)
            case (.way, "via"): viaWays.append(m.ref)
            case (.node, "via"): viaNodes.append(m.ref)
            default: break
            }
        }
        guard !from.isEmpty, !to.isEmpty, viaNodes.count + (viaWays.isEmpty ? 0 : 1) == 1 else { return [] }
        if from.count > 1 && !rule.allowsSeveralFrom { return [] }
        if to.count > 1 && !rule.allowsSeveralTo { return [] }
        var out: [OSMTurnRestriction] = []
        for f in from {
            for t in to {
                out.append(OSMTurnRestriction(
                    relationID: relationID, isOnly: rule.isOnly, from: f, viaNode: viaNodes.first, viaWays: viaWays, to: t))
            }
        }
        return out
    }
}
