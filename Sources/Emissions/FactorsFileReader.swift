/// Walks a parsed factors file, validating as it goes; the first problem (in
/// file order) is thrown. The limits are in ``FactorRules``; the format is
/// documented on the factors-file extension of ``EmissionFactors`` and in
/// `docs/emissions.md`.
struct FactorsFileReader {
    let file: String
    var result: EmissionFactors

    init(file: String, base: EmissionFactors) {
        self.file = file
        self.result = base
    }

    static let topKeys = ["vehicles", "fuels", "comment"]
    static let vehicleKeys = [
        "name", "payload_kg", "litres_per_100km_empty", "litres_per_100km_full", "source", "year", "comment",
    ]
    static let fuelKeys = ["name", "co2e_kg_per_litre_ttw", "co2e_kg_per_litre_wtw", "source", "year", "comment"]
    static let stringKeys: Set<String> = ["name", "source", "comment"]

    /// The members of one object, unique and in file order.
    struct Object {
        var node: JSONNode
        var path: String?
        var members: [JSONNode.Member]

        subscript(key: String) -> JSONNode.Member? {
            members.first { $0.key == key }
        }
    }

    func error(_ line: Int?, _ keyPath: String?, _ message: String) -> FactorsFileError {
        FactorsFileError(path: file, line: line, keyPath: keyPath, message: message)
    }

    func path(_ parent: String?, _ key: String) -> String {
        parent.map { "\($0).\(key)" } ?? key
    }

    /// The members of an object, refusing other types, unknown keys and
    /// duplicate keys.
    func object(_ node: JSONNode, at keyPath: String?, allowed: [String]?) throws(FactorsFileError) -> Object {
        guard case .object(let list) = node.kind else {
            throw error(node.line, keyPath, "expected an object, got \(node.typeDescription)")
        }
        var seen: [String: Int] = [:]
        for m in list {
            if let allowed, !allowed.contains(m.key) {
                throw error(m.line, path(keyPath, m.key), "unknown key; allowed keys are \(allowed.joined(separator: ", "))")
            }
            if let firstLine = seen[m.key] {
                throw error(m.line, path(keyPath, m.key), "duplicate key (first given on line \(firstLine))")
            }
            seen[m.key] = m.line
        }
        return Object(node: node, path: keyPath, members: list)
    }

    mutating func read(_ root: JSONNode) throws(FactorsFileError) {
        let top = try object(root, at: nil, allowed: Self.topKeys)
        for section in top.members {
            switch section.key {
            case "comment":
                _ = try string(section, "comment", allowEmpty: true)
            default:
                let entries = try object(section.value, at: section.key, allowed: nil)
                for entry in entries.members {
                    guard FactorRules.isValidKey(entry.key) else {
                        throw error(
                            entry.line, section.key,
                            "invalid key \"\(entry.key)\": use 1 to \(FactorRules.maxKeyLength) lower-case letters,"
                                + " digits, '-' or '_', starting with a letter or digit")
                    }
                    let entryPath = path(section.key, entry.key)
                    let fields: [String] = section.key == "vehicles" ? Self.vehicleKeys : Self.fuelKeys
                    let o = try object(entry.value, at: entryPath, allowed: fields)
                    try checkTypes(o)
                    if section.key == "vehicles" {
                        result.upsert(try vehicle(o, key: entry.key))
                    } else {
                        result.upsert(try fuel(o, key: entry.key))
                    }
                }
            }
        }
        guard top["vehicles"] != nil || top["fuels"] != nil else {
            throw error(root.line, nil, "the file defines neither \"vehicles\" nor \"fuels\"")
        }
    }

    /// Type errors first, in file order, so the first wrong line is reported.
    func checkTypes(_ o: Object) throws(FactorsFileError) {
        for member in o.members {
            let expectsString = Self.stringKeys.contains(member.key)
            switch (expectsString, member.value.kind) {
            case (true, .string), (false, .number): continue
            default:
                throw error(
                    member.line, path(o.path, member.key),
                    "expected \(expectsString ? "a string" : "a number"), got \(member.value.typeDescription)")
            }
        }
    }

    /// Refuses an entry that lacks any of `keys`, naming all that are missing.
    func requireAll(_ keys: [String], in o: Object) throws(FactorsFileError) {
        let missing = keys.filter { o[$0] == nil }
        guard missing.isEmpty else {
            throw error(
                o.node.line, o.path,
                "missing \(missing.count == 1 ? "key" : "keys") \(missing.joined(separator: ", "))"
                    + " (an entry gives every value with its source and year)")
        }
    }

