import CZlib
import Foundation
import Testing
@testable import Routing

// Shared helpers for the OSM* test suites: sample paths, temporary files, a
// reference Dijkstra, a nearest-node search, and a small map model written
// out both as OSM XML and as OSM PBF.

/// The repository root, found from this file's path (tests read only files
/// inside the repository, plus temporary files they write themselves).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A file under `samples/osm/`.
func osmSample(_ name: String) -> String { repositoryRoot + "/samples/osm/" + name }

/// Writes `bytes` to a fresh temporary file, runs `body`, removes the file.
func withTemporaryFile<R>(_ bytes: [UInt8], suffix: String, _ body: (String) throws -> R) throws -> R {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("backhaul-osm-\(UUID().uuidString)\(suffix)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// The bytes of a file inside the repository.
func fileBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// zlib-compresses `bytes` (RFC 1950), as PBF `zlib_data` holds.
func zlibCompress(_ bytes: [UInt8]) -> [UInt8] {
    var size = compressBound(uLong(bytes.count))
    var out = [UInt8](repeating: 0, count: Int(size))
    let rc = compress2(&out, &size, bytes, uLong(bytes.count), 6)
    precondition(rc == Z_OK)
    return Array(out[0..<Int(size)])
}

/// gzip-compresses `bytes` (RFC 1952), as `.osm.gz` files are.
func gzipCompress(_ bytes: [UInt8]) -> [UInt8] {
    var zs = z_stream()
    // 15 + 16: gzip wrapper.
    precondition(deflateInit2_(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
    defer { deflateEnd(&zs) }
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, uLong(bytes.count))) + 64)
    var input = bytes
    let produced: Int = input.withUnsafeMutableBufferPointer { inp in
        out.withUnsafeMutableBufferPointer { o in
            zs.next_in = inp.baseAddress
            zs.avail_in = uInt(inp.count)
            zs.next_out = o.baseAddress
            zs.avail_out = uInt(o.count)
            precondition(deflate(&zs, Z_FINISH) == Z_STREAM_END)
            return o.count - Int(zs.avail_out)
        }
    }
    return Array(out[0..<produced])
}

// MARK: - Graph checks

/// `true` when two graphs have identical arrays.
func sameGraph(_ a: RoadGraph, _ b: RoadGraph) -> Bool {
    a.nodeCount == b.nodeCount && a.edgeStart == b.edgeStart && a.edgeTarget == b.edgeTarget
        && a.edgeLength == b.edgeLength && a.edgeDuration == b.edgeDuration
        && a.latitudeE7 == b.latitudeE7 && a.longitudeE7 == b.longitudeE7 && a.originalIDs == b.originalIDs
        && a.shapeStart == b.shapeStart && a.shapeLatitudeE7 == b.shapeLatitudeE7
        && a.shapeLongitudeE7 == b.shapeLongitudeE7 && a.metric == b.metric && a.profile == b.profile
        && a.shapeDuration == b.shapeDuration && a.splitCopies == b.splitCopies && a.vehicle == b.vehicle
}

/// The node nearest to `c` (brute force).
func nearestNode(_ g: RoadGraph, _ c: Coordinate) -> Int {
    var best = 0, bestD = Double.infinity
    for v in 0..<g.nodeCount {
        let d = g.coordinate(of: v)!.distance(to: c)
        if d < bestD { best = v; bestD = d }
    }
    return best
}

/// A textbook Dijkstra (binary heap, lazy deletion) over `weight(edge)`,
/// the reference the OSM tests route with.
struct ReferenceDijkstra {
    let graph: RoadGraph
    private(set) var dist: [UInt64]
    private(set) var parentEdge: [Int]
    /// Edges on the path found to each node.
    private(set) var hops: [Int]

    init(_ graph: RoadGraph, from source: Int, weight: (Int) -> UInt32) {
        self.graph = graph
        dist = [UInt64](repeating: .max, count: graph.nodeCount)
        parentEdge = [Int](repeating: -1, count: graph.nodeCount)
        hops = [Int](repeating: 0, count: graph.nodeCount)
        var heap: [(UInt64, Int)] = [(0, source)]
        dist[source] = 0
        func up(_ i: Int) {
            var i = i
            while i > 0 {
                let p = (i - 1) / 2
                if heap[p].0 <= heap[i].0 { break }
                heap.swapAt(p, i); i = p
            }
        }
        func down(_ i: Int) {
            var i = i
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l].0 < heap[m].0 { m = l }
                if r < heap.count && heap[r].0 < heap[m].0 { m = r }
                if m == i { break }
                heap.swapAt(m, i); i = m
            }
        }
        while let top = heap.first {
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            if !heap.isEmpty { down(0) }
            let (d, u) = top
            if d > dist[u] { continue }
            for e in graph.edges(from: u) {
                let v = Int(graph.edgeTarget[e])
                let nd = d + UInt64(weight(e))
                if nd < dist[v] {
                    dist[v] = nd
                    parentEdge[v] = e
                    hops[v] = hops[u] + 1
                    heap.append((nd, v))
                    up(heap.count - 1)
                }
            }
        }
    }

    /// Fastest (by the graph's metric) from `source`.
    init(_ graph: RoadGraph, from source: Int) {
        self.init(graph, from: source, weight: { graph.weight(of: $0) })
    }

    /// The edges of the path to `target`, first to last, or `nil`.
    func path(to target: Int) -> [Int]? {
        guard dist[target] != .max else { return nil }
        var edges: [Int] = []
        var v = target
        while parentEdge[v] >= 0 {
            let e = parentEdge[v]
            edges.append(e)
            v = tail(of: e)
        }
        return edges.reversed()
    }

    /// Length of the path to `target` in metres, or `nil`.
    func lengthMetres(to target: Int) -> Double? {
        path(to: target).map { $0.reduce(0.0) { $0 + Double(graph.edgeLength[$1]) / 10 } }
    }

    func tail(of e: Int) -> Int {
        var lo = 0, hi = graph.nodeCount
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(graph.edgeStart[mid]) <= e { lo = mid } else { hi = mid }
        }
        return lo
    }
}

