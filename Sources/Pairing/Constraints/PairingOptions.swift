/// How shipments are paired: the strategy, which constraints apply, and
/// how many candidates each shipment keeps.
///
/// Every constraint can be switched off on its own. The defaults follow the
/// contract's `match` options.
public struct PairingOptions: Sendable, Hashable {
    /// ``MatchingAlgorithm/blossom`` (optimal, the default),
    /// ``MatchingAlgorithm/greedy`` (`--strategy greedy`: best saving
    /// first), or ``MatchingAlgorithm/cubicBlossom`` (optimal, the slower
    /// reference).
    public var strategy: MatchingAlgorithm
    /// `--ignore-body-type`: pair regardless of `BodyType.areCompatible`.
    public var ignoreBodyType: Bool
    /// Require equal vehicle classes when both shipments name one.
    public var requireSameVehicle: Bool
    /// `--ignore-time-windows`: pair regardless of pickup and delivery times.
    public var ignoreTimeWindows: Bool
    /// `--handling-min`: the time spent at every loading and every unloading
    /// stop, in seconds (default 45 minutes).
    public var handlingSeconds: Int
    /// `--max-deadhead-km` in metres: the longest repositioning leg (the
    /// empty leg between the two loaded legs) a pair may have; `nil` for no
    /// limit.
    public var maxDeadheadMetres: Int?
    /// When set, each shipment keeps only its `k` best feasible partners (by
    /// saving, ties by id) and the matching runs on the union of those
    /// lists: a sparse candidate graph for large batches. `nil` keeps all.
    public var candidatesPerShipment: Int?

    /// Options with the contract's defaults unless given.
    public init(
        strategy: MatchingAlgorithm = .blossom, ignoreBodyType: Bool = false, requireSameVehicle: Bool = true,
        ignoreTimeWindows: Bool = false, handlingSeconds: Int = 45 * 60, maxDeadheadMetres: Int? = nil,
        candidatesPerShipment: Int? = nil
    ) {
        self.strategy = strategy
        self.ignoreBodyType = ignoreBodyType
        self.requireSameVehicle = requireSameVehicle
        self.ignoreTimeWindows = ignoreTimeWindows
        self.handlingSeconds = handlingSeconds
        self.maxDeadheadMetres = maxDeadheadMetres
        self.candidatesPerShipment = candidatesPerShipment
    }
}
