/// Which OpenStreetMap ways a vehicle may drive on, in which directions and
/// how fast, which nodes block it, and which turn restrictions bind it: the
/// rules behind every OSM graph.
///
/// Two profiles are built in: ``hgv`` (the default; an articulated heavy
/// goods vehicle, 40 t, 4 m high, 2.55 m wide, 16.5 m long) and ``car``.
/// The rules, the speed table and their sources are in
/// `docs/hgv-profile.md`; they follow OSRM's car profile
/// (`profiles/car.lua`, Project-OSRM/osrm-backend) except where that page
/// says why not. In short:
///
/// - **Roads**: `highway` = motorway, trunk, primary, secondary, tertiary
///   (and their `_link`s), unclassified, residential, living_street,
///   service, road, winter_road, ice_road; `route=ferry` unless the vehicle
///   is denied; any other `highway` only when the vehicle is explicitly
///   allowed (10 km/h). Steps, areas (`area=yes`),
///   `service=emergency_access` and impassable ways are out.
/// - **Access**, per direction: the most specific tag with a known value
///   decides, in the order of ``accessHierarchy`` (for trucks `hgv`,
///   `goods`, `motor_vehicle`, `vehicle`, `access`), `…:forward` /
///   `…:backward` before the plain key. `no`, `psv` & co. exclude the
///   direction; `destination`, `private` & co. make it destination-only (no
///   through traffic); lists take their most permissive value.
/// - **Dimensions** (``dimensions``): `maxweight`, `maxheight`,
///   `maxheight:physical`, `maxwidth`, `maxwidth:physical`, `width`,
///   `est_width`, `narrow`, `maxaxleload`, `maxlength` exclude the way.
/// - **Direction**: `oneway:hgv` (`oneway:motorcar` for cars),
///   `oneway:motor_vehicle`, `oneway:vehicle`, `oneway`; implied on
///   motorways and roundabouts; `reversible` ways are out.
/// - **Speed**: the class default from ``defaultSpeedsKmh``, or
///   ``maxspeedFactor`` × the tagged limit (`maxspeed:advisory`,
///   `maxspeed`, `maxspeed:hgv` for trucks, `:forward`/`:backward` per
///   direction), then capped by ``speedCapKmh(at:)`` (trucks: 80 km/h in
///   Sweden, 90 km/h elsewhere).
/// - **Nodes** (``blocks(node:)``): barriers and node access tags.
/// - **Turn restrictions** (``turnRestriction(_:)``): `restriction`,
///   `restriction:hgv` (`:motorcar` for cars), `except`.
public struct VehicleProfile: Sendable, Hashable {
    /// The kind of vehicle.
    public enum Vehicle: String, Sendable, Hashable, CaseIterable {
        /// A heavy goods vehicle (over 3.5 t; by default a 40 t articulated
        /// truck).
        case hgv
        /// A passenger car.
        case car
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
    public var dimensions: VehicleDimensions?
    /// The vehicle's own speed limit.
    public var speedCap: SpeedCap
    /// Travel time multiplier on roads signed as unsuitable for the vehicle
    /// (`discouraged`). 2 by default.
    public var restrictedAccessFactor: Double
    /// The share of a tagged `maxspeed` that traffic reaches on average
    /// (0.8, as OSRM's car profile, whose `speed_reduction` this is).
    public var maxspeedFactor: Double

    /// Creates a profile.
    public init(
        vehicle: Vehicle, dimensions: VehicleDimensions?, speedCap: SpeedCap,
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

    /// A passenger car, sized as OSRM's car profile (``VehicleDimensions/car``).
    public static let car = VehicleProfile(vehicle: .car, dimensions: .car, speedCap: .none)

    /// This profile for a vehicle of other dimensions.
    public func with(dimensions: VehicleDimensions?) -> VehicleProfile {
        var p = self
        p.dimensions = dimensions
        return p
    }

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
        "living_street": 10, "service": 15, "road": 20, "winter_road": 20, "ice_road": 15,
    ]

    /// The speed on a way whose class is not a road but that the vehicle is
    /// explicitly allowed on (`highway=track` + `hgv=yes`, a runway with
    /// `access=yes`): OSRM's `default_speed`, km/h.
    public static let explicitlyAllowedSpeedKmh = 10.0

    /// Classes that are never driven, whatever their access tags say.
    public static let neverRoutable: Set<String> = ["steps", "construction", "proposed"]

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
        let highway = tags[.highway]
        var knownClass = true
        if let highway, let s = Self.defaultSpeedsKmh[highway] {
            base = s
        } else if tags[.route] == "ferry" {
            isFerry = true
            base = Self.ferrySpeedKmh
        } else if let highway, !Self.neverRoutable.contains(highway) {
            // Not a road class: only where the vehicle is explicitly allowed.
            knownClass = false
            base = Self.explicitlyAllowedSpeedKmh
        } else {
            return nil
        }
        if tags[.area] == "yes" || tags[.impassable] == "yes" || tags[.status] == "impassable" { return nil }
        if !isFerry, highway == "service", let service = tags[.service] {
            if service == "emergency_access" { return nil }
            if let s = Self.serviceSpeedsKmh[service] { base = min(base, s) }
        }
        if tags[.oneway] == "reversible" { return nil }
        // Roads under construction (OSRM's `construction_whitelist` passes).
        if let c = tags[.construction], !["no", "widening", "minor"].contains(c) { return nil }

