/// The unlimited-cycle relaxation of tours: a linear assignment problem.
///
/// Give every eligible shipment `i` a successor `σ(i)` — the shipment whose
/// origin its truck drives to empty after unloading, `σ(i) = i` being its
/// own return home — so that every shipment is some shipment's successor.
/// The successors form cycles, of any length, and their empty metres
/// `Σ e(i, σ(i))` are never more than those of any set of tours (a tour is
/// a cycle, a shipment alone is `σ(i) = i`). The cheapest assignment is
/// therefore a lower bound on the empty metres of every tour plan, with any
/// ``TourOptions`` (Ergun, Kuyzu and Savelsbergh, "Reducing truckload
/// transportation costs through collaboration", *Transportation Science*
/// 41(2), 2007, use the same relaxation for lane covering).
///
/// Solved exactly on a sparse arc set (the candidate arcs and every own
/// return) by successive shortest augmenting paths with Dijkstra's
/// algorithm on reduced costs (the primal–dual method of Kuhn–Munkres in
/// the form of Jonker and Volgenant, *Computing* 38, 1987, after a column
/// reduction and a greedy start), keeping integer duals `u` (rows) and `v`
/// (columns) with `e(i, j) − u(i) − v(j) ≥ 0` on every arc and `= 0` on the
/// assignment. The result is the bound of the *whole* problem once no arc
/// outside the set has negative reduced cost: ``price(_:)`` looks for such
/// arcs, adds them and re-solves, warm-started.
///
/// - Complexity: O(*n*·(*m* + *n*) log *n*) in the worst case for *m*
///   arcs; on geographic instances most augmenting paths are short.
struct AssignmentBound {
    /// The number of rows and columns (all shipments; ineligible ones are
    /// assigned to themselves at cost 0 and never touched).
    let count: Int
    /// Arcs out of each row, heads and costs, including the own return.
    private var rowArcs: [[(j: Int32, cost: Int)]]
    /// Johnson potentials: reduced cost `c(i, j) + rowPotential[i] −
    /// columnPotential[j] ≥ 0`.
    private var rowPotential: [Int]
    private var columnPotential: [Int]
    private(set) var columnOfRow: [Int32]
    private var rowOfColumn: [Int32]
    /// How many arcs outside the first set the pricing added.
    private(set) var addedArcs = 0

    /// Whether every row is assigned (the last solve was not stopped by a
    /// deadline): only then is ``totalCost`` the optimum over the arc set.
    private(set) var isComplete = true

    /// The assignment problem of `network` over its candidate arcs and own
    /// returns, solved — until `deadline` passes (``isComplete``).
    init(network: TourNetwork, deadline: TourDeadline = TourDeadline(seconds: nil)) {
        let n = network.count
        count = n
        var rows = [[(j: Int32, cost: Int)]](repeating: [], count: n)
        for i in 0..<n where network.eligible[i] {
            rows[i].append((Int32(i), network.ownMetres[i]))
            for x in network.candidateStart[i]..<network.candidateStart[i + 1] {
                rows[i].append((network.candidateHead[x], Int(network.candidateMetres[x])))
            }
        }
        rowArcs = rows
        rowPotential = [Int](repeating: 0, count: n)
        columnPotential = [Int](repeating: 0, count: n)
        columnOfRow = [Int32](repeating: -1, count: n)
        rowOfColumn = [Int32](repeating: -1, count: n)
        for i in 0..<n where !network.eligible[i] {
            columnOfRow[i] = Int32(i)
            rowOfColumn[i] = Int32(i)
        }
        start()
        isComplete = augmentAll(deadline: deadline)
    }

    /// Row duals `u` and column duals `v`: `e(i, j) ≥ u(i) + v(j)` on every
    /// arc of the set.
    var rowDuals: [Int] { rowPotential.map { -$0 } }
    var columnDuals: [Int] { columnPotential }

    /// The empty metres of the cheapest assignment (the bound).
    var totalCost: Int {
        var total = 0
        for i in 0..<count {
            let j = columnOfRow[i]
            if let arc = rowArcs[i].first(where: { $0.j == j }) { total += arc.cost }
        }
        return total
    }

    /// Σu + Σv over the eligible shipments; equals ``totalCost`` (checked
    /// in debug builds).
    var dualObjective: Int {
        var total = 0
        for i in 0..<count where !rowArcs[i].isEmpty { total += columnPotential[i] - rowPotential[i] }
        return total
    }

    /// A lower bound on the cheapest assignment over **every** arc, from
    /// the duals as they are — complete or stopped by a deadline, priced
    /// or not. For any successors `σ`, `Σ e(i, σ(i)) = Σ u + Σ v +
    /// Σ (e(i, σ(i)) − u(i) − v(σ(i)))` (weak duality), so
    ///
    ///     bound = Σ u + Σ v + Σ_i min(0, least reduced cost of an arc out of i)
    ///
    /// holds whatever `u` and `v` are. The arcs of the set are scanned
    /// here; `leastOutside(i)` must return at most the least
    /// `e(i, j) − u(i) − v(j)` over the arcs out of `i` outside the set
    /// where it is negative (a lower bound on the legs will do; `0` when
    /// none is). Equals ``totalCost`` when the assignment is optimal over every
    /// arc.
    ///
    /// - Complexity: O(arcs of the set) plus the calls.
    func dualBound(leastOutside: (_ i: Int) -> Double) -> Int {
        let u = rowDuals, v = columnDuals
        var duals = 0
        var correction = 0.0
        for i in 0..<count where !rowArcs[i].isEmpty {
            duals += u[i] + v[i]
            var least = 0.0
            for arc in rowArcs[i] { least = min(least, Double(arc.cost - u[i] - v[Int(arc.j)])) }
            least = min(least, leastOutside(i))
            correction += least
        }
        // Whole metres, rounded down.
        return duals + Int(correction.rounded(.down))
    }

