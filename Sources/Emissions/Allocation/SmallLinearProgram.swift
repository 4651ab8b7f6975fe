/// A dense two-phase simplex for the tiny linear programs of the allocation
/// (at most a handful of variables and a few dozen constraints): minimise
/// `c·z` subject to rows `a·z ≤ b`, `a·z = b` or `a·z ≥ b`, and `z ≥ 0`.
///
/// The textbook method (Dantzig; see Chvátal, *Linear Programming*, 1983,
/// ch. 2–3): phase 1 minimises the sum of artificial variables to find a
/// feasible basis, phase 2 the objective. Bland's rule (lowest index enters,
/// lowest basic index leaves among ties) guarantees termination without
/// cycling. Arithmetic is `Double` with a tolerance of 1e-10, so callers
/// scale their data to magnitudes near 1 and check the answer against the
/// constraints (``CoalitionGame/equalProfitShares()`` does both).
///
/// - Complexity: O(pivots · rows · columns); for the allocation's ≤ 6
///   variables and ≤ 30 rows a few microseconds.
struct SmallLinearProgram {
    enum Relation { case lessOrEqual, equal, greaterOrEqual }

    struct Row {
        var coefficients: [Double]
        var relation: Relation
        var bound: Double
    }

    enum Outcome: Equatable {
        case optimal([Double], objective: Double)
        case infeasible
        case unbounded
    }

    var variableCount: Int
    var objective: [Double]
    var rows: [Row] = []

    static let tolerance = 1e-10

    init(variableCount: Int, minimise objective: [Double]) {
        precondition(objective.count == variableCount)
        self.variableCount = variableCount
        self.objective = objective
    }

    mutating func add(_ coefficients: [Double], _ relation: Relation, _ bound: Double) {
        precondition(coefficients.count == variableCount)
        rows.append(Row(coefficients: coefficients, relation: relation, bound: bound))
    }

    func solve() -> Outcome {
        let n = variableCount, m = rows.count
        // Normalise to b ≥ 0.
        var normal = rows
        for r in normal.indices where normal[r].bound < 0 {
            normal[r].coefficients = normal[r].coefficients.map { -$0 }
            normal[r].bound = -normal[r].bound
            switch normal[r].relation {
            case .lessOrEqual: normal[r].relation = .greaterOrEqual
            case .greaterOrEqual: normal[r].relation = .lessOrEqual
            case .equal: break
            }
        }
        let slackCount = normal.filter { $0.relation != .equal }.count
        let artificialCount = normal.filter { $0.relation != .lessOrEqual }.count
        let columns = n + slackCount + artificialCount
        let rhs = columns
        var t = [[Double]](repeating: [Double](repeating: 0, count: columns + 1), count: m)
        var basis = [Int](repeating: 0, count: m)
        var slack = n, artificial = n + slackCount
        for (r, row) in normal.enumerated() {
            for j in 0..<n { t[r][j] = row.coefficients[j] }
            t[r][rhs] = row.bound
            switch row.relation {
            case .lessOrEqual:
                t[r][slack] = 1; basis[r] = slack; slack += 1
            case .greaterOrEqual:
                t[r][slack] = -1; slack += 1
                t[r][artificial] = 1; basis[r] = artificial; artificial += 1
            case .equal:
                t[r][artificial] = 1; basis[r] = artificial; artificial += 1
            }
        }
        let firstArtificial = n + slackCount

        // Phase 1: minimise the sum of the artificials.
        if artificialCount > 0 {
            var cost = [Double](repeating: 0, count: columns)
            for j in firstArtificial..<columns { cost[j] = 1 }
            guard Self.run(&t, &basis, cost: cost, allowed: columns) else { return .unbounded }
            var infeasibility = 0.0
            for r in 0..<m where basis[r] >= firstArtificial { infeasibility += t[r][rhs] }
            if infeasibility > 1e-9 { return .infeasible }
            // Drive the remaining (zero) artificials out of the basis.
            var r = 0
            while r < t.count {
                if basis[r] >= firstArtificial {
                    if let j = (0..<firstArtificial).first(where: { abs(t[r][$0]) > Self.tolerance }) {
                        Self.pivot(&t, &basis, row: r, column: j)
                    } else {
                        t.remove(at: r); basis.remove(at: r)  // a redundant row
                        continue
                    }
                }
                r += 1
            }
        }

        // Phase 2.
        var cost = [Double](repeating: 0, count: columns)
        for j in 0..<n { cost[j] = objective[j] }
        guard Self.run(&t, &basis, cost: cost, allowed: firstArtificial) else { return .unbounded }
        var z = [Double](repeating: 0, count: n)
        for (r, b) in basis.enumerated() where b < n { z[b] = t[r][rhs] }
        let value = zip(objective, z).reduce(0) { $0 + $1.0 * $1.1 }
        return .optimal(z, objective: value)
    }

    /// Simplex iterations with Bland's rule over columns `0 ..< allowed`.
    /// Returns `false` when the objective is unbounded below.
    private static func run(_ t: inout [[Double]], _ basis: inout [Int], cost: [Double], allowed: Int) -> Bool {
        let rhs = t.first.map { $0.count - 1 } ?? 0
        for _ in 0..<10_000 {
            // Reduced costs: c_j − c_B · column_j.
            var entering: Int?
            for j in 0..<allowed where !basis.contains(j) {
                var reduced = cost[j]
                for r in t.indices { reduced -= cost[basis[r]] * t[r][j] }
                if reduced < -tolerance { entering = j; break }
            }
            guard let j = entering else { return true }
            var leaving: Int?
            var best = Double.infinity
            for r in t.indices where t[r][j] > tolerance {
                let ratio = t[r][rhs] / t[r][j]
                if ratio < best - tolerance || (abs(ratio - best) <= tolerance && basis[r] < basis[leaving!]) {
                    best = ratio
                    leaving = r
                }
            }
            guard let r = leaving else { return false }
            pivot(&t, &basis, row: r, column: j)
        }
        return true  // not reached for these sizes; Bland's rule terminates
    }

    private static func pivot(_ t: inout [[Double]], _ basis: inout [Int], row r: Int, column j: Int) {
        let p = t[r][j]
        for k in t[r].indices { t[r][k] /= p }
        for i in t.indices where i != r {
            let f = t[i][j]
            if f != 0 {
                for k in t[i].indices { t[i][k] -= f * t[r][k] }
            }
        }
        basis[r] = j
    }
}
