import Emissions
import Pairing

/// Writing a `match` run's reports: one format to standard output, or every
/// format into `--out DIR` (`result.json`, `pairs.csv`, `report.md`,
/// `report.html`, `pairs.geojson`) as one atomic set (``OutputFolder``).
enum MatchOutput {
    /// The files `--out` writes, in this order.
    static let fileNames = ["result.json", "pairs.csv", "report.md", "report.html", "pairs.geojson"]
    /// The format of each of ``fileNames``.
    static let fileFormats: [MatchOptions.Format] = [.json, .csv, .md, .html, .geojson]

    /// Opens `--out` before any work: the folder is created when only its
    /// last component is missing, checked, locked (``OutputFolder``) and
    /// cleared of what killed runs left. `nil` without `--out`.
    ///
    /// - Throws: ``CommandFailure``: exit 2 for an unusable folder, 5 for an
    ///   I/O failure, 6 when another run holds the lock past
    ///   `--lock-timeout`.
    static func prepare(_ options: MatchOptions) throws(CommandFailure) -> OutputFolder? {
        guard let dir = options.outDirectory else { return nil }
        return try OutputFolder(path: dir, fileNames: fileNames, lockTimeout: options.lockTimeoutSeconds)
    }

    /// Streams the report in one format into `out`.
    static func write(_ report: MatchReport, _ format: MatchOptions.Format, to out: BufferedWriter, csvDialect: CSVDialect = .rfc4180) {
        switch format {
        case .json: report.writeJSON(to: out)
        case .csv: report.writeCSV(to: out, dialect: csvDialect)
        case .md: report.writeMarkdown(to: out)
        case .html: report.writeHTML(to: out)
        case .geojson: report.writeGeoJSON(to: out)
        }
    }

    /// The report in one format, in memory (tests, small reports).
    static func render(_ report: MatchReport, _ format: MatchOptions.Format, csvDialect: CSVDialect = .rfc4180) -> String {
        let out = BufferedWriter()
        write(report, format, to: out, csvDialect: csvDialect)
        return out.text
    }

    /// Writes the outcome as the options ask: every format into the
    /// folder `prepare` opened, as one atomic set, then the summary line;
    /// or one format to standard output.
    ///
    /// - Throws: ``CommandFailure`` with exit 5 when standard output or a
    ///   file cannot be written, naming it.
    static func write(_ outcome: MatchJob.Outcome, options: MatchOptions, into folder: OutputFolder?) throws(CommandFailure) {
        let report = outcome.report
        let stdout = BufferedWriter(fd: 1, path: "standard output")
        if let folder {
            try folder.publish { name, out in
                write(report, fileFormats[fileNames.firstIndex(of: name)!], to: out, csvDialect: options.csvDialect)
            }
            stdout.write(summaryLine(report, directory: folder.path) + "\n")
        } else {
            write(report, options.format, to: stdout, csvDialect: options.csvDialect)
        }
        try stdout.finish()
    }

    /// The one line a cron job's log gets: the quoted baseline's saving
    /// (``MatchReport/Baselines/quoted``), named, and with observed empty
    /// running the counterfactual's saving beside it.
    static func summaryLine(_ r: MatchReport, directory: String) -> String {
        let s = r.summary
        let quoted = r.baselines.quoted, f = quoted.figures
        // With --max-tour 3 or 4: the trucks' tours, of which pairs.
        let longer = r.tours.count - s.pairs
        let trucks = longer > 0 ? "\(r.tours.count) tours (\(s.pairs) pairs, \(longer) of 3 or more)" : "\(s.pairs) pairs"
        var line = "backhaul: \(s.shipments) rows, \(s.valid) shipments, \(trucks), "
            + "\(JSONValue.format(km(f.savedMetres), decimals: 1)) empty km saved "
            + "(\(JSONValue.format(km(f.emptyMetresBefore), decimals: 1)) → \(JSONValue.format(km(f.emptyMetresAfter), decimals: 1))), "
            + "\(quoted.saving.map { JSONValue.format($0.co2eKgWTW, decimals: 1) } ?? "?") kg CO2e (WTW), baseline \(r.quotedBaselineLabel)"
        if quoted.name == .observed {
            line += "; \(JSONValue.format(km(r.baselines.counterfactual.figures.savedMetres), decimals: 1)) km against every return empty"
        }
        if s.rejected > 0 { line += ", \(s.rejected) rejected" }
        line += r.graph.distanceModel == "crowfly" ? " [crow-fly estimate]" : " [road distances]"
        return line + " → \(directory)/"
    }
}
