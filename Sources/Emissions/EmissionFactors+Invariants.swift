extension EmissionFactors {
    /// Checks, in debug builds only, that the key indexes agree with the
    /// arrays and that every entry satisfies the rules a factors file is held
    /// to. Built-in defaults are checked too, so a typo in them fails the tests.
    func _checkInvariants() {
        #if DEBUG
        assert(vehicleIndex.count == vehicles.count, "vehicle keys are not unique")
        assert(fuelIndex.count == fuels.count, "fuel keys are not unique")
        for (i, v) in vehicles.enumerated() {
            assert(vehicleIndex[v.key] == i, "vehicle index out of step at \(v.key)")
            assert(FactorRules.isValidKey(v.key), "bad vehicle key \(v.key)")
            assert(v.payloadKg > 0 && v.payloadKg.isFinite, "bad payload for \(v.key)")
            assert(FactorRules.litresPer100km.contains(v.litresPer100kmEmpty), "bad empty l/100km for \(v.key)")
            assert(FactorRules.litresPer100km.contains(v.litresPer100kmFull), "bad full l/100km for \(v.key)")
            assert(v.litresPer100kmEmpty <= v.litresPer100kmFull, "full below empty for \(v.key)")
            assert(FactorRules.years.contains(v.source.year), "bad year for \(v.key)")
        }
        for (i, f) in fuels.enumerated() {
            assert(fuelIndex[f.key] == i, "fuel index out of step at \(f.key)")
            assert(FactorRules.isValidKey(f.key), "bad fuel key \(f.key)")
            assert(FactorRules.kgPerLitre.contains(f.kgCO2ePerLitreTTW), "bad TTW for \(f.key)")
            assert(FactorRules.kgPerLitre.contains(f.kgCO2ePerLitreWTW), "bad WTW for \(f.key)")
            assert(f.kgCO2ePerLitreTTW <= f.kgCO2ePerLitreWTW, "WTW below TTW for \(f.key)")
            assert(FactorRules.years.contains(f.source.year), "bad year for \(f.key)")
        }
        #endif
    }
}
