/// A directed cycle of 2…4 shipments: one truck serves them in this cyclic
/// order, each shipment's destination followed by the next one's origin and
/// the last one's destination followed by the first one's origin.
///
/// Stored rotated so that the smallest shipment index comes first, so two
/// equal cycles compare equal; which rotation a truck drives (where it is
/// based) is chosen later by the constraints.
struct TourCycle: Sendable, Hashable {
    /// The members in cyclic order; unused slots are -1.
    private(set) var a: Int32
    private(set) var b: Int32
    private(set) var c: Int32
    private(set) var d: Int32
    /// The number of members, 2…4.
    let count: Int

    /// The cycle through `members` in this order, stored canonically.
    init(_ members: some Collection<Int>) {
        let m = Array(members)
        precondition(m.count >= 2 && m.count <= 4, "a tour cycle has 2 to 4 shipments")
        let low = m.indices.min { m[$0] < m[$1] }!
        var r = [Int32](repeating: -1, count: 4)
        for t in 0..<m.count { r[t] = Int32(m[(low + t) % m.count]) }
        a = r[0]
        b = r[1]
        c = r[2]
        d = r[3]
        count = m.count
    }

    /// The pair `x`, `y` (distinct), stored canonically.
    init(_ x: Int, _ y: Int) {
        a = Int32(min(x, y))
        b = Int32(max(x, y))
        c = -1
        d = -1
        count = 2
    }

    /// Member `t` (`0 ..< count`) in cyclic order.
    @inline(__always)
    subscript(t: Int) -> Int {
        switch t {
        case 0: Int(a)
        case 1: Int(b)
        case 2: Int(c)
        default: Int(d)
        }
    }

    /// The members in cyclic order.
    var members: [Int] { (0..<count).map { self[$0] } }

    /// Whether `i` is a member.
    @inline(__always)
    func contains(_ i: Int) -> Bool {
        let x = Int32(truncatingIfNeeded: i)
        return a == x || b == x || c == x || d == x
    }

    /// The empty metres of the cycle under `leg`, or `nil` when a leg is
    /// missing.
    func emptyMetres(_ leg: (Int, Int) -> Int?) -> Int? {
        var total = 0
        for t in 0..<count {
            guard let m = leg(self[t], self[(t + 1) % count]) else { return nil }
            total += m
        }
        return total
    }
}
