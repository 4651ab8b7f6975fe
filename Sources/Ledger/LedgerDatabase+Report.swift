import Emissions

extension LedgerDatabase {
    /// The report `query` asks for, over current runs only.
    ///
    /// Reads the per-run aggregate tables (`run_companies`, `run_partners`,
    /// `runs`), so the cost grows with runs × companies, not with tours.
    ///
    /// - Throws: ``LedgerError``.
    public func report(_ query: LedgerQuery) throws(LedgerError) -> LedgerReport {
        var conditions = ["r.superseded_by IS NULL"]
        var values: [SQLiteValue] = []
        if let from = query.from { conditions.append("r.run_date >= ?"); values.append(.text(from)) }
        if let to = query.to { conditions.append("r.run_date <= ?"); values.append(.text(to)) }
        let figureSums = LedgerSchema.figureColumns.map { "SUM(x.\($0))" }.joined(separator: ", ")
        let companyFilter = query.company != nil ? " AND x.company = ?" : ""
        let companyValue: [SQLiteValue] = query.company.map { [.text($0)] } ?? []
        let where_ = conditions.joined(separator: " AND ")
        let sql: String
        switch query.grouping {
        case .company:
            sql = """
                SELECT x.company, NULL, COUNT(DISTINCT r.run_id), \(figureSums)
                FROM run_companies x JOIN runs r USING (run_id)
                WHERE \(where_)\(companyFilter) GROUP BY x.company ORDER BY x.company
                """
        case .month:
            sql = """
                SELECT substr(r.run_date, 1, 7), NULL, COUNT(DISTINCT r.run_id), \(figureSums)
                FROM run_companies x JOIN runs r USING (run_id)
                WHERE \(where_)\(companyFilter) GROUP BY 1 ORDER BY 1
                """
        case .pair:
            // Every company row of a partnership carries the partnership's
            // tour count: take it once per run, then sum over runs.
            let inner = LedgerSchema.figureColumns.map { $0 == "tours" ? "MAX(x.tours) AS tours" : "SUM(x.\($0)) AS \($0)" }.joined(separator: ", ")
            let outer = LedgerSchema.figureColumns.map { "SUM(p.\($0))" }.joined(separator: ", ")
            sql = """
                SELECT p.partners, NULL, COUNT(*), \(outer)
                FROM (SELECT x.run_id, x.partners, \(inner)
                      FROM run_partners x JOIN runs r USING (run_id)
                      WHERE \(where_)\(companyFilter) GROUP BY x.run_id, x.partners) p
                GROUP BY p.partners ORDER BY p.partners
                """
        case .run:
            if query.company != nil {
                sql = """
                    SELECT CAST(r.run_id AS TEXT), r.run_date, 1, \(figureSums)
                    FROM run_companies x JOIN runs r USING (run_id)
                    WHERE \(where_)\(companyFilter) GROUP BY r.run_id ORDER BY r.run_date, r.run_id
                    """
            } else {
                sql = """
                    SELECT CAST(r.run_id AS TEXT), r.run_date, 1, \(LedgerSchema.figureColumns.map { "r.\($0)" }.joined(separator: ", "))
                    FROM runs r WHERE \(where_) ORDER BY r.run_date, r.run_id
                    """
            }
        }
        do {
            let s = try database.prepare(sql)
            try s.bind(values + (query.grouping == .run && query.company == nil ? [] : companyValue))
            var rows: [LedgerReport.Row] = []
            while try s.step() {
                rows.append(.init(label: s.text(0) ?? "", date: s.text(1), runs: s.int(2), figures: Self.figures(s, from: 3)))
            }
            var total = rows.reduce(AllocationFigures.zero) { $0 + $1.figures }
            // Runs in range (with the company, if filtered), their currencies and methods.
            let scope = query.company != nil
                ? "FROM runs r WHERE \(where_) AND r.run_id IN (SELECT run_id FROM run_companies x WHERE 1\(companyFilter))"
                : "FROM runs r WHERE \(where_)"
            let scopeValues = values + companyValue
            let runs = try database.scalarInt("SELECT COUNT(*) \(scope)", scopeValues) ?? 0
            if query.grouping == .company || query.grouping == .month || query.grouping == .pair {
                total.tours = try database.scalarInt("SELECT COALESCE(SUM(r.tours), 0) \(scope)", scopeValues) ?? 0
                if query.grouping == .pair || query.company != nil { total.tours = rows.reduce(0) { $0 + $1.figures.tours } }
            }
            func distinct(_ column: String) throws(SQLiteError) -> [String] {
                let q = try database.prepare("SELECT DISTINCT \(column) \(scope) AND \(column) IS NOT NULL ORDER BY 1")
                try q.bind(scopeValues)
                var out: [String] = []
                while try q.step() { out.append(q.text(0) ?? "") }
                return out
            }
            let currencies = try distinct("r.currency")
            let withMoney = try database.scalarInt("SELECT COUNT(*) \(scope) AND r.currency IS NOT NULL", scopeValues) ?? 0
            let methods = try distinct("r.split_method")
            let first = try database.scalarText("SELECT MIN(r.run_date) \(scope)", scopeValues)
            let last = try database.scalarText("SELECT MAX(r.run_date) \(scope)", scopeValues)
            var report = LedgerReport(
                query: query, rows: rows, total: total, runs: runs, currencies: currencies, splitMethods: methods,
                firstDate: first, lastDate: last)
            report.runsWithMoney = withMoney
            return report
        } catch {
            throw Self.wrap(error, path)
        }
    }
}
