/// What a company, a tour or a run stands alone at and saves, in integer
/// report units: metres, seconds, millilitres, grams and cents (hundredths
/// of the currency).
///
/// Integers so that figures add up exactly: company figures sum to the run
/// total, and a tour's company cells to the tour (see ``LargestRemainder``).
/// Fuel and CO2e are savings only — avoided empty running at load factor 0,
/// the same basis as the rest of the report.
public struct AllocationFigures: Sendable, Hashable, AdditiveArithmetic {
    /// Shipments counted (every valid reachable shipment of the company).
    public var shipments = 0
    /// Tours (pairs included) the company takes part in.
    public var tours = 0
    /// Every shipment on its own truck: loaded legs plus own empty returns.
    public var standaloneMetres = 0
    public var standaloneSeconds = 0
    /// The allocated saving against stand-alone.
    public var savedMetres = 0
    public var savedSeconds = 0
    public var fuelSavedMillilitres = 0
    public var co2eSavedGramsTTW = 0
    public var co2eSavedGramsWTW = 0
    /// Stand-alone cost in cents (0 without cost rates; per company and run
    /// only, not per tour cell).
    public var standaloneCents = 0
    /// Money saved, in cents (0 without cost rates).
    public var savedCents = 0

    public init() {}

    /// Stand-alone minus saved: the company's allocated share of the driving.
    @inlinable public var sharedMetres: Int { standaloneMetres - savedMetres }
    @inlinable public var sharedSeconds: Int { standaloneSeconds - savedSeconds }
    @inlinable public var sharedCents: Int { standaloneCents - savedCents }

    public static let zero = AllocationFigures()

    public static func + (a: AllocationFigures, b: AllocationFigures) -> AllocationFigures {
        var r = AllocationFigures()
        r.shipments = a.shipments + b.shipments
        r.tours = a.tours + b.tours
        r.standaloneMetres = a.standaloneMetres + b.standaloneMetres
        r.standaloneSeconds = a.standaloneSeconds + b.standaloneSeconds
        r.savedMetres = a.savedMetres + b.savedMetres
        r.savedSeconds = a.savedSeconds + b.savedSeconds
        r.fuelSavedMillilitres = a.fuelSavedMillilitres + b.fuelSavedMillilitres
        r.co2eSavedGramsTTW = a.co2eSavedGramsTTW + b.co2eSavedGramsTTW
        r.co2eSavedGramsWTW = a.co2eSavedGramsWTW + b.co2eSavedGramsWTW
        r.standaloneCents = a.standaloneCents + b.standaloneCents
        r.savedCents = a.savedCents + b.savedCents
        return r
    }

    public static func - (a: AllocationFigures, b: AllocationFigures) -> AllocationFigures {
        var r = AllocationFigures()
        r.shipments = a.shipments - b.shipments
        r.tours = a.tours - b.tours
        r.standaloneMetres = a.standaloneMetres - b.standaloneMetres
        r.standaloneSeconds = a.standaloneSeconds - b.standaloneSeconds
        r.savedMetres = a.savedMetres - b.savedMetres
        r.savedSeconds = a.savedSeconds - b.savedSeconds
        r.fuelSavedMillilitres = a.fuelSavedMillilitres - b.fuelSavedMillilitres
        r.co2eSavedGramsTTW = a.co2eSavedGramsTTW - b.co2eSavedGramsTTW
        r.co2eSavedGramsWTW = a.co2eSavedGramsWTW - b.co2eSavedGramsWTW
        r.standaloneCents = a.standaloneCents - b.standaloneCents
        r.savedCents = a.savedCents - b.savedCents
        return r
    }
}
