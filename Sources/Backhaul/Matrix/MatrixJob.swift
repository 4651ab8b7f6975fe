import Pairing
import Routing

/// `backhaul matrix`: road (or crow-fly) distances and durations between
/// every ordered pair of points in a points file.
public enum MatrixJob {
    /// Reads the points, computes the matrix and writes it to standard
    /// output or `options.outputPath`.
    ///
    /// - Throws: ``CommandFailure``: exit 2 for a missing file or points
    ///   given as node ids without a graph; exit 3 for an invalid graph or
    ///   points file (with file and line); exit 4 when the output cannot be
    ///   written.
    public static func run(_ options: MatrixOptions, console: Console) throws(CommandFailure) -> ExitStatus {
        let points = try PointsFile.read(options.pointsPath)
        if !points.ignoredColumns.isEmpty {
            console.warning("\(options.pointsPath): ignoring columns \(points.ignoredColumns.joined(separator: ", "))")
        }
        let network = try options.graphPath.map { (path: String) throws(CommandFailure) in
            console.phase("Loading \(path)")
            return try RoadNetwork.load(
                path, dimacsUnit: options.dimacsUnit, profile: options.profile,
                vehicle: try options.vehicle.dimensions(profile: options.profile), console: console)
        }
        let result = try compute(points: points, network: network, options: options, console: console)
        let bytes = options.format == .csv ? result.csv() : result.json()
        if let out = options.outputPath {
            try AtomicFile.write(bytes, to: out)
        } else {
            Console.writeStdout(String(decoding: bytes, as: UTF8.self))
        }
        return .success
    }

    /// The matrix for `points`, on `network` or, without one, by the
    /// crow-fly estimate.
    ///
    /// - Throws: ``CommandFailure`` with exit 3 for a node id the graph does
    ///   not have or a coordinate on a graph without coordinates, exit 2 for
    ///   node ids without a graph.
    public static func compute(
        points file: PointsFile, network: RoadNetwork?, options: MatrixOptions, console: Console
    ) throws(CommandFailure) -> MatrixResult {
        let points = file.points
        let n = points.count
        guard let network else {
            return try crowfly(file, options: options)
        }

        // Place every point; points too far from the roads stay unreachable.
        var placed: [NetworkPoint] = []
        var placedIndex: [Int] = []  // point index of each placed point
        var notes: [MatrixResult.Note] = []
        var snapMetres = [Double?](repeating: nil, count: n)
        for (i, p) in points.enumerated() {
            switch network.point(for: p.location, maxSnapMetres: options.maxSnapMetres) {
            case .success(let np):
                placed.append(np)
                placedIndex.append(i)
                if case .coordinate = p.location { snapMetres[i] = np.snapDistanceMetres }
            case .failure(let f) where f.kind == .tooFar:
                notes.append(.init(point: i, reason: f.message))
                console.warning("\(file.path):\(p.line): point '\(p.id)': \(f.message); it is unreachable")
            case .failure(let f):
                throw .invalidInput("\(file.path):\(p.line): point '\(p.id)': \(f.message)")
            }
        }

        let total = placed.count
        var progress: (@Sendable (Int) -> Void)?
        if console.showsProgress {
            progress = { done in console.progress("Routing", done: done, total: total) }
        }
        let matrix: DistanceMatrix
        do {
            matrix = try DistanceMatrix(
                graph: network.graph, sources: placed, targets: placed, threads: options.threads, progress: progress)
        } catch {
            throw .invalidInput("\(network.file): \(error.description)")
        }
        console.finish()

        var metres = [UInt32](repeating: MatrixResult.unreachable, count: n * n)
        var seconds = [UInt32](repeating: MatrixResult.unreachable, count: n * n)
        for (a, i) in placedIndex.enumerated() {
            for (b, j) in placedIndex.enumerated() {
                guard let c = matrix[a, b] else { continue }
                metres[i * n + j] = UInt32(c.metres)
                seconds[i * n + j] = UInt32(c.seconds)
            }
        }
        return MatrixResult(
            points: points, graph: network.summary, metres: metres, seconds: seconds, snapMetres: snapMetres, notes: notes,
            vehicle: network.graph.vehicle)
    }

    /// Great-circle distance × circuity at the crow-fly speed.
    static func crowfly(_ file: PointsFile, options: MatrixOptions) throws(CommandFailure) -> MatrixResult {
        let points = file.points
        let n = points.count
        var coordinates: [Coordinate] = []
        for p in points {
            guard case .coordinate(let lat, let lon) = p.location else {
                throw .usage("\(file.path):\(p.line): point '\(p.id)' is a graph node; node ids need --graph")
            }
            coordinates.append(Coordinate(latitude: lat, longitude: lon))
        }
        let speed = options.crowflySpeedKmh / 3.6
        var metres = [UInt32](repeating: 0, count: n * n)
        var seconds = [UInt32](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let d = coordinates[i].distance(to: coordinates[j]) * options.circuity
                metres[i * n + j] = UInt32(min(d.rounded(), Double(UInt32.max - 1)))
                seconds[i * n + j] = UInt32(min((d / speed).rounded(), Double(UInt32.max - 1)))
            }
        }
        let summary = MatchReport.GraphSummary(
            file: nil, nodes: 0, edges: 0, profile: nil, distanceModel: "crowfly", circuity: options.circuity,
            crowflySpeedKmh: options.crowflySpeedKmh)
        return MatrixResult(
            points: points, graph: summary, metres: metres, seconds: seconds,
            snapMetres: [Double?](repeating: nil, count: n), notes: [])
    }
}
