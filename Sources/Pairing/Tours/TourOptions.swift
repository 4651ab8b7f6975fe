/// How shipments are chained into tours: the longest tour, the limits on
/// each tour, the driving-time rules, and the pair rules every tour keeps.
///
/// A tour serves 2…``maxTour`` shipments with one truck in a cycle —
/// loaded, empty to the next origin, loaded, …, empty home to the first
/// origin, where the truck is based. A pair is a tour of 2; with
/// `maxTour == 2` the result is exactly the optimal pairing of
/// ``PairingProblem/pair(options:)`` (when the driving rules are off, or
/// never bind).
public struct TourOptions: Sendable, Hashable {
    /// The rules every pair of shipments in a tour keeps (body types,
    /// vehicles, time windows, handling time, the deadhead limit on every
    /// repositioning leg). ``PairingOptions/strategy`` and
    /// ``PairingOptions/candidatesPerShipment`` are not used.
    public var pairing: PairingOptions
    /// `--max-tour`: the most shipments in one tour, 2…4. The default, 2,
    /// is the contract's pairing; `docs/tours.md` gives what 3 and 4 save
    /// and cost, and why 2 stays the default.
    public var maxTour: Int
    /// `--max-tour-km` in metres: the longest tour, loaded and empty legs
    /// together; `nil` for no limit.
    public var maxTourMetres: Int?
    /// `--max-tour-h` in seconds: the longest tour from the first loading to
    /// the return home, breaks and rests included; `nil` for no limit.
    public var maxTourSeconds: Int?
    /// The driving-time law every schedule keeps; `nil` schedules driving
    /// and handling only (the pair timing model of `docs/pairing.md`).
    public var drivingRules: DrivingRules?
    /// How many rounds of local search improve the tours (each round tries
    /// every shipment once); more rounds can only lower the total. The
    /// search also stops when a round improves nothing.
    public var searchRounds: Int
    /// `--tour-seconds`: wall-clock seconds for the tours after the pairing
    /// (`nil`: no limit). When they run out, the assignment bound, the
    /// column generation, the exact pricing, the dive and the search stop
    /// where they are; the plan found so far is reported with the lower
    /// bound proven so far (a stopped assignment bound still gives one over
    /// every leg, weaker than its optimum), and
    /// ``TourStatistics/budgetStop`` says where it stopped. A run the
    /// budget stops is not reproducible to the metre: it depends on the
    /// machine's speed and load.
    public var seconds: Double?

    /// The default ``maxTour``.
    public static let defaultMaxTour = 2

    /// Options with the defaults of `backhaul match` unless given.
    public init(
        pairing: PairingOptions = PairingOptions(), maxTour: Int = TourOptions.defaultMaxTour,
        maxTourMetres: Int? = nil, maxTourSeconds: Int? = nil, drivingRules: DrivingRules? = .eu561,
        searchRounds: Int = 8, seconds: Double? = nil
    ) {
        self.pairing = pairing
        self.maxTour = maxTour
        self.maxTourMetres = maxTourMetres
        self.maxTourSeconds = maxTourSeconds
        self.drivingRules = drivingRules
        self.searchRounds = searchRounds
        self.seconds = seconds
    }

    /// Why options are unusable, or `nil`.
    public var problem: String? {
        if !(2...4).contains(maxTour) { return "the longest tour is 2, 3 or 4 shipments, not \(maxTour)" }
        if let m = maxTourMetres, m < 0 { return "the tour length limit is negative" }
        if let s = maxTourSeconds, s < 0 { return "the tour duration limit is negative" }
        if pairing.handlingSeconds < 0 { return "the handling time is negative" }
        if searchRounds < 0 { return "the number of search rounds is negative" }
        if let s = seconds, !(s >= 0) { return "the time budget of the tours is negative" }
        return nil
    }
}
