/// What one input file contributed to a batch.
///
/// `records == accepted + observedEmpty + rejected` for every file; blank
/// records (empty lines, or rows whose every field is empty and unquoted, as
/// Excel leaves below a table) are not data and are counted apart.
public struct BatchFileSummary: Sendable, Hashable {
    /// The file as the user named it.
    public var file: String
    public var format: BatchFormat
    public var encoding: TextEncoding
    /// The CSV dialect used, `nil` for JSON.
    public var dialect: CSVDialect?
    /// Data records: CSV rows after the header, or JSON array elements.
    public var records: Int
    /// Rows accepted as loaded shipments.
    public var accepted: Int
    /// Rows accepted as observed empty runs (`load_status=empty`).
    public var observedEmpty: Int
    public var rejected: Int
    /// Blank CSV records skipped.
    public var blankRecords: Int

    public init(
        file: String, format: BatchFormat, encoding: TextEncoding, dialect: CSVDialect?,
        records: Int = 0, accepted: Int = 0, observedEmpty: Int = 0, rejected: Int = 0, blankRecords: Int = 0
    ) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.dialect = dialect
        self.records = records
        self.accepted = accepted
        self.observedEmpty = observedEmpty
        self.rejected = rejected
        self.blankRecords = blankRecords
    }
}
