import Routing

extension GraphInfo {
    /// The report as aligned `name: value` lines.
    public func text() -> String {
        var lines: [(String, String)] = [("file", file)]
        if let formatVersion {
            lines.append(("format", "backhaul graph (.bhg) version \(formatVersion), \(megabytes(fileBytes))"))
        } else {
            lines.append(("format", "\(format), \(megabytes(fileBytes)), built in \(seconds(loadSeconds))"))
        }
        lines.append(("profile", "\(profile) (searches minimise \(metricName))"))
        if let v = vehicle {
            var limits = "\(number(v.weightTonnes)) t, \(number(v.heightMetres)) m high, \(number(v.widthMetres)) m wide, \(number(v.lengthMetres)) m long"
            if let axle = v.axleLoadTonnes { limits += ", \(number(axle)) t per axle" }
            lines.append(("vehicle", "\(v.name) (\(limits); roads it may not use are left out)"))
        }
        lines.append(("nodes", "\(nodes)"))
        lines.append(("edges", "\(edges)"))
        lines.append(("shape points", "\(shapePoints)"))
        if let (sw, ne) = boundingBox {
            lines.append(("bounding box", "\(degrees(sw.latitude)),\(degrees(sw.longitude)) to \(degrees(ne.latitude)),\(degrees(ne.longitude)) (south-west to north-east, lat,lon)"))
        } else {
            lines.append(("bounding box", "none (the graph has no coordinates)"))
        }
        lines.append(("largest SCC", "\(largestComponentNodes) nodes (\(JSONValue.format(largestComponentShare * 100, decimals: 2)) % of all)"))
        lines.append(("memory", megabytes(UInt64(memoryBytes)) + " (graph arrays)"))
        if let hierarchy {
            lines.append(("hierarchy", "stored: \(hierarchy.shortcuts) shortcuts, \(hierarchy.arcs) arcs, \(megabytes(UInt64(hierarchy.bytes)))"))
        } else if formatVersion != nil {
            lines.append(("hierarchy", "not stored (built with --no-hierarchy); runs that route many legs build one each time"))
        } else {
            lines.append(("hierarchy", "none (a raw file; 'backhaul graph build' stores one in a .bhg)"))
        }
        if let source {
            let status = switch sourceStatus {
            case "unchanged": "beside the graph, unchanged since the build"
            case "changed": "beside the graph, CHANGED since the build: rebuild the graph"
            default: "not beside the graph"
            }
            lines.append(("source", "\(source.name), \(source.size) bytes, modified \(source.modificationTimeISO8601); \(status)"))
        }
        lines.append(("load time", seconds(loadSeconds)))
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }.joined(separator: "\n") + "\n"
    }

    /// The report as a JSON object (snake_case keys, like the contract's).
    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("format", .string(format)),
            ("format_version", formatVersion.map { .int(Int($0)) } ?? .null),
            ("file_bytes", .int(Int64(fileBytes))),
            ("profile", .string(profile)),
            ("metric", .string(metricName)),
            ("vehicle", vehicle.map { v in
                .object([
                    ("name", .string(v.name)), ("weight_t", .number(v.weightTonnes, decimals: 2)),
                    ("height_m", .number(v.heightMetres, decimals: 2)), ("width_m", .number(v.widthMetres, decimals: 2)),
                    ("length_m", .number(v.lengthMetres, decimals: 2)),
                    ("axle_load_t", v.axleLoadTonnes.map { .number($0, decimals: 2) } ?? .null),
                ])
            } ?? .null),
            ("nodes", .int(nodes)),
            ("edges", .int(edges)),
            ("shape_points", .int(shapePoints)),
        ]
        if let (sw, ne) = boundingBox {
            members.append(("bounding_box", .object([
                ("min_lat", .number(sw.latitude, decimals: 7)), ("min_lon", .number(sw.longitude, decimals: 7)),
                ("max_lat", .number(ne.latitude, decimals: 7)), ("max_lon", .number(ne.longitude, decimals: 7)),
            ])))
        } else {
            members.append(("bounding_box", .null))
        }
        members.append(("largest_scc", .object([
            ("nodes", .int(largestComponentNodes)),
            ("share", .number(largestComponentShare, decimals: 6)),
            ("stored", .bool(largestComponentStored)),
        ])))
        members.append(("memory_bytes", .int(memoryBytes)))
        if let hierarchy {
            members.append(("hierarchy", .object([
                ("stored", .bool(true)), ("shortcuts", .int(hierarchy.shortcuts)), ("arcs", .int(hierarchy.arcs)),
                ("bytes", .int(hierarchy.bytes)),
            ])))
        } else {
            members.append(("hierarchy", .object([("stored", .bool(false))])))
        }
        if let source {
            members.append(("source", .object([
                ("name", .string(source.name)),
                ("bytes", .int(Int64(source.size))),
                ("modified", .string(source.modificationTimeISO8601)),
                ("status", .string(sourceStatus ?? "absent")),
            ])))
        } else {
            members.append(("source", .null))
        }
        members.append(("load_seconds", .number(loadSeconds, decimals: 3)))
        return .object(members)
    }

    private var metricName: String { metric == .distance ? "distance" : "duration" }

    private func megabytes(_ bytes: UInt64) -> String {
        bytes >= 1_000_000 ? JSONValue.format(Double(bytes) / 1e6, decimals: 1) + " MB" : "\(bytes) bytes"
    }

    private func seconds(_ s: Double) -> String {
        s >= 1 ? JSONValue.format(s, decimals: 2) + " s" : JSONValue.format(s * 1000, decimals: 1) + " ms"
    }

    private func degrees(_ d: Double) -> String { JSONValue.format(d, decimals: 7) }

    /// Up to two decimals, without trailing zeros (40, 2.55, 16.5).
    private func number(_ x: Double) -> String {
        var t = JSONValue.format(x, decimals: 2)
        while t.contains(".") && (t.hasSuffix("0") || t.hasSuffix(".")) { t.removeLast() }
        return t
    }
}
