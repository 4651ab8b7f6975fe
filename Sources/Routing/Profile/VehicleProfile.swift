/// Which OpenStreetMap ways a vehicle may drive on, in which directions and
/// how fast: the road filter behind every OSM graph.
///
/// Two profiles are built in: ``hgv`` (the default; an articulated heavy
/// goods vehicle, 40 t, 4 m high, 2.55 m wide, 16.5 m long) and ``car``.
/// The rules, the speed table and their sources are in
/// `docs/hgv-profile.md`; in short:
///
/// - **Roads**: `highway` = motorway, trunk, primary, secondary, tertiary
///   (and their `_link`s), unclassified, residential, living_street,
///   service, road; plus `route=ferry` when motor vehicles are explicitly
///   allowed on it. Tracks, paths, pedestrian streets, areas
///   (`area=yes`), `service=emergency_access` and `impassable=yes` are out.
/// - **Access**: the most specific tag with a known value decides, in the
///   order of ``accessHierarchy`` (for trucks `hgv`, `goods`,
///   `motor_vehicle`, `vehicle`, `access`). `no`, `private` & co. exclude the
///   way; `destination`, `delivery`, `customers`, `discouraged` keep it with
///   the travel time multiplied by ``restrictedAccessFactor``.
/// - **Dimensions** (``dimensions``): `maxweight`, `maxheight`, `maxwidth`,
///   `maxlength` below the vehicle's exclude the way.
/// - **Direction**: `oneway` (`yes`/`true`/`1`, `-1`, `no`); implied on
///   motorways, motorway links and roundabouts; `reversible` ways are out.
/// - **Speed**: the class default from ``defaultSpeedsKmh``, or
///   ``maxspeedFactor`` × the tagged `maxspeed` (`maxspeed:hgv` for trucks,
///   `:forward`/`:backward` per direction), then capped by
///   ``speedCapKmh(at:)`` (trucks: 80 km/h in Sweden, 90 km/h elsewhere).
public struct VehicleProfile: Sendable, Hashable {
    /// The kind of vehicle.
    public enum Vehicle: String, Sendable, Hashable, CaseIterable {
        /// A heavy goods vehicle (over 3.5 t; by default a 40 t articulated
        /// truck).
        case hgv
        /// A passenger car.
        case car
    }

    /// Physical size and mass of the vehicle, checked against `maxweight`,
    /// `maxheight`, `maxwidth` and `maxlength`.
    public struct Dimensions: Sendable, Hashable {
        /// Gross weight in tonnes (against `maxweight`, `maxweightrating`).
        public var weightTonnes: Double
        /// Height in metres (against `maxheight`).
        public var heightMetres: Double
        /// Width in metres (against `maxwidth`).
        public var widthMetres: Double
        /// Length in metres (against `maxlength`).
        public var lengthMetres: Double

        /// Creates dimensions.
        public init(weightTonnes: Double, heightMetres: Double, widthMetres: Double, lengthMetres: Double) {
            self.weightTonnes = weightTonnes
            self.heightMetres = heightMetres
            self.widthMetres = widthMetres
            self.lengthMetres = lengthMetres
        }

        /// The EU maximum for a five- or six-axle articulated vehicle in
        /// international traffic: 40 t, 4.00 m, 2.55 m, 16.50 m (Council
        /// Directive 96/53/EC, Annex I).
        public static let euArticulated = Dimensions(weightTonnes: 40, heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 16.5)
    }

    /// The legal top speed of the vehicle, whatever the road allows.
    public enum SpeedCap: Sendable, Hashable {
        /// No cap beyond the road's speed.
        case none
        /// The same cap everywhere, in km/h.
        case fixed(Double)
        /// Heavy goods vehicles: 80 km/h on Swedish roads (trafikförordningen
        /// (1998:1276) 4 kap. 20 §: heavy lorry 80, 90 on motorways only
        /// without a trailer, and 80 for any vehicle with a trailer; the
        /// default vehicle is a tractor with a semitrailer), 90 km/h
        /// elsewhere (the speed limiter required by Council Directive 92/6/EEC
        /// as amended by 2002/85/EC for N2/N3 vehicles). Sweden is told by
        /// ``SwedenOutline``.
        case swedishRules
    }

