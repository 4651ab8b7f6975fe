import Pairing
import Routing

/// `backhaul route`: one shortest route between two points of a road graph.
public enum RouteJob {
    /// Loads the graph, finds the route and writes it to standard output.
    ///
    /// A route that does not exist (no road connects the points, or a point
    /// is farther than `--max-snap-m` from the roads) is an answer, not an
    /// error: it is reported with `"reachable": false` and exit 0.
    ///
    /// - Throws: ``CommandFailure``: exit 2 for a missing graph file or
    ///   GeoJSON asked of a graph without coordinates; exit 3 for an invalid
    ///   graph, a node id it does not have, or a coordinate on a graph
    ///   without coordinates.
    public static func run(_ options: RouteOptions, console: Console) throws(CommandFailure) -> ExitStatus {
        console.phase("Loading \(options.graphPath)")
        let network = try RoadNetwork.load(
            options.graphPath, dimacsUnit: options.dimacsUnit, profile: options.profile,
            vehicle: try options.vehicle.dimensions(profile: options.profile), console: console)
        if options.format == .geojson && !network.graph.hasCoordinates {
            throw .usage("--format geojson needs node coordinates, and the graph \(network.file) has none"
                + (network.graph.profile == "dimacs" ? " (no .co file beside it)" : ""))
        }
        let result = try compute(options, network: network)
        let text: String
        switch options.format {
        case .text: text = result.text()
        case .json: text = result.json().serialized()
        case .geojson: text = result.geoJSON().serialized()
        }
        Console.writeStdout(text)
        return .success
    }

    /// The route between the two points of `options` on `network`.
    public static func compute(_ options: RouteOptions, network: RoadNetwork) throws(CommandFailure) -> RouteResult {
        func place(_ location: Location, _ name: String) throws(CommandFailure) -> Result<NetworkPoint, RoadNetwork.PointFailure> {
            let r = network.point(for: location, maxSnapMetres: options.maxSnapMetres)
            if case .failure(let f) = r, f.kind != .tooFar {
                throw .invalidInput("--\(name) (the \(name == "from" ? "origin" : "destination")): \(f.message)")
            }
            return r
        }
        let from = try place(options.from, "from")
        let to = try place(options.to, "to")
        var route: Route?
        var reason: String?
        switch (from, to) {
        case (.success(let s), .success(let t)):
            var search = ShortestPathSearch(graph: network.graph)
            do {
                route = try search.route(from: s, to: t)
            } catch {
                throw .invalidInput("\(network.file): \(error.description)")
            }
            if route == nil {
                reason = "no road leads from the origin to the destination for this vehicle"
                    + " (one-way streets, turn restrictions, barriers, destination-only roads or limits cut them apart)"
            }
        case (.failure(let f), .failure(let g)):
            reason = "origin: \(f.message); destination: \(g.message)"
        case (.failure(let f), _):
            reason = "origin: \(f.message)"
        case (_, .failure(let f)):
            reason = "destination: \(f.message)"
        }
        let geometry: [Coordinate]
        if let route, case .success(let s) = from, case .success(let t) = to {
            geometry = route.coordinates(in: network.graph, from: s, to: t)
        } else {
            geometry = []
        }
        return RouteResult(
            network: network, from: options.from, to: options.to,
            fromPoint: try? from.get(), toPoint: try? to.get(), route: route, geometry: geometry,
            unreachableReason: reason)
    }
}
