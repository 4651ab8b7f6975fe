import Emissions

extension EmissionsJob {
    /// The `--list` tables: vehicles, fuels, then where each value comes from.
    static func listText(_ factors: EmissionFactors) -> String {
        var o = "Vehicle classes (l/100 km linear in the load factor between empty and full):\n\n"
        o += table(
            header: ["key", "payload kg", "l/100km empty", "l/100km full"],
            rows: factors.vehicles.map {
                [
                    $0.key, ReportRounding.fixed($0.payloadKg, decimals: 0),
                    ReportRounding.fixed($0.litresPer100kmEmpty, .litresPer100km),
                    ReportRounding.fixed($0.litresPer100kmFull, .litresPer100km),
                ]
            })
        o += "\nFuels (kg CO2e per litre):\n\n"
        o += table(
            header: ["key", "TTW", "WTW"],
            rows: factors.fuels.map {
                [
                    $0.key, ReportRounding.fixed($0.kgCO2ePerLitreTTW, .kgCO2ePerLitre),
                    ReportRounding.fixed($0.kgCO2ePerLitreWTW, .kgCO2ePerLitre),
                ]
            })
        o += "\nBasis: \(EmissionFactors.basis).\n"
        o += "\nSources:\n\n"
        let keyWidth = (factors.vehicles.map(\.key) + factors.fuels.map(\.key)).map(\.count).max() ?? 0
        for (key, name, source) in factors.vehicles.map({ ($0.key, $0.name, $0.source) })
            + factors.fuels.map({ ($0.key, $0.name, $0.source) })
        {
            o += "  " + key + String(repeating: " ", count: keyWidth - key.count + 2) + name + "\n"
            o += "  " + String(repeating: " ", count: keyWidth + 2) + source.description + "\n"
        }
        return o
    }

    /// The catalogue as a factors file: `backhaul emissions --list --format
    /// json > mine.json`, edit, then `--factors mine.json`. Entries read from
    /// a factors file say so in their `comment`.
    static func listJSON(_ factors: EmissionFactors) -> JSONValue {
        func entry(_ name: String, _ values: [(String, JSONValue)], _ source: FactorSource) -> JSONValue {
            var members: [(String, JSONValue)] = [("name", .string(name))] + values
            members.append(("source", .string(source.citation)))
            members.append(("year", .int(source.year)))
            if let file = source.file { members.append(("comment", .string("from \(file)"))) }
            return .object(members)
        }
        return .object([
            ("comment", .string("backhaul \(BackhaulVersion.string) emission factors; basis: \(EmissionFactors.basis)")),
            ("vehicles", .object(factors.vehicles.map { v in
                (v.key, entry(v.name, [
                    ("payload_kg", exact(v.payloadKg)),
                    ("litres_per_100km_empty", exact(v.litresPer100kmEmpty)),
                    ("litres_per_100km_full", exact(v.litresPer100kmFull)),
                ], v.source))
            })),
            ("fuels", .object(factors.fuels.map { f in
                (f.key, entry(f.name, [
                    ("co2e_kg_per_litre_ttw", exact(f.kgCO2ePerLitreTTW)),
                    ("co2e_kg_per_litre_wtw", exact(f.kgCO2ePerLitreWTW)),
                ], f.source))
            })),
        ])
    }

    /// `x` with the fewest decimals (at least one, none for whole numbers
    /// from 1000) whose text reads back as the same double, so a listed factor
    /// is exact: `25000`, `22.0`, `0.476`.
    static func exact(_ x: Double) -> JSONValue {
        if x == x.rounded(), x.magnitude >= 1000 { return .number(x, decimals: 0) }
        for d in 1...17 where Double(JSONValue.format(x, decimals: d)) == x {
            return .number(x, decimals: d)
        }
        return .number(x, decimals: 17)
    }

    /// Left-aligned first column, right-aligned numbers, two spaces apart.
    private static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
