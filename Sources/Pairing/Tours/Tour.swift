/// Shipments served by one truck in a cycle: loaded, empty to the next
/// origin, loaded, …, empty home. The truck is based at the first
/// shipment's origin. A pair is a tour of 2.
public struct Tour: Sendable, Hashable {
    /// One leg of the cycle.
    public struct Leg: Sendable, Hashable {
        /// A loaded leg carries a shipment; an empty leg repositions the truck
        /// (or takes it home, the last one).
        public enum Kind: String, Sendable, Hashable {
            case loaded
            case empty
        }

        public var kind: Kind
        /// Loaded: the shipment carried. Empty: the shipment just delivered
        /// (the leg starts at its destination).
        public var from: Int
        /// Loaded: the same shipment. Empty: the shipment picked up next (the
        /// leg ends at its origin; the first shipment for the return home).
        public var to: Int
        public var metres: Int
        public var seconds: Int

        public init(kind: Kind, from: Int, to: Int, metres: Int, seconds: Int) {
            self.kind = kind
            self.from = from
            self.to = to
            self.metres = metres
            self.seconds = seconds
        }
    }

    /// The shipments (indices into ``PairingProblem/shipments``) in the
    /// order served.
    public let shipments: [Int]
    /// Every leg in order: loaded, empty, loaded, …, empty home.
    public let legs: [Leg]
    /// When the truck does what, with breaks and rests.
    public let schedule: TourSchedule

    /// The shipments' own empty returns, which the tour replaces.
    public let emptyMetresBefore: Int
    /// Whether ``schedule`` keeps the driving rules of the run. Always
    /// `true` for tours of `maxTour ≥ 3` plans (the rules are enforced); a
    /// pair of a `maxTour == 2` plan is the pairing's, which does not know
    /// the rules: when its windows can only be met by breaking them it is
    /// kept, scheduled with driving and handling only, and this is `false`.
    public let keepsDrivingRules: Bool

    public init(shipments: [Int], legs: [Leg], schedule: TourSchedule, emptyMetresBefore: Int, keepsDrivingRules: Bool = true) {
        self.shipments = shipments
        self.legs = legs
        self.schedule = schedule
        self.emptyMetresBefore = emptyMetresBefore
        self.keepsDrivingRules = keepsDrivingRules
    }

    /// The empty legs together, the return home included.
    public var emptyMetres: Int { legs.reduce(0) { $0 + ($1.kind == .empty ? $1.metres : 0) } }
    /// The loaded legs together.
    public var loadedMetres: Int { legs.reduce(0) { $0 + ($1.kind == .loaded ? $1.metres : 0) } }
    /// The empty legs before the return home: repositioning between loads.
    public var repositionMetres: Int { emptyMetres - (legs.last?.metres ?? 0) }
    /// `emptyMetresBefore − emptyMetres`: the empty metres the tour saves.
    public var savingMetres: Int { emptyMetresBefore - emptyMetres }
}
