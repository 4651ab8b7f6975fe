/// The shipments and legs the tour search works on: which shipments can be
/// in a tour at all, their own legs, and the empty legs between them as a
/// sparse *candidate* graph (for generating cycles) beside the whole set of
/// legs (for pricing and lookups).
///
/// The legs come either from an ``EmptyLegTable`` (``PairingProblem``) or,
/// at national scale, from a ``ShipmentSpace`` that bounds every leg from
/// below and an ``EmptyLegSource`` that computes exact legs on demand
/// (``SpatialPairingProblem``); then only the legs asked for are computed
/// and kept (``known``).
///
/// A shipment is *eligible* when its loaded leg and its own empty return
/// have a route (and, with a space, it has coordinates); the others are
/// `unreachable` and never in a tour. An arc `i → j` (shipment `i`'s
/// destination to `j`'s origin) exists when it has a route, between two
/// distinct eligible shipments.
///
/// Candidate arcs: every arc of a sparse table; for a dense table or a
/// space, each shipment's ``denseCandidates`` shortest arcs out and in, and
/// later the same number by assignment reduced cost
/// (``addingCandidates(u:v:k:)``). Cycles using other arcs are still found by
/// the exact pricing over every arc (``CyclePricing``).
///
/// With time windows, ``timing`` tells cheaply whether one shipment can
/// follow another at all; a cycle needs every arc but its return home to
/// pass, so cycles with two failing arcs are never generated.
struct TourNetwork: Sendable {
    /// Out-arcs and in-arcs kept per shipment of a dense table or a space.
    static let denseCandidates = 16

    /// Where the empty legs come from.
    enum Legs {
        case table(EmptyLegTable)
        case space(ShipmentSpace, any EmptyLegSource)
    }

    let shipments: [Shipment]
    let legs: Legs
    let count: Int
    /// Shipment indices in id order (ties by index), and the inverse.
    let order: [Int]
    let rank: [Int]
    let eligible: [Bool]
    /// Own empty return metres and seconds (-1 when it has no route).
    let ownMetres: [Int]
    let ownSeconds: [Int]
    let loadedMetres: [Int]
    let loadedSeconds: [Int]
    /// Candidate arcs out of each shipment: `candidateStart[i] ..<
    /// candidateStart[i + 1]` index ``candidateHead``,
    /// ``candidateMetres`` and ``candidateSeconds``, heads increasing.
    private(set) var candidateStart: [Int] = [0]
    private(set) var candidateHead: [Int32] = []
    private(set) var candidateMetres: [Int32] = []
    private(set) var candidateSeconds: [Int32] = []
    /// The windows every tour must meet, or `nil` when they are ignored.
    let timing: TourTiming?
    /// With a space: every empty leg computed so far, shared by every copy
    /// of the network (so the constraints see what the pricing fetched).
    let known = KnownLegs()
    /// With a space: how many legs were computed.
    var legsComputed: Int { known.computed }

    /// The network of a table of legs.
    init(problem: PairingProblem, options: TourOptions) {
        let table = problem.emptyLegs
        let n = problem.shipments.count
        var own = [Leg?](repeating: nil, count: n)
        for i in 0..<n { own[i] = table[from: i, to: i] }
        self.init(shipments: problem.shipments, loadedLegs: problem.loadedLegs, ownReturns: own, legs: .table(table), options: options)
        if table.isDense {
            var keep = (0..<n).map { _ in [Int32]() }
            nearest(k: Self.denseCandidates, into: &keep) { i, body in
                table.forEachEntry(inRow: i) { j, x in
                    if table.metres[x] >= 0 { body(j, Int(table.metres[x])) }
                }
            }
            setCandidates(keep)
        } else {
            var keep = (0..<n).map { _ in [Int32]() }
            for i in 0..<n where eligible[i] {
                table.forEachEntry(inRow: i) { j, x in
                    if j != i && eligible[j] && table.metres[x] >= 0 { keep[i].append(Int32(j)) }
                }
            }
            setCandidates(keep)
        }
    }

