/// Exact search for the cheapest way to cover a set of shipments with
/// disjoint pool cycles (or the shipment alone), by depth-first branch and
/// bound on reduced costs.
///
/// With duals `π` feasible on the columns (every reduced cost ≥ 0), any
/// cover `P` of a set `S` costs `Σ_{i ∈ S} π(i) + Σ_{C ∈ P} rc(C)`, so the
/// cheapest cover is the one with the least total reduced cost, and a column
/// whose reduced cost exceeds what is left of the budget (the total reduced
/// cost of the best cover known) can be skipped. This is reduced-cost
/// fixing applied at every node of the search; with good duals few columns
/// survive, and the search branches on the uncovered shipment with the
/// fewest surviving columns (Knuth's "Algorithm X" rule, *Dancing Links*,
/// 2000), trying its columns cheapest first.
struct CoverSearch {
    /// One column: up to four local members, its reduced cost, its pool
    /// index (-1 − shipment for a shipment alone).
    struct Column {
        var members: (Int32, Int32, Int32, Int32)
        var count: Int
        var reduced: Double
        var id: Int32

        @inline(__always)
        func member(_ t: Int) -> Int {
            switch t {
            case 0: Int(members.0)
            case 1: Int(members.1)
            case 2: Int(members.2)
            default: Int(members.3)
            }
        }
    }

    private(set) var columns: [Column] = []
    /// Per local shipment, its columns by increasing reduced cost.
    private var options: [[Int32]]
    private var covered: [Bool]
    private var uncovered: Int
    private var choice: [Int32] = []
    /// The best cover found: its total reduced cost and its columns.
    private(set) var bestReduced: Double
    private(set) var bestChoice: [Int32]?
    private(set) var nodes = 0
    let nodeLimit: Int

    /// A search over `count` local shipments that must beat a cover of total
    /// reduced cost `incumbent` (strictly, by more than a rounding margin).
    init(count: Int, incumbent: Double, nodeLimit: Int) {
        options = Array(repeating: [], count: count)
        covered = Array(repeating: false, count: count)
        uncovered = count
        bestReduced = incumbent - 0.5
        self.nodeLimit = nodeLimit
    }

    /// Adds a column over local `members` (all distinct, in range).
    mutating func add(members: [Int], reduced: Double, id: Int32) {
        var m: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
        for (t, x) in members.enumerated() {
            switch t {
            case 0: m.0 = Int32(x)
            case 1: m.1 = Int32(x)
            case 2: m.2 = Int32(x)
            default: m.3 = Int32(x)
            }
        }
        let index = Int32(columns.count)
        columns.append(Column(members: m, count: members.count, reduced: reduced, id: id))
        for x in members { options[x].append(index) }
    }

    /// Whether the search ran to the end (the node limit was not reached):
    /// then no cover better than the incumbent was missed.
    var isComplete: Bool { nodes <= nodeLimit }

    /// Runs the search; afterwards ``bestChoice`` holds a better cover, if
    /// one was found within the node limit.
    mutating func run() {
        for v in options.indices {
            options[v].sort { (columns[Int($0)].reduced, $0) < (columns[Int($1)].reduced, $1) }
        }
        search(0)
    }

    @inline(__always)
    private func free(_ c: Column) -> Bool {
        for t in 0..<c.count where covered[c.member(t)] { return false }
        return true
    }

    private mutating func search(_ reduced: Double) {
        if uncovered == 0 {
            if reduced < bestReduced {
                bestReduced = reduced
                bestChoice = choice
            }
            return
        }
        nodes += 1
        if nodes > nodeLimit { return }
        // The uncovered shipment with the fewest columns that still fit; and a
        // bound: each uncovered shipment costs at least its smallest share
        // (reduced cost over size) of a column that fits.
        var budget = bestReduced - reduced
        var branch = -1, fewest = Int.max
        var bound = 0.0
        for v in 0..<options.count where !covered[v] {
            var count = 0
            var share = Double.infinity
            for x in options[v] {
                let c = columns[Int(x)]
                if c.reduced > budget || (count >= fewest && c.reduced > 4 * share) { break }
                if free(c) {
                    count += 1
                    share = min(share, max(0, c.reduced) / Double(c.count))
                }
            }
            if count == 0 { return }
            bound += share
            if bound > budget { return }
            if count < fewest {
                fewest = count
                branch = v
            }
        }
        for x in options[branch] {
            let c = columns[Int(x)]
            budget = bestReduced - reduced
            if c.reduced > budget { break }
            guard free(c) else { continue }
            for t in 0..<c.count { covered[c.member(t)] = true }
            uncovered -= c.count
            choice.append(c.id)
            search(reduced + max(0, c.reduced))
            choice.removeLast()
            uncovered += c.count
            for t in 0..<c.count { covered[c.member(t)] = false }
            if nodes > nodeLimit { return }
        }
    }
}
