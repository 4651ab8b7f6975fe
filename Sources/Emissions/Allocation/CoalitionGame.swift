/// The cost game of one tour among the companies whose shipments it carries
/// (the players), in metres and seconds.
///
/// For a coalition `S` of the tour's companies, `c(S)` is the cheapest way
/// to serve S's shipments of this tour on their own: each shipment by its
/// own truck (loaded out, empty back), or sub-cycles among them — whichever
/// partition into cycles and cyclic order is shortest (ties by time). The
/// grand coalition's cost is the tour **as driven**, which is what there is
/// to share. A company's *baseline* is its shipments on their own trucks;
/// its saving is baseline minus its allocated cost, so savings add up to
/// the tour's saving against the run's "empty before".
///
/// Sub-coalitions are costed on distance alone: time windows, body types
/// and the repositioning limit are not re-checked for their sub-cycles
/// (docs/allocation.md).
///
/// The cheapest partition of a shipment set `M` into cycles is found by the
/// recurrence `g(M) = min over cycles C ∋ min(M), C ⊆ M: cyc(C) + g(M \ C)`,
/// with `cyc(C)` the shortest cyclic order of `C` (at most 3! = 6 orders).
///
/// - Complexity: O(1) for the at most 4 shipments of a tour: 24 cyclic
///   orders and 65 subset pairs.
public struct CoalitionGame: Sendable, Hashable {
    /// The tour's companies (run-wide indices), in order of first appearance
    /// in the tour; player `i` is bit `i` of a coalition mask.
    public let players: [Int]
    /// `c(S)` for every coalition mask `S` in `0 ..< 1 << players.count`;
    /// `cost[0]` is zero and the full mask is the tour as driven.
    public let cost: [TravelCost]
    /// Each player's baseline: its shipments on their own trucks.
    public let baseline: [TravelCost]
    /// Each player's stand-alone empty metres: the sum of its own returns
    /// (what ``SplitMethod/proportional`` weighs by).
    public let ownEmptyMetres: [Int]

    /// The game of `tour`.
    ///
    /// - Throws: ``AllocationInputError`` when the tour's own cycle uses a
    ///   leg without a route.
    public init(tour: TourCostMatrix) throws(AllocationInputError) {
        let n = tour.count
        guard let driven = tour.cycleCost else {
            throw AllocationInputError("the tour uses an empty leg that has no route")
        }
        var players: [Int] = []
        var playerOf = [Int](repeating: 0, count: n)
        for (k, c) in tour.companies.enumerated() {
            if let i = players.firstIndex(of: c) {
                playerOf[k] = i
            } else {
                playerOf[k] = players.count
                players.append(c)
            }
        }
        let p = players.count
        var baseline = [TravelCost](repeating: .zero, count: p)
        var ownEmpty = [Int](repeating: 0, count: p)
        var shipmentMask = [Int](repeating: 0, count: p)
        for k in 0..<n {
            let own = tour.empty(k, k)!
            baseline[playerOf[k]] = baseline[playerOf[k]] + tour.loaded[k] + own
            ownEmpty[playerOf[k]] += own.metres
            shipmentMask[playerOf[k]] |= 1 << k
        }
        let partitions = Self.cheapestPartitions(tour)
        var cost = [TravelCost](repeating: .zero, count: 1 << p)
        for s in 1..<(1 << p) {
            var m = 0
            for i in 0..<p where s & (1 << i) != 0 { m |= shipmentMask[i] }
            // Own returns always exist, so every shipment set has a partition.
            cost[s] = partitions[m]!
        }
        cost[(1 << p) - 1] = driven
        self.players = players
        self.cost = cost
        self.baseline = baseline
        self.ownEmptyMetres = ownEmpty
    }

    /// The number of players (companies in the tour).
    @inlinable
    public var playerCount: Int { players.count }

    /// The mask of the grand coalition.
    @inlinable
    public var grandCoalition: Int { (1 << players.count) - 1 }

