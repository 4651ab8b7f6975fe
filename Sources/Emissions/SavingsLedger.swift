/// Accumulates the savings of chosen pairs and produces per-pair, per-company
/// and run totals.
///
/// The `match` job adds one ``PairSavingRecord`` per chosen pair. Each saving
/// is the avoided empty distance at load factor 0 (an empty truck), with the
/// pair's vehicle and fuel, on the EN 16258 basis (TTW and WTW). Companies are
/// not allocated a share: see ``CompanySaving``.
///
/// ```swift
/// var ledger = SavingsLedger(factors: .defaults)
/// try ledger.add(PairSavingRecord(pairID: "s1+s2", companyA: "Acme", companyB: "Birch",
///                                 avoidedEmptyMetres: 220_000, vehicle: "artic-40t", fuel: "diesel-b7"))
/// let report = ledger.report()   // report.total.co2eKgWTW ≈ 151.492
/// ```
public struct SavingsLedger: Sendable {
    /// The catalogue the records' keys are looked up in.
    public let factors: EmissionFactors
    private var pairs: [PairSaving] = []
    private var companies: [CompanySaving] = []
    private var companyIndex: [String?: Int] = [:]
    /// The run total so far: every pair counted once.
    public private(set) var total: Saving = .zero
    /// Models resolved so far, by the keys exactly as the records spell them.
    /// A run uses a handful of combinations, so a linear scan beats hashing.
    private var models: [(vehicle: String, fuel: String, model: EmissionModel)] = []

    /// An empty ledger over `factors`.
    public init(factors: EmissionFactors) {
        self.factors = factors
    }

    /// The number of pairs added.
    public var count: Int { pairs.count }

    /// Adds one pair.
    ///
    /// - Throws: ``PairRecordError`` when the vehicle or fuel key is unknown or
    ///   the avoided distance is negative; the ledger is then unchanged.
    /// - Complexity: amortised O(1) plus the length of the keys and company
    ///   names.
    public mutating func add(_ record: PairSavingRecord) throws(PairRecordError) {
        guard record.avoidedEmptyMetres >= 0 else {
            throw PairRecordError(
                pairID: record.pairID,
                message: "avoided empty distance is negative (\(record.avoidedEmptyMetres) m); a pair that saves nothing is not chosen")
        }
        let model = try model(vehicle: record.vehicle, fuel: record.fuel, pairID: record.pairID)
        let saving = Saving(avoidedEmptyMetres: record.avoidedEmptyMetres, model: model)
        let index = pairs.count
        pairs.append(PairSaving(record: record, saving: saving))
        total = total + saving
        credit(record.companyA, index: index, saving: saving, shared: record.isShared)
        if record.isShared {
            credit(record.companyB, index: index, saving: saving, shared: true)
        }
    }

    /// Adds every record of `records`, stopping at the first refused one.
    public mutating func add(contentsOf records: some Sequence<PairSavingRecord>) throws(PairRecordError) {
        for r in records { try add(r) }
    }

    /// The report so far: pairs in the order added, companies sorted by name
    /// with "no company" last.
    ///
    /// - Complexity: O(p + c log c) for p pairs and c companies.
    public func report() -> SavingsReport {
        let sorted = companies.sorted { a, b in
            switch (a.company, b.company) {
            case let (x?, y?): x < y
            case (.some, nil): true
            case (nil, _): false
            }
        }
        return SavingsReport(pairs: pairs, companies: sorted, total: total)
    }

    /// All records in one call.
    ///
    /// - Throws: ``PairRecordError`` for the first refused record.
    public static func report(
        for records: some Sequence<PairSavingRecord>, factors: EmissionFactors
    ) throws(PairRecordError) -> SavingsReport {
        var ledger = SavingsLedger(factors: factors)
        try ledger.add(contentsOf: records)
        return ledger.report()
    }

    private mutating func credit(_ company: String?, index: Int, saving: Saving, shared: Bool) {
        let i: Int
        if let existing = companyIndex[company] {
            i = existing
        } else {
            i = companies.count
            companyIndex[company] = i
            companies.append(CompanySaving(company: company))
        }
        companies[i].pairIndices.append(index)
        companies[i].saving = companies[i].saving + saving
        if shared {
            companies[i].sharedPairCount += 1
            companies[i].sharedSaving = companies[i].sharedSaving + saving
        }
    }

    /// The model for a key pair, resolved once per spelling of the keys.
    private mutating func model(vehicle: String, fuel: String, pairID: String) throws(PairRecordError) -> EmissionModel {
        for m in models where m.vehicle == vehicle && m.fuel == fuel { return m.model }
        do {
            let m = try factors.model(vehicle: vehicle, fuel: fuel)
            if models.count < 64 { models.append((vehicle, fuel, m)) }
            return m
        } catch {
            throw PairRecordError(pairID: pairID, message: error.description)
        }
    }
}
