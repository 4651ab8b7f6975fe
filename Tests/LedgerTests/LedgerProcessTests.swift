import Foundation
import Testing

/// The `backhaul` executable as cron jobs run it.
enum Backhaul {
    static let executable: URL? = {
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("backhaul")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var signal: Int32?
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = executable!
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus, signal: p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil,
            stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// Småland shipments between four companies (the demo batch's lanes), so
/// that most pairs are shared between two companies.
let companyBatch = """
    id,company,origin_lat,origin_lon,dest_lat,dest_lon,pickup_earliest,pickup_latest,weight_kg,body_type
    DEMO-01,Glasbruk AB,56.87767,14.80906,56.66157,16.36163,2026-11-26T07:00,2026-11-26T09:00,12000,dry_van
    DEMO-02,"Trä, Oskarshamn",56.66157,16.36163,56.87767,14.80906,2026-11-26T12:00,2026-11-26T14:00,9500,dry_van
    DEMO-03,Ljungby | Metall,56.83324,13.94082,57.26455,16.44837,2026-11-26T06:00,2026-11-26T08:00,18000,tautliner
    DEMO-04,Glasbruk AB,57.26455,16.44837,56.83324,13.94082,2026-11-26T13:00,2026-11-26T15:00,15000,tautliner
    DEMO-05,Ljungby | Metall,56.89935,14.55559,57.75840,16.63733,2026-11-26T05:30,2026-11-26T07:30,24000,tanker
    DEMO-06,Kalmar <Frukt>,57.75840,16.63733,56.89935,14.55559,2026-11-26T13:30,2026-11-26T15:30,21000,tanker
    DEMO-07,Kalmar <Frukt>,56.74461,15.90714,56.55146,14.13827,2026-11-26T08:00,2026-11-26T10:00,8000,reefer
    DEMO-08,Glasbruk AB,56.55146,14.13827,56.74461,15.90714,2026-11-26T13:00,2026-11-26T15:00,26000,tipper
    DEMO-09,,56.63268,15.53648,56.52470,14.97902,2026-11-26T09:00,2026-11-26T11:00,6000,dry_van

    """

/// Parses a number printed with a fixed number of decimals into integer
/// thousandths (or hundredths): exact, no floating point.
func units(_ text: Substring, decimals: Int) -> Int {
    // Human reports group thousands with a narrow no-break space and may
    // show a total row in bold.
    let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{202F}", with: "")
        .replacingOccurrences(of: "**", with: "").split(separator: ".", omittingEmptySubsequences: false)
    let negative = parts[0].hasPrefix("-")
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
    var unit = 1
    for _ in 0..<decimals { unit *= 10 }
    let whole = Int(parts[0].replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "**", with: ""))!
    let v = whole * unit + Int(fraction.prefix(decimals))!
    return negative ? -v : v
}

/// The fields of a CSV line (RFC 4180 quotes; no line ends inside fields
/// in these reports).
func csvFields(_ line: Substring) -> [Substring] {
    var out: [Substring] = [], field = "", quoted = false
    var chars = line[...]
    while let ch = chars.popFirst() {
        if quoted {
            if ch == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(ch) }
        } else if ch == "\"" {
            quoted = true
        } else if ch == "," {
            out.append(field[...]); field = ""
        } else {
            field.append(ch)
        }
    }
    out.append(field[...])
    return out
}

@Suite(.enabled(if: Backhaul.executable != nil, "the backhaul executable was not found beside the test bundle"))
struct LedgerProcessTests {
    let dir = TemporaryFolder()

    func match(_ extra: [String], environment: [String: String] = [:]) throws -> Backhaul.Result {
        let batch = dir.write("batch.csv", companyBatch)
        // Not --quiet: the ledger's notes go to stderr.
        return try Backhaul.run(["match", batch] + extra, environment: environment)
    }

