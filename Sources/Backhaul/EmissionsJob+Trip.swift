import Emissions

extension EmissionsJob {
    /// One estimated trip and how to write it.
    struct Trip {
        var model: EmissionModel
        var loadKg: Double?
        var estimate: TripEstimate

        /// The contract's keys first (`litres`, `co2e_kg_ttw`, `co2e_kg_wtw`,
        /// `load_factor`, `vehicle`, `fuel`), then the inputs and the sources.
        var json: JSONValue {
            func n(_ x: Double, _ q: ReportRounding.Quantity) -> JSONValue { .number(x, decimals: q.decimals) }
            return .object([
                ("litres", n(estimate.litres, .litres)),
                ("co2e_kg_ttw", n(estimate.co2eKgTTW, .kgCO2e)),
                ("co2e_kg_wtw", n(estimate.co2eKgWTW, .kgCO2e)),
                ("load_factor", n(estimate.loadFactor, .loadFactor)),
                ("vehicle", .string(model.vehicle.key)),
                ("fuel", .string(model.fuel.key)),
                ("distance_km", n(estimate.distanceKm, .km)),
                ("load_kg", loadKg.map { .number($0, decimals: 3) } ?? .null),
                ("litres_per_100km", n(estimate.litresPer100km, .litresPer100km)),
                ("basis", .string(EmissionFactors.basis)),
                ("vehicle_source", .string(model.vehicle.source.description)),
                ("fuel_source", .string(model.fuel.source.description)),
            ])
        }

        var text: String {
            let v = model.vehicle, f = model.fuel
            func x(_ value: Double, _ q: ReportRounding.Quantity) -> String { ReportRounding.fixed(value, q) }
            let payload = ReportRounding.fixed(v.payloadKg, decimals: 0)
            let load: String
            if let loadKg {
                let clamped = loadKg > v.payloadKg ? " (clamped: above the payload)" : ""
                load = "\(ReportRounding.fixed(loadKg, decimals: 0)) kg of \(payload) kg payload,"
                    + " load factor \(x(estimate.loadFactor, .loadFactor))\(clamped)"
            } else {
                load = "none given: an empty run, load factor \(x(0, .loadFactor))"
            }
            let rows: [(String, String)] = [
                ("distance", "\(x(estimate.distanceKm, .km)) km"),
                ("vehicle", "\(v.key) (\(v.name))"),
                ("fuel", "\(f.key) (\(f.name))"),
                ("load", load),
                ("fuel use", "\(x(estimate.litresPer100km, .litresPer100km)) l/100 km"),
                ("litres", "\(x(estimate.litres, .litres)) l"),
                ("CO2e TTW", "\(x(estimate.co2eKgTTW, .kgCO2e)) kg (tank-to-wheel)"),
                ("CO2e WTW", "\(x(estimate.co2eKgWTW, .kgCO2e)) kg (well-to-wheel)"),
                ("basis", EmissionFactors.basis),
                ("sources", "\(v.key): \(v.source)"),
                ("", "\(f.key): \(f.source)"),
            ]
            let width = rows.map(\.0.count).max() ?? 0
            return rows.map { label, value in
                label + String(repeating: " ", count: width - label.count + 2) + value
            }.joined(separator: "\n") + "\n"
        }
    }
}
