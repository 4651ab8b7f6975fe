/// The shipments and legs the tour search works on, taken from a
/// ``PairingProblem``: which shipments can be in a tour at all, their own
/// legs, and the empty legs between them as a sparse *candidate* graph (for
/// generating cycles) beside the full table (for pricing and lookups).
///
/// A shipment is *eligible* when its loaded leg and its own empty return
/// have a route; the others are `unreachable` and never in a tour. An arc
/// `i → j` (shipment `i`'s destination to `j`'s origin) exists when the
/// table holds it with a route, between two distinct eligible shipments.
///
/// Candidate arcs: every arc of a sparse table; for a dense table, each
/// shipment's ``denseCandidates`` shortest arcs out and in (cycles using
/// other arcs are still found by the exact pricing over full rows, see
/// ``CyclePricing``).
///
/// With time windows, ``timing`` tells cheaply whether one shipment can
/// follow another at all; a cycle needs every arc but its return home to
/// pass, so cycles with two failing arcs are never generated.
struct TourNetwork: Sendable {
    /// Out-arcs and in-arcs kept per shipment of a dense table.
    static let denseCandidates = 16

    let problem: PairingProblem
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
    /// candidateStart[i + 1]` index ``candidateHead`` and
    /// ``candidateMetres``, heads increasing.
    private(set) var candidateStart: [Int]
    private(set) var candidateHead: [Int32]
    private(set) var candidateMetres: [Int32]
    private(set) var candidateSeconds: [Int32]
    /// The windows every tour must meet, or `nil` when they are ignored.
    let timing: TourTiming?

    init(problem: PairingProblem, options: TourOptions) {
        timing = options.pairing.ignoreTimeWindows
            ? nil : TourTiming(shipments: problem.shipments, loadedLegs: problem.loadedLegs, handling: options.pairing.handlingSeconds)
        self.problem = problem
        let shipments = problem.shipments
        let table = problem.emptyLegs
        let n = shipments.count
        count = n
        let order = (0..<n).sorted { a, b in
            let ia = shipments[a].id, ib = shipments[b].id
            return ia != ib ? ia < ib : a < b
        }
        var rank = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }
        self.order = order
        self.rank = rank
        var ownMetres = [Int](repeating: -1, count: n), ownSeconds = [Int](repeating: -1, count: n)
        var loadedMetres = [Int](repeating: 0, count: n), loadedSeconds = [Int](repeating: 0, count: n)
        var eligible = [Bool](repeating: false, count: n)
        for i in 0..<n {
            if let own = table[from: i, to: i] {
                ownMetres[i] = own.metres
                ownSeconds[i] = own.seconds
            }
            if let loaded = problem.loadedLegs[i] {
                loadedMetres[i] = loaded.metres
                loadedSeconds[i] = loaded.seconds
                eligible[i] = ownMetres[i] >= 0
            }
        }
        self.ownMetres = ownMetres
        self.ownSeconds = ownSeconds
        self.loadedMetres = loadedMetres
        self.loadedSeconds = loadedSeconds
        self.eligible = eligible

