public import Emissions

/// One recorded run as `backhaul ledger runs` lists it.
public struct LedgerRunSummary: Sendable, Hashable {
    public var runID: Int
    public var runDate: String
    public var recordedAt: String
    public var fingerprint: String
    public var backhaulVersion: String
    public var splitMethod: String
    public var distanceModel: String
    public var currency: String?
    /// The batch file names, in order.
    public var inputs: [String]
    /// The run that replaced this one (`--ledger-replace`), if any.
    public var supersededBy: Int?
    public var totals: AllocationFigures

    public init(runID: Int, runDate: String, recordedAt: String, fingerprint: String, backhaulVersion: String,
                splitMethod: String, distanceModel: String, currency: String?, inputs: [String], supersededBy: Int?,
                totals: AllocationFigures) {
        self.runID = runID
        self.runDate = runDate
        self.recordedAt = recordedAt
        self.fingerprint = fingerprint
        self.backhaulVersion = backhaulVersion
        self.splitMethod = splitMethod
        self.distanceModel = distanceModel
        self.currency = currency
        self.inputs = inputs
        self.supersededBy = supersededBy
        self.totals = totals
    }
}
