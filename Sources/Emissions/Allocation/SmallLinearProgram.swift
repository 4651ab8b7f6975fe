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
        var t = Tableau(rows: m, columns: columns)
        var slack = n, artificial = n + slackCount
        for (r, row) in normal.enumerated() {
            for j in 0..<n { t[r, j] = row.coefficients[j] }
            t[r, columns] = row.bound
            switch row.relation {
            case .lessOrEqual:
                t[r, slack] = 1; t.basis[r] = slack; slack += 1
            case .greaterOrEqual:
                t[r, slack] = -1; slack += 1
                t[r, artificial] = 1; t.basis[r] = artificial; artificial += 1
            case .equal:
                t[r, artificial] = 1; t.basis[r] = artificial; artificial += 1
            }
        }
        let firstArtificial = n + slackCount

        // Phase 1: minimise the sum of the artificials.
        if artificialCount > 0 {
            var cost = [Double](repeating: 0, count: columns)
            for j in firstArtificial..<columns { cost[j] = 1 }
            t.setObjective(cost)
            guard t.run(allowed: columns) else { return .unbounded }
            if -t.objectiveValue > 1e-9 { return .infeasible }
            // Drive the remaining (zero) artificials out of the basis.
            for r in 0..<t.rows where t.basis[r] >= firstArtificial {
                if let j = (0..<firstArtificial).first(where: { abs(t[r, $0]) > Self.tolerance }) {
                    t.pivot(row: r, column: j)
                }
                // else: a redundant row; its artificial stays basic at 0 and
                // is never allowed to enter again.
            }
        }

        // Phase 2.
        var cost = [Double](repeating: 0, count: columns)
        for j in 0..<n { cost[j] = objective[j] }
        t.setObjective(cost)
        guard t.run(allowed: firstArtificial) else { return .unbounded }
        var z = [Double](repeating: 0, count: n)
        for r in 0..<t.rows where t.basis[r] < n { z[t.basis[r]] = t[r, columns] }
        let value = zip(objective, z).reduce(0) { $0 + $1.0 * $1.1 }
        return .optimal(z, objective: value)
    }

    /// A dense tableau, row-major in one array, with the reduced-cost row
    /// kept up to date by every pivot (row `rows`).
    struct Tableau {
        let rows: Int, columns: Int
        var cells: [Double]
        var basis: [Int]

        init(rows: Int, columns: Int) {
            self.rows = rows
            self.columns = columns
            cells = [Double](repeating: 0, count: (rows + 1) * (columns + 1))
            basis = [Int](repeating: 0, count: rows)
        }

        subscript(r: Int, c: Int) -> Double {
            get { cells[r * (columns + 1) + c] }
            set { cells[r * (columns + 1) + c] = newValue }
        }

        /// −(objective value) sits in the right-hand side of the cost row.
        var objectiveValue: Double { -self[rows, columns] }

        /// Sets the cost row to the reduced costs of `cost` for the current
        /// basis.
        mutating func setObjective(_ cost: [Double]) {
            for j in 0...columns { self[rows, j] = j < columns ? cost[j] : 0 }
            for r in 0..<rows {
                let cb = cost[basis[r]]
                if cb != 0 { for j in 0...columns { self[rows, j] -= cb * self[r, j] } }
            }
        }

        /// Simplex iterations with Bland's rule over columns `0 ..< allowed`;
        /// `false` when the objective is unbounded below.
        mutating func run(allowed: Int) -> Bool {
            for _ in 0..<10_000 {
                guard let j = (0..<allowed).first(where: { self[rows, $0] < -SmallLinearProgram.tolerance }) else { return true }
                var leaving = -1
                var best = Double.infinity
                for r in 0..<rows where self[r, j] > SmallLinearProgram.tolerance {
                    let ratio = self[r, columns] / self[r, j]
                    if ratio < best - SmallLinearProgram.tolerance
                        || (abs(ratio - best) <= SmallLinearProgram.tolerance && basis[r] < basis[leaving]) {
                        best = ratio
                        leaving = r
                    }
                }
                guard leaving >= 0 else { return false }
                pivot(row: leaving, column: j)
            }
            return true  // not reached for these sizes; Bland's rule terminates
        }

        mutating func pivot(row r: Int, column j: Int) {
            let width = columns + 1
            let p = self[r, j]
            cells.withUnsafeMutableBufferPointer { c in
                let base = r * width
                for k in 0..<width { c[base + k] /= p }
                for i in 0...rows where i != r {
                    let f = c[i * width + j]
                    if f != 0 {
                        let row = i * width
                        for k in 0..<width { c[row + k] -= f * c[base + k] }
                    }
                }
            }
            basis[r] = j
        }
    }
}