    /// What the tour saves against every shipment on its own truck, in
    /// metres: Σ baseline − c(N). This is what the methods split.
    public var savingMetres: Int { baselineOf(grandCoalition).metres - cost[grandCoalition].metres }

    /// What the tour saves in driving time, in seconds (may be negative when
    /// the repositioning is slower than the returns it replaces).
    public var savingSeconds: Int { baselineOf(grandCoalition).seconds - cost[grandCoalition].seconds }

    /// The baseline of coalition `mask`.
    @inlinable
    public func baselineOf(_ mask: Int) -> TravelCost {
        var b = TravelCost.zero
        for i in 0..<players.count where mask & (1 << i) != 0 { b = b + baseline[i] }
        return b
    }

    /// The saving game `v(S) = baseline(S) − c(S)` in metres.
    @inlinable
    public func savingValue(_ mask: Int) -> Int {
        baselineOf(mask).metres - cost[mask].metres
    }

    /// `g(M)` for every shipment mask `M`: the cheapest partition of `M`'s
    /// shipments into cycles (`nil` when none exists).
    static func cheapestPartitions(_ tour: TourCostMatrix) -> [TravelCost?] {
        let n = tour.count
        let full = 1 << n
        let none = Int.max
        // Metres and seconds of cyc(C) and g(M) for every mask (≤ 16), on the
        // stack; `none` marks "no route".
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { buffer in
            let cycleM = buffer.baseAddress!, cycleS = cycleM + 16, gM = cycleM + 32, gS = cycleM + 48
            // cyc(C): the shortest cyclic order of C from its lowest shipment
            // (the orders come from ``cyclicOrders``).
            var k = 0
            let table = Self.cyclicOrders
            for c in 1..<16 {
                let orders = Int(table[k]), size = c.nonzeroBitCount
                k += 1
                var bestM = none, bestS = none
                for _ in 0..<orders {
                    if c < full {
                        var m = 0, sec = 0, ok = true
                        for step in 0..<size {
                            let from = Int(table[k + step]), to = Int(table[k + (step + 1) % size])
                            guard let e = tour.empty(from, to) else { ok = false; break }
                            m += tour.loaded[from].metres + e.metres
                            sec += tour.loaded[from].seconds + e.seconds
                        }
                        if ok && (m < bestM || (m == bestM && sec < bestS)) { bestM = m; bestS = sec }
                    }
                    k += size
                }
                if c < full { cycleM[c] = bestM; cycleS[c] = bestS }
            }
            gM[0] = 0; gS[0] = 0
            for m in 1..<full {
                let low = m & -m
                let others = m & ~low
                var sub = others
                var bestM = none, bestS = none
                while true {
                    let c = sub | low, rest = m & ~c
                    if cycleM[c] != none && gM[rest] != none {
                        let tm = cycleM[c] + gM[rest], ts = cycleS[c] + gS[rest]
                        if tm < bestM || (tm == bestM && ts < bestS) { bestM = tm; bestS = ts }
                    }
                    if sub == 0 { break }
                    sub = (sub - 1) & others
                }
                gM[m] = bestM; gS[m] = bestS
            }
            return (0..<full).map { gM[$0] == none ? nil : TravelCost(metres: gM[$0], seconds: gS[$0]) }
        }
    }

    /// For every subset `C` of 4 shipments (masks 1…15 in order): the number
    /// of cyclic orders starting at C's lowest shipment, then each order's
    /// shipments — (|C| − 1)! orders, 24 in all.
    static let cyclicOrders: [UInt8] = {
        var out: [UInt8] = []
        for c in 1..<16 {
            let members = (0..<4).filter { c & (1 << $0) != 0 }
            var orders: [[Int]] = []
            func permute(_ rest: [Int], _ prefix: [Int]) {
                if rest.isEmpty { orders.append(prefix); return }
                for (i, x) in rest.enumerated() {
                    var r = rest
                    r.remove(at: i)
                    permute(r, prefix + [x])
                }
            }
            permute(Array(members.dropFirst()), [members[0]])
            out.append(UInt8(orders.count))
            for o in orders { out += o.map(UInt8.init) }
        }
        return out
    }()
}
