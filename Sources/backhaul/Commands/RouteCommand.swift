import Backhaul
import Pairing
import Routing

extension BackhaulCommand {
    static var route: CommandSpec {
        CommandSpec(
            path: ["route"],
            abstract: "Find one shortest route on a road graph.",
            discussion: """
                Reads the road graph (--graph: .bhg, .osm.pbf, .osm, .osm.gz, or DIMACS \
                .gr/.gr.gz with its .co beside it), places both ends on it and prints the \
                shortest route: distance in km (metres in JSON), duration, and in JSON and \
                GeoJSON the route along the roads as [lon, lat] pairs.

                Ends are latitude,longitude pairs (--from, --to) or node ids of the graph \
                file (--from-node, --to-node; DIMACS ids are 1-based). A point farther \
                than --max-snap-m from the roads, or with no road between the two, is \
                reported as unreachable (exit 0), with the reason: which end, how far the \
                nearest road is, whether it lies outside the network the vehicle can \
                drive in and out of, and whether latitude and longitude look swapped.

                Routes obey one-way streets, turn restrictions, barriers, destination-only \
                roads (entered only to reach a place on them) and the limits of the \
                vehicle (--vehicle, --height-m, …): a raw OpenStreetMap file is built for \
                that vehicle, and a .bhg built for another vehicle is refused.
                """,
            options: [
                .value("graph", "graph", help: "(required) The road graph file."),
                .value("from", "lat,lon", help: "Start as latitude,longitude in decimal degrees."),
                .value("to", "lat,lon", help: "End as latitude,longitude in decimal degrees."),
                .value("from-node", "id", help: "Start as a node id of the graph file (instead of --from)."),
                .value("to-node", "id", help: "End as a node id of the graph file (instead of --to)."),
                .value("format", "format", help: "Output format.", choices: RouteOptions.Format.allCases.map(\.rawValue), default: "text"),
                .value("max-snap-m", "metres", help: "Farthest a point may be from the roads.", default: "1000"),
                .value("dimacs-unit", "unit", help: "Unit of DIMACS arc weights (USA-road-d files are dm).", choices: ["m", "dm"], default: "m"),
                .value("profile", "profile", help: "Vehicle profile when --graph is a raw OpenStreetMap file.", choices: ["hgv", "car"], default: "hgv"),
            ] + VehicleOptions.specs,
            examples: [
                "backhaul route --graph samples/dimacs/NY-midtown.gr.gz --dimacs-unit dm --from-node 1 --to-node 4000",
                "backhaul route --graph samples/malta/malta-latest.osm.pbf --from 35.8170,14.5400 --to 35.9100,14.4260 --format geojson > route.geojson",
                "backhaul route --graph samples/malta/malta-latest.osm.pbf --vehicle artic-64t --from 35.8170,14.5400 --to 35.9100,14.4260",
            ],
            run: { args throws(CommandFailure) in
                func end(_ name: String) throws(CommandFailure) -> Location {
                    let coordinate = try args.coordinate(name)
                    let node = args.string(name + "-node")
                    switch (coordinate, node) {
                    case (let c?, nil):
                        return .coordinate(latitude: c.latitude, longitude: c.longitude)
                    case (nil, let text?):
                        guard let id = Int64(text) else {
                            throw args.usage("invalid value '\(text)' for '--\(name)-node <id>': expected an integer node id")
                        }
                        return .node(id)
                    case (nil, nil):
                        throw args.usage("missing expected option '--\(name) <lat,lon>' (or '--\(name)-node <id>')")
                    case (_?, _?):
                        throw args.usage("give either '--\(name)' or '--\(name)-node', not both")
                    }
                }
                var options = RouteOptions(graphPath: try args.required("graph"), from: try end("from"), to: try end("to"))
                options.format = RouteOptions.Format(rawValue: args.string("format") ?? "text") ?? .text
                options.maxSnapMetres = try args.double("max-snap-m", in: 0...Double.greatestFiniteMagnitude) ?? 1000
                options.dimacsUnit = DIMACS.Unit(rawValue: args.string("dimacs-unit") ?? "m") ?? .metres
                options.profile = args.string("profile") ?? "hgv"
                options.vehicle = try VehicleOptions.parse(args)
                return try RouteJob.run(options, console: Console(quiet: false))
            }
        )
    }
}