// MARK: - A small map, written as XML and as PBF

/// A small OpenStreetMap data set that tests write out in either format.
struct TestMap {
    struct Node { var id: Int64; var lat: Int32; var lon: Int32; var tags: [(String, String)] = [] }
    struct Way { var id: Int64; var refs: [Int64]; var tags: [(String, String)] }
    struct Member { var type: String; var ref: Int64; var role: String }
    struct Relation {
        var id: Int64
        var typedMembers: [Member]
        var tags: [(String, String)]
        /// A relation of ways without roles.
        init(id: Int64, members: [Int64], tags: [(String, String)]) {
            self.init(id: id, typedMembers: members.map { Member(type: "way", ref: $0, role: "") }, tags: tags)
        }
        init(id: Int64, typedMembers: [Member], tags: [(String, String)]) {
            self.id = id
            self.typedMembers = typedMembers
            self.tags = tags
        }
    }
    var nodes: [Node] = []
    var ways: [Way] = []
    var relations: [Relation] = []

    // MARK: XML

    struct XMLStyle {
        var singleQuotes = false
        var tabs = false
        var metadata = true
        var crlf = false
        var comments = false
        var waysFirst = false
    }

    func xml(_ style: XMLStyle = XMLStyle()) -> [UInt8] {
        let q = style.singleQuotes ? "'" : "\""
        let nl = style.crlf ? "\r\n" : "\n"
        let ind = style.tabs ? "\t" : "  "
        func esc(_ s: String) -> String {
            var o = ""
            for c in s {
                switch c {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                case "\"": o += "&quot;"
                case "'": o += "&#39;"
                default: o.append(c)
                }
            }
            return o
        }
        func a(_ k: String, _ v: String) -> String { " \(k)=\(q)\(esc(v))\(q)" }
        func coord(_ v: Int32) -> String {
            let neg = v < 0
            let m = abs(Int(v))
            var frac = String(m % 10_000_000)
            while frac.count < 7 { frac = "0" + frac }
            return (neg ? "-" : "") + "\(m / 10_000_000).\(frac)"
        }
        let meta = style.metadata ? a("version", "3") + a("timestamp", "2020-01-01T00:00:00Z") : ""
        var out = "<?xml version=\(q)1.0\(q) encoding=\(q)UTF-8\(q)?>" + nl
        out += "<osm" + a("version", "0.6") + a("generator", "backhaul tests") + ">" + nl
        if style.comments { out += "<!-- a comment with <tags> and > signs -->" + nl }
        var nodePart = "", wayPart = ""
        for n in nodes {
            nodePart += ind + "<node" + a("id", String(n.id)) + meta + a("lat", coord(n.lat)) + a("lon", coord(n.lon))
            if n.tags.isEmpty {
                nodePart += "/>" + nl
            } else {
                nodePart += ">" + nl
                for (k, v) in n.tags { nodePart += ind + ind + "<tag" + a("k", k) + a("v", v) + "/>" + nl }
                nodePart += ind + "</node>" + nl
            }
        }
        for w in ways {
            wayPart += ind + "<way" + a("id", String(w.id)) + meta + ">" + nl
            for r in w.refs { wayPart += ind + ind + "<nd" + a("ref", String(r)) + "/>" + nl }
            for (k, v) in w.tags { wayPart += ind + ind + "<tag" + a("k", k) + a("v", v) + "/>" + nl }
            wayPart += ind + "</way>" + nl
        }
        out += style.waysFirst ? wayPart + nodePart : nodePart + wayPart
        for r in relations {
            out += ind + "<relation" + a("id", String(r.id)) + ">" + nl
            for m in r.typedMembers { out += ind + ind + "<member" + a("type", m.type) + a("ref", String(m.ref)) + a("role", m.role) + "/>" + nl }
            for (k, v) in r.tags { out += ind + ind + "<tag" + a("k", k) + a("v", v) + "/>" + nl }
            out += ind + "</relation>" + nl
        }
        out += "</osm>" + nl
        return Array(out.utf8)
    }

