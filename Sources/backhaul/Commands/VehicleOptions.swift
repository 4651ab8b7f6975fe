import Backhaul

/// The vehicle options shared by `graph build`, `route` and `matrix`:
/// a vehicle class and single figures to override.
enum VehicleOptions {
    static let specs: [OptionSpec] = [
        .value("vehicle", "vehicle", help: "Vehicle class whose size and weight limit the roads (hgv profile): artic-40t (default: 40 t, 4.00 m, 2.55 m, 16.50 m), artic-64t (64 t, 25.25 m), rigid-26t (26 t, 12 m)."),
        .value("height-m", "metres", help: "Vehicle height, overriding the class's (maxheight, clearances)."),
        .value("width-m", "metres", help: "Vehicle width, overriding the class's (maxwidth, width)."),
        .value("length-m", "metres", help: "Vehicle length, overriding the class's (maxlength)."),
        .value("weight-t", "tonnes", help: "Gross weight, overriding the class's (maxweight)."),
        .value("axle-load-t", "tonnes", help: "Heaviest axle load, overriding the class's (maxaxleload)."),
    ]

    static func parse(_ args: ParsedArguments) throws(CommandFailure) -> RoadVehicle {
        RoadVehicle(
            key: args.string("vehicle"),
            heightMetres: try args.double("height-m", in: 0.5...10),
            widthMetres: try args.double("width-m", in: 0.5...10),
            lengthMetres: try args.double("length-m", in: 1...60),
            weightTonnes: try args.double("weight-t", in: 0.1...200),
            axleLoadTonnes: try args.double("axle-load-t", in: 0.1...50))
    }
}
