import Emissions
import Ledger

/// `backhaul ledger export DB --format ileap`: the recorded tours in the
/// iLEAP data model (SINE Foundation & Smart Freight Centre's logistics
/// extension of the PACT Data Exchange Protocol, on the ISO 14083 / GLEC
/// basis), with the avoided emissions beside them.
///
/// The mapping (docs/ledger.md has it in full, with what is not covered):
/// - every shipment of a recorded tour → a `ShipmentFootprint` (`shipmentId`,
///   `mass`, `tces`) with one `TCE`: `tceId`, `shipmentId`, `tocId`, `mass`,
///   `distance.actual` (the loaded leg, km), `transportActivity` (t·km),
///   `co2eWTW` / `co2eTTW` — its loaded leg plus its allocated part of the
///   tour's empty running, in kg, as driven with pairing;
/// - every vehicle and fuel → a `TOC` (`mode` `Road`, `energyCarriers`,
///   intensities per t·km over the exported TCEs);
/// - what pairing avoided per shipment (its share of the saving) → the
///   `avoidedEmissions` list, which iLEAP has no type for.
///
/// iLEAP numbers are decimal strings; so are ours.
public enum LedgerExportJob {
    public struct Options: Sendable {
        public var path: String
        public var from: String?
        public var to: String?
        public var company: String?

        public init(path: String) { self.path = path }
    }

    /// The export as JSON text.
    ///
    /// - Throws: ``CommandFailure``.
    public static func run(_ options: Options) throws(CommandFailure) -> String {
        let rows: [ExportedShipment]
        do {
            rows = try LedgerDatabase(path: options.path, create: false)
                .exportedShipments(from: options.from, to: options.to, company: options.company)
        } catch {
            throw MatchJob.failure(error)
        }
        return document(rows, options: options).serialized()
    }

    static func decimal(_ x: Double, _ decimals: Int) -> JSONValue { .string(JSONValue.format(x, decimals: decimals)) }
    static func kg(_ grams: Int) -> JSONValue { .string(MatchReport.thousandths(grams)) }

