public import Routing

extension MatchReport {
    /// Shipments one truck serves in a cycle (`--max-tour`): loaded, empty
    /// to the next origin, loaded, …, empty home to the first origin. A pair
    /// is a tour of 2 (and is also one of ``MatchReport/pairs``).
    public struct Tour: Sendable, Hashable {
        /// 1-based, in the order of the report (by the smallest shipment id).
        public var number: Int
        /// The shipment ids in the order served; the truck is based at the
        /// first one's origin.
        public var shipments: [String]
        /// Each shipment's company (`nil`: none given).
        public var companies: [String?]
        public var savingM: Int64
        /// The shipments' own empty returns together.
        public var emptyBeforeM: Int64
        /// The tour's empty legs together, the return home included.
        public var emptyAfterM: Int64
        public var loadedM: Int64
        /// The empty legs between loads (all but the return home).
        public var repositionM: Int64
        public var co2eSavedKgWTW = 0.0
        public var co2eSavedKgTTW = 0.0
        public var fuelSavedLitres = 0.0
        public var vehicle: String
        public var fuel: String
        /// Index into ``MatchReport/pairs`` for a tour of 2.
        public var pair: Int?
        /// Every leg in driving order.
        public var legs: [TourLeg]
        public var schedule: TourScheduleSummary
        /// Whether the schedule keeps Regulation 561/2006 (`false` only for a
        /// pair of `--max-tour 2` whose windows need more driving than the
        /// law allows; it is then scheduled with driving and handling only).
        public var keepsDrivingRules = true

        public init(
            number: Int, shipments: [String], companies: [String?], savingM: Int64, emptyBeforeM: Int64, emptyAfterM: Int64,
            loadedM: Int64, repositionM: Int64, vehicle: String, fuel: String, pair: Int?, legs: [TourLeg],
            schedule: TourScheduleSummary
        ) {
            self.number = number
            self.shipments = shipments
            self.companies = companies
            self.savingM = savingM
            self.emptyBeforeM = emptyBeforeM
            self.emptyAfterM = emptyAfterM
            self.loadedM = loadedM
            self.repositionM = repositionM
            self.vehicle = vehicle
            self.fuel = fuel
            self.pair = pair
            self.legs = legs
            self.schedule = schedule
        }

        /// `a + b + c` for titles and ids.
        public var name: String { shipments.joined(separator: " + ") }
    }