        // Access, for each direction: the most specific known value decides.
        var forwardAccess = access(tags, forward: true)
        var backwardAccess = access(tags, forward: false)
        if !knownClass {
            // Only an explicit permission opens a way that is not a road.
            if forwardAccess != .allowed { forwardAccess = .forbidden }
            if backwardAccess != .allowed { backwardAccess = .forbidden }
        }
        if forwardAccess == .forbidden && backwardAccess == .forbidden { return nil }

        if let d = dimensions, !fits(d, tags) { return nil }

        // Direction.
        var forward = forwardAccess != .forbidden, backward = backwardAccess != .forbidden
        // The most specific one-way key present decides, even with a value
        // it does not understand (which then leaves the implied direction).
        let explicit = onewayKeys.lazy.compactMap { tags[$0] }.first.flatMap(OSMValue.oneway)
        switch explicit {
        case .reversible?: return nil
        case .forward?: backward = false
        case .backward?: forward = false
        case .bothWays?: break
        case .alternating?, nil:
            // Implied one-way, unless `oneway=no` (or another known "both ways").
            let junction = tags[.junction]
            if !isFerry && (junction == "roundabout" || junction == "circular" || highway == "motorway") {
                backward = false
            }
        }
        guard forward || backward else { return nil }

        // Speed.
        var forwardSpeed = base, backwardSpeed = base
        var fixedDuration: Double?
        if isFerry {
            fixedDuration = tags[.duration].flatMap(OSMValue.seconds).map { max($0, 1) }
        } else {
            let general = tags[.maxspeedAdvisory].flatMap(OSMValue.speedKmh)
                ?? tags[.maxspeed].flatMap(OSMValue.speedKmh)
                ?? tags[.sourceMaxspeed].flatMap(Self.zoneSpeedKmh)
                ?? tags[.maxspeedType].flatMap(Self.zoneSpeedKmh)
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
        let discouraged = forwardAccess == .discouraged || backwardAccess == .discouraged
        return WayRule(
            forwardSpeedKmh: forward ? Float(max(1, forwardSpeed)) : 0,
            backwardSpeedKmh: backward ? Float(max(1, backwardSpeed)) : 0,
            durationFactor: discouraged ? Float(restrictedAccessFactor) : 1,
            fixedDurationSeconds: fixedDuration.map { Float($0) },
            isFerry: isFerry,
            forwardDestinationOnly: forward && forwardAccess == .destination,
            backwardDestinationOnly: backward && backwardAccess == .destination
        )
    }

    /// The `oneway` keys the vehicle obeys, most specific first (OSRM's
    /// `oneway_handling`: the first one present decides).
    public var onewayKeys: [WayTags.Key] {
        switch vehicle {
        case .hgv: [.onewayHGV, .onewayMotorVehicle, .onewayVehicle, .oneway]
        case .car: [.onewayMotorcar, .onewayMotorVehicle, .onewayVehicle, .oneway]
        }
    }

    /// What the access tags say for one direction of travel: for each key of
    /// ``accessHierarchy``, `key:forward` (or `:backward`) then `key`; the
    /// first with a known value decides. `nil` (no known value) is allowed.
    func access(_ tags: WayTags, forward: Bool) -> OSMValue.Access? {
        for key in accessHierarchy {
            if let d = key.directional(forward: forward), let raw = tags[d], let a = OSMValue.access(raw) { return a }
            if let raw = tags[key], let a = OSMValue.access(raw) { return a }
        }
        return nil
    }

    /// A speed from `maxspeed:type` / `source:maxspeed`, which may only hold
    /// an implicit zone value (`SE:urban`), never a sign's number.
    private static func zoneSpeedKmh(_ raw: String) -> Double? {
        let s = OSMValue.normalised(raw)
        guard s.contains(":") else { return nil }
        return OSMValue.implicitSpeedLimit(s)
    }

    /// `false` when a limit tag forbids a vehicle of size `d`.
    ///
    /// Signed and physical clearances are both obeyed (a truck must respect
    /// the lower of the two); a `width` or `est_width` (the carriageway's)
    /// must exceed the vehicle's width, a `maxwidth` must not be below it, as
    /// in OSRM; `narrow=yes` excludes vehicles wider than 2.2 m (OSRM).
    func fits(_ d: VehicleDimensions, _ tags: WayTags) -> Bool {
        for key in [WayTags.Key.maxweight, .maxweightHGV, .maxweightrating, .maxweightratingHGV] {
            if let t = tags[key].flatMap(OSMValue.tonnes), t < d.weightTonnes { return false }
        }
        if let axle = d.axleLoadTonnes, let t = tags[.maxaxleload].flatMap(OSMValue.tonnes), t < axle { return false }
        for key in [WayTags.Key.maxheight, .maxheightPhysical] {
            if let h = tags[key].flatMap(OSMValue.metres), h < d.heightMetres { return false }
        }
        for key in [WayTags.Key.maxwidth, .maxwidthPhysical] {
            if let w = tags[key].flatMap(OSMValue.metres), w < d.widthMetres { return false }
        }
        for key in [WayTags.Key.width, .estWidth] {
            guard let raw = tags[key] else { continue }
            if OSMValue.normalised(raw) == "narrow" {
                if d.widthMetres > Self.narrowRoadWidthMetres { return false }
            } else if let w = OSMValue.metres(raw), w <= d.widthMetres {
                return false
            }
        }
        if tags[.narrow] == "yes", d.widthMetres > Self.narrowRoadWidthMetres { return false }
        if let l = tags[.maxlength].flatMap(OSMValue.metres), l < d.lengthMetres { return false }
        return true
    }

    /// Vehicles wider than this may not use `narrow=yes` roads (OSRM's car
    /// profile: "ways with narrow tag are considered narrower than 2.2m").
    public static let narrowRoadWidthMetres = 2.2
}
