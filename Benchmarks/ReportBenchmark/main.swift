import Backhaul
import BenchmarkSupport
import Foundation
import Pairing
import Routing

// The five reports of `match --out`, written for synthetic reports of 100,
// 10,000 and 100,000 pairs:
//   swift run -c release ReportBenchmark [filter]
//
// Prints, per format: bytes, wall time (median of 3 after a warm-up), and
// the growth of the peak resident memory while writing — the reports
// stream through a 64 KiB buffer, so the growth stays near zero whatever
// the size. The reports are synthetic (no match job is run): pairs between
// 400 sites spread over southern and central Sweden, crow-fly legs (two
// points each), one company per 20 shipments, one unpaired shipment per
// 10 pairs, one rejected row per 100. With road geometry the GeoJSON grows
// with the points of each leg; the HTML does not (it is bounded).

let runner = BenchmarkRunner(runs: 3)

func syntheticReport(pairs count: Int) -> MatchReport {
    var rng = SplitMix64(seed: UInt64(count))
    let sites = (0..<400).map { _ in
        // Denser in the south, as Swedish freight is.
        Coordinate(latitude: 55.4 + 8.5 * rng.unit() * rng.unit(), longitude: 12.0 + 7.0 * rng.unit())
    }
    func distance(_ a: Coordinate, _ b: Coordinate) -> Int64 {
        let dy = (a.latitude - b.latitude) * 111_195, dx = (a.longitude - b.longitude) * 111_195 * cos(a.latitude * .pi / 180)
        return Int64((dx * dx + dy * dy).squareRoot() * 1.3)
    }
    var pairs: [MatchReport.Pair] = []
    pairs.reserveCapacity(count)
    var summary = MatchReport.Summary()
    for i in 0..<count {
        let a = sites[rng.below(sites.count)], b = sites[rng.below(sites.count)]
        let b2 = sites[rng.below(sites.count)]
        let loaded = distance(a, b), reposition = distance(b, b2) / 4, back = distance(b2, a)
        let saving = max(0, loaded + back - reposition - back / 2)
        let legs: [MatchReport.Leg] = [
            .init(kind: .loaded, shipment: "S\(2 * i)", distanceM: loaded, polyline: [a, b]),
            .init(kind: .reposition, shipment: nil, distanceM: reposition, polyline: [b, b2]),
            .init(kind: .loaded, shipment: "S\(2 * i + 1)", distanceM: back, polyline: [b2, a]),
            .init(kind: .return, shipment: nil, distanceM: 0, polyline: [a, a]),
        ]
        let co2 = Double(saving) / 1000 * 0.69
        pairs.append(.init(
            a: "S\(2 * i)", b: "S\(2 * i + 1)", first: "S\(2 * i)", savingM: saving, emptyBeforeM: loaded + back,
            emptyAfterM: loaded + back - saving, repositionM: reposition, co2eSavedKgWTW: co2, co2eSavedKgTTW: co2 * 0.79,
            fuelSavedLitres: co2 / 3.1, companyA: "Company \(i / 10)", companyB: "Company \((i + 7) / 10)",
            vehicle: "artic-40t", fuel: "diesel-b7", legs: legs))
        summary.loadedM += loaded + back
        summary.emptyBeforeM += loaded + back
        summary.emptyAfterM += loaded + back - saving
        summary.co2eSavedKgWTW += co2
    }
    let unpaired = (0..<(count / 10)).map { MatchReport.Unpaired(id: "U\($0)", reason: ["no_saving", "time_window", "body_type"][$0 % 3]) }
    let rejected = (0..<(count / 100)).map { RejectedRow(file: "batch.csv", line: $0 + 2, id: "R\($0)", reason: "origin_lat out of range: 123.4") }
    let companies = (0..<max(1, count / 10)).map {
        MatchReport.CompanyTotal(company: "Company \($0)", shipments: 20, paired: 18, pairs: 10, sharedPairs: 9,
                                 savedM: Int64($0 % 997) * 1000, co2eSavedKgWTW: Double($0 % 997) * 0.69)
    }
    summary.pairs = count
    summary.paired = 2 * count
    summary.unpaired = unpaired.count
    summary.rejected = rejected.count
    summary.valid = 2 * count + unpaired.count
    summary.shipments = summary.valid + rejected.count
    return MatchReport(
        graph: .init(file: nil, nodes: 0, edges: 0, profile: nil, distanceModel: "crowfly", circuity: 1.3, crowflySpeedKmh: 70),
        parameters: .init(strategy: "optimal", vehicle: "artic-40t", fuel: "diesel-b7", maxDeadheadKm: nil, handlingMinutes: 45,
                          ignoreBodyType: false, ignoreTimeWindows: false, emissionBasis: "EN 16258"),
        summary: summary, pairs: pairs, unpaired: unpaired, observedEmpty: [], rejected: rejected, companies: companies)
}

/// Peak resident memory of this process so far (getrusage), in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

let formats: [(String, (MatchReport, BufferedWriter) -> Void)] = [
    ("result.json", { $0.writeJSON(to: $1) }),
    ("pairs.csv", { $0.writeCSV(to: $1) }),
    ("report.md", { $0.writeMarkdown(to: $1) }),
    ("report.html", { $0.writeHTML(to: $1) }),
    ("pairs.geojson", { $0.writeGeoJSON(to: $1) }),
]

let folder = NSTemporaryDirectory() + "backhaul-report-benchmark-\(getpid())"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }

for count in [100, 10_000, 100_000] where runner.selects("\(count)") {
    let report = syntheticReport(pairs: count)
    print("\(count) pairs (\(report.unpaired.count) unpaired, \(report.rejected.count) rejected, \(report.companies.count) companies); "
        + "resident after building the model: \(fixed(Double(residentMemoryBytes() ?? 0) / 1e6, 1)) MB")
    for (name, write) in formats {
        let path = folder + "/" + name
        var bytes = 0
        let peakBefore = peakResidentBytes()
        runner.measure("  \(count) \(name)") {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let out = BufferedWriter(fd: fd, path: path)
            write(report, out)
            bytes = (try? out.finish()) ?? -1
            close(fd)
        }
        let growth = peakResidentBytes() - peakBefore
        print("    \(name): \(bytes) bytes (\(fixed(Double(bytes) / 1e6, 2)) MB), peak memory growth while writing \(fixed(Double(growth) / 1e6, 1)) MB")
    }
    // The whole --out set, through OutputFolder (fsyncs and renames included).
    runner.measure("  \(count) --out (all five, atomic)") {
        do {
            let out = try OutputFolder(path: folder + "/out", fileNames: formats.map(\.0), lockTimeout: 0)
            try out.publish { name, w in formats.first { $0.0 == name }!.1(report, w) }
        } catch {
            print("failed: \(error)")
        }
    }
}
