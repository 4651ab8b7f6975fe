/// A published share of lorry kilometres driven empty, to read a run's own
/// shares against (`docs/baselines.md` gives the sources in full).
public struct EmptyRunningReference: Sendable, Hashable {
    /// Where the figure holds.
    public var region: String
    /// Empty vehicle-km as a fraction of all vehicle-km.
    public var emptyShare: Double
    /// The year the figure describes.
    public var year: Int
    /// Who published it, and where.
    public var source: String

    public init(region: String, emptyShare: Double, year: Int, source: String) {
        self.region = region
        self.emptyShare = emptyShare
        self.year = year
        self.source = source
    }

    /// Sweden: 17 % of the kilometres driven by Swedish-registered heavy
    /// lorries (≥ 3.5 t) in 2023 were driven without load (83 % with).
    public static let sweden = EmptyRunningReference(
        region: "Sweden", emptyShare: 0.17, year: 2023,
        source: "Trafikanalys, Lastbilstrafik 2023 (Sveriges officiella statistik), trafa.se/vagtrafik/lastbilstrafik")

    /// The EU: 21.6 % of the vehicle-km of road freight vehicles in 2024
    /// were driven by empty vehicles.
    public static let europeanUnion = EmptyRunningReference(
        region: "EU", emptyShare: 0.216, year: 2024,
        source: "Eurostat, Road freight transport by journey characteristics (Statistics Explained; road_go_ta_tott)")

    /// The figures every report shows, in order.
    public static let all = [sweden, europeanUnion]
}