    /// The kind of vehicle; also the profile's name (`hgv`, `car`).
    public let vehicle: Vehicle
    /// Checked against the dimension tags; `nil` skips the checks.
    public var dimensions: Dimensions?
    /// The vehicle's own speed limit.
    public var speedCap: SpeedCap
    /// Travel time multiplier on roads the vehicle may use only to reach a
    /// place on them (`destination`, `delivery`, `customers`) or that are
    /// signed as unsuitable (`discouraged`). 2 by default.
    public var restrictedAccessFactor: Double
    /// The share of a tagged `maxspeed` that traffic reaches on average
    /// (0.8, as OSRM's car profile, whose `speed_reduction` this is).
    public var maxspeedFactor: Double

    /// Creates a profile.
    public init(
        vehicle: Vehicle, dimensions: Dimensions?, speedCap: SpeedCap,
        restrictedAccessFactor: Double = 2, maxspeedFactor: Double = 0.8
    ) {
        self.vehicle = vehicle
        self.dimensions = dimensions
        self.speedCap = speedCap
        self.restrictedAccessFactor = restrictedAccessFactor
        self.maxspeedFactor = maxspeedFactor
    }

    /// A 40 t articulated truck, capped at 80 km/h in Sweden and 90 km/h
    /// elsewhere.
    public static let hgv = VehicleProfile(vehicle: .hgv, dimensions: .euArticulated, speedCap: .swedishRules)

    /// A passenger car.
    public static let car = VehicleProfile(vehicle: .car, dimensions: nil, speedCap: .none)

    /// The built-in profile called `name` (`hgv` or `car`), or `nil`.
    public init?(name: String) {
        switch name.lowercased() {
        case "hgv", "truck": self = .hgv
        case "car": self = .car
        default: return nil
        }
    }

    /// The profile's name as recorded in graphs (`hgv`, `car`).
    public var name: String { vehicle.rawValue }

    /// The names ``init(name:)`` accepts, for usage messages.
    public static let names = Vehicle.allCases.map(\.rawValue)

    /// Access tags from the most to the least specific.
    ///
    /// For trucks `goods` (light goods vehicles in OSM's own hierarchy) sits
    /// between `hgv` and `motor_vehicle`: when a way restricts light goods
    /// vehicles and says nothing about heavy ones, the restriction is taken to
    /// cover trucks too (see `docs/hgv-profile.md`).
    public var accessHierarchy: [WayTags.Key] {
        switch vehicle {
        case .hgv: [.hgv, .goods, .motorVehicle, .vehicle, .access]
        case .car: [.motorcar, .motorVehicle, .vehicle, .access]
        }
    }

    /// Typical free-flow speeds per `highway` class in km/h, used when a way
    /// has no usable `maxspeed`: the defaults of OSRM's car profile
    /// (`profiles/car.lua`, Project-OSRM/osrm-backend v5), plus `road` (an
    /// unknown class) at 20 km/h.
    public static let defaultSpeedsKmh: [String: Double] = [
        "motorway": 90, "motorway_link": 45,
        "trunk": 85, "trunk_link": 40,
        "primary": 65, "primary_link": 30,
        "secondary": 55, "secondary_link": 25,
        "tertiary": 40, "tertiary_link": 20,
        "unclassified": 25, "residential": 25,
        "living_street": 10, "service": 15, "road": 20,
    ]

    /// Speeds for `service=*` kinds that are slower than a general service
    /// road (OSRM car profile `service_speeds`), km/h.
    public static let serviceSpeedsKmh: [String: Double] = [
        "alley": 5, "parking": 5, "parking_aisle": 5, "driveway": 5, "drive-through": 5, "drive-thru": 5,
    ]

    /// Ferry speed when the way has no `duration` (km/h; OSRM's value, which
    /// stands for boarding and waiting as much as for sailing).
    public static let ferrySpeedKmh = 5.0

    /// The vehicle's top speed at `coordinate` in km/h, or `nil` for none.
    public func speedCapKmh(at coordinate: Coordinate) -> Double? {
        switch speedCap {
        case .none: nil
        case .fixed(let v): v
        case .swedishRules: SwedenOutline.contains(coordinate) ? 80 : 90
        }
    }