    /// The company table of each format sums exactly to its total row, and
    /// the totals equal the run's summary.
    @Test(arguments: ["shapley", "equal-profit", "proportional"])
    func companyTotalsAddUpInEveryFormat(split: String) throws {
        let money = ["--split", split, "--cost-per-km", "14.5", "--cost-per-hour", "420", "--currency", "SEK"]
        // JSON: companies sum to allocation.total, which is the summary.
        let j = try match(["--format", "json"] + money)
        #expect(j.status == 0, "\(j.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        let companies = json["companies"] as! [[String: Any]]
        let allocation = json["allocation"] as! [String: Any], total = allocation["total"] as! [String: Any]
        let summary = json["summary"] as! [String: Any]
        #expect(companies.count == 5)
        func thousandths(_ v: Any?) -> Int { Int(((v as! NSNumber).doubleValue * 1000).rounded()) }
        func cents(_ v: Any?) -> Int { Int(((v as! NSNumber).doubleValue * 100).rounded()) }
        for key in ["saved_km", "standalone_km", "shared_km", "fuel_saved_litres", "co2e_saved_kg_ttw", "co2e_saved_kg_wtw"] {
            #expect(companies.reduce(0) { $0 + thousandths($1[key]) } == thousandths(total[key]), "\(key)")
        }
        for key in ["standalone_cost", "shared_cost", "saved_cost"] {
            #expect(companies.reduce(0) { $0 + cents($1[key]) } == cents(total[key]), "\(key)")
        }
        #expect(thousandths(total["saved_km"]) == thousandths(summary["saved_km"]))
        #expect(thousandths(total["co2e_saved_kg_wtw"]) == thousandths(summary["co2e_saved_kg_wtw"]))
        #expect(thousandths(total["fuel_saved_litres"]) == thousandths(summary["fuel_saved_litres"]))
        let pairs = json["pairs"] as! [[String: Any]]
        #expect(pairs.reduce(0) { $0 + thousandths($1["co2e_saved_kg_wtw"]) } == thousandths(summary["co2e_saved_kg_wtw"]))

        // CSV: company rows sum to the company_total row.
        let c = try match(["--format", "csv"] + money)
        let lines = c.stdout.split(separator: "\n")
        let header = csvFields(lines[0])
        let rows = lines.dropFirst().map(csvFields)
        let companyRows = rows.filter { $0.first == "company" }, totalRow = rows.first { $0.first == "company_total" }!
        #expect(companyRows.count == 5)
        for key in ["standalone_m", "shared_m", "saved_m", "fuel_saved_ml", "co2e_saved_g_ttw", "co2e_saved_g_wtw", "standalone_cents", "shared_cents", "saved_cents"] {
            let i = header.firstIndex { $0 == key }!
            #expect(companyRows.reduce(0) { $0 + Int($1[i])! } == Int(totalRow[i])!, "\(key)")
        }
        let savedColumn = header.firstIndex { $0 == "saved_m" }!
        #expect(Int(totalRow[savedColumn])! == thousandths(summary["saved_km"]))

        // Markdown and HTML: every numeric column of the company table sums to its Total row.
        for format in ["md", "html"] {
            let r = try match(["--format", format] + money)
            #expect(r.status == 0)
            #expect(!r.stdout.contains("counts in full"))
            // The option reads as code, not as escaped backticks.
            #expect(r.stdout.contains(format == "md" ? "(`--split \(split)`)" : "(<code>--split \(split)</code>)"), "\(format)")
            let table: [[Substring]]
            if format == "md" {
                let section = r.stdout.components(separatedBy: "## By company")[1].components(separatedBy: "\n## ")[0]
                table = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Company") && !$0.hasPrefix("| ---") }
                    .map { $0.replacingOccurrences(of: "\\|", with: "/").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces)[...] } }
            } else {
                let section = r.stdout.components(separatedBy: "<h2>By company</h2>")[1].components(separatedBy: "</table>")[0]
                table = section.components(separatedBy: "<tr>").dropFirst(2).map { row in
                    row.replacingOccurrences(of: "<strong>", with: "").replacingOccurrences(of: "</strong>", with: "")
                        .replacingOccurrences(of: "</th>", with: "</td>").replacingOccurrences(of: "<th class=\"n\">", with: "<td class=\"n\">")
                        .replacingOccurrences(of: "<th>", with: "<td>")
                        .components(separatedBy: "</td>").dropLast().map { $0.components(separatedBy: ">").last![...] }
                }
            }
            let body = table.dropLast(), total = table.last!
            #expect(body.count == 5 && total[0].contains("Total"), "\(format)")
            // Columns 4… are km, l, kg (3 decimals) and money (2 decimals).
            for col in 4..<total.count {
                let decimals = total[col].split(separator: ".").last!.count
                #expect(body.reduce(0) { $0 + units($1[col], decimals: decimals) } == units(total[col], decimals: decimals), "\(format) column \(col)")
            }
            #expect(units(total[6], decimals: 3) == thousandths(summary["saved_km"]))
        }
    }

    @Test func perCompanyRatesAndBadCompanyFiles() throws {
        let good = dir.write("companies.csv", """
            company,cost_per_km,cost_per_hour
            Glasbruk AB,14.50,420
            "Trä, Oskarshamn",12.80,395
            Ljungby | Metall,13,400
            Kalmar <Frukt>,15,450
            (no company),14,410

            """)
        let r = try match(["--companies", good, "--currency", "SEK", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let bad = dir.write("bad.csv", """
            company,cost_per_km,cost_per_hour
            Glasbruk AB,14.50,420
            Glasbruk AB,14.50,420
            Glasbruk,1,1
            Kalmar <Frukt>,-15,450

            """)
        let b = try match(["--companies", bad])
        #expect(b.status == 3)
        #expect(b.stderr.contains("\(bad):3: company 'Glasbruk AB' is listed twice (first at line 2)"))
        #expect(b.stderr.contains("\(bad):4: unknown company 'Glasbruk'"))
        #expect(b.stderr.contains("\(bad):5: cost_per_km is negative (-15)"))
        // A company of the run without a cost and no default: named.
        let partial = dir.write("partial.csv", "company,cost_per_km,cost_per_hour\nGlasbruk AB,14.5,420\n")
        let p = try match(["--companies", partial])
        #expect(p.status == 3 && p.stderr.contains("no cost for 4 companies of the run"))
        #expect(try match(["--companies", partial, "--cost-per-km", "10"]).status == 0)
        #expect(try match(["--companies", dir.file("missing.csv")]).status == 2)
    }

    @Test func ledgerFromTheCommandLine() throws {
        let db = dir.file("savings.db")
        let first = try match(["--ledger", db, "--ledger-date", "2026-11-26", "--cost-per-km", "14.5", "--currency", "SEK", "--format", "json"])
        #expect(first.status == 0 && first.stderr.contains("recorded run 1"), "\(first.stderr)")
        let again = try match(["--ledger", db, "--ledger-date", "2026-11-26", "--cost-per-km", "14.5", "--currency", "SEK"])
        #expect(again.status == 0 && again.stderr.contains("already recorded as run 1"))
        let runs = try Backhaul.run(["ledger", "runs", db])
        #expect(runs.status == 0 && runs.stdout.split(separator: "\n").count == 2)
        // Every report format adds up: rows to the total row.
        for by in ["company", "month", "pair", "run"] {
            let csv = try Backhaul.run(["ledger", "report", db, "--by", by, "--format", "csv"])
            #expect(csv.status == 0, "\(csv.stderr)")
            let lines = csv.stdout.split(separator: "\n").map(csvFields)
            let header = lines[0], body = lines.dropFirst().dropLast(), total = lines.last!
            for key in ["saved_km", "co2e_saved_kg_wtw", "saved_cost"] {
                let i = header.firstIndex { $0 == key }!
                let d = key == "saved_cost" ? 2 : 3
                #expect(body.reduce(0) { $0 + units($1[i], decimals: d) } == units(total[i], decimals: d), "\(by) \(key)")
            }
            for format in ["md", "json", "html"] {
                #expect(try Backhaul.run(["ledger", "report", db, "--by", by, "--format", format]).status == 0)
            }
        }
        let json = try Backhaul.run(["ledger", "report", db, "--by", "company", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let matchJSON = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
        #expect(((report["total"] as! [String: Any])["saved_km"] as! NSNumber).doubleValue
            == ((matchJSON["summary"] as! [String: Any])["saved_km"] as! NSNumber).doubleValue)
        // iLEAP export: the field names, decimals as strings.
        let export = try Backhaul.run(["ledger", "export", db, "--format", "ileap"])
        #expect(export.status == 0)
        let ileap = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as! [String: Any]
        let footprints = ileap["shipmentFootprints"] as! [[String: Any]]
        #expect(footprints.count == 6)  // the shipments of the 3 pairs
        let tce = (footprints[0]["tces"] as! [[String: Any]])[0]
        for key in ["tceId", "tocId", "shipmentId", "mass", "distance", "transportActivity", "co2eWTW", "co2eTTW"] {
            #expect(tce[key] != nil, "\(key)")
        }
        #expect(tce["co2eWTW"] is String && (tce["distance"] as! [String: Any])["actual"] is String)
        #expect((ileap["tocs"] as! [[String: Any]]).first?["mode"] as? String == "Road")
        #expect(try Backhaul.run(["ledger", "check", db]).stdout.contains("ok"))
        // Reading commands never create a ledger; a newer one is refused.
        #expect(try Backhaul.run(["ledger", "runs", dir.file("none.db")]).status == 2)
    }

    /// kill -9 in the middle of an append: the child dies after a given
    /// statement; the ledger is intact and holds only the earlier run.
    @Test func killedMidAppendLeavesTheLedgerIntact() throws {
        let db = dir.file("savings.db")
        #expect(try match(["--ledger", db, "--ledger-date", "2026-11-25"]).status == 0)
        for after in [1, 5, 12, 20] {
            let r = try match(["--ledger", db, "--ledger-date", "2026-11-26"], environment: ["BACKHAUL_LEDGER_KILL_AFTER": String(after)])
            #expect(r.signal == 9, "the child should have been killed (status \(r.status), \(r.stderr))")
            #expect(try Backhaul.run(["ledger", "check", db]).status == 0)
            let runs = try Backhaul.run(["ledger", "runs", db, "--format", "json"])
            let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as! [[String: Any]]
            #expect(list.count == 1 && list[0]["date"] as? String == "2026-11-25", "after statement \(after)")
        }
        let r = try match(["--ledger", db, "--ledger-date", "2026-11-26"])
        #expect(r.status == 0 && r.stderr.contains("recorded run 2"))
    }
}

extension LedgerProcessTests {
    /// Four cron jobs appending at once: each waits for the write lock
    /// (busy timeout) and every run is recorded.
    @Test func concurrentAppendsAllLand() throws {
        let db = dir.file("savings.db")
        let batch = dir.write("batch.csv", companyBatch)
        let processes = (1...4).map { day -> Process in
            let p = Process()
            p.executableURL = Backhaul.executable!
            p.arguments = ["match", batch, "--quiet", "--format", "csv", "--ledger", db, "--ledger-date", "2026-11-2\(day)"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let runs = try Backhaul.run(["ledger", "runs", db, "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as! [[String: Any]]
        #expect(Set(list.compactMap { $0["date"] as? String }) == ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"])
    }
}
