/// The two batch file formats.
public enum BatchFormat: String, Sendable, Hashable, CaseIterable {
    case csv
    case json

    /// The format a file name implies: `.json` (any case) is JSON, anything
    /// else CSV.
    public init(fileName: String) {
        self = fileName.lowercased().hasSuffix(".json") ? .json : .csv
    }
}
