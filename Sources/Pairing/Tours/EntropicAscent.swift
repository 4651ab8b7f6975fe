/// Block-coordinate ascent on the entropy-regularised dual of the cycle
/// set-partitioning relaxation: Sinkhorn's iteration (R. Sinkhorn, 1964;
/// M. Cuturi, "Sinkhorn distances", NeurIPS 2013) generalised from
/// assignments to cycles of up to four shipments.
///
/// For temperature `μ > 0` the dual `Σ π(i) − μ Σ_C exp(−rc(C)/μ)` (a
/// shipment alone is a column with reduced cost `own(i) − π(i)`) is smooth
/// and concave, and maximising it over one `π(i)` is closed form:
///
///     π(i) = softmin_μ { own(i), e(C) − π(C ∖ i) : C ∋ i }
///          = m − μ·log Σ exp(−(x − m)/μ),   m the smallest value x.
///
/// Only the *active* columns are stored — those whose reduced cost was
/// below ``window``·μ when they were gathered; the rest weigh less than
/// e^-30 — compactly, with members padded by a dummy shipment whose dual is
/// 0, so one step is a few fused loops over contiguous memory. Steps are
/// taken from a worklist: a shipment is queued again when one sharing an
/// active column with it moves by more than the tolerance.
struct EntropicAscent {
    /// Columns with a reduced cost above this many μ are left out.
    static let window = 30.0

    /// The number of shipments; index `count` is the dummy one.
    let count: Int
    private var members: [SIMD4<Int32>] = []
    private var costs: [Double] = []
    /// Per shipment, its active columns: CSR over ``list``.
    private var start: [Int]
    private var list: [Int32] = []
    /// Which pool columns are active.
    private(set) var active: [Bool] = []
    /// Coordinate steps taken.
    private(set) var steps = 0

    init(count: Int) {
        self.count = count
        start = [Int](repeating: 0, count: count + 1)
    }

    /// Gathers the pool columns with reduced cost below ``window``·`mu`
    /// under `pi` (length `count + 1`, the last 0) whose members are all
    /// `alive`. Returns whether a column that was not active before is now.
    @discardableResult
    mutating func activate(pool: CyclePool, pi: [Double], mu: Double, alive: [Bool]?) -> Bool {
        let limit = Self.window * mu
        var keep = [Bool](repeating: false, count: pool.count)
        var grew = false
        var degree = [Int](repeating: 0, count: count + 1)
        var kept = 0
        for id in 0..<pool.count {
            let c = pool.cycles[id]
            var rc = Double(pool.costs[id])
            var ok = true
            for t in 0..<c.count {
                let m = c[t]
                if let alive, !alive[m] { ok = false; break }
                rc -= pi[m]
            }
            guard ok, rc < limit else { continue }
            keep[id] = true
            kept += 1
            if id >= active.count || !active[id] { grew = true }
            for t in 0..<c.count { degree[c[t] + 1] += 1 }
        }
        for i in 0..<count { degree[i + 1] += degree[i] }
        var fill = degree
        var members = [SIMD4<Int32>](repeating: SIMD4(repeating: Int32(count)), count: kept)
        var costs = [Double](repeating: 0, count: kept)
        var list = [Int32](repeating: 0, count: degree[count])
        var x = 0
        for id in 0..<pool.count where keep[id] {
            let c = pool.cycles[id]
            for t in 0..<c.count {
                members[x][t] = Int32(c[t])
                list[fill[c[t]]] = Int32(x)
                fill[c[t]] += 1
            }
            costs[x] = Double(pool.costs[id])
            x += 1
        }
        self.members = members
        self.costs = costs
        self.list = list
        start = degree
        active = keep
        return grew
    }