    // MARK: PBF

    struct PBFStyle {
        var compress = true
        var dense = true
        var granularity: Int64 = 100
        var latOffset: Int64 = 0
        var lonOffset: Int64 = 0
        /// Elements per block.
        var blockSize = 1000
        /// Ways before nodes (an unsorted file).
        var waysFirst = false
        /// Nodes and ways in one block, as two groups.
        var mixedBlocks = false
        /// Repeated fields written unpacked (legal proto2).
        var unpacked = false
        /// An extra blob of an unknown type, which readers must skip.
        var unknownBlob = false
        var requiredFeatures = ["OsmSchema-V0.6", "DenseNodes"]
    }

    func pbf(_ style: PBFStyle = PBFStyle()) -> [UInt8] {
        var file: [UInt8] = []
        var header = PB()
        for f in style.requiredFeatures { header.string(4, f) }
        header.string(16, "backhaul tests")
        appendBlob(&file, type: "OSMHeader", header.bytes, compress: style.compress)
        if style.unknownBlob { appendBlob(&file, type: "OSMFutureThing", [1, 2, 3], compress: false) }

        var nodeGroups: [[UInt8]] = [], wayGroups: [[UInt8]] = [], relationGroups: [[UInt8]] = []
        var table = StringTable()
        func flushTable() -> StringTable { let t = table; table = StringTable(); return t }
        var blocks: [(StringTable, [[UInt8]])] = []

        for chunk in stride(from: 0, to: nodes.count, by: style.blockSize).map({ Array(nodes[$0 ..< min($0 + style.blockSize, nodes.count)]) }) {
            nodeGroups.append(style.dense ? denseGroup(chunk, &table, style) : plainGroup(chunk, &table, style))
            if !style.mixedBlocks { blocks.append((flushTable(), [nodeGroups.removeLast()])) }
        }
        for chunk in stride(from: 0, to: ways.count, by: style.blockSize).map({ Array(ways[$0 ..< min($0 + style.blockSize, ways.count)]) }) {
            wayGroups.append(wayGroup(chunk, &table, style))
            if !style.mixedBlocks { blocks.append((flushTable(), [wayGroups.removeLast()])) }
        }
        if !relations.isEmpty {
            relationGroups.append(relationGroup(relations, &table))
            if !style.mixedBlocks { blocks.append((flushTable(), [relationGroups.removeLast()])) }
        }
        if style.mixedBlocks {
            blocks.append((flushTable(), nodeGroups + wayGroups + relationGroups))
        } else if style.waysFirst {
            let nodeBlocks = blocks.filter { isNodeGroup($0.1[0]) }
            blocks = blocks.filter { !isNodeGroup($0.1[0]) } + nodeBlocks
        }
        for (strings, groups) in blocks {
            var block = PB()
            var st = PB()
            for s in strings.strings { st.bytes(1, Array(s.utf8)) }
            block.bytes(1, st.bytes)
            for g in groups { block.bytes(2, g) }
            if style.granularity != 100 { block.varint(17, UInt64(style.granularity)) }
            if style.latOffset != 0 { block.varint(19, UInt64(bitPattern: style.latOffset)) }
            if style.lonOffset != 0 { block.varint(20, UInt64(bitPattern: style.lonOffset)) }
            appendBlob(&file, type: "OSMData", block.bytes, compress: style.compress)
        }
        return file
    }

