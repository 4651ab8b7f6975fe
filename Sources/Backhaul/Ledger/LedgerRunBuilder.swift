public import Emissions
public import Ledger

/// Turns an allocation into the tours and companies a ``LedgerRun``
/// records: one copy of the conversion, used by `match --ledger`, the
/// tests and the benchmarks.
public enum LedgerRunBuilder {
    /// A shipment of a tour as the ledger needs it beyond the cost matrix.
    public struct ShipmentInfo: Sendable, Hashable {
        public var id: String
        public var weightKg: Double?

        public init(id: String, weightKg: Double?) {
            self.id = id
            self.weightKg = weightKg
        }
    }

    /// The ledger's tours: per tour its figures, its shipments (in service
    /// order, with their emissions as driven and avoided) and its company
    /// allocations.
    ///
    /// A company's saved metres in a tour are split over its shipments there
    /// by their own returns (largest remainder). A shipment's emissions as
    /// driven are its loaded leg at its load factor plus its own return
    /// minus its saved metres at load factor 0; avoided emissions are its
    /// saved metres at load factor 0. Each is rounded to the gram on its own.
    ///
    /// - Parameters:
    ///   - shipments: per tour, per shipment in service order.
    ///   - models: the input's models; `modelKeys` their vehicle and fuel keys.
    /// - Complexity: O(tours).
    public static func tours(
        allocation: RunAllocation, matrices: [TourCostMatrix], shipments: [[ShipmentInfo]],
        models: [EmissionModel], modelKeys: [(vehicle: String, fuel: String)]
    ) -> [LedgerRun.Tour] {
        let names = allocation.companies
        var out: [LedgerRun.Tour] = []
        out.reserveCapacity(allocation.tours.count)
        for (t, tour) in allocation.tours.enumerated() {
            let matrix = matrices[t], model = models[matrix.model]
            let cells = allocation.cells[tour.cellRange]
            var saved = [Int](repeating: 0, count: matrix.count)
            for cell in cells {
                let mine = (0..<matrix.count).filter { matrix.companies[$0] == cell.company }
                if mine.count == 1 {
                    saved[mine[0]] = cell.figures.savedMetres
                } else {
                    let parts = LargestRemainder.apportion(cell.figures.savedMetres, quotas: mine.map { Double(matrix.empty($0, $0)!.metres) })
                    for (k, m) in zip(mine, parts) { saved[k] = m }
                }
            }
            func g(_ kg: Double) -> Int { Int((kg * 1000).rounded(.toNearestOrAwayFromZero)) }
            let ledgerShipments = (0..<matrix.count).map { k -> LedgerRun.Shipment in
                let info = shipments[t][k]
                let loaded = matrix.loaded[k].metres, back = matrix.empty(k, k)!.metres
                let carried = model.estimate(distanceKm: Double(loaded) / 1000, loadKg: info.weightKg)
                let emptyShare = model.emptyRun(metres: back - saved[k])
                let avoided = model.emptyRun(metres: saved[k])
                return LedgerRun.Shipment(
                    id: info.id, company: names[matrix.companies[k]], loadedMetres: loaded, returnMetres: back,
                    weightKg: info.weightKg, savedMetres: saved[k],
                    co2eGramsTTW: g(carried.co2eKgTTW + emptyShare.co2eKgTTW), co2eGramsWTW: g(carried.co2eKgWTW + emptyShare.co2eKgWTW),
                    avoidedGramsTTW: g(avoided.co2eKgTTW), avoidedGramsWTW: g(avoided.co2eKgWTW))
            }
            out.append(LedgerRun.Tour(
                vehicle: modelKeys[matrix.model].vehicle, fuel: modelKeys[matrix.model].fuel, figures: tour.figures,
                shipments: ledgerShipments,
                allocations: cells.map { .init(company: names[$0.company], shareMetres: $0.shareMetres, figures: $0.figures) }))
        }
        return out
    }

    /// The run's per-company records.
    public static func companies(_ allocation: RunAllocation) -> [LedgerRun.Company] {
        allocation.companies.indices.map { LedgerRun.Company(name: allocation.companies[$0], figures: allocation.companyFigures[$0]) }
    }
}
