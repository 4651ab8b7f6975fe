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
    /// The format of each of ``fileNames``.
    static let fileFormats: [MatchOptions.Format] = [.json, .csv, .md, .html, .geojson]

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

    /// Streams the report in one format into `out`.
    static func write(_ report: MatchReport, _ format: MatchOptions.Format, to out: BufferedWriter) {
        switch format {
        case .json: report.writeJSON(to: out)
        case .csv: report.writeCSV(to: out)
        case .md: out.write(report.markdown)
        case .html: out.write(report.html)
        case .geojson: report.writeGeoJSON(to: out)
        }
    }

    /// The report in one format, in memory (tests, small reports).
    static func render(_ report: MatchReport, _ format: MatchOptions.Format) -> String {
        let out = BufferedWriter()
        write(report, format, to: out)
        return out.text
    }

    /// Writes the outcome as the options ask.
    ///
    /// - Throws: ``CommandFailure`` with exit 5 when standard output or a
    ///   file cannot be written, naming it.
    static func write(_ outcome: MatchJob.Outcome, options: MatchOptions) throws(CommandFailure) {
        let report = outcome.report
        guard let dir = options.outDirectory else {
            let out = BufferedWriter(fd: 1, path: "standard output")
            write(report, options.format, to: out)
            try out.finish()
            return
        }
        let files = zip(fileNames, fileFormats).map { (dir + "/" + $0, render(report, $1)) }
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
