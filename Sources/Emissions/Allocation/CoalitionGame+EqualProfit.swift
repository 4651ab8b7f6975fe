extension CoalitionGame {
    /// What ``equalProfitShares()`` found for one tour.
    public struct EqualProfitSolution: Sendable, Hashable {
        /// The saving share of each player, in metres.
        public var shares: [Double]
        /// The largest difference between two players' relative savings
        /// (0 when they are all equal).
        public var spread: Double
        /// `true` when the tour's core is empty and the core constraints were
        /// relaxed by the least-core ε (Maschler, Peleg & Shapley 1979)
        /// before equalising.
        public var leastCore: Bool
        /// The relaxation, in metres (0 unless ``leastCore``).
        public var epsilonMetres: Double
    }

    /// The Equal Profit Method (Frisk, Göthe-Lundgren, Jörnsten &
    /// Rönnqvist, "Cost allocation in collaborative forest transportation",
    /// EJOR 205(2):448–458, 2010): the cost allocation `x` in the core that
    /// makes the relative savings `(c({i}) − xᵢ) / c({i})` as equal as
    /// possible,
    ///
    ///     min f  s.t.  xᵢ/c({i}) − xⱼ/c({j}) ≤ f   for all i ≠ j,
    ///                  Σ_{i∈S} xᵢ ≤ c(S)          for every coalition S ≠ N,
    ///                  Σ xᵢ = c(N),  x ≥ 0.
    ///
    /// How it is solved: when the allocation proportional to the stand-alone
    /// costs, `xᵢ = c({i}) · c(N) / Σⱼ c({j})`, is in the core, it has
    /// `f = 0` and is the answer (closed form; always so for two players,
    /// whose relative savings are then both `1 − c(N) / (c({1}) + c({2}))`).
    /// Otherwise the LP above is solved exactly as stated, scaled by c(N),
    /// with ``SmallLinearProgram``. When the core is empty the LP has no
    /// solution; then the least-core ε (min ε s.t. x(S) ≤ c(S) + ε) is found
    /// first and the method applied to `c(S) + ε` (reported as
    /// ``EqualProfitSolution/leastCore``). A player whose stand-alone cost is
    /// 0 cannot save and gets cost 0.
    ///
    /// Shares are returned as savings against the baseline,
    /// `baselineᵢ − xᵢ`, in metres; they add up to ``savingMetres``.
    ///
    /// - Complexity: O(1) for ≤ 4 players (≤ 5 variables, ≤ 26 rows).
    public func equalProfitShares() -> EqualProfitSolution {
        let p = playerCount
        let full = grandCoalition
        let grand = Double(cost[full].metres)
        func solution(_ x: [Double], spread: Double, leastCore: Bool, epsilon: Double) -> EqualProfitSolution {
            let shares = (0..<p).map { Double(baseline[$0].metres) - x[$0] * grand }
            return EqualProfitSolution(shares: shares, spread: spread, leastCore: leastCore, epsilonMetres: epsilon * grand)
        }
        guard p > 1, grand > 0 else {
            // One player, or a tour that costs nothing: nothing to balance.
            let x = (0..<p).map { i -> Double in
                p == 1 ? 1 : (Double(cost[1 << i].metres) / max(1, Double((0..<p).reduce(0) { $0 + cost[1 << $1].metres })))
            }
            return solution(x, spread: 0, leastCore: false, epsilon: 0)
        }
        // Costs scaled by c(N).
        let c = (0...full).map { Double(cost[$0].metres) / grand }
        let alone = (0..<p).map { c[1 << $0] }
        let aloneSum = alone.reduce(0, +)

        // Closed form: proportional to stand-alone cost, if in the core.
        if aloneSum > 0 {
            let x = alone.map { $0 / aloneSum }
            if Self.inCore(x, c, relaxation: 0, full: full) {
                return solution(x, spread: 0, leastCore: false, epsilon: 0)
            }
        }
        if let (x, spread) = Self.solveEqualProfit(c, alone: alone, relaxation: 0, full: full) {
            return solution(x, spread: spread, leastCore: false, epsilon: 0)
        }
        // Empty core: the least core first.
        let epsilon = Self.leastCoreEpsilon(c, players: p, full: full)
        if let (x, spread) = Self.solveEqualProfit(c, alone: alone, relaxation: epsilon + 1e-12, full: full) {
            return solution(x, spread: spread, leastCore: true, epsilon: epsilon)
        }
        // Not reached: the least-core relaxation is feasible by construction.
        // Fall back to the proportional split rather than failing a report.
        return solution(alone.map { aloneSum > 0 ? $0 / aloneSum : 1 / Double(p) }, spread: .nan, leastCore: true, epsilon: epsilon)
    }

    /// Whether `x` (scaled costs) satisfies every coalition constraint
    /// `x(S) ≤ c(S) + relaxation` for S ≠ N, within 1e-12.
    static func inCore(_ x: [Double], _ c: [Double], relaxation: Double, full: Int) -> Bool {
        for s in 1..<full {
            var sum = 0.0
            for i in x.indices where s & (1 << i) != 0 { sum += x[i] }
            if sum > c[s] + relaxation + 1e-12 { return false }
        }
        return true
    }

    /// The EPM linear program on scaled costs; `nil` when infeasible.
    static func solveEqualProfit(
        _ c: [Double], alone: [Double], relaxation: Double, full: Int
    ) -> (x: [Double], spread: Double)? {
        let p = alone.count
        // Variables x₀ … x_{p−1}, f.
        var lp = SmallLinearProgram(variableCount: p + 1, minimise: [Double](repeating: 0, count: p) + [1])
        for i in 0..<p where alone[i] > 0 {
            for j in 0..<p where j != i && alone[j] > 0 {
                var a = [Double](repeating: 0, count: p + 1)
                a[i] = 1 / alone[i]
                a[j] = -1 / alone[j]
                a[p] = -1
                lp.add(a, .lessOrEqual, 0)
            }
        }
        for s in 1..<full {
            var a = [Double](repeating: 0, count: p + 1)
            for i in 0..<p where s & (1 << i) != 0 { a[i] = 1 }
            lp.add(a, .lessOrEqual, c[s] + relaxation)
        }
        lp.add([Double](repeating: 1, count: p) + [0], .equal, 1)
        guard case .optimal(let z, let f) = lp.solve() else { return nil }
        let x = Array(z.prefix(p))
        guard abs(x.reduce(0, +) - 1) < 1e-9, inCore(x, c, relaxation: relaxation + 1e-9, full: full) else { return nil }
        return (x, max(0, f))
    }

    /// The least-core ε on scaled costs: min ε s.t. x(S) ≤ c(S) + ε for every
    /// S ≠ N, Σx = 1, x ≥ 0 (ε = ε⁺ − ε⁻).
    static func leastCoreEpsilon(_ c: [Double], players p: Int, full: Int) -> Double {
        var lp = SmallLinearProgram(variableCount: p + 2, minimise: [Double](repeating: 0, count: p) + [1, -1])
        for s in 1..<full {
            var a = [Double](repeating: 0, count: p + 2)
            for i in 0..<p where s & (1 << i) != 0 { a[i] = 1 }
            a[p] = -1
            a[p + 1] = 1
            lp.add(a, .lessOrEqual, c[s])
        }
        lp.add([Double](repeating: 1, count: p) + [0, 0], .equal, 1)
        if case .optimal(_, let value) = lp.solve() { return value }
        return 0
    }
}
