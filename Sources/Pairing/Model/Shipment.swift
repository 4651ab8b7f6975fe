/// One full load that must go from an origin to a destination (A→B).
///
/// The baseline the contract measures against: the truck drives A→B loaded
/// and B→A back empty. Pairing two shipments removes (part of) those empty
/// returns.
public struct Shipment: Sendable, Hashable, Identifiable {
    /// Unique across all files of a run.
    public var id: String
    /// Who ships it; reports group by it. `nil` when the batch leaves it empty.
    public var company: String?
    public var origin: Location
    public var destination: Location
    public var pickupEarliest: Timestamp?
    public var pickupLatest: Timestamp?
    public var deliveryLatest: Timestamp?
    /// Cargo weight in kilograms, exactly as given.
    public var weightKg: Double?
    /// `nil` is compatible with every body type.
    public var bodyType: BodyType?
    /// Vehicle class override (an `Emissions` vehicle key), as given.
    public var vehicle: String?
    /// Fuel override (an `Emissions` fuel key), as given.
    public var fuel: String?
    /// `.empty` marks an observed empty run from freight-model data: counted,
    /// never matched.
    public var loadStatus: LoadStatus
    /// Where the shipment was read from.
    public var source: SourceLine

    public init(
        id: String, company: String? = nil, origin: Location, destination: Location,
        pickupEarliest: Timestamp? = nil, pickupLatest: Timestamp? = nil, deliveryLatest: Timestamp? = nil,
        weightKg: Double? = nil, bodyType: BodyType? = nil, vehicle: String? = nil, fuel: String? = nil,
        loadStatus: LoadStatus = .loaded, source: SourceLine = SourceLine(file: "", line: 0)
    ) {
        self.id = id
        self.company = company
        self.origin = origin
        self.destination = destination
        self.pickupEarliest = pickupEarliest
        self.pickupLatest = pickupLatest
        self.deliveryLatest = deliveryLatest
        self.weightKg = weightKg
        self.bodyType = bodyType
        self.vehicle = vehicle
        self.fuel = fuel
        self.loadStatus = loadStatus
        self.source = source
    }
}

/// Whether a row is a load to carry or an observed empty movement.
public enum LoadStatus: String, Sendable, Hashable, CaseIterable {
    case loaded
    case empty
}

/// A file and 1-based line (for CSV, the line the record starts on; for
/// JSON, the line of the object's opening brace).
public struct SourceLine: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public static func < (a: SourceLine, b: SourceLine) -> Bool {
        (a.file, a.line) < (b.file, b.line)
    }

    public var description: String { "\(file):\(line)" }
}
