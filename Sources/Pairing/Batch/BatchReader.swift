/// Reads shipment batch files — CSV in the dialects hauliers really export,
/// or JSON — validates every row, and accounts for every one of them.
///
/// ```swift
/// let batch = try BatchReader().read([.path("nightly/"), .standardInput])
/// for row in batch.rejected { print(row) }   // file:line: reason
/// ```
///
/// **Inputs.** A path is a file or a folder. A folder stands for every
/// `*.csv` and `*.json` directly inside it (extensions in any case; hidden
/// files skipped; no recursion), sorted by name. A `.json` file is JSON;
/// anything else, and standard input, is CSV. Every path is checked before
/// anything is read: a missing one is a ``BatchError/Kind/unreadable`` error
/// (exit 2 at the command line).
///
/// **Files.** The encoding is detected (``TextEncoding``), then the CSV
/// dialect (``CSVDialect``). The header row names the columns,
/// case-insensitively and in any order; a file without the required columns
/// (`id`, and per end either `*_lat`+`*_lon` or `*_node`) is refused as a
/// whole with the list of columns it has (exit 3), and so is a file that
/// names a contract column twice or a JSON file that is not an array of
/// objects. All such files of the run are reported together.
///
/// **Rows.** Each data row becomes a shipment, an observed empty run
/// (`load_status=empty`), or a ``RejectedRow`` with every problem found in
/// it (see ``ShipmentRowDecoder``). Ids must be unique across the run: a
/// later row with an id seen before — valid or not — is rejected as
/// `duplicate id X, first at file:line`. Rows whose field count differs from
/// the header's (extra empty fields aside) are rejected without looking at
/// their values, which would be shifted. Blank rows are skipped and
/// counted in ``BatchFileSummary/blankRecords``.
///
/// **Warnings** (``Batch/warnings``): per file, a file read as Windows-1252
/// and an empty file or folder; unknown columns, each name once per run
/// (case-insensitively) under the first file that has it; and once per run,
/// how many shipments have origin equal to destination (valid: zone-internal
/// trips have no empty return to save) and whether times mix naive and
/// offset forms (see ``Timestamp/init(iso8601:)``).
///
/// - Complexity: O(total input size + rows) time; memory for the largest
///   file plus the shipments.
public struct BatchReader: Sendable {
    /// How to read.
    public struct Options: Sendable, Hashable {
        /// The CSV dialect, or `nil` (default) to detect it per file.
        public var csvDialect: CSVDialect?
        /// The text encoding, or `nil` (default) to detect it per file.
        public var encoding: TextEncoding?
        /// Whether a run without a single valid loaded shipment is an error
        /// (``BatchError/Kind/noValidShipment``, exit 3). Default `true`.
        public var requireShipments: Bool

        public init(csvDialect: CSVDialect? = nil, encoding: TextEncoding? = nil, requireShipments: Bool = true) {
            self.csvDialect = csvDialect
            self.encoding = encoding
            self.requireShipments = requireShipments
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Reads every input, in order, into one batch.
    ///
    /// - Throws: ``BatchError`` when an input cannot be read (`unreadable`),
    ///   a file cannot be interpreted (`invalidFile`), or — with
    ///   ``Options/requireShipments`` — no row is a valid loaded shipment.
    /// - Complexity: O(total input size + rows).
    public func read(_ inputs: [BatchInput]) throws(BatchError) -> Batch {
        enum Source {
            case file(String)
            case standardInput
            case bytes(String, [UInt8], BatchFormat)
        }
        var sources: [Source] = []
        var unreadable: [BatchError.Problem] = []
        var state = BatchReadState(options: options)
        for input in inputs {
            switch input {
            case .path(let path):
                switch Self.kind(of: path) {
                case .file:
                    sources.append(.file(path))
                case .folder:
                    switch Self.batchFiles(in: path) {
                    case .success(let files):
                        if files.isEmpty { state.batch.warnings.append("\(path): folder has no *.csv or *.json files") }
                        sources += files.map(Source.file)
                    case .failure(let p):
                        unreadable.append(p)
                    }
                case .unusable(let why):
                    unreadable.append(.init(file: path, message: why))
                }
            case .standardInput:
                sources.append(.standardInput)
            case .bytes(let name, let bytes, let format):
                sources.append(.bytes(name, bytes, format))
            }
        }
        guard unreadable.isEmpty else { throw BatchError(kind: .unreadable, problems: unreadable) }

        var invalid: [BatchError.Problem] = []
        for source in sources {
            let name: String, format: BatchFormat
            var text: [UInt8]
            do {
                switch source {
                case .file(let path):
                    (name, format) = (path, BatchFormat(fileName: path))
                    text = try Self.readAll(path: path)
                case .standardInput:
                    (name, format) = ("<stdin>", .csv)
                    text = try Self.readAll(path: nil)
                case .bytes(let n, let bytes, let f):
                    (name, format, text) = (n, f, bytes)
                }
            } catch {
                unreadable.append(error)
                continue
            }
            if let problem = state.readFile(name: name, text: &text, format: format) { invalid.append(problem) }
        }
        guard unreadable.isEmpty else { throw BatchError(kind: .unreadable, problems: unreadable) }
        guard invalid.isEmpty else { throw BatchError(kind: .invalidFile, problems: invalid) }

        let batch = state.finish()
        #if DEBUG
        batch._checkInvariants()
        #endif
        if options.requireShipments && batch.shipments.isEmpty {
            var problems = batch.rejected.map { BatchError.Problem(file: $0.file, line: $0.line, message: $0.reason) }
            let files = batch.files.count
            let summary = "no valid shipment in \(files) file\(files == 1 ? "" : "s"): \(batch.records) rows, "
                + "\(batch.rejected.count) rejected, \(batch.observedEmpty.count) observed empty runs"
            problems.insert(.init(file: batch.files.first?.file ?? "batch", message: summary), at: 0)
            throw BatchError(kind: .noValidShipment, problems: problems)
        }
        return batch
    }
}