    /// The network of a space with legs on demand; computes the candidate
    /// arcs' legs (and those of `extra` arcs, such as the pairs of a
    /// pairing). With `maxTour == 2` the `extra` arcs are the only
    /// candidates: the plan is the pairing.
    ///
    /// - Throws: ``PairingError/legs(_:)`` when the source fails.
    init(problem: SpatialPairingProblem, options: TourOptions, extra: [(Int, Int)]) throws(PairingError) {
        let n = problem.shipments.count
        self.init(
            shipments: problem.shipments, loadedLegs: problem.loadedLegs, ownReturns: problem.ownReturns,
            legs: .space(problem.space, problem.legs), options: options, located: (0..<n).map(problem.space.contains))
        let space = problem.space
        // Each shipment's k nearest origins by bound, and each origin's k
        // nearest destinations (the reverse, through the same bound). Tours
        // of 2 are the pairing's pairs exactly and need only their legs.
        var keep = (0..<n).map { _ in [Int32]() }
        let k = Self.denseCandidates
        var best: [(bound: Double, j: Int)] = []
        for i in 0..<n where eligible[i] && options.maxTour >= 3 {
            best.removeAll(keepingCapacity: true)
            space.forEachArc(from: i, below: .infinity) { j, bound, limit in
                guard eligible[j] else { return }
                best.append((bound, j))
                if best.count >= 4 * k {
                    best.sort { ($0.bound, $0.j) < ($1.bound, $1.j) }
                    best.removeLast(best.count - k)
                    limit = best[k - 1].bound + 1
                }
            }
            best.sort { ($0.bound, $0.j) < ($1.bound, $1.j) }
            for (_, j) in best.prefix(k) {
                keep[i].append(Int32(j))
            }
        }
        for (a, b) in extra {
            keep[a].append(Int32(b))
            keep[b].append(Int32(a))
        }
        try fetch(keep.enumerated().flatMap { i, heads in heads.map { (i, Int($0)) } })
        setCandidates(keep)
    }