    /// Adds every arc `body` reports with negative reduced cost and
    /// re-solves until `deadline` passes (``isComplete``); returns how many
    /// were added. `scan(i, report)` must call `report(j, metres)` for at
    /// least every arc out of row `i` with `metres < u(i) + v(j)` (it may
    /// report more).
    mutating func price(
        deadline: TourDeadline = TourDeadline(seconds: nil), _ scan: (Int, [Int], (Int, Int) -> Void) -> Void
    ) -> Int {
        let u = rowDuals, v = columnDuals
        var added = 0
        for i in 0..<count where !rowArcs[i].isEmpty {
            var violated = false
            scan(i, v) { j, metres in
                guard j != i, metres - u[i] - v[j] < 0 else { return }
                guard !rowArcs[i].contains(where: { $0.j == Int32(j) }) else { return }
                rowArcs[i].append((Int32(j), metres))
                violated = true
                added += 1
            }
            if violated {
                // Raise the row's potential until every arc is nonnegative again,
                // and free the row (its assignment may no longer be tight).
                var lowest = Int.max
                for arc in rowArcs[i] { lowest = min(lowest, arc.cost - columnPotential[Int(arc.j)]) }
                rowPotential[i] = -lowest
                let j = Int(columnOfRow[i])
                if j >= 0 {
                    rowOfColumn[j] = -1
                    columnOfRow[i] = -1
                }
            }
        }
        addedArcs += added
        if added > 0 { isComplete = augmentAll(deadline: deadline) }
        return added
    }

    // MARK: Solving

    /// Column reduction and a greedy assignment along zero-cost arcs.
    private mutating func start() {
        var minimum = [Int](repeating: Int.max, count: count)
        for i in 0..<count {
            for arc in rowArcs[i] where arc.cost < minimum[Int(arc.j)] { minimum[Int(arc.j)] = arc.cost }
        }
        for j in 0..<count where minimum[j] != Int.max { columnPotential[j] = minimum[j] }
        for i in 0..<count where columnOfRow[i] < 0 && !rowArcs[i].isEmpty {
            // Row reduction, then a free column on a zero arc if there is one.
            var lowest = Int.max
            for arc in rowArcs[i] { lowest = min(lowest, arc.cost - columnPotential[Int(arc.j)]) }
            rowPotential[i] = -lowest
            for arc in rowArcs[i] where rowOfColumn[Int(arc.j)] < 0
                && arc.cost + rowPotential[i] - columnPotential[Int(arc.j)] == 0 {
                columnOfRow[i] = arc.j
                rowOfColumn[Int(arc.j)] = Int32(i)
                break
            }
        }
    }

    /// The deadline is checked after every this many augmentations.
    static let augmentationsBetweenChecks = 16

    /// Augments every free row along a shortest path, until `deadline`
    /// passes; returns whether every row is assigned. Between augmentations
    /// the duals stay feasible on the arc set (every reduced cost ≥ 0), so
    /// a stop leaves them usable for ``dualBound(leastOutside:)``.
    private mutating func augmentAll(deadline: TourDeadline) -> Bool {
        let heap = IndexedMinHeap(capacity: count)
        var distance = [Int](repeating: Int.max, count: count)
        var settled = [Bool](repeating: false, count: count)
        var predecessor = [Int32](repeating: -1, count: count)
        var touched: [Int] = []
        var settledColumns: [Int] = []
        var rowsReached: [(row: Int, distance: Int)] = []
        var augmentations = 0
        for s in 0..<count where columnOfRow[s] < 0 && !rowArcs[s].isEmpty {
            if augmentations % Self.augmentationsBetweenChecks == 0 && deadline.hasPassed { return false }
            augmentations += 1
            touched.removeAll(keepingCapacity: true)
            settledColumns.removeAll(keepingCapacity: true)
            rowsReached.removeAll(keepingCapacity: true)
            var row = s, rowDistance = 0
            var target = -1, targetDistance = 0
            while true {
                rowsReached.append((row, rowDistance))
                let p = rowPotential[row]
                for arc in rowArcs[row] {
                    let j = Int(arc.j)
                    if settled[j] { continue }
                    let reduced = arc.cost + p - columnPotential[j]
                    assert(reduced >= 0, "negative reduced cost in the assignment")
                    let d = rowDistance + reduced
                    if d < distance[j] {
                        if distance[j] == Int.max { touched.append(j) }
                        distance[j] = d
                        predecessor[j] = Int32(row)
                        heap.insertOrDecrease(j, key: d)
                    }
                }
                guard let (j, d) = heap.popMinimum() else { break }
                settled[j] = true
                settledColumns.append(j)
                let next = Int(rowOfColumn[j])
                if next < 0 {
                    target = j
                    targetDistance = d
                    break
                }
                row = next
                rowDistance = d
            }
            precondition(target >= 0, "the own return keeps every assignment feasible")
            // Potentials: every node reached closer than the target moves by
            // its distance minus the target's.
            for j in settledColumns { columnPotential[j] += distance[j] - targetDistance }
            for (r, d) in rowsReached { rowPotential[r] += d - targetDistance }
            // Augment.
            var j = target
            while true {
                let i = Int(predecessor[j])
                let previous = Int(columnOfRow[i])
                columnOfRow[i] = Int32(j)
                rowOfColumn[j] = Int32(i)
                if i == s { break }
                j = previous
            }
            while let (j, _) = heap.popMinimum() { _ = j }
            for j in touched {
                distance[j] = Int.max
                settled[j] = false
                predecessor[j] = -1
            }
        }
        assert(totalCost == dualObjective, "assignment and duals disagree")
        return true
    }
}
