import Testing
@testable import Emissions

/// Properties over generated inputs (seeded, so failures reproduce).
@Suite struct PropertyTests {
    static let factors = EmissionFactors.defaults
    static let models: [EmissionModel] = factors.vehicles.flatMap { v in
        factors.fuels.map { EmissionModel(vehicle: v, fuel: $0) }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func growsMonotonicallyWithDistance(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let m = Self.models.randomElement(using: &g) ?? Self.models[0]
            let load = Bool.random(using: &g) ? nil : Double.random(in: 0...60_000, using: &g)
            let d1 = Double.random(in: 0...2_000, using: &g)
            let d2 = d1 + Double.random(in: 0...500, using: &g)
            let a = m.estimate(distanceKm: d1, loadKg: load)
            let b = m.estimate(distanceKm: d2, loadKg: load)
            #expect(a.litres <= b.litres && a.co2eKgTTW <= b.co2eKgTTW && a.co2eKgWTW <= b.co2eKgWTW,
                    "\(m.vehicle.key)/\(m.fuel.key) \(d1)→\(d2) km at \(String(describing: load))")
            #expect(a.litres >= 0)
        }
    }

    @Test(arguments: [5, 6, 7, 8] as [UInt64])
    func growsMonotonicallyWithLoad(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let m = Self.models.randomElement(using: &g) ?? Self.models[0]
            let d = Double.random(in: 0...2_000, using: &g)
            let w1 = Double.random(in: -1_000...60_000, using: &g)
            let w2 = w1 + Double.random(in: 0...20_000, using: &g)
            let a = m.estimate(distanceKm: d, loadKg: w1)
            let b = m.estimate(distanceKm: d, loadKg: w2)
            #expect(a.loadFactor <= b.loadFactor)
            #expect(a.litres <= b.litres && a.co2eKgTTW <= b.co2eKgTTW && a.co2eKgWTW <= b.co2eKgWTW,
                    "\(m.vehicle.key)/\(m.fuel.key) \(d) km, \(w1)→\(w2) kg")
            // Bounded by the empty and full runs.
            #expect(m.estimate(distanceKm: d, loadFactor: 0).litres <= a.litres)
            #expect(b.litres <= m.estimate(distanceKm: d, loadFactor: 1).litres)
        }
    }

    @Test(arguments: EmissionFactors.defaults.fuels)
    func wellToWheelIsAtLeastTankToWheel(fuel: Fuel) {
        #expect(fuel.kgCO2ePerLitreWTW >= fuel.kgCO2ePerLitreTTW)
        var g = SeededGenerator(seed: UInt64(fuel.key.utf8.count))
        for v in Self.factors.vehicles {
            let m = EmissionModel(vehicle: v, fuel: fuel)
            for _ in 0..<500 {
                let e = m.estimate(
                    distanceKm: Double.random(in: 0...3_000, using: &g), loadKg: Double.random(in: 0...50_000, using: &g))
                #expect(e.co2eKgWTW >= e.co2eKgTTW)
            }
        }
    }

    /// Linear in distance: two legs emit what the whole trip emits.
    @Test func additiveInDistance() {
        var g = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let m = Self.models.randomElement(using: &g) ?? Self.models[0]
            let lf = Double.random(in: 0...1, using: &g)
            let d1 = Double.random(in: 0...1_000, using: &g), d2 = Double.random(in: 0...1_000, using: &g)
            let whole = m.estimate(distanceKm: d1 + d2, loadFactor: lf)
            let parts = [d1, d2].map { m.estimate(distanceKm: $0, loadFactor: lf) }
            #expect(close(whole.litres, parts[0].litres + parts[1].litres, tolerance: 1e-9))
            #expect(close(whole.co2eKgWTW, parts[0].co2eKgWTW + parts[1].co2eKgWTW, tolerance: 1e-9))
        }
    }
}
