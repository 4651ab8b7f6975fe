public import Ledger
import Emissions

/// `backhaul ledger report DB --by company|month|pair|run`: what the
/// recorded runs saved, grouped, in Markdown, CSV, JSON or HTML.
public enum LedgerReportJob {
    public enum Format: String, Sendable, CaseIterable { case md, csv, json, html }

    public struct Options: Sendable {
        public var path: String
        public var query: LedgerQuery
        public var format: Format = .md

        public init(path: String, query: LedgerQuery) {
            self.path = path
            self.query = query
        }
    }

    /// The report as text.
    ///
    /// - Throws: ``CommandFailure`` (2 missing ledger, 3 damaged or newer
    ///   ledger, 5 I/O, 6 locked).
    public static func run(_ options: Options) throws(CommandFailure) -> String {
        let report: LedgerReport
        do {
            let tables = LedgerDatabase.defaultCheckedTables + (options.query.grouping == .pair ? ["run_partners"] : [])
            let db = try LedgerDatabase(path: options.path, create: false, checking: tables)
            report = try db.report(options.query)
        } catch {
            throw MatchJob.failure(error)
        }
        return render(report, options.format, path: options.path)
    }

    /// `report` in `format`.
    public static func render(_ report: LedgerReport, _ format: Format, path: String) -> String {
        let table = LedgerTable(report)
        switch format {
        case .md: return table.markdown(title: "backhaul: savings ledger \(path)")
        case .csv: return table.csv
        case .html: return table.html(title: "backhaul: savings ledger \(path)")
        case .json: return table.json(path: path).serialized()
        }
    }
}
