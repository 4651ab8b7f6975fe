/// An empty leg asked for by shipment indices: from `from`'s destination to
/// `to`'s origin (`from == to` is the shipment's own empty return).
public struct ShipmentArc: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var from: Int32
    public var to: Int32

    public init(from: Int, to: Int) {
        self.from = Int32(truncatingIfNeeded: from)
        self.to = Int32(truncatingIfNeeded: to)
    }

    public static func < (a: ShipmentArc, b: ShipmentArc) -> Bool {
        (a.from, a.to) < (b.from, b.to)
    }

    public var description: String { "\(from)→\(to)" }
}

/// Exact empty legs on demand: what the certified pairing (and tours) ask
/// for as their search narrows down, instead of an *n* × *n* table.
///
/// `Pairing` does not route. The `match` job implements this with the road
/// graph's contraction hierarchy (only the legs asked for are searched) or
/// with the crow-fly estimate; tests implement it over a table.
///
/// Implementations must return, for each arc, exactly the leg a full table
/// would hold (`nil`: no route), and must never return a leg shorter than
/// the ``LegLowerBound`` of the ``ShipmentSpace`` used with them — the
/// optimality certificate rests on that.
public protocol EmptyLegSource: Sendable {
    /// The legs of `arcs`, in order.
    ///
    /// - Throws: when legs cannot be computed (for example a cost overflow
    ///   in the router); the pairing stops with that error.
    func legs(_ arcs: [ShipmentArc]) throws -> [Leg?]
}
