/// When a tour's truck does what: every stop with its arrival, service and
/// departure, and every period of driving, waiting, loading, unloading,
/// breaks and daily rests, in order, with no gaps.
///
/// Times are whole seconds on the scale of ``Timestamp/seconds``. A tour
/// whose shipments give no time at all (or a run with time windows ignored)
/// has no clock: its schedule starts at 0 and ``isAnchored`` is `false`, so
/// the times are offsets from the start of the tour.
///
/// Built by the tour scheduler (`TourScheduler`, see `docs/tours.md`) under
/// ``DrivingRules`` or, when the rules are switched off, with driving and
/// handling only.
public struct TourSchedule: Sendable, Hashable {
    /// What the driver does during a ``Period``.
    public enum Activity: String, Sendable, Hashable, CaseIterable {
        case driving
        /// Waiting for a pickup window to open (not a break: Art. 4(d)).
        case waiting
        case loading
        case unloading
        /// A break of Art. 7 (45 min or longer).
        case breakPeriod = "break"
        /// A regular daily rest (11 h or longer), Art. 4(g).
        case dailyRest = "daily_rest"
        /// A reduced daily rest (9 h or longer, shorter than 11 h), Art. 4(g).
        case reducedDailyRest = "reduced_daily_rest"
    }

    /// One period of the schedule, `start..<end`.
    public struct Period: Sendable, Hashable {
        public var activity: Activity
        public var start: Int
        public var end: Int
        /// For driving: the leg (``TourSchedule/Stop`` order: leg `2p` is
        /// position `p`'s loaded leg, `2p + 1` the empty leg after it, the
        /// last one home); for loading, unloading and waiting: the stop;
        /// `nil` for breaks and rests.
        public var index: Int?

        public init(activity: Activity, start: Int, end: Int, index: Int?) {
            self.activity = activity
            self.start = start
            self.end = end
            self.index = index
        }

        /// `end − start`.
        public var seconds: Int { end - start }
    }

    /// What happens at a stop.
    public enum StopKind: String, Sendable, Hashable {
        /// Loading at a shipment's origin.
        case pickup
        /// Unloading at a shipment's destination.
        case delivery
        /// Back at the first shipment's origin, where the truck is based.
        case home
    }

    /// One stop: stop `2p` is the pickup of the tour's `p`-th shipment,
    /// `2p + 1` its delivery, the last one the return home.
    public struct Stop: Sendable, Hashable {
        public var kind: StopKind
        /// The shipment's position in the tour (0 for home).
        public var position: Int
        public var arrival: Int
        /// When loading or unloading starts (the arrival for home).
        public var serviceStart: Int
        /// When the truck leaves (the arrival for home).
        public var departure: Int

        public init(kind: StopKind, position: Int, arrival: Int, serviceStart: Int, departure: Int) {
            self.kind = kind
            self.position = position
            self.arrival = arrival
            self.serviceStart = serviceStart
            self.departure = departure
        }
    }

    /// Every period from the first loading to the return home.
    public let periods: [Period]
    /// Every stop, in order.
    public let stops: [Stop]
    /// Whether the times are on the clock of the batch (`false`: offsets
    /// from the start).
    public let isAnchored: Bool

    /// A schedule from its parts (the scheduler builds them).
    public init(periods: [Period], stops: [Stop], isAnchored: Bool) {
        self.periods = periods
        self.stops = stops
        self.isAnchored = isAnchored
    }

    /// When the first loading starts.
    public var start: Int { stops.first?.serviceStart ?? 0 }
    /// When the truck is back home.
    public var end: Int { stops.last?.arrival ?? 0 }
    /// `end − start`: the tour's duration.
    public var durationSeconds: Int { end - start }
    /// Total time of periods of `activity`.
    public func seconds(of activity: Activity) -> Int {
        periods.reduce(0) { $0 + ($1.activity == activity ? $1.seconds : 0) }
    }
    /// How many periods of `activity` there are.
    public func count(of activity: Activity) -> Int {
        periods.reduce(0) { $0 + ($1.activity == activity ? 1 : 0) }
    }
    /// The most driving between two daily rests (the start and the return
    /// home close the first and the last day).
    public var longestDailyDrivingSeconds: Int {
        var best = 0, day = 0
        for p in periods {
            switch p.activity {
            case .driving: day += p.seconds
            case .dailyRest, .reducedDailyRest:
                best = max(best, day)
                day = 0
            default: break
            }
        }
        return max(best, day)
    }
}
