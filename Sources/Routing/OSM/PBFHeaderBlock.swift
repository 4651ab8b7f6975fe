/// The `HeaderBlock` of an OpenStreetMap PBF file: what a reader must
/// understand to read the file, and who wrote it
/// (https://wiki.openstreetmap.org/wiki/PBF_Format, "Definition of the
/// OSMHeader fileblock").
struct PBFHeaderBlock: Sendable, Hashable {
    /// Features the reader must support (`OsmSchema-V0.6`, `DenseNodes`,
    /// `HistoricalInformation`, …).
    var requiredFeatures: [String] = []
    /// Features the writer used that a reader may ignore
    /// (`Sort.Type_then_ID`, `LocationsOnWays`, …).
    var optionalFeatures: [String] = []
    /// `writingprogram`, e.g. `osmium/1.8.0`.
    var writingProgram: String?

    /// The required features this reader implements.
    static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

    /// Parses a decompressed `HeaderBlock`.
    init(_ bytes: UnsafeRawBufferPointer) throws(ProtobufError) {
        var r = ProtobufReader(bytes)
        while let (field, wt) = try r.nextField() {
            switch (field, wt) {
            case (4, .lengthDelimited): requiredFeatures.append(try r.readString())
            case (5, .lengthDelimited): optionalFeatures.append(try r.readString())
            case (16, .lengthDelimited): writingProgram = try r.readString()
            default: try r.skip(wt)
            }
        }
    }

    /// The header facts worth reporting, detached from the file's bytes.
    struct Summary: Sendable, Hashable {
        var requiredFeatures: [String] = []
        var optionalFeatures: [String] = []
        var writingProgram: String?
    }

    /// The required features this reader does not implement.
    var unsupportedFeatures: [String] {
        requiredFeatures.filter { !Self.supportedFeatures.contains($0) }
    }
}