    /// One leg of a tour.
    public struct TourLeg: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// Carries shipment `from` (== `to`).
            case loaded
            /// From `from`'s destination to `to`'s origin (home: the first
            /// shipment's origin).
            case empty
        }

        public var kind: Kind
        public var from: String
        public var to: String
        /// The last leg, back to where the truck is based.
        public var home: Bool
        public var distanceM: Int64
        public var durationS: Int
        /// Along the road where the graph has geometry, else the two ends
        /// (empty when not drawn).
        public var polyline: [Coordinate] = []

        public init(kind: Kind, from: String, to: String, home: Bool, distanceM: Int64, durationS: Int) {
            self.kind = kind
            self.from = from
            self.to = to
            self.home = home
            self.distanceM = distanceM
            self.durationS = durationS
        }

        /// The kind the pair map draws it as.
        var mapKind: Leg.Kind { kind == .loaded ? .loaded : home ? .return : .reposition }
    }

    /// A tour's schedule: times in seconds from the first loading.
    public struct TourScheduleSummary: Sendable, Hashable {
        /// When the first loading starts on the batch's clock (seconds of
        /// ``Timestamp``), or `nil` when the tour has no clock (times
        /// ignored or absent): then only the offsets mean something.
        public var start: Int64?
        public var durationS: Int
        public var drivingS: Int
        /// Breaks of 45 min (Art. 7) and daily rests (Art. 8), reduced ones
        /// included.
        public var breaks: Int
        public var dailyRests: Int
        public var stops: [TourStop]
        public var periods: [TourPeriod]

        public init(start: Int64?, durationS: Int, drivingS: Int, breaks: Int, dailyRests: Int, stops: [TourStop], periods: [TourPeriod]) {
            self.start = start
            self.durationS = durationS
            self.drivingS = drivingS
            self.breaks = breaks
            self.dailyRests = dailyRests
            self.stops = stops
            self.periods = periods
        }
    }

    /// A stop: `pickup`, `delivery` or `home`.
    public struct TourStop: Sendable, Hashable {
        public var kind: String
        public var shipment: String
        public var arrivalS: Int
        public var serviceStartS: Int
        public var departureS: Int

        public init(kind: String, shipment: String, arrivalS: Int, serviceStartS: Int, departureS: Int) {
            self.kind = kind
            self.shipment = shipment
            self.arrivalS = arrivalS
            self.serviceStartS = serviceStartS
            self.departureS = departureS
        }
    }

    /// A period: `driving`, `waiting`, `loading`, `unloading`, `break`,
    /// `daily_rest`, `reduced_daily_rest`.
    public struct TourPeriod: Sendable, Hashable {
        public var activity: String
        public var startS: Int
        public var endS: Int

        public init(activity: String, startS: Int, endS: Int) {
            self.activity = activity
            self.startS = startS
            self.endS = endS
        }
    }

    /// What the tour plan is and proves.
    public struct TourPlan: Sendable, Hashable {
        public var maxTour: Int
        /// Tours of 2, 3, … `maxTour` shipments.
        public var toursBySize: [Int]
        /// Loaded and empty metres of the plan.
        public var totalM: Int64
        public var emptyAfterM: Int64
        /// The empty metres of the pairing the tours started from.
        public var pairingEmptyAfterM: Int64
        /// No plan the rules allow drives fewer metres than this.
        public var lowerBoundTotalM: Int64
        public var lowerBoundEmptyM: Int64
        /// The unlimited-cycle assignment bound and the cycle relaxation's.
        public var assignmentBoundEmptyM: Int64
        public var cycleBoundEmptyM: Int64
        /// (total − bound) / total: 0 is proven optimal.
        public var gap: Double
        /// `table` or `all_legs`: which legs the bound is proven over.
        public var boundScope: String
        /// Greedy pairs prove nothing: the bound is then only "no empty
        /// metres at all".
        public var boundIsTrivial: Bool
        public var dailyDrivingH: Double
        public var maxTourKm: Double?
        public var maxTourH: Double?
        /// Shipments in a tour shorter than `maxTour`, and why no longer
        /// one took them.
        public var inShorterTours: [Unpaired]
        public var candidateArcs: Int
        public var cyclesInPool: Int
        public var legsComputed: Int
        public var negativeCyclesLeft: Int

        public init(
            maxTour: Int, toursBySize: [Int], totalM: Int64, emptyAfterM: Int64, pairingEmptyAfterM: Int64,
            lowerBoundTotalM: Int64, lowerBoundEmptyM: Int64, assignmentBoundEmptyM: Int64, cycleBoundEmptyM: Int64,
            gap: Double, boundScope: String, boundIsTrivial: Bool, dailyDrivingH: Double, maxTourKm: Double?,
            maxTourH: Double?, inShorterTours: [Unpaired], candidateArcs: Int, cyclesInPool: Int, legsComputed: Int,
            negativeCyclesLeft: Int
        ) {
            self.maxTour = maxTour
            self.toursBySize = toursBySize
            self.totalM = totalM
            self.emptyAfterM = emptyAfterM
            self.pairingEmptyAfterM = pairingEmptyAfterM
            self.lowerBoundTotalM = lowerBoundTotalM
            self.lowerBoundEmptyM = lowerBoundEmptyM
            self.assignmentBoundEmptyM = assignmentBoundEmptyM
            self.cycleBoundEmptyM = cycleBoundEmptyM
            self.gap = gap
            self.boundScope = boundScope
            self.boundIsTrivial = boundIsTrivial
            self.dailyDrivingH = dailyDrivingH
            self.maxTourKm = maxTourKm
            self.maxTourH = maxTourH
            self.inShorterTours = inShorterTours
            self.candidateArcs = candidateArcs
            self.cyclesInPool = cyclesInPool
            self.legsComputed = legsComputed
            self.negativeCyclesLeft = negativeCyclesLeft
        }

        /// `proven_optimal` (gap 0) or `bounded`.
        public var optimality: String { gap == 0 && !boundIsTrivial ? "proven_optimal" : "bounded" }
    }
}
