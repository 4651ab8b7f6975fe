/// The feasible cycles found so far — the columns of the set-partitioning
/// problem the tours solve — with their empty metres and the rotation each
/// is driven from, indexed by shipment.
///
/// Every cycle offered is checked once by ``TourConstraints`` and
/// remembered, feasible or not, so pricing rounds that find it again cost a
/// hash lookup.
struct CyclePool {
    /// Feasible cycles.
    private(set) var cycles: [TourCycle] = []
    /// Their empty metres.
    private(set) var costs: [Int] = []
    /// The rotation each is driven from (a position in the cycle).
    private(set) var starts: [UInt8] = []
    /// Every cycle checked: its index in ``cycles``, or -1 when infeasible.
    private var known: [TourCycle: Int32] = [:]
    /// `nodeStart[i] ..< nodeStart[i + 1]` indexes ``nodeCycles``: the pool
    /// cycles through shipment `i` (as of the last ``reindex(count:)``).
    private(set) var nodeStart: [Int] = []
    private(set) var nodeCycles: [Int32] = []

    var count: Int { cycles.count }
    /// How many cycles were checked (feasible or not).
    var checked: Int { known.count }

    /// Adds `cycle` (of `cost` empty metres) if it is feasible.
    ///
    /// - Returns: its index in the pool, or `nil` when it is infeasible.
    @discardableResult
    mutating func add(_ cycle: TourCycle, cost: Int, constraints: inout TourConstraints) -> Int? {
        if let id = known[cycle] { return id >= 0 ? Int(id) : nil }
        guard case .feasible(let start) = constraints.evaluate(cycle, reason: false) else {
            known[cycle] = -1
            return nil
        }
        let id = cycles.count
        cycles.append(cycle)
        costs.append(cost)
        starts.append(UInt8(start))
        known[cycle] = Int32(id)
        return id
    }

    /// The pool index of `cycle`, if it was found feasible.
    func id(of cycle: TourCycle) -> Int? {
        guard let id = known[cycle], id >= 0 else { return nil }
        return Int(id)
    }

    /// Whether `cycle` was checked and found infeasible.
    func isKnownInfeasible(_ cycle: TourCycle) -> Bool { known[cycle] == -1 }

    /// Rebuilds the per-shipment index over `count` shipments.
    mutating func reindex(count n: Int) {
        var start = [Int](repeating: 0, count: n + 1)
        for c in cycles {
            for t in 0..<c.count { start[c[t] + 1] += 1 }
        }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var list = [Int32](repeating: 0, count: start[n])
        for (id, c) in cycles.enumerated() {
            for t in 0..<c.count {
                list[fill[c[t]]] = Int32(id)
                fill[c[t]] += 1
            }
        }
        nodeStart = start
        nodeCycles = list
    }

    /// The pool cycles through `i`.
    @inline(__always)
    func cycles(through i: Int) -> ArraySlice<Int32> {
        nodeCycles[nodeStart[i]..<nodeStart[i + 1]]
    }
}