    private func isNodeGroup(_ g: [UInt8]) -> Bool { g.first == (1 << 3 | 2) || g.first == (2 << 3 | 2) }

    private func units(_ e7: Int32, _ offset: Int64, _ g: Int64) -> Int64 {
        (Int64(e7) * 100 - offset) / g
    }

    private func denseGroup(_ nodes: [Node], _ table: inout StringTable, _ s: PBFStyle) -> [UInt8] {
        var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
        var kv: [UInt64] = []
        var pid: Int64 = 0, plat: Int64 = 0, plon: Int64 = 0
        for n in nodes {
            ids.append(n.id - pid); pid = n.id
            let la = units(n.lat, s.latOffset, s.granularity), lo = units(n.lon, s.lonOffset, s.granularity)
            lats.append(la - plat); plat = la
            lons.append(lo - plon); plon = lo
            for (k, v) in n.tags { kv.append(UInt64(table.index(k))); kv.append(UInt64(table.index(v))) }
            kv.append(0)
        }
        var d = PB()
        d.packedSigned(1, ids)
        d.packedSigned(8, lats)
        d.packedSigned(9, lons)
        if nodes.contains(where: { !$0.tags.isEmpty }) { d.packed(10, kv) }
        var g = PB()
        g.bytes(2, d.bytes)
        return g.bytes
    }

    private func plainGroup(_ nodes: [Node], _ table: inout StringTable, _ s: PBFStyle) -> [UInt8] {
        var g = PB()
        for n in nodes {
            var m = PB()
            m.signed(1, n.id)
            let keys = n.tags.map { UInt64(table.index($0.0)) }, vals = n.tags.map { UInt64(table.index($0.1)) }
            if s.unpacked { for k in keys { m.varint(2, k) }; for v in vals { m.varint(3, v) } } else if !keys.isEmpty { m.packed(2, keys); m.packed(3, vals) }
            m.signed(8, units(n.lat, s.latOffset, s.granularity))
            m.signed(9, units(n.lon, s.lonOffset, s.granularity))
            g.bytes(1, m.bytes)
        }
        return g.bytes
    }

    private func wayGroup(_ ways: [Way], _ table: inout StringTable, _ s: PBFStyle) -> [UInt8] {
        var g = PB()
        for w in ways {
            var m = PB()
            m.varint(1, UInt64(bitPattern: w.id))
            let keys = w.tags.map { UInt64(table.index($0.0)) }, vals = w.tags.map { UInt64(table.index($0.1)) }
            var deltas: [Int64] = []
            var prev: Int64 = 0
            for r in w.refs { deltas.append(r - prev); prev = r }
            if s.unpacked {
                for k in keys { m.varint(2, k) }
                for v in vals { m.varint(3, v) }
                for d in deltas { m.signed(8, d) }
            } else {
                if !keys.isEmpty { m.packed(2, keys); m.packed(3, vals) }
                m.packedSigned(8, deltas)
            }
            g.bytes(3, m.bytes)
        }
        return g.bytes
    }

    private func relationGroup(_ relations: [Relation], _ table: inout StringTable) -> [UInt8] {
        var g = PB()
        for r in relations {
            var m = PB()
            m.varint(1, UInt64(bitPattern: r.id))
            if !r.tags.isEmpty {
                m.packed(2, r.tags.map { UInt64(table.index($0.0)) })
                m.packed(3, r.tags.map { UInt64(table.index($0.1)) })
            }
            m.packed(8, r.typedMembers.map { UInt64(table.index($0.role)) })
            var prev: Int64 = 0
            m.packedSigned(9, r.typedMembers.map { let d = $0.ref - prev; prev = $0.ref; return d })
            m.packed(10, r.typedMembers.map { $0.type == "node" ? 0 : $0.type == "way" ? 1 : 2 })
            g.bytes(4, m.bytes)
        }
        return g.bytes
    }

