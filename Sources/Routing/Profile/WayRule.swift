/// How a vehicle may use one OpenStreetMap way: the outcome of
/// ``VehicleProfile/rule(for:)``.
///
/// Speeds are before the vehicle's legal maximum for the place
/// (``VehicleProfile/speedCapKmh(at:)``), which the graph builder applies
/// edge by edge because it depends on where the edge lies.
public struct WayRule: Sendable, Hashable {
    /// Speed driving along the way's node order, in km/h; `0` when that
    /// direction is not allowed.
    public var forwardSpeedKmh: Float
    /// Speed driving against the way's node order, in km/h; `0` when not
    /// allowed.
    public var backwardSpeedKmh: Float
    /// Travel time multiplier (≥ 1) for roads signed as unsuitable for the
    /// vehicle (`discouraged`).
    public var durationFactor: Float
    /// The time to cross the whole way in seconds, when the data gives it (a
    /// ferry's `duration`); it replaces the speeds, spread along the way by
    /// length.
    public var fixedDurationSeconds: Float?
    /// `true` for ferries: no road speed cap applies.
    public var isFerry: Bool
    /// Driving along the way is allowed only to reach a place on it or in
    /// the area it serves (`destination`, `delivery`, `private`, …): the
    /// graph forbids passing through (see `docs/hgv-profile.md`).
    public var forwardDestinationOnly: Bool
    /// The same against the way's node order.
    public var backwardDestinationOnly: Bool

    /// Creates a rule; a speed of `0` forbids that direction.
    public init(
        forwardSpeedKmh: Float, backwardSpeedKmh: Float, durationFactor: Float = 1,
        fixedDurationSeconds: Float? = nil, isFerry: Bool = false,
        forwardDestinationOnly: Bool = false, backwardDestinationOnly: Bool = false
    ) {
        self.forwardSpeedKmh = forwardSpeedKmh
        self.backwardSpeedKmh = backwardSpeedKmh
        self.durationFactor = durationFactor
        self.fixedDurationSeconds = fixedDurationSeconds
        self.isFerry = isFerry
        self.forwardDestinationOnly = forwardDestinationOnly
        self.backwardDestinationOnly = backwardDestinationOnly
    }

    /// `true` when the way may be driven along its node order.
    @inlinable public var forward: Bool { forwardSpeedKmh > 0 }
    /// `true` when the way may be driven against its node order.
    @inlinable public var backward: Bool { backwardSpeedKmh > 0 }
}
