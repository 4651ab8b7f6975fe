/// One arc of a contraction hierarchy, seen from the node that stores it:
/// the node at its other end, its cost in the search metric, and the other
/// measure (duration for distance graphs, length for duration graphs) of the
/// road path it stands for.
///
/// A shortcut's ``weight`` and ``other`` are the sums over the two arcs it
/// replaces, so an upward search carries both measures without unpacking
/// shortcuts.
struct HierarchyArc: Sendable, Hashable {
    /// The node at the other end (in the hierarchy's rank numbering once
    /// built; in the graph's numbering during contraction).
    var node: UInt32
    /// The cost in the graph's search metric.
    var weight: UInt32
    /// The other measure, saturated at `UInt32.max`.
    var other: UInt32
}