        var start = [0], head: [Int32] = [], metres: [Int32] = [], seconds: [Int32] = []
        start.reserveCapacity(n + 1)
        if table.isDense {
            // The k shortest arcs out of and into every shipment.
            let k = Self.denseCandidates
            var keep = [[Int32]](repeating: [], count: n)
            var row: [(metres: Int32, j: Int32)] = []
            for i in 0..<n where eligible[i] {
                row.removeAll(keepingCapacity: true)
                for j in 0..<n where j != i && eligible[j] {
                    let m = table.metres[i * n + j]
                    if m >= 0 { row.append((m, Int32(j))) }
                }
                row.sort { ($0.metres, $0.j) < ($1.metres, $1.j) }
                for (_, j) in row.prefix(k) { keep[i].append(j) }
            }
            for j in 0..<n where eligible[j] {
                row.removeAll(keepingCapacity: true)
                for i in 0..<n where i != j && eligible[i] {
                    let m = table.metres[i * n + j]
                    if m >= 0 { row.append((m, Int32(i))) }
                }
                row.sort { ($0.metres, $0.j) < ($1.metres, $1.j) }
                for (_, i) in row.prefix(k) { keep[Int(i)].append(Int32(j)) }
            }
            for i in 0..<n {
                let heads = Set(keep[i]).sorted()
                for j in heads {
                    head.append(j)
                    metres.append(table.metres[i * n + Int(j)])
                    seconds.append(table.seconds[i * n + Int(j)])
                }
                start.append(head.count)
            }
        } else {
            for i in 0..<n {
                if eligible[i] {
                    table.forEachEntry(inRow: i) { j, x in
                        guard j != i, eligible[j], table.metres[x] >= 0 else { return }
                        head.append(Int32(j))
                        metres.append(table.metres[x])
                        seconds.append(table.seconds[x])
                    }
                }
                start.append(head.count)
            }
        }
        candidateStart = start
        candidateHead = head
        candidateMetres = metres
        candidateSeconds = seconds
    }

    /// The network with more candidate arcs for a dense table: the `k` arcs
    /// out of and into every shipment with the smallest reduced cost
    /// `e(i, j) − u(i) − v(j)` under assignment duals — the arcs cheap
    /// cycles are made of, which the nearest ones miss where many shipments
    /// share a town. A sparse table is returned unchanged.
    func addingCandidates(u: [Int], v: [Int], k: Int) -> TourNetwork {
        let table = problem.emptyLegs
        guard table.isDense else { return self }
        let n = count
        var keep = (0..<n).map { i in Array(candidateHead[candidateStart[i]..<candidateStart[i + 1]]) }
        var row: [(reduced: Int, j: Int32)] = []
        for i in 0..<n where eligible[i] {
            row.removeAll(keepingCapacity: true)
            for j in 0..<n where j != i && eligible[j] {
                let m = table.metres[i * n + j]
                if m >= 0 { row.append((Int(m) - u[i] - v[j], Int32(j))) }
            }
            row.sort { ($0.reduced, $0.j) < ($1.reduced, $1.j) }
            for (_, j) in row.prefix(k) { keep[i].append(j) }
        }
        for j in 0..<n where eligible[j] {
            row.removeAll(keepingCapacity: true)
            for i in 0..<n where i != j && eligible[i] {
                let m = table.metres[i * n + j]
                if m >= 0 { row.append((Int(m) - u[i] - v[j], Int32(i))) }
            }
            row.sort { ($0.reduced, $0.j) < ($1.reduced, $1.j) }
            for (_, i) in row.prefix(k) { keep[Int(i)].append(Int32(j)) }
        }
        var copy = self
        var start = [0], head: [Int32] = [], metres: [Int32] = [], seconds: [Int32] = []
        for i in 0..<n {
            for j in Set(keep[i]).sorted() {
                head.append(j)
                metres.append(table.metres[i * n + Int(j)])
                seconds.append(table.seconds[i * n + Int(j)])
            }
            start.append(head.count)
        }
        copy.candidateStart = start
        copy.candidateHead = head
        copy.candidateMetres = metres
        copy.candidateSeconds = seconds
        return copy
    }

    /// The empty leg `i → j` (`i`'s destination to `j`'s origin) in metres
    /// and seconds, or `nil` when it was not computed or has no route.
    @inline(__always)
    func leg(_ i: Int, _ j: Int) -> (metres: Int, seconds: Int)? {
        let table = problem.emptyLegs
        let x = table.index(from: i, to: j)
        guard x >= 0, table.metres[x] >= 0 else { return nil }
        return (Int(table.metres[x]), Int(table.seconds[x]))
    }

    /// Calls `body(j, metres, seconds)` for every arc out of `i` in the
    /// full table (not only the candidates): what the exact pricing scans.
    @inline(__always)
    func forEachArc(from i: Int, _ body: (Int, Int, Int) -> Void) {
        let table = problem.emptyLegs
        table.forEachEntry(inRow: i) { j, x in
            guard j != i, eligible[j], table.metres[x] >= 0 else { return }
            body(j, Int(table.metres[x]), Int(table.seconds[x]))
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
    /// The candidate arcs, closed by any arc of the table.
    struct CandidateArcs: CycleArcSource {
        let network: TourNetwork

        @inline(__always)
        func forEachArc(from x: Int, _ body: (Int, Int, Bool) -> Void) {
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

    /// Every arc of the table.
    struct AllArcs: CycleArcSource {
        let network: TourNetwork

        @inline(__always)
        func forEachArc(from x: Int, _ body: (Int, Int, Bool) -> Void) {
            network.forEachArc(from: x) { y, metres, seconds in body(y, metres, network.follows(x, y, seconds: seconds)) }
        }

        @inline(__always)
        func arc(_ x: Int, _ y: Int) -> (metres: Int, follows: Bool)? {
            network.leg(x, y).map { ($0.metres, network.follows(x, y, seconds: $0.seconds)) }
        }
    }
}
