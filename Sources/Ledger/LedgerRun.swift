public import Emissions

/// One `match` run as the ledger records it: plain values, no routing,
/// pairing or report types (Ledger does not import Backhaul).
///
/// Figures are integer report units (``AllocationFigures``: metres,
/// seconds, millilitres, grams, cents) that add up exactly: the tours'
/// allocations to the tours, the companies to ``totals``.
public struct LedgerRun: Sendable, Hashable {
    /// Identifies the run's inputs and options: 64 hex digits (SHA-256; see
    /// docs/ledger.md for what is hashed). The same fingerprint is recorded
    /// once.
    public var fingerprint: String
    /// The day the run is about, `YYYY-MM-DD` (reports filter and group by
    /// it).
    public var runDate: String
    /// The `backhaul` version that computed it.
    public var backhaulVersion: String
    /// `shapley`, `equal-profit` or `proportional`.
    public var splitMethod: String
    /// `road` or `crowfly`.
    public var distanceModel: String
    /// The currency of the cents figures, or `nil` when no cost rates were
    /// given.
    public var currency: String?
    /// Every option that shaped the result, by name.
    public var parameters: [Parameter]
    /// The batch files read, in order.
    public var inputs: [Input]
    /// Per company: every valid shipment, paired or not.
    public var companies: [Company]
    /// Pairs and tours, in report order.
    public var tours: [Tour]
    /// The run's totals (the companies' sum).
    public var totals: AllocationFigures

    public init(
        fingerprint: String, runDate: String, backhaulVersion: String, splitMethod: String, distanceModel: String,
        currency: String?, parameters: [Parameter], inputs: [Input], companies: [Company], tours: [Tour],
        totals: AllocationFigures
    ) {
        self.fingerprint = fingerprint
        self.runDate = runDate
        self.backhaulVersion = backhaulVersion
        self.splitMethod = splitMethod
        self.distanceModel = distanceModel
        self.currency = currency
        self.parameters = parameters
        self.inputs = inputs
        self.companies = companies
        self.tours = tours
        self.totals = totals
    }

    /// An option and its value, as text.
    public struct Parameter: Sendable, Hashable {
        public var key: String
        public var value: String?

        public init(_ key: String, _ value: String?) {
            self.key = key
            self.value = value
        }
    }

    /// A batch file: its name as given, its size and SHA-256 (`nil` for
    /// standard input or a file that could not be read again).
    public struct Input: Sendable, Hashable {
        public var name: String
        public var bytes: Int?
        public var sha256: String?

        public init(name: String, bytes: Int?, sha256: String?) {
            self.name = name
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// A company's figures for the whole run.
    public struct Company: Sendable, Hashable {
        public var name: String
        public var figures: AllocationFigures

        public init(name: String, figures: AllocationFigures) {
            self.name = name
            self.figures = figures
        }
    }

    /// One truck cycle: a pair or a tour of up to four shipments.
    public struct Tour: Sendable, Hashable {
        public var vehicle: String
        public var fuel: String
        /// The tour's baseline and savings.
        public var figures: AllocationFigures
        /// In service order.
        public var shipments: [Shipment]
        /// One per company in the tour; their figures sum to ``figures``.
        public var allocations: [Allocation]

        public init(vehicle: String, fuel: String, figures: AllocationFigures, shipments: [Shipment], allocations: [Allocation]) {
            self.vehicle = vehicle
            self.fuel = fuel
            self.figures = figures
            self.shipments = shipments
            self.allocations = allocations
        }

        /// The companies of the tour, sorted and joined with ` + `: how
        /// `ledger report --by pair` names a partnership.
        public var partners: String {
            if allocations.count == 1 { return allocations[0].company }
            var names = allocations.map(\.company)
            names.sort()
            var unique: [String] = []
            for n in names where unique.last != n { unique.append(n) }
            return unique.joined(separator: " + ")
        }
    }

    /// A shipment of a tour with what the export needs.
    public struct Shipment: Sendable, Hashable {
        public var id: String
        public var company: String
        public var loadedMetres: Int
        /// Its own empty return (the baseline).
        public var returnMetres: Int
        /// Cargo weight, when the batch gave one.
        public var weightKg: Double?
        /// Its part of its company's allocated saving in the tour, in metres.
        public var savedMetres: Int
        /// Emissions as driven in the tour: its loaded leg plus its part of
        /// the tour's empty running, in grams CO2e.
        public var co2eGramsTTW: Int
        public var co2eGramsWTW: Int
        /// Avoided against its own truck, in grams CO2e.
        public var avoidedGramsTTW: Int
        public var avoidedGramsWTW: Int

        public init(
            id: String, company: String, loadedMetres: Int, returnMetres: Int, weightKg: Double?, savedMetres: Int,
            co2eGramsTTW: Int, co2eGramsWTW: Int, avoidedGramsTTW: Int, avoidedGramsWTW: Int
        ) {
            self.id = id
            self.company = company
            self.loadedMetres = loadedMetres
            self.returnMetres = returnMetres
            self.weightKg = weightKg
            self.savedMetres = savedMetres
            self.co2eGramsTTW = co2eGramsTTW
            self.co2eGramsWTW = co2eGramsWTW
            self.avoidedGramsTTW = avoidedGramsTTW
            self.avoidedGramsWTW = avoidedGramsWTW
        }
    }

    /// A company's share of a tour.
    public struct Allocation: Sendable, Hashable {
        public var company: String
        /// The method's unrounded share in metres.
        public var shareMetres: Double
        public var figures: AllocationFigures

        public init(company: String, shareMetres: Double, figures: AllocationFigures) {
            self.company = company
            self.shareMetres = shareMetres
            self.figures = figures
        }
    }
}
