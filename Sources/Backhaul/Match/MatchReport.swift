public import Emissions
public import Pairing
public import Routing

/// Everything a `match` run reports, as plain values: the one model every
/// report format (JSON, CSV, Markdown, HTML, GeoJSON) is written from, so
/// that the formats cannot disagree.
///
/// Distances inside are integer metres; kilometres, litres and kilograms are
/// rounded to 3 decimals only when written.
public struct MatchReport: Sendable {
    public var version: String = BackhaulVersion.string
    public var graph: GraphSummary
    public var parameters: Parameters
    public var summary: Summary
    public var pairs: [Pair]
    public var unpaired: [Unpaired]
    public var observedEmpty: [ObservedEmpty]
    /// Input rows that could not be used (file, line, id, reason).
    public var rejected: [RejectedRow]
    public var companies: [CompanyTotal]
    public var warnings: [String]
    /// Road polylines drawn under the pairs in the HTML map (may be empty).
    public var backgroundRoads: [[Coordinate]]
    /// When the run happened, only with `--stamp` (reports are otherwise
    /// byte-identical for the same input).
    public var stamp: String?
    /// What is proven about the pairing, and the work behind the proof.
    public var certificate = Certificate()
    /// How the savings were split between companies (`--split`), with the
    /// run totals the company figures add up to; `nil` for a report built
    /// without an allocation.
    public var allocation: AllocationSummary?
    /// Every truck's tour (`--max-tour`), pairs included as tours of 2, by
    /// the smallest shipment id (MatchReport+Tours.swift).
    public var tours: [Tour] = []
    /// What the tour plan is and proves (`nil` for a report built without
    /// one).
    public var tourPlan: TourPlan?
    /// The baselines the savings are measured against and which one the
    /// headline quotes (``Baselines``); set from ``summary`` when the report
    /// is made, replaced by the `match` job with the observed running's
    /// emissions, the replaceable runs and `--sensitivity`.
    public var baselines: Baselines

    public init(
        graph: GraphSummary, parameters: Parameters, summary: Summary, pairs: [Pair], unpaired: [Unpaired],
        observedEmpty: [ObservedEmpty], rejected: [RejectedRow], companies: [CompanyTotal], warnings: [String] = [],
        backgroundRoads: [[Coordinate]] = [], stamp: String? = nil
    ) {
        self.graph = graph
        self.parameters = parameters
        self.summary = summary
        self.pairs = pairs
        self.unpaired = unpaired
        self.observedEmpty = observedEmpty
        self.rejected = rejected
        self.companies = companies
        self.warnings = warnings
        self.backgroundRoads = backgroundRoads
        self.stamp = stamp
        self.baselines = Baselines(summary: summary)
    }

    /// The road graph (or crow-fly model) distances came from.
    public struct GraphSummary: Sendable, Hashable {
        /// The file as given, or `nil` without `--graph`.
        public var file: String?
        public var nodes: Int
        public var edges: Int
        public var profile: String?
        /// `road` or `crowfly`.
        public var distanceModel: String
        /// The crow-fly circuity factor, when `distanceModel == "crowfly"`.
        public var circuity: Double?
        /// The crow-fly speed in km/h, when `distanceModel == "crowfly"`.
        public var crowflySpeedKmh: Double?
        /// Attribution the data's licence requires (e.g. ODbL), if any.
        public var attribution: String?

        public init(file: String?, nodes: Int, edges: Int, profile: String?, distanceModel: String,
                    circuity: Double? = nil, crowflySpeedKmh: Double? = nil, attribution: String? = nil) {
            self.file = file
            self.nodes = nodes
            self.edges = edges
            self.profile = profile
            self.distanceModel = distanceModel
            self.circuity = circuity
            self.crowflySpeedKmh = crowflySpeedKmh
            self.attribution = attribution
        }
    }

    /// The options the run used.
    public struct Parameters: Sendable, Hashable {
        public var strategy: String
        public var vehicle: String
        public var fuel: String
        public var maxDeadheadKm: Double?
        public var handlingMinutes: Double
        public var ignoreBodyType: Bool
        public var ignoreTimeWindows: Bool
        /// The emission factor basis (e.g. "EN 16258").
        public var emissionBasis: String
        /// Candidates kept per shipment (`nil`: every partner).
        public var candidatesPerShipment: Int?

        public init(strategy: String, vehicle: String, fuel: String, maxDeadheadKm: Double?, handlingMinutes: Double,
                    ignoreBodyType: Bool, ignoreTimeWindows: Bool, emissionBasis: String, candidatesPerShipment: Int? = nil) {
            self.candidatesPerShipment = candidatesPerShipment
            self.strategy = strategy
            self.vehicle = vehicle
            self.fuel = fuel
            self.maxDeadheadKm = maxDeadheadKm
            self.handlingMinutes = handlingMinutes
            self.ignoreBodyType = ignoreBodyType
            self.ignoreTimeWindows = ignoreTimeWindows
            self.emissionBasis = emissionBasis
        }
    }

    /// Run totals.
    public struct Summary: Sendable, Hashable {
        public var shipments = 0
        public var valid = 0
        public var rejected = 0
        public var paired = 0
        public var unpaired = 0
        public var pairs = 0
        public var loadedM: Int64 = 0
        public var emptyBeforeM: Int64 = 0
        public var emptyAfterM: Int64 = 0
        public var co2eSavedKgWTW = 0.0
        public var co2eSavedKgTTW = 0.0
        public var fuelSavedLitres = 0.0
        public var observedEmptyRuns = 0
        public var observedEmptyM: Int64 = 0

        public init() {}

        public var savedM: Int64 { emptyBeforeM - emptyAfterM }
    }

