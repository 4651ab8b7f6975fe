/// Where a default or user-supplied emission value comes from.
///
/// Every vehicle class and fuel carries one, so that `backhaul emissions
/// --list` and the reports can say which publication (or which factors file)
/// a number was taken from. A coordinator who quotes a saving must be able to
/// cite it.
public struct FactorSource: Sendable, Hashable, CustomStringConvertible {
    /// The publication, standard or data set, written for a reader (for
    /// example `EN 16258:2012, Annex A`).
    public var citation: String
    /// The year of the publication, or for backhaul's own defaults the year the
    /// value was set.
    public var year: Int
    /// The factors file the value was read from, or `nil` for a built-in
    /// default.
    public var file: String?

    /// Creates a source.
    public init(citation: String, year: Int, file: String? = nil) {
        self.citation = citation
        self.year = year
        self.file = file
    }

    /// `citation (year)`, followed by `[from FILE]` for values read from a
    /// factors file.
    public var description: String {
        var s = "\(citation) (\(year))"
        if let file { s += " [from \(file)]" }
        return s
    }
}