    private init(
        shipments: [Shipment], loadedLegs: [Leg?], ownReturns: [Leg?], legs: Legs, options: TourOptions,
        located: [Bool]? = nil
    ) {
        self.shipments = shipments
        self.legs = legs
        let n = shipments.count
        count = n
        timing = options.pairing.ignoreTimeWindows
            ? nil : TourTiming(shipments: shipments, loadedLegs: loadedLegs, handling: options.pairing.handlingSeconds)
        let order = (0..<n).sorted { a, b in
            let ia = shipments[a].id, ib = shipments[b].id
            return ia != ib ? ia < ib : a < b
        }
        var rank = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }
        self.order = order
        self.rank = rank
        ownMetres = ownReturns.map { $0?.metres ?? -1 }
        ownSeconds = ownReturns.map { $0?.seconds ?? -1 }
        loadedMetres = loadedLegs.map { $0?.metres ?? 0 }
        loadedSeconds = loadedLegs.map { $0?.seconds ?? 0 }
        eligible = (0..<n).map { i in loadedLegs[i] != nil && ownReturns[i] != nil && (located?[i] ?? true) }
    }

    /// Whether the legs are a dense table.
    var isDense: Bool {
        if case .table(let t) = legs { return t.isDense }
        return false
    }

    /// The space, when the legs come from one.
    var space: ShipmentSpace? {
        if case .space(let s, _) = legs { return s }
        return nil
    }

    /// Adds to `keep` each eligible shipment's `k` shortest arcs out and
    /// in, from `row(i, body)` reporting `(j, metres)` for the arcs out of `i`.
    private func nearest(k: Int, into keep: inout [[Int32]], row: (Int, (Int, Int) -> Void) -> Void) {
        var outs: [(metres: Int, j: Int32)] = []
        var ins = [[(metres: Int, i: Int32)]](repeating: [], count: count)
        for i in 0..<count where eligible[i] {
            outs.removeAll(keepingCapacity: true)
            row(i) { j, metres in
                guard j != i, eligible[j] else { return }
                outs.append((metres, Int32(j)))
                ins[j].append((metres, Int32(i)))
                if ins[j].count >= 4 * k {
                    ins[j].sort { ($0.metres, $0.i) < ($1.metres, $1.i) }
                    ins[j].removeLast(ins[j].count - k)
                }
            }
            outs.sort { ($0.metres, $0.j) < ($1.metres, $1.j) }
            for (_, j) in outs.prefix(k) { keep[i].append(j) }
        }
        for j in 0..<count {
            ins[j].sort { ($0.metres, $0.i) < ($1.metres, $1.i) }
            for (_, i) in ins[j].prefix(k) { keep[Int(i)].append(Int32(j)) }
        }
    }

    /// Sets the candidate arcs from per-shipment heads (repeats and arcs
    /// without a route dropped).
    private mutating func setCandidates(_ keep: [[Int32]]) {
        var start = [0], head: [Int32] = [], metres: [Int32] = [], seconds: [Int32] = []
        for i in 0..<count {
            for j in Set(keep[i]).sorted() where Int(j) != i && eligible[Int(j)] {
                guard let l = leg(i, Int(j)) else { continue }
                head.append(j)
                metres.append(Int32(l.metres))
                seconds.append(Int32(l.seconds))
            }
            start.append(head.count)
        }
        candidateStart = start
        candidateHead = head
        candidateMetres = metres
        candidateSeconds = seconds
    }

    /// The network with more candidate arcs: the `k` arcs out of and into
    /// every shipment with the smallest reduced cost `e(i, j) − u(i) − v(j)`
    /// under assignment duals — the arcs cheap cycles are made of, which
    /// the nearest ones miss where many shipments share a town. A sparse
    /// table is returned unchanged (all its arcs are candidates already).
    mutating func addCandidates(u: [Int], v: [Int], k: Int) throws(PairingError) {
        var keep = (0..<count).map { i in Array(candidateHead[candidateStart[i]..<candidateStart[i + 1]]) }
        switch legs {
        case .table(let table):
            guard table.isDense else { return }
            nearest(k: k, into: &keep) { i, body in
                table.forEachEntry(inRow: i) { j, x in
                    if table.metres[x] >= 0 { body(j, Int(table.metres[x]) - u[i] - v[j]) }
                }
            }
        case .space(let space, _):
            // By bound: e(i, j) − u(i) − v(j) ≥ lb(i, j) − u(i) − v(j).
            let bonus = space.bonus(v.map(Double.init))
            var best: [(reduced: Double, j: Int)] = []
            var asked: [(Int, Int)] = []
            for i in 0..<count where eligible[i] {
                best.removeAll(keepingCapacity: true)
                space.forEachArc(from: i, below: Double(u[i]) + 1e12, bonus: bonus) { j, bound, limit in
                    guard eligible[j] else { return }
                    best.append((bound - Double(u[i]) - Double(v[j]), j))
                    if best.count >= 4 * k {
                        best.sort { ($0.reduced, $0.j) < ($1.reduced, $1.j) }
                        best.removeLast(best.count - k)
                        limit = Double(u[i]) + best[k - 1].reduced + 1
                    }
                }
                best.sort { ($0.reduced, $0.j) < ($1.reduced, $1.j) }
                for (_, j) in best.prefix(k) {
                    keep[i].append(Int32(j))
                    asked.append((i, j))
                }
            }
            try fetch(asked)
        }
        setCandidates(keep)
    }

    /// Computes the legs of `arcs` not known yet (with a space).
    ///
    /// - Throws: ``PairingError/legs(_:)`` when the source fails.
    func fetch(_ arcs: [(Int, Int)]) throws(PairingError) {
        guard case .space(_, let source) = legs else { return }
        var missing: [ShipmentArc] = []
        var seen = Set<UInt64>()
        for (i, j) in arcs {
            let key = LegHashTable.key(i, j)
            if known.legs.find(i, j) == nil && seen.insert(key).inserted { missing.append(ShipmentArc(from: i, to: j)) }
        }
        guard !missing.isEmpty else { return }
        // Blocks of 1 M legs, so memory stays bounded.
        var start = 0
        while start < missing.count {
            let block = Array(missing[start..<min(missing.count, start + 1 << 20)])
            let result: [Leg?]
            do {
                result = try source.legs(block)
            } catch {
                throw PairingError.legs("\(error)")
            }
            for (arc, l) in zip(block, result) {
                let value: (Int32, Int32) = l.map { (Int32(truncatingIfNeeded: $0.metres), Int32(truncatingIfNeeded: $0.seconds)) } ?? (-1, -1)
                known.legs.insert(Int(arc.from), Int(arc.to), metres: value.0, seconds: value.1)
            }
            known.computed += block.count
            start += block.count
        }
    }

    /// The empty leg `i → j` (`i`'s destination to `j`'s origin) in metres
    /// and seconds, or `nil` when it was not computed or has no route.
    @inline(__always)
    func leg(_ i: Int, _ j: Int) -> (metres: Int, seconds: Int)? {
        switch legs {
        case .table(let table):
            let x = table.index(from: i, to: j)
            guard x >= 0, table.metres[x] >= 0 else { return nil }
            return (Int(table.metres[x]), Int(table.seconds[x]))
        case .space:
            if i == j { return ownMetres[i] >= 0 ? (ownMetres[i], ownSeconds[i]) : nil }
            guard let l = known.legs.find(i, j), l.metres >= 0 else { return nil }
            return (Int(l.metres), Int(l.seconds))
        }
    }

    /// Whether the leg `i → j` was computed (with or without a route).
    func isComputed(_ i: Int, _ j: Int) -> Bool {
        switch legs {
        case .table(let table): table.index(from: i, to: j) >= 0
        case .space: i == j || known.legs.find(i, j) != nil
        }
    }

    /// Calls `body(j, metres, seconds)` for every arc out of `i` of a table
    /// (not only the candidates): what the exact pricing scans. With a space,
    /// the candidate arcs (the space's own pricing is ``SpaceArcs``).
    @inline(__always)
    func forEachArc(from i: Int, _ body: (Int, Int, Int) -> Void) {
        if case .table(let table) = legs {
            table.forEachEntry(inRow: i) { j, x in
                guard j != i, eligible[j], table.metres[x] >= 0 else { return }
                body(j, Int(table.metres[x]), Int(table.seconds[x]))
            }
        } else {
            for e in candidateStart[i]..<candidateStart[i + 1] {
                body(Int(candidateHead[e]), Int(candidateMetres[e]), Int(candidateSeconds[e]))
            }
        }
    }

    /// Calls `body(j, ij, ji)` for every `j` whose legs `i → j` and `j → i`
    /// were both computed (metres, -1 without a route): the pairs a pairing
    /// over this network considers.
    func forEachComputedPair(of i: Int, _ body: (Int, Int, Int) -> Void) {
        switch legs {
        case .table(let table):
            table.forEachEntry(inRow: i) { j, x in
                guard j != i, eligible[j] else { return }
                let back = table.index(from: j, to: i)
                guard back >= 0 else { return }
                body(j, Int(table.metres[x]), Int(table.metres[back]))
            }
        case .space:
            for e in candidateStart[i]..<candidateStart[i + 1] {
                let j = Int(candidateHead[e])
                guard let back = known.legs.find(j, i) else { continue }
                body(j, Int(candidateMetres[e]), Int(back.metres))
            }
        }
    }

    /// Whether `j` can follow `i` in a tour (``TourTiming/follows(_:_:emptySeconds:)``;
    /// always without windows).
    @inline(__always)
    func follows(_ i: Int, _ j: Int, seconds: Int) -> Bool {
        timing?.follows(i, j, emptySeconds: seconds) ?? true
    }

    /// The eligible shipments.
    var eligibleCount: Int { eligible.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

extension TourNetwork {
    /// The candidate arcs, closed by any known arc.
    struct CandidateArcs: CycleArcSource {
        let network: TourNetwork

        @inline(__always)
        func forEachArc(from x: Int, below limit: Double, _ body: (Int, Int, Bool) -> Void) {
            for e in network.candidateStart[x]..<network.candidateStart[x + 1] {
                let y = Int(network.candidateHead[e])
                body(y, Int(network.candidateMetres[e]), network.follows(x, y, seconds: Int(network.candidateSeconds[e])))
            }
        }

        @inline(__always)
        func arc(_ x: Int, _ y: Int) -> (metres: Int, follows: Bool)? {
            network.leg(x, y).map { ($0.metres, network.follows(x, y, seconds: $0.seconds)) }
        }
    }

    /// Every arc of a table.
    struct AllArcs: CycleArcSource {
        let network: TourNetwork

        @inline(__always)
        func forEachArc(from x: Int, below limit: Double, _ body: (Int, Int, Bool) -> Void) {
            network.forEachArc(from: x) { y, metres, seconds in body(y, metres, network.follows(x, y, seconds: seconds)) }
        }

        @inline(__always)
        func arc(_ x: Int, _ y: Int) -> (metres: Int, follows: Bool)? {
            network.leg(x, y).map { ($0.metres, network.follows(x, y, seconds: $0.seconds)) }
        }
    }

    /// Every arc of a space, by its lower bound where the leg is not known:
    /// the arcs `y` with `lb(x → y) − β(y) < limit`, from the space's index.
    /// Metres are the exact leg when known, else the bound (rounded down),
    /// so every cycle the pricing reports has at most its true reduced cost;
    /// ``unknownArcs(_:)`` lists the legs still to compute.
    ///
    /// With `bonus == nil`, only the candidate arcs are extended along, but
    /// cycles are still closed by any arc (by its bound when not computed):
    /// the closing arc of a cheap triangle is rarely among the candidates.
    struct SpaceArcs: CycleArcSource {
        let network: TourNetwork
        let space: ShipmentSpace
        let bonus: ShipmentSpace.Bonus?
        /// The legs computed when the search started (none are added during it).
        let known: LegHashTable

        init(network: TourNetwork, space: ShipmentSpace, bonus: ShipmentSpace.Bonus?) {
            self.network = network
            self.space = space
            self.bonus = bonus
            known = network.known.legs
        }

        /// The exact leg when computed (metres -1: no route), else the bound.
        @inline(__always)
        private func leg(_ x: Int, _ y: Int) -> (metres: Int, seconds: Int) {
            if let l = known.find(x, y) { return (Int(l.metres), Int(l.seconds)) }
            let b = space.emptyLegLowerBoundLeg(from: x, to: y)
            return (b.metres, b.seconds)
        }

        @inline(__always)
        func forEachArc(from x: Int, below limit: Double, _ body: (Int, Int, Bool) -> Void) {
            guard let bonus else {
                CandidateArcs(network: network).forEachArc(from: x, below: limit, body)
                return
            }
            space.forEachArc(from: x, below: limit, bonus: bonus) { y, _, _ in
                guard network.eligible[y] else { return }
                let l = leg(x, y)
                if l.metres >= 0 { body(y, l.metres, network.follows(x, y, seconds: l.seconds)) }
            }
        }

        @inline(__always)
        func arc(_ x: Int, _ y: Int) -> (metres: Int, follows: Bool)? {
            if x == y { return network.leg(x, y).map { ($0.metres, network.follows(x, y, seconds: $0.seconds)) } }
            guard network.eligible[y] else { return nil }
            let l = leg(x, y)
            return l.metres >= 0 ? (l.metres, network.follows(x, y, seconds: l.seconds)) : nil
        }

        /// The arcs of `members` (a cycle) whose legs are not computed yet.
        func unknownArcs(_ members: [Int]) -> [(Int, Int)] {
            (0..<members.count).compactMap { t in
                let x = members[t], y = members[(t + 1) % members.count]
                return network.isComputed(x, y) ? nil : (x, y)
            }
        }
    }
}

/// The empty legs a network computed on demand, by
/// arc (metres -1: no route). A reference, so that
/// every copy of the network sees the same legs. Written by one thread
/// only, between the parallel searches, which read a copy of ``legs``
/// (``TourNetwork/SpaceArcs``) and never this object: hence unchecked.
final class KnownLegs: @unchecked Sendable {
    var legs = LegHashTable()
    var computed = 0
}