    static func document(_ rows: [ExportedShipment], options: Options) -> JSONValue {
        var footprints: [JSONValue] = [], avoided: [JSONValue] = []
        var tocKeys: [String] = []
        var tocs: [String: (vehicle: String, fuel: String, tkm: Double, wtw: Int, ttw: Int)] = [:]
        var withoutMass = 0
        for r in rows {
            let s = r.shipment
            let tocID = "backhaul:road:\(r.vehicle):\(r.fuel)"
            if tocs[tocID] == nil { tocKeys.append(tocID); tocs[tocID] = (r.vehicle, r.fuel, 0, 0, 0) }
            let tceID = "backhaul:run\(r.runID):tour\(r.tour):\(r.position)"
            let km = Double(s.loadedMetres) / 1000
            var tce: [(String, JSONValue)] = [("tceId", .string(tceID)), ("tocId", .string(tocID)), ("shipmentId", .string(s.id))]
            var footprint: [(String, JSONValue)] = []
            if let w = s.weightKg {
                tce.append(("mass", decimal(w, 3)))
                footprint.append(("mass", decimal(w, 3)))
                tocs[tocID]!.tkm += w / 1000 * km
                tocs[tocID]!.wtw += s.co2eGramsWTW
                tocs[tocID]!.ttw += s.co2eGramsTTW
            } else {
                withoutMass += 1
            }
            tce.append(("distance", .object([("actual", decimal(km, 3))])))
            if let w = s.weightKg { tce.append(("transportActivity", decimal(w / 1000 * km, 3))) }
            tce += [("co2eWTW", kg(s.co2eGramsWTW)), ("co2eTTW", kg(s.co2eGramsTTW))]
            footprint += [("shipmentId", .string(s.id)), ("tces", .array([.object(tce)]))]
            footprints.append(.object(footprint))
            avoided.append(.object([
                ("shipmentId", .string(s.id)), ("tceId", .string(tceID)), ("company", .string(s.company)),
                ("runId", .int(r.runID)), ("runDate", .string(r.runDate)), ("splitMethod", .string(r.splitMethod)),
                ("avoidedEmptyDistance", decimal(Double(s.savedMetres) / 1000, 3)),
                ("co2eWTW", kg(s.avoidedGramsWTW)), ("co2eTTW", kg(s.avoidedGramsTTW)),
            ]))
        }
        let factors = EmissionFactors.defaults
        var notCovered = [
            "PACT ProductFootprint envelope (id, companyIds, pcf …): not written; the iLEAP objects are given bare for a PACT host to wrap",
            "HOC (hubs) and TAD: not produced (backhaul plans road legs only)",
            "TCE origin/destination, departureAt/arrivalAt, packagingOrTrEqType: not stored in the ledger",
            "avoidedEmissions is backhaul's own list: iLEAP has no data type for avoided emissions",
            "energyCarriers emission factors are backhaul's default catalogue per litre (EN 16258 basis), not a --factors file the run may have used",
        ]
        if withoutMass > 0 {
            notCovered.append("\(withoutMass) shipment(s) without weight_kg: mass and transportActivity left out (both are mandatory in iLEAP)")
        }
        let tocList: [JSONValue] = tocKeys.map { id in
            let t = tocs[id]!
            var carrier: [(String, JSONValue)] = [("energyCarrier", .string(energyCarrier(t.fuel)))]
            if let f = factors.fuelIfPresent(t.fuel) {
                carrier += [("energyConsumptionUnit", .string("l")),
                            ("emissionFactorWTW", decimal(f.kgCO2ePerLitreWTW, 3)), ("emissionFactorTTW", decimal(f.kgCO2ePerLitreTTW, 3))]
            }
            var toc: [(String, JSONValue)] = [
                ("tocId", .string(id)), ("isVerified", .bool(false)), ("isAccredited", .bool(false)),
                ("description", .string("backhaul \(t.vehicle) on \(t.fuel), full truckloads paired with backhauls")),
                ("mode", .string("Road")), ("truckLoadingSequence", .string("FTL")),
                ("energyCarriers", .array([.object(carrier)])),
            ]
            if t.tkm > 0 {
                toc += [("co2eIntensityWTW", decimal(Double(t.wtw) / 1000 / t.tkm, 6)),
                        ("co2eIntensityTTW", decimal(Double(t.ttw) / 1000 / t.tkm, 6))]
            }
            toc.append(("co2eIntensityThroughput", .string("tkm")))
            return .object(toc)
        }
        return .object([
            ("backhaul", .object([("version", .string(BackhaulVersion.string))])),
            ("dataModel", .string("iLEAP Technical Specifications (SINE Foundation, Smart Freight Centre): ShipmentFootprint, TCE, TOC; ISO 14083 / GLEC Framework basis")),
            ("ledger", .string(options.path)),
            ("from", options.from.map(JSONValue.string) ?? .null),
            ("to", options.to.map(JSONValue.string) ?? .null),
            ("company", options.company.map(JSONValue.string) ?? .null),
            ("shipmentFootprints", .array(footprints)),
            ("tocs", .array(tocList)),
            ("avoidedEmissions", .array(avoided)),
            ("notCovered", .array(notCovered.map(JSONValue.string))),
        ])
    }

    /// iLEAP's `EnergyCarrierType` for a fuel key.
    static func energyCarrier(_ fuel: String) -> String {
        if fuel.hasPrefix("hvo") { return "HVO" }
        if fuel.hasPrefix("diesel") || fuel.hasPrefix("rme") { return "Diesel" }
        if fuel.hasPrefix("lng") { return "LNG" }
        if fuel.hasPrefix("cng") { return "CNG" }
        if fuel.hasPrefix("petrol") { return "Petrol" }
        if fuel.hasPrefix("electric") || fuel.hasPrefix("bev") { return "Electric" }
        return "Diesel"
    }
}