    func required(_ key: String, in o: Object) throws(FactorsFileError) -> JSONNode.Member {
        guard let m = o[key] else { throw error(o.node.line, o.path, "missing key \(key)") }
        return m
    }

    func vehicle(_ o: Object, key: String) throws(FactorsFileError) -> VehicleClass {
        try requireAll(["payload_kg", "litres_per_100km_empty", "litres_per_100km_full", "source", "year"], in: o)
        let payload = try number(required("payload_kg", in: o), o, in: FactorRules.payloadKg, unit: "kg")
        let hint = "values below 1 look like litres per km"
        let empty = try number(
            required("litres_per_100km_empty", in: o), o, in: FactorRules.litresPer100km, unit: "l/100km", hint: hint)
        let fullMember = try required("litres_per_100km_full", in: o)
        let full = try number(fullMember, o, in: FactorRules.litresPer100km, unit: "l/100km", hint: hint)
        guard full >= empty else {
            throw error(
                fullMember.line, path(o.path, fullMember.key),
                "must be at least litres_per_100km_empty (\(empty)), got \(full): fuel use cannot fall as the load rises")
        }
        let source = try self.source(o)
        let name = try o["name"].map { n throws(FactorsFileError) in try string(n, path(o.path, n.key), allowEmpty: false) }
            ?? result.vehicleIfPresent(key)?.name ?? key
        return VehicleClass(
            key: key, name: name, payloadKg: payload, litresPer100kmEmpty: empty, litresPer100kmFull: full,
            source: source, dimensions: result.vehicleIfPresent(key)?.dimensions)
    }

    func fuel(_ o: Object, key: String) throws(FactorsFileError) -> Fuel {
        try requireAll(["co2e_kg_per_litre_ttw", "co2e_kg_per_litre_wtw", "source", "year"], in: o)
        let hint = "values above 10 look like grams"
        let ttw = try number(
            required("co2e_kg_per_litre_ttw", in: o), o, in: FactorRules.kgPerLitre, unit: "kg CO2e/l", hint: hint)
        let wtwMember = try required("co2e_kg_per_litre_wtw", in: o)
        let wtw = try number(wtwMember, o, in: FactorRules.kgPerLitre, unit: "kg CO2e/l", hint: hint)
        guard wtw >= ttw else {
            throw error(
                wtwMember.line, path(o.path, wtwMember.key),
                "must be at least co2e_kg_per_litre_ttw (\(ttw)), got \(wtw): well-to-wheel includes tank-to-wheel")
        }
        let source = try self.source(o)
        let name = try o["name"].map { n throws(FactorsFileError) in try string(n, path(o.path, n.key), allowEmpty: false) }
            ?? result.fuelIfPresent(key)?.name ?? key
        return Fuel(key: key, name: name, kgCO2ePerLitreTTW: ttw, kgCO2ePerLitreWTW: wtw, source: source)
    }

    func number(
        _ member: JSONNode.Member, _ o: Object, in range: ClosedRange<Double>, unit: String, hint: String? = nil
    ) throws(FactorsFileError) -> Double {
        let keyPath = path(o.path, member.key)
        guard case .number(let v) = member.value.kind else {
            throw error(member.line, keyPath, "expected a number, got \(member.value.typeDescription)")
        }
        guard range.contains(v) else {
            var message: String
            if v < 0 {
                message = "must not be negative, got \(v)"
            } else {
                message = "must be between \(range.lowerBound) and \(range.upperBound) \(unit), got \(v)"
                if let hint { message += " (\(hint))" }
            }
            throw error(member.line, keyPath, message)
        }
        return v
    }

    func string(_ member: JSONNode.Member, _ keyPath: String, allowEmpty: Bool) throws(FactorsFileError) -> String {
        guard case .string(let s) = member.value.kind else {
            throw error(member.line, keyPath, "expected a string, got \(member.value.typeDescription)")
        }
        guard allowEmpty || s.contains(where: { !$0.isWhitespace }) else {
            throw error(member.line, keyPath, "must not be empty")
        }
        return s
    }

    func source(_ o: Object) throws(FactorsFileError) -> FactorSource {
        let sourceMember = try required("source", in: o)
        let citation = try string(sourceMember, path(o.path, "source"), allowEmpty: false)
        let yearMember = try required("year", in: o)
        guard case .number(let y) = yearMember.value.kind, let year = Int(exactly: y), FactorRules.years.contains(year)
        else {
            throw error(
                yearMember.line, path(o.path, "year"),
                "must be a whole year between \(FactorRules.years.lowerBound) and \(FactorRules.years.upperBound)")
        }
        return FactorSource(citation: citation, year: year, file: file)
    }
}