    /// Coordinate steps at temperature `mu` (`0`: hard steps, each dual
    /// down to its tightest active column) from a worklist that starts as
    /// `nodes`, until no dual moves by more than `tolerance` or
    /// `maxSteps` steps. `pi` has length `count + 1`, the last entry 0.
    ///
    /// - Returns: the number of steps.
    @discardableResult
    mutating func relax(
        _ pi: inout [Double], own: [Double], mu: Double, tolerance: Double, maxSteps: Int, nodes: [Int]
    ) -> Int {
        var queue = nodes
        var queued = [Bool](repeating: false, count: count)
        for i in queue { queued[i] = true }
        var head = 0, taken = 0
        var scratch = [Double](repeating: 0, count: 16)
        members.withUnsafeBufferPointer { members in
            costs.withUnsafeBufferPointer { costs in
                list.withUnsafeBufferPointer { list in
                    start.withUnsafeBufferPointer { start in
                        pi.withUnsafeMutableBufferPointer { p in
                            while head < queue.count && taken < maxSteps {
                                let i = queue[head]
                                head += 1
                                queued[i] = false
                                taken += 1
                                let lo = start[i], hi = start[i + 1]
                                if hi - lo > scratch.count { scratch = [Double](repeating: 0, count: 2 * (hi - lo)) }
                                let value = scratch.withUnsafeMutableBufferPointer { s in
                                    Self.softmin(
                                        i, own: own[i], mu: mu, columns: UnsafeBufferPointer(rebasing: list[lo..<hi]),
                                        members: members, costs: costs, pi: p, scratch: s)
                                }
                                let change = value - p[i]
                                p[i] = value
                                guard abs(change) > tolerance else { continue }
                                for x in lo..<hi {
                                    let m = members[Int(list[x])]
                                    for t in 0..<4 {
                                        let j = Int(m[t])
                                        if j < count && j != i && !queued[j] {
                                            queued[j] = true
                                            queue.append(j)
                                        }
                                    }
                                }
                                if head > 65_536 && head > queue.count / 2 {
                                    queue.removeFirst(head)
                                    head = 0
                                }
                            }
                        }
                    }
                }
            }
        }
        steps += taken
        return taken
    }

    /// `softmin_μ` of `own` and `e(C) − π(C ∖ i)` over `columns`.
    @inline(__always)
    private static func softmin(
        _ i: Int, own: Double, mu: Double, columns: UnsafeBufferPointer<Int32>, members: UnsafeBufferPointer<SIMD4<Int32>>,
        costs: UnsafeBufferPointer<Double>, pi: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        var lowest = own
        let mine = pi[i]
        for (k, x) in columns.enumerated() {
            let m = members[Int(x)]
            let value = costs[Int(x)] - (pi[Int(m[0])] + pi[Int(m[1])] + pi[Int(m[2])] + pi[Int(m[3])]) + mine
            scratch[k] = value
            if value < lowest { lowest = value }
        }
        guard mu > 0 else { return lowest }
        let inverse = -1 / mu
        var sum = fastExp((own - lowest) * inverse)
        for k in 0..<columns.count { sum += fastExp((scratch[k] - lowest) * inverse) }
        return lowest - mu * naturalLog(sum)
    }
}

/// `e^x` for `x ≤ 0`, to about 10⁻⁸ relative: `2^k · p(r)` with
/// `x = k·ln 2 + r`, `|r| ≤ ln 2 / 2`, `p` the degree-7 Taylor polynomial.
@inline(__always)
func fastExp(_ x: Double) -> Double {
    if x < -700 { return 0 }
    // Round to nearest by adding and subtracting 1.5 · 2^52.
    let k = (x * 1.442_695_040_888_963_4 + 6_755_399_441_055_744.0) - 6_755_399_441_055_744.0
    let r = x - k * 0.693_147_180_559_945_3
    let p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r / 5040))))))
    return p * Double(bitPattern: UInt64(1023 + Int(k)) << 52)
}

/// The natural logarithm.
@inline(__always)
func naturalLog(_ x: Double) -> Double {
    #if canImport(Glibc)
    Glibc.log(x)
    #elseif canImport(Darwin)
    Darwin.log(x)
    #endif
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
