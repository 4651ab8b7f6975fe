import Pairing
public import Routing

/// The answer of `backhaul matrix`: every ordered pair of points, in input
/// order, with its distance in metres and duration in seconds.
public struct MatrixResult: Sendable {
    /// A point that could not be placed on the roads.
    public struct Note: Sendable, Hashable {
        /// The index of the point.
        public var point: Int
        public var reason: String
    }

    /// The value of an unreachable pair in ``metres`` and ``seconds``.
    public static let unreachable = UInt32.max

    public let points: [PointsFile.Point]
    public let graph: MatchReport.GraphSummary
    /// Row-major `from × to`, whole metres; ``unreachable`` when there is no
    /// route.
    public let metres: [UInt32]
    /// Row-major `from × to`, whole seconds; ``unreachable`` when there is no
    /// route.
    public let seconds: [UInt32]
    /// How far each coordinate point was snapped, in metres (`nil` for nodes
    /// and crow-fly runs).
    public let snapMetres: [Double?]
    /// Points left unreachable, and why.
    public let notes: [Note]
    /// The vehicle the road graph was built for (`nil` for crow-fly runs and
    /// graphs without one).
    public var vehicle: VehicleDimensions? = nil

    /// The distance in metres from point `i` to point `j`, or `nil`.
    public func distance(from i: Int, to j: Int) -> Int? {
        let v = metres[i * points.count + j]
        return v == Self.unreachable ? nil : Int(v)
    }

    /// The duration in seconds from point `i` to point `j`, or `nil`.
    public func duration(from i: Int, to j: Int) -> Int? {
        let v = seconds[i * points.count + j]
        return v == Self.unreachable ? nil : Int(v)
    }

    /// `from,to,distance_m,duration_s`, one row per ordered pair (from-major,
    /// in input order), unreachable pairs with empty values.
    public func csv() -> [UInt8] {
        let n = points.count
        let ids = points.map { Array(csvField($0.id).utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(32 + n * n * (2 * (ids.first?.count ?? 1) + 14))
        out.append(contentsOf: "from,to,distance_m,duration_s\n".utf8)
        for i in 0..<n {
            for j in 0..<n {
                out.append(contentsOf: ids[i])
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: ids[j])
                out.append(UInt8(ascii: ","))
                let k = i * n + j
                if metres[k] != Self.unreachable { appendDecimal(metres[k], to: &out) }
                out.append(UInt8(ascii: ","))
                if seconds[k] != Self.unreachable { appendDecimal(seconds[k], to: &out) }
                out.append(10)
            }
        }
        return out
    }

    /// A JSON document: `backhaul`, `graph` (with `distance_model`), `vehicle`,
    /// `points` (id, line, node or lat/lon and snap distance), the square
    /// arrays `distances_m` and `durations_s` (rows = from, `null` =
    /// unreachable) and `unreachable` (points that could not be placed).
    public func json() -> [UInt8] {
        var out = "{\n"
        out += "  \"backhaul\": " + JSONValue.object([("version", .string(BackhaulVersion.string))]).serialized(pretty: false) + ",\n"
        out += "  \"graph\": " + graph.json.serialized(pretty: false) + ",\n"
        out += "  \"vehicle\": " + RoadVehicle.json(vehicle).serialized(pretty: false) + ",\n"
        out += "  \"points\": [\n"
        for (i, p) in points.enumerated() {
            var members: [(String, JSONValue)] = [("id", .string(p.id)), ("line", .int(p.line))]
            switch p.location {
            case .node(let id):
                members.append(("node", .int(id)))
            case .coordinate(let lat, let lon):
                members.append(("lat", .number(lat, decimals: 7)))
                members.append(("lon", .number(lon, decimals: 7)))
                if let s = snapMetres[i] { members.append(("snap_m", .number(s, decimals: 1))) }
            }
            out += "    " + JSONValue.object(members).serialized(pretty: false) + (i + 1 < points.count ? ",\n" : "\n")
        }
        out += "  ],\n"
        var bytes = Array(out.utf8)
        appendSquare("distances_m", metres, to: &bytes)
        appendSquare("durations_s", seconds, to: &bytes)
        let unreachable = JSONValue.array(notes.map {
            .object([("id", .string(points[$0.point].id)), ("line", .int(points[$0.point].line)), ("reason", .string($0.reason))])
        })
        bytes.append(contentsOf: "  \"unreachable\": \(unreachable.serialized(pretty: false))\n}\n".utf8)
        return bytes
    }

    private func appendSquare(_ name: String, _ values: [UInt32], to out: inout [UInt8]) {
        let n = points.count
        out.append(contentsOf: "  \"\(name)\": [\n".utf8)
        for i in 0..<n {
            out.append(contentsOf: "    [".utf8)
            for j in 0..<n {
                if j > 0 { out.append(contentsOf: ", ".utf8) }
                let v = values[i * n + j]
                if v == Self.unreachable { out.append(contentsOf: "null".utf8) } else { appendDecimal(v, to: &out) }
            }
            out.append(contentsOf: (i + 1 < n ? "],\n" : "]\n").utf8)
        }
        out.append(contentsOf: "  ],\n".utf8)
    }
}

/// Appends the decimal digits of `v`.
func appendDecimal(_ v: UInt32, to out: inout [UInt8]) {
    if v < 10 {
        out.append(48 + UInt8(v))
        return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    var x = v
    withUnsafeMutableBytes(of: &digits) { d in
        while x > 0 {
            d[n] = 48 + UInt8(x % 10)
            x /= 10
            n += 1
        }
        for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
    }
}