    private func appendBlob(_ file: inout [UInt8], type: String, _ data: [UInt8], compress: Bool) {
        var blob = PB()
        if compress {
            blob.varint(2, UInt64(data.count))
            blob.bytes(3, zlibCompress(data))
        } else {
            blob.bytes(1, data)
        }
        var header = PB()
        header.string(1, type)
        header.varint(3, UInt64(blob.bytes.count))
        let n = UInt32(header.bytes.count)
        file += [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)]
        file += header.bytes
        file += blob.bytes
    }
}

/// A PBF string table under construction (entry 0 is the empty string, as
/// the format reserves it).
struct StringTable {
    var strings: [String] = [""]
    var index: [String: Int] = ["": 0]
    mutating func index(_ s: String) -> Int {
        if let i = index[s] { return i }
        strings.append(s)
        index[s] = strings.count - 1
        return strings.count - 1
    }
}

/// A minimal protocol buffer encoder for building test files.
struct PB {
    var bytes: [UInt8] = []
    mutating func raw(_ v: UInt64) {
        var v = v
        while v >= 0x80 { bytes.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func key(_ field: Int, _ wire: Int) { raw(UInt64(field << 3 | wire)) }
    mutating func varint(_ field: Int, _ v: UInt64) { key(field, 0); raw(v) }
    mutating func signed(_ field: Int, _ v: Int64) { varint(field, zigzag(v)) }
    mutating func bytes(_ field: Int, _ b: [UInt8]) { key(field, 2); raw(UInt64(b.count)); bytes += b }
    mutating func string(_ field: Int, _ s: String) { self.bytes(field, Array(s.utf8)) }
    mutating func packed(_ field: Int, _ values: [UInt64]) {
        var p = PB()
        for v in values { p.raw(v) }
        self.bytes(field, p.bytes)
    }
    mutating func packedSigned(_ field: Int, _ values: [Int64]) { packed(field, values.map(zigzag)) }
    func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
}

/// The nodes of the largest strongly connected component (Kosaraju's
/// algorithm, iterative), for picking route ends that reach each other.
func largestStronglyConnectedComponent(_ g: RoadGraph) -> [Bool] {
    let n = g.nodeCount
    // Reverse adjacency.
    var rstart = [Int](repeating: 0, count: n + 1)
    for e in 0..<g.edgeCount { rstart[Int(g.edgeTarget[e]) + 1] += 1 }
    for i in 0..<n { rstart[i + 1] += rstart[i] }
    var fill = rstart
    var radj = [Int](repeating: 0, count: g.edgeCount)
    for u in 0..<n { for e in g.edges(from: u) { let v = Int(g.edgeTarget[e]); radj[fill[v]] = u; fill[v] += 1 } }
    // First pass: finishing order on the forward graph.
    var seen = [Bool](repeating: false, count: n)
    var order: [Int] = []
    for s in 0..<n where !seen[s] {
        var stack: [(Int, Int)] = [(s, Int(g.edgeStart[s]))]
        seen[s] = true
        while let (u, next) = stack.last {
            if next < Int(g.edgeStart[u + 1]) {
                stack[stack.count - 1].1 += 1
                let v = Int(g.edgeTarget[next])
                if !seen[v] { seen[v] = true; stack.append((v, Int(g.edgeStart[v]))) }
            } else {
                order.append(u)
                stack.removeLast()
            }
        }
    }
    // Second pass on the reverse graph in reverse finishing order.
    var component = [Int](repeating: -1, count: n)
    var sizes: [Int] = []
    for s in order.reversed() where component[s] < 0 {
        let c = sizes.count
        var size = 0
        var stack = [s]
        component[s] = c
        while let u = stack.popLast() {
            size += 1
            for k in rstart[u] ..< rstart[u + 1] where component[radj[k]] < 0 {
                component[radj[k]] = c
                stack.append(radj[k])
            }
        }
        sizes.append(size)
    }
    guard let biggest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) else { return [] }
    return component.map { $0 == biggest }
}

/// The node nearest to `c` among those where `allowed` is true.
func nearestNode(_ g: RoadGraph, _ c: Coordinate, in allowed: [Bool]) -> Int {
    var best = 0, bestD = Double.infinity
    for v in 0..<g.nodeCount where allowed[v] {
        let d = g.coordinate(of: v)!.distance(to: c)
        if d < bestD { best = v; bestD = d }
    }
    return best
}