    /// One leg of a pair's cycle, for maps.
    public struct Leg: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// A shipment carried.
            case loaded
            /// The repositioning between the two loads.
            case reposition
            /// The empty return to the first origin.
            case `return`
        }
        public var kind: Kind
        /// The shipment carried (loaded legs only).
        public var shipment: String?
        public var distanceM: Int64
        /// Along the road where the graph has geometry, else the two ends.
        public var polyline: [Coordinate]

        public init(kind: Kind, shipment: String?, distanceM: Int64, polyline: [Coordinate]) {
            self.kind = kind
            self.shipment = shipment
            self.distanceM = distanceM
            self.polyline = polyline
        }
    }

    /// Two shipments sharing a truck.
    public struct Pair: Sendable, Hashable {
        public var a: String
        public var b: String
        /// Which one is carried first (`a` or `b`).
        public var first: String
        public var savingM: Int64
        public var emptyBeforeM: Int64
        public var emptyAfterM: Int64
        public var repositionM: Int64
        public var co2eSavedKgWTW: Double
        public var co2eSavedKgTTW: Double
        public var fuelSavedLitres: Double
        public var companyA: String?
        public var companyB: String?
        public var vehicle: String
        public var fuel: String
        /// The cycle: loaded, reposition, loaded, return (may be empty).
        public var legs: [Leg]

        public init(a: String, b: String, first: String, savingM: Int64, emptyBeforeM: Int64, emptyAfterM: Int64,
                    repositionM: Int64, co2eSavedKgWTW: Double, co2eSavedKgTTW: Double, fuelSavedLitres: Double,
                    companyA: String?, companyB: String?, vehicle: String, fuel: String, legs: [Leg] = []) {
            self.a = a
            self.b = b
            self.first = first
            self.savingM = savingM
            self.emptyBeforeM = emptyBeforeM
            self.emptyAfterM = emptyAfterM
            self.repositionM = repositionM
            self.co2eSavedKgWTW = co2eSavedKgWTW
            self.co2eSavedKgTTW = co2eSavedKgTTW
            self.fuelSavedLitres = fuelSavedLitres
            self.companyA = companyA
            self.companyB = companyB
            self.vehicle = vehicle
            self.fuel = fuel
            self.legs = legs
        }
    }

    /// A valid shipment left alone, and why.
    public struct Unpaired: Sendable, Hashable {
        public var id: String
        public var reason: String
        public var company: String?

        public init(id: String, reason: String, company: String? = nil) {
            self.id = id
            self.reason = reason
            self.company = company
        }
    }

    /// An observed empty run (`load_status=empty`).
    public struct ObservedEmpty: Sendable, Hashable {
        public var id: String
        /// `nil` when no route exists between its ends.
        public var distanceM: Int64?
        /// The paired shipment whose empty return this run plausibly is,
        /// so that the pairing replaces it (``Baselines/Replacement``);
        /// `nil` when none.
        public var replaces: String?

        public init(id: String, distanceM: Int64?, replaces: String? = nil) {
            self.id = id
            self.distanceM = distanceM
            self.replaces = replaces
        }
    }

    /// Totals for one company. With ``allocation`` set, every tour's
    /// saving is split between its companies (`--split`) and ``savedM`` and
    /// ``co2eSavedKgWTW`` are the company's share; without it, a pair between
    /// two companies is listed under both and not split between them.
    public struct CompanyTotal: Sendable, Hashable {
        public var company: String
        public var shipments: Int
        public var paired: Int
        public var pairs: Int
        public var sharedPairs: Int
        public var savedM: Int64
        public var co2eSavedKgWTW: Double
        /// The company's allocated figures (stand-alone, shared, saved; km,
        /// fuel, CO2e, money) in integer units that add up to
        /// ``MatchReport/allocation``'s total.
        public var allocation: AllocationFigures?

        public init(company: String, shipments: Int, paired: Int, pairs: Int, sharedPairs: Int, savedM: Int64, co2eSavedKgWTW: Double) {
            self.company = company
            self.shipments = shipments
            self.paired = paired
            self.pairs = pairs
            self.sharedPairs = sharedPairs
            self.savedM = savedM
            self.co2eSavedKgWTW = co2eSavedKgWTW
        }
    }
}

extension MatchReport {
    /// The optimality certificate of a run (see `SpatialPairingProblem`).
    public struct Certificate: Sendable, Hashable {
        /// `certified` (optimal over every pair), `bounded` (a budget stopped
        /// the proof; ``gapM`` is proven) or `not_optimal` (greedy).
        public var optimality = "certified"
        /// For `bounded`: the proven maximum saving minus the saving found.
        public var gapM: Int64?
        /// Partners each shipment started with.
        public var initialCandidates = 0
        /// Pairs in the first candidate set.
        public var initialCandidatePairs = 0
        /// Pricing passes over all shipments.
        public var pricingRounds = 0
        /// Pairs the pricing found the bound could not rule out.
        public var pairsPriced = 0
        /// Of those, pairs that improved the matching.
        public var violations = 0
        /// Pairs whose exact legs were computed.
        public var pairsEvaluated = 0
        /// Pairs ruled out by the great-circle bound alone.
        public var pairsRuledOutByBound = 0
        /// Unpaired shipments whose reason was decided over their most
        /// promising partners only.
        public var reasonsFromTopPartners = 0
        /// The budget that stopped the pricing, if any.
        public var stoppedBy: String?
        /// The leg bound: metres of leg per great-circle metre, and slack.
        public var boundFactor: Double?
        public var boundSlackM: Double?

        public init() {}
    }
}

/// Metres as kilometres with the contract's 3 decimals.
@inlinable
func km(_ metres: Int64) -> Double { Double(metres) / 1000 }
