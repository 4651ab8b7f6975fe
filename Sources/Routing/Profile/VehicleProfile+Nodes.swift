extension VehicleProfile {
    /// Barriers that let vehicles through (OSRM's car profile
    /// `barrier_whitelist`, plus `gate` and `lift_gate`, which OSRM passes
    /// with a time penalty).
    public static let passableBarriers: Set<String> = [
        "cattle_grid", "border_control", "toll_booth", "sally_port", "no", "entrance", "height_restrictor", "arch",
        "gate", "lift_gate",
    ]

    /// `true` when a node with `tags` on a road stops the vehicle: the road
    /// is cut there (a route may reach the node and turn back, as in OSRM).
    ///
    /// OSRM's semantics (`process_node` in profiles/car.lua): when an access
    /// tag of the hierarchy is present (multi-values resolved as for ways),
    /// it alone decides and only a forbidding value blocks (`private`,
    /// `destination` and the like let the vehicle through); otherwise a
    /// `barrier=*` blocks unless it is in ``passableBarriers``, a rising
    /// bollard, a lowered or flush kerb, a kerb on a crossing, or an audible
    /// fence. A `height_restrictor` blocks a vehicle taller than its
    /// `maxheight`. For a vehicle with dimensions, any node whose `maxheight`,
    /// `maxheight:physical`, `maxwidth` or `maxwidth:physical` is below the
    /// vehicle's also blocks (an arch, a gate or a bollard gap with a
    /// clearance).
    ///
    /// - Complexity: O(number of tags the profile reads).
    public func blocks(node tags: WayTags) -> Bool {
        if let d = dimensions {
            for key in [WayTags.Key.maxheight, .maxheightPhysical] {
                if let h = tags[key].flatMap(OSMValue.metres), h < d.heightMetres { return true }
            }
            for key in [WayTags.Key.maxwidth, .maxwidthPhysical] {
                if let w = tags[key].flatMap(OSMValue.metres), w < d.widthMetres { return true }
            }
        }
        for key in accessHierarchy {
            if let raw = tags[key], let a = OSMValue.access(raw) { return a == .forbidden }
        }
        guard let barrier = tags[.barrier].map({ String(OSMValue.normalisedWhole(Substring($0))) }) else { return false }
        if Self.passableBarriers.contains(barrier) { return false }
        switch barrier {
        case "bollard": return tags[.bollard] != "rising"
        case "kerb":
            if tags[.highway] == "crossing" { return false }
            return tags[.kerb] != "lowered" && tags[.kerb] != "flush"
        case "fence": return tags[.sensory] != "audible" && tags[.sensory] != "audio"
        default: return true
        }
    }

    /// `true` when a node with `tags` could block some vehicle: the readers
    /// keep such nodes' tags and ask ``blocks(node:)``.
    static func mayBlock(_ key: WayTags.Key) -> Bool {
        switch key {
        case .barrier, .access, .vehicle, .motorVehicle, .motorcar, .goods, .hgv,
             .maxheight, .maxheightPhysical, .maxwidth, .maxwidthPhysical:
            true
        default: false
        }
    }
}
