extension EmissionFactors {
    /// The contract's default vehicle classes and fuels, each with its source.
    ///
    /// See `docs/emissions.md` for the reasoning behind every value.
    public static let defaults: EmissionFactors = {
        var f = EmissionFactors()
        for v in defaultVehicles { f.upsert(v) }
        for x in defaultFuels { f.upsert(x) }
        f._checkInvariants()
        return f
    }()

    static let defaultVehicles: [VehicleClass] = [
        VehicleClass(
            key: "artic-40t", name: "Tractor + semitrailer, 40 t gross (EU long haul)",
            payloadKg: 25_000, litresPer100kmEmpty: 22.0, litresPer100kmFull: 32.0,
            source: FactorSource(
                citation: "backhaul default: plausible EU long-haul values, NTM/HBEFA-style empty/full pair;"
                    + " UK DESNZ/DEFRA 2025 fleet averages run 16-26 % higher",
                year: 2026),
            dimensions: .init(
                heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 16.5, grossWeightKg: 40_000, axleLoadKg: 11_500,
                source: FactorSource(
                    citation: "Council Directive 96/53/EC, Annex I: EU maxima for international traffic"
                        + " (1.1 length 16.50 m articulated, 1.2 width 2.55 m, 1.3 height 4.00 m,"
                        + " 2.2.2 weight 40 t, 3.2 driving axle 11.5 t)",
                    year: 1996))),
        VehicleClass(
            key: "artic-64t", name: "Swedish 64 t, 25.25 m combination (highway, general cargo)",
            payloadKg: 40_000, litresPer100kmEmpty: 26.0, litresPer100kmFull: 42.0,
            source: FactorSource(
                citation: "backhaul default for Swedish 64 t / 25.25 m combinations on highway general cargo",
                year: 2026),
            dimensions: .init(
                heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 25.25, grossWeightKg: 64_000, axleLoadKg: 11_500,
                source: FactorSource(
                    citation: "Trafikförordningen (1998:1276) 4 kap. 17 § (length 25.25 m) and bärighetsklass BK1"
                        + " (64 t gross, 11.5 t driving axle); width the EU 2.55 m; Sweden sets no height limit,"
                        + " 4.00 m is the EU body height (override with --height-m)",
                    year: 2023))),
        VehicleClass(
            key: "rigid-26t", name: "Rigid truck 18-26 t gross",
            payloadKg: 14_000, litresPer100kmEmpty: 27.0, litresPer100kmFull: 37.0,
            source: FactorSource(
                citation: "UK DESNZ/DEFRA GHG conversion factors 2025, HGV (diesel), all rigids, in litres",
                year: 2025),
            dimensions: .init(
                heightMetres: 4.0, widthMetres: 2.55, lengthMetres: 12.0, grossWeightKg: 26_000, axleLoadKg: 11_500,
                source: FactorSource(
                    citation: "Council Directive 96/53/EC, Annex I: motor vehicle 12.00 m (1.1), 2.55 m (1.2),"
                        + " 4.00 m (1.3), three-axle rigid 26 t with air suspension (2.2.1), driving axle 11.5 t (3.2)",
                    year: 1996))),
    ]

    static let defaultFuels: [Fuel] = [
        Fuel(
            key: "diesel-b7", name: "EU road diesel, up to 7 % FAME (B7)",
            kgCO2ePerLitreTTW: 2.47, kgCO2ePerLitreWTW: 3.13,
            source: FactorSource(citation: "EN 16258:2012 Annex A, diesel with 7 % biodiesel", year: 2012)),
        Fuel(
            key: "diesel-fossil", name: "Fossil diesel, no bio component",
            kgCO2ePerLitreTTW: 2.67, kgCO2ePerLitreWTW: 3.24,
            source: FactorSource(citation: "EN 16258:2012 Annex A, diesel", year: 2012)),
        Fuel(
            key: "diesel-mk1", name: "Swedish MK1 diesel under the 6 % reduction obligation",
            kgCO2ePerLitreTTW: 2.45, kgCO2ePerLitreWTW: 3.17,
            source: FactorSource(
                citation: "Swedish environmental class 1 diesel, 6 % GHG reduction obligation"
                    + " (reduktionsplikt) 2024-2026",
                year: 2024)),
        Fuel(
            key: "hvo100", name: "HVO100 renewable diesel",
            kgCO2ePerLitreTTW: 0.0, kgCO2ePerLitreWTW: 0.476,
            source: FactorSource(
                citation: "Energimyndigheten, Drivmedel 2016 (ER 2017:12), HVO100 delivered in Sweden in 2016",
                year: 2016)),
        Fuel(
            key: "rme100", name: "RME100 / FAME100 biodiesel",
            kgCO2ePerLitreTTW: 0.0, kgCO2ePerLitreWTW: 1.094,
            source: FactorSource(
                citation: "Energimyndigheten, Drivmedel 2016 (ER 2017:12), FAME/RME delivered in Sweden in 2016",
                year: 2016)),
    ]

    /// The run defaults of `backhaul match` and `backhaul emissions`.
    public static let defaultVehicleKey = "artic-40t"
    /// The run default fuel.
    public static let defaultFuelKey = "diesel-b7"
}
