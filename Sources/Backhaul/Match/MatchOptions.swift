public import Pairing

/// Everything `backhaul match` can be asked, as typed values.
///
/// Defaults are the contract's.
public struct MatchOptions: Sendable {
    /// The report format written to standard output (without `outDirectory`).
    public enum Format: String, Sendable, CaseIterable {
        case json, csv, md, html, geojson
    }

    /// How the shipments are paired.
    public enum Strategy: String, Sendable, CaseIterable {
        /// Maximum total saving (exact maximum-weight matching).
        case optimal
        /// Best saving first; a baseline to show what optimality buys.
        case greedy
    }

    /// A road graph file (`.bhg`, OpenStreetMap, DIMACS), or `nil` for the
    /// crow-fly estimate.
    public var graphPath: String?
    /// Batch files and folders; `-` is standard input.
    public var batches: [String]
    public var format: Format = .json
    /// Write every report format into this folder instead of one to stdout.
    public var outDirectory: String?
    /// How long to wait for another run's lock on `outDirectory`, in
    /// seconds, before exiting 6.
    public var lockTimeoutSeconds = 60.0
    /// How pairs.csv (or `--format csv`) is written.
    public var csvDialect = CSVDialect.rfc4180
    public var strategy: Strategy = .optimal
    public var vehicle = "artic-40t"
    /// `true` when `--vehicle` was given: a raw OpenStreetMap graph is then
    /// built for that vehicle's size and mass, and a `.bhg` must have been.
    public var vehicleGiven = false
    public var fuel = "diesel-b7"
    public var maxDeadheadKm: Double?
    public var handlingMinutes = 45.0
    public var ignoreBodyType = false
    public var ignoreTimeWindows = false
    public var strict = false
    /// Worker threads for routing; `nil` uses every core.
    public var threads: Int?
    public var quiet = false
    /// Great-circle × `circuity` when there is no graph.
    public var circuity = 1.3
    /// Crow-fly travel speed when there is no graph.
    public var crowflySpeedKmh = 70.0
    /// Points farther than this from the roads are unreachable.
    public var maxSnapMetres = 1000.0
    /// The unit of DIMACS arc weights: `m` or `dm`.
    public var dimacsUnit = "m"
    /// The road profile used when `graphPath` is a raw OpenStreetMap file.
    public var profile = "hgv"
    /// A JSON file replacing or adding vehicles and fuels.
    public var factorsFile: String?
    /// Put the run's date and time into the reports.
    public var stamp = false
    /// How many partners each shipment starts with before the pricing adds
    /// the pairs the optimality certificate needs (`nil`:
    /// ``SpatialPairingProblem/defaultCandidates``). The result is the same
    /// optimum whatever it is; only the work changes.
    public var candidatesPerShipment: Int?
    /// Stop the pricing after this many seconds and report the proven gap
    /// instead of a certificate (`nil`: no limit).
    public var pricingSeconds: Double?
    /// Refuse (exit 7) a batch whose estimated memory exceeds this many
    /// bytes, besides the machine's own limit.
    public var maxMemoryBytes: Int?

    /// Which router computes the road distances.
    public enum Router: String, Sendable, CaseIterable {
        /// The hierarchy stored in the `.bhg` when it has one; otherwise a
        /// hierarchy built for the run for large batches on large graphs,
        /// Dijkstra for the rest (see ``usesHierarchy(shipments:nodes:)``).
        case auto
        /// One Dijkstra search per group of legs with the same start, even
        /// when the `.bhg` stores a hierarchy.
        case dijkstra
        /// A contraction hierarchy — the stored one, or one built for the
        /// run — with restricted bucket many-to-many queries for the legs
        /// the pairing asks for, and routes unpacked from it.
        case ch
    }

    public var router: Router = .auto

    /// `--max-tour`: the most shipments one truck chains into a tour, 2…4
    /// (2: pairs, the contract's model; see `docs/tours.md`).
    public var maxTour = TourOptions.defaultMaxTour
    /// `--daily-driving-h`: 9, or 10 to let a tour use the Art. 6(1)
    /// extension of Regulation 561/2006 on up to two days.
    public var dailyDrivingHours = 9
    /// `--max-tour-km`: the longest tour, loaded and empty legs together.
    public var maxTourKm: Double?
    /// `--max-tour-h`: the longest tour from the first loading to the
    /// return home, breaks and rests included.
    public var maxTourHours: Double?
    /// `--tour-seconds`: with `--max-tour` 3 or 4, the wall-clock seconds
    /// the tours may take after the pairing; the plan and its proven gap so
    /// far are reported when they run out (``TourOptions/seconds``; `nil`:
    /// no limit). The default, ``defaultTourSeconds``, binds only on large
    /// batches (`docs/tours.md`).
    public var tourSeconds: Double? = MatchOptions.defaultTourSeconds
    /// 300 s: tours of 3 on up to 5,000 shipments finish well within it
    /// (national-5,000: about 110 s CPU), and 100,000 shipments then end
    /// within the 10 minutes with the pairing (176 s).
    public static let defaultTourSeconds: Double? = 300

    /// Splitting savings between companies, money, and the ledger.
    public var allocation = AllocationOptions()

    /// `--sensitivity`: rerun the pairing under other circuities, handling
    /// times, windows and the other strategy, and report the range of the
    /// saving (``MatchReport/Sensitivity``).
    public var sensitivity = false

    /// What makes an observed empty run one the pairing could plausibly
    /// replace (`--replace-radius-km`, `--replace-wait-h`; see
    /// ``EmptyRunReplacement``).
    public var replacementRule = EmptyRunReplacement.Rule()

    /// Whether this run routes with a contraction hierarchy: asked for, or
    /// `auto` with at least ``hierarchyMinimumShipments`` shipments on a
    /// graph of at least ``hierarchyMinimumNodes`` nodes, when none is
    /// stored. Building one costs about 40 µs of CPU per node (10.7 s for
    /// New York's 264,346, `docs/benchmarks/hierarchy.md`); a Dijkstra
    /// search over the same graph about 17 ms, so a built hierarchy pays
    /// from a few hundred searches on. A stored one is always used.
    public func usesHierarchy(shipments: Int, nodes: Int) -> Bool {
        switch router {
        case .dijkstra: false
        case .ch: true
        case .auto: shipments >= Self.hierarchyMinimumShipments && nodes >= Self.hierarchyMinimumNodes
        }
    }

    public static let hierarchyMinimumShipments = 500
    public static let hierarchyMinimumNodes = 50_000

    /// `true` when the chosen output draws routes (HTML, GeoJSON, `--out`).
    public var needsGeometry: Bool {
        outDirectory != nil || format == .html || format == .geojson
    }

    public init(graphPath: String?, batches: [String]) {
        self.graphPath = graphPath
        self.batches = batches
    }
}