    /// How the vehicle may use a way with `tags`, or `nil` when it may not.
    ///
    /// - Complexity: O(number of tags the profile reads).
    public func rule(for tags: WayTags) -> WayRule? {
        var isFerry = false
        var base: Double
        if let highway = tags[.highway], let s = Self.defaultSpeedsKmh[highway] {
            base = s
        } else if tags[.route] == "ferry" {
            isFerry = true
            base = Self.ferrySpeedKmh
        } else {
            return nil
        }
        if tags[.area] == "yes" || tags[.impassable] == "yes" { return nil }
        if !isFerry, tags[.highway] == "service", let service = tags[.service] {
            if service == "emergency_access" { return nil }
            if let s = Self.serviceSpeedsKmh[service] { base = min(base, s) }
        }

        // Access: the most specific known value decides.
        var access: OSMValue.Access?
        for key in accessHierarchy {
            if let raw = tags[key], let a = OSMValue.access(raw) {
                access = a
                break
            }
        }
        if access == .forbidden { return nil }
        // Ferries carry motor vehicles only when the data says so.
        if isFerry && access == nil { return nil }
        let factor = access == .restricted ? restrictedAccessFactor : 1

        if let d = dimensions, !fits(d, tags) { return nil }

        // Direction.
        var forward = true, backward = true
        let explicit = tags[.oneway].flatMap(OSMValue.oneway)
        switch explicit {
        case .reversible?: return nil
        case .forward?: backward = false
        case .backward?: forward = false
        case .bothWays?: break
        case nil:
            let junction = tags[.junction]
            let highway = tags[.highway]
            if !isFerry && (junction == "roundabout" || junction == "circular"
                || highway == "motorway" || highway == "motorway_link") {
                backward = false
            }
        }

        // Speed.
        var forwardSpeed = base, backwardSpeed = base
        var fixedDuration: Double?
        if isFerry {
            fixedDuration = tags[.duration].flatMap(OSMValue.seconds)
        } else {
            let general = tags[.maxspeed].flatMap(OSMValue.speedKmh)
                ?? tags[.maxspeedType].flatMap(Self.zoneSpeedKmh)
                ?? tags[.sourceMaxspeed].flatMap(Self.zoneSpeedKmh)
            let vehicleLimit = vehicle == .hgv ? tags[.maxspeedHGV].flatMap(OSMValue.speedKmh) : nil
            func limit(_ directional: WayTags.Key) -> Double? {
                let l = tags[directional].flatMap(OSMValue.speedKmh) ?? general
                switch (l, vehicleLimit) {
                case let (a?, b?): return min(a, b)
                case let (a, b): return a ?? b
                }
            }
            if let l = limit(.maxspeedForward) { forwardSpeed = l * maxspeedFactor }
            if let l = limit(.maxspeedBackward) { backwardSpeed = l * maxspeedFactor }
        }
        return WayRule(
            forwardSpeedKmh: forward ? Float(max(1, forwardSpeed)) : 0,
            backwardSpeedKmh: backward ? Float(max(1, backwardSpeed)) : 0,
            durationFactor: Float(factor),
            fixedDurationSeconds: fixedDuration.map { Float($0) },
            isFerry: isFerry
        )
    }

    /// A speed from `maxspeed:type` / `source:maxspeed`, which may only hold
    /// an implicit zone value (`SE:urban`), never a sign's number.
    private static func zoneSpeedKmh(_ raw: String) -> Double? {
        let s = OSMValue.normalised(raw)
        guard s.contains(":") else { return nil }
        return OSMValue.implicitSpeedLimit(s)
    }

    /// `false` when a dimension tag forbids a vehicle of size `d`.
    private func fits(_ d: Dimensions, _ tags: WayTags) -> Bool {
        for key in [WayTags.Key.maxweight, .maxweightHGV, .maxweightrating, .maxweightratingHGV] {
            if let t = tags[key].flatMap(OSMValue.tonnes), t < d.weightTonnes { return false }
        }
        if let h = tags[.maxheight].flatMap(OSMValue.metres), h < d.heightMetres { return false }
        if let w = tags[.maxwidth].flatMap(OSMValue.metres), w < d.widthMetres { return false }
        if let l = tags[.maxlength].flatMap(OSMValue.metres), l < d.lengthMetres { return false }
        return true
    }
}
