extension VehicleProfile {
    /// What a turn-restriction relation asks of the vehicle.
    public struct TurnRule: Sendable, Hashable {
        /// `only_*`: from the `from` way the vehicle must take the `to` way;
        /// otherwise (`no_*`) it must not.
        public var isOnly: Bool
        /// `no_entry`: several `from` ways may share one `to` way.
        public var allowsSeveralFrom: Bool
        /// `no_exit`: several `to` ways may share one `from` way.
        public var allowsSeveralTo: Bool
    }

    /// The restriction keys the vehicle obeys: `restriction` and its
    /// namespaced forms (OSRM's `restrictions` list).
    public var restrictionKeys: [WayTags.Key] {
        switch vehicle {
        case .hgv: [.restriction, .restrictionVehicle, .restrictionMotorVehicle, .restrictionHGV]
        case .car: [.restriction, .restrictionVehicle, .restrictionMotorVehicle, .restrictionMotorcar]
        }
    }

    /// `except=*` values that exempt the vehicle from a restriction.
    public var restrictionExemptions: Set<String> {
        switch vehicle {
        case .hgv: ["hgv", "motor_vehicle", "vehicle"]
        case .car: ["motorcar", "motor_vehicle", "vehicle"]
        }
    }

    /// What a relation with `tags` asks of the vehicle, or `nil` when it is
    /// not a turn restriction that binds it.
    ///
    /// As OSRM's `RestrictionParser`: the relation must be `type=restriction`
    /// with a value under one of ``restrictionKeys`` (more specific keys
    /// win); `only_*` and `no_*` are understood, `no_*_on_red` and anything
    /// else make the relation ignored; an `except` listing the vehicle
    /// exempts it. Conditional restrictions (`restriction:conditional`) are
    /// not read.
    public func turnRestriction(_ tags: WayTags) -> TurnRule? {
        guard tags[.type] == "restriction" else { return nil }
        if let except = tags[.except] {
            for part in except.split(separator: ";") {
                if restrictionExemptions.contains(String(OSMValue.normalisedWhole(part))) { return nil }
            }
        }
        var rule: TurnRule?
        for key in restrictionKeys {
            guard let raw = tags[key] else { continue }
            let value = OSMValue.normalisedWhole(Substring(raw))
            if value.hasPrefix("only_") {
                rule = TurnRule(isOnly: true, allowsSeveralFrom: false, allowsSeveralTo: false)
            } else if value.hasPrefix("no_") && !value.hasSuffix("_on_red") {
                rule = TurnRule(
                    isOnly: false, allowsSeveralFrom: value.hasPrefix("no_entry"), allowsSeveralTo: value.hasPrefix("no_exit"))
            } else {
                return nil
            }
        }
        return rule
    }
}
