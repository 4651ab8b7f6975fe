#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a `match` run's reports: one format to standard output, or every
/// format into `--out DIR` (`result.json`, `pairs.csv`, `report.md`,
/// `report.html`, `pairs.geojson`), all or none.
enum MatchOutput {
    /// The files `--out` writes, in this order.
    static let fileNames = ["result.json", "pairs.csv", "report.md", "report.html", "pairs.geojson"]

    /// Checks, before any work, that `directory` exists (creating it when
    /// only the last component is missing) and is writable.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) naming the folder and the reason.
    static func prepare(directory: String) throws(CommandFailure) {
        var st = stat()
        if stat(directory, &st) != 0 {
            guard mkdir(directory, 0o777) == 0 else {
                throw .usage("--out \(directory): cannot create the folder: \(errnoText())")
            }
        } else if (st.st_mode & S_IFMT) != S_IFDIR {
            throw .usage("--out \(directory): exists and is not a folder")
        }
        guard access(directory, W_OK) == 0 else {
            throw .usage("--out \(directory): the folder is not writable")
        }
    }

    /// The report in one format.
    static func render(_ report: MatchReport, _ format: MatchOptions.Format) -> String {
        switch format {
        case .json: report.json.serialized()
        case .csv: report.csv
        case .md: report.markdown
        case .html: report.html
        case .geojson: report.geoJSON.serialized()
        }
    }

    /// Writes the outcome as the options ask.
    static func write(_ outcome: MatchJob.Outcome, options: MatchOptions) throws(CommandFailure) {
        let report = outcome.report
        guard let dir = options.outDirectory else {
            Console.writeStdout(render(report, options.format))
            return
        }
        let formats: [MatchOptions.Format] = [.json, .csv, .md, .html, .geojson]
        let files = zip(fileNames, formats).map { (dir + "/" + $0, render(report, $1)) }
        try AtomicFile.writeAll(files.map { ($0.0, Array($0.1.utf8)) })
        Console.writeStdout(summaryLine(report, directory: dir) + "\n")
    }

    /// The one line a cron job's log gets.
    static func summaryLine(_ r: MatchReport, directory: String) -> String {
        let s = r.summary
        var line = "backhaul: \(s.shipments) rows, \(s.valid) shipments, \(s.pairs) pairs, "
            + "\(JSONValue.format(km(s.savedM), decimals: 1)) empty km saved "
            + "(\(JSONValue.format(km(s.emptyBeforeM), decimals: 1)) → \(JSONValue.format(km(s.emptyAfterM), decimals: 1))), "
            + "\(JSONValue.format(s.co2eSavedKgWTW, decimals: 1)) kg CO2e (WTW)"
        if s.rejected > 0 { line += ", \(s.rejected) rejected" }
        line += r.graph.distanceModel == "crowfly" ? " [crow-fly estimate]" : " [road distances]"
        return line + " → \(directory)/"
    }
}
