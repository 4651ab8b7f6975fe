/// Finds every cycle of 2…`maxLength` distinct shipments whose reduced
/// cost is below a threshold, without looking at all cycles.
///
/// With node prices split into an *out* part `α` and an *in* part `β` (any
/// split of the duals `π = α + β` gives the same reduced cost for a cycle),
/// each arc `a → b` weighs `w(a, b) = e(a, b) − α(a) − β(b)` and a cycle's
/// reduced cost is the sum of its arc weights. By the cycle lemma (the
/// "gas station" lemma: start just after the last maximum of the prefix
/// sums), a cycle whose weights sum to less than `θ ≥ 0` has a rotation in
/// which every prefix sum is below `θ`. So a depth-first search from every
/// start, extending a path only while its weight stays below `θ`, finds
/// every such cycle at least once — and scans only arcs that keep the path
/// below `θ`. (The same argument prunes the sequential search of
/// Lin–Kernighan; for cycle formulations see Abraham, Blum and Sandholm,
/// "Clearing algorithms for barter exchange markets", EC 2007.) Paths with
/// two arcs that cannot follow each other in time (``TourTiming``) are not
/// extended: no rotation of their cycles meets the windows.
/// The arcs a cycle search may use.
protocol CycleArcSource {
    /// Calls `body(y, metres, follows)` for the arcs out of `x` — at least
    /// those with `metres − β(y) < limit` (sources may report more); `follows`
    /// tells whether `y` can follow `x` in time (``TourTiming``).
    func forEachArc(from x: Int, below limit: Double, _ body: (Int, Int, Bool) -> Void)
    /// The arc `x → y`, or `nil` without one.
    func arc(_ x: Int, _ y: Int) -> (metres: Int, follows: Bool)?
}

enum CyclePricing {
    /// Calls `visit(members, emptyMetres, reducedCost)` for every cycle of
    /// 2…`maxLength` shipments with reduced cost below `threshold`, at
    /// least once (a cycle may be visited from several starts).
    ///
    /// - Parameters:
    ///   - starts: the shipments to start from.
    ///   - arcs: the arcs the search extends paths along and closes cycles
    ///     with.
    /// - Complexity: O(Σ over starts of the arcs scanned), at most
    ///   O(*s*·*d*^(*K*−1)) for out-degree *d*, far less when the prices are
    ///   good.
    static func forEachCycle(
        starts: some Sequence<Int>, maxLength: Int, alpha: [Double], beta: [Double], threshold: Double,
        arcs: some CycleArcSource, visit: ([Int], Int, Double) -> Void
    ) {
        withoutActuallyEscaping(visit) { visit in
            search(starts: starts, maxLength: maxLength, alpha: alpha, beta: beta, threshold: threshold, arcs: arcs, visit: visit)
        }
    }

    private static func search(
        starts: some Sequence<Int>, maxLength: Int, alpha: [Double], beta: [Double], threshold: Double,
        arcs: some CycleArcSource, visit: @escaping ([Int], Int, Double) -> Void
    ) {
        for a in starts {
            let aOut = alpha[a], aIn = beta[a]
            arcs.forEachArc(from: a, below: threshold + aOut) { b, mab, fab in
                let w1 = Double(mab) - aOut - beta[b]
                guard w1 < threshold, b != a else { return }
                let late1 = fab ? 0 : 1
                if let ba = arcs.arc(b, a), late1 + (ba.follows ? 0 : 1) <= 1 {
                    let rc = w1 + Double(ba.metres) - alpha[b] - aIn
                    if rc < threshold { visit([a, b], mab + ba.metres, rc) }
                }
                guard maxLength >= 3 else { return }
                let bOut = alpha[b]
                arcs.forEachArc(from: b, below: threshold - w1 + bOut) { c, mbc, fbc in
                    guard c != a, c != b else { return }
                    let late2 = late1 + (fbc ? 0 : 1)
                    guard late2 <= 1 else { return }
                    let w2 = w1 + Double(mbc) - bOut - beta[c]
                    guard w2 < threshold else { return }
                    if let ca = arcs.arc(c, a), late2 + (ca.follows ? 0 : 1) <= 1 {
                        let rc = w2 + Double(ca.metres) - alpha[c] - aIn
                        if rc < threshold { visit([a, b, c], mab + mbc + ca.metres, rc) }
                    }
                    guard maxLength >= 4 else { return }
                    let cOut = alpha[c]
                    arcs.forEachArc(from: c, below: threshold - w2 + cOut) { d, mcd, fcd in
                        guard d != a, d != b, d != c else { return }
                        let late3 = late2 + (fcd ? 0 : 1)
                        guard late3 <= 1 else { return }
                        let w3 = w2 + Double(mcd) - cOut - beta[d]
                        guard w3 < threshold, let da = arcs.arc(d, a), late3 + (da.follows ? 0 : 1) <= 1 else { return }
                        let rc = w3 + Double(da.metres) - alpha[d] - aIn
                        if rc < threshold { visit([a, b, c, d], mab + mbc + mcd + da.metres, rc) }
                    }
                }
            }
        }
    }
}
