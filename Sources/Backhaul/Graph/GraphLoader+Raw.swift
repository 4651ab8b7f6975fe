import Routing

extension GraphLoader {
    /// Builds the graph of a raw road file: OpenStreetMap with the chosen
    /// vehicle profile, or DIMACS with its `.co` beside it when present.
    static func buildRaw(_ path: String, options: Options) throws(CommandFailure) -> RoadGraph {
        guard let profile = VehicleProfile(name: options.profile) else {
            throw .usage("unknown profile '\(options.profile)'; expected one of \(VehicleProfile.names.joined(separator: ", "))")
        }
        guard let unit = DIMACS.Unit(rawValue: options.dimacsUnit) else {
            throw .usage("unknown DIMACS unit '\(options.dimacsUnit)'; expected m or dm")
        }
        if options.vehicle != nil, (try? GraphFile.format(of: path)) == .dimacs {
            throw .usage("\(path): --vehicle and its dimensions apply to OpenStreetMap files, not DIMACS graphs")
        }
        do {
            let vehicleProfile = options.vehicle.map { profile.with(dimensions: $0) } ?? profile
            return try GraphFile.open(path, options: GraphFile.Options(dimacsUnit: unit, profile: vehicleProfile))
        } catch {
            throw .invalidInput(error.description)
        }
    }

    /// The name of a raw file's format, for reports.
    static func rawFormatName(_ path: String) -> String {
        switch try? GraphFile.format(of: path) {
        case .dimacs: "dimacs"
        case .osmPBF: "osm-pbf"
        case .osmXML: "osm-xml"
        case .backhaulGraph: "bhg"
        case nil: "unknown"
        }
    }
}
