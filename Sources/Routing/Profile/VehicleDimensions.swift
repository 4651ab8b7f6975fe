/// The size and mass of a vehicle, checked against the physical and legal
/// limits of roads (`maxheight`, `maxwidth`, `width`, `maxweight`,
/// `maxaxleload`, `maxlength`, barriers with a clearance).
///
/// A plain value: the emissions module's vehicle classes carry the same
/// figures, and `Backhaul` maps one to the other (Routing does not import
/// Emissions). A graph records the dimensions it was built for
/// (``RoadGraph/vehicle``), so that a graph built for a 40 t articulated
/// truck is not used for a 64 t combination without a rebuild.
public struct VehicleDimensions: Sendable, Hashable, CustomStringConvertible {
    /// A short name (`artic-40t`, `car`), for messages and graph files.
    public var name: String
    /// Gross weight in tonnes (against `maxweight`, `maxweightrating`).
    public var weightTonnes: Double
    /// Height in metres (against `maxheight`, `maxheight:physical`).
    public var heightMetres: Double
    /// Width in metres (against `maxwidth`, `maxwidth:physical`, `width`,
    /// `est_width`, `narrow`).
    public var widthMetres: Double
    /// Length in metres (against `maxlength`).
    public var lengthMetres: Double
    /// The heaviest axle load in tonnes (against `maxaxleload`), or `nil`
    /// when not known (the tag is then not checked).
    public var axleLoadTonnes: Double?

    /// Creates dimensions.
    public init(
        name: String = "custom", weightTonnes: Double, heightMetres: Double, widthMetres: Double,
        lengthMetres: Double, axleLoadTonnes: Double? = nil
    ) {
        self.name = name
        self.weightTonnes = weightTonnes
        self.heightMetres = heightMetres
        self.widthMetres = widthMetres
        self.lengthMetres = lengthMetres
        self.axleLoadTonnes = axleLoadTonnes
    }

    /// The EU maximum for a five- or six-axle articulated vehicle in
    /// international traffic: 40 t, 4.00 m, 2.55 m, 16.50 m, 11.5 t on the
    /// driving axle (Council Directive 96/53/EC, Annex I, 1.1, 1.2, 1.4.1,
    /// 2.2.2, 3.2): the `artic-40t` vehicle class.
    public static let euArticulated = VehicleDimensions(
        name: "artic-40t", weightTonnes: 40, heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 16.5,
        axleLoadTonnes: 11.5)

    /// A passenger car as OSRM's car profile sizes it (`vehicle_height` 2.0 m,
    /// `vehicle_width` 1.9 m, `vehicle_length` 4.8 m, `vehicle_weight`
    /// 2000 kg; profiles/car.lua, Project-OSRM/osrm-backend).
    public static let car = VehicleDimensions(
        name: "car", weightTonnes: 2, heightMetres: 2.0, widthMetres: 1.9, lengthMetres: 4.8)

    /// `artic-40t 40 t 4.00 m high 2.55 m wide 16.50 m long 11.5 t axle`.
    public var description: String {
        func f(_ x: Double) -> String {
            let v = (x * 100).rounded() / 100
            return v == v.rounded() ? String(Int(v)) : String(v)
        }
        func m(_ x: Double) -> String {
            let cm = Int((x * 100).rounded())
            return "\(cm / 100).\(cm % 100 < 10 ? "0" : "")\(cm % 100)"
        }
        var s = "\(name) (\(f(weightTonnes)) t, \(m(heightMetres)) m high, \(m(widthMetres)) m wide, \(m(lengthMetres)) m long"
        if let a = axleLoadTonnes { s += ", \(f(a)) t axle" }
        return s + ")"
    }

    /// `true` when both describe the same vehicle size (names aside), to the
    /// centimetre and 10 kg.
    public func sameSize(as other: VehicleDimensions) -> Bool {
        func cm(_ x: Double) -> Int { Int((x * 100).rounded()) }
        return cm(weightTonnes) == cm(other.weightTonnes) && cm(heightMetres) == cm(other.heightMetres)
            && cm(widthMetres) == cm(other.widthMetres) && cm(lengthMetres) == cm(other.lengthMetres)
            && axleLoadTonnes.map(cm) == other.axleLoadTonnes.map(cm)
    }
}
