// A synthetic country-sized OpenStreetMap PBF file, to measure what the
// small real extracts cannot: memory and throughput at the scale of Sweden
// (~100 million nodes, ~700 MB).
//
// The map is a lattice of roads over Sweden's bounding box: G × G
// intersections, nine shape nodes between neighbours, ways three lattice
// steps long with a mix of classes, one-way streets and speed limits. The
// other nodes are the corners of buildings (closed 5-reference ways tagged
// `building=yes`) and untagged points, their ids interleaved with the road
// nodes' so that the wanted ids are scattered over the whole id range, as
// in real data. Blocks hold 8,000 objects, zlib-compressed, nodes then ways,
// sorted by id: the layout of a Geofabrik extract (osmium).

import CZlib
import Foundation

/// Writes a synthetic PBF file of about `nodes` nodes to `path`.
///
/// - Returns: (nodes, ways) written.
func writeSyntheticCountry(path: String, nodes target: Int, roadShare: Double = 0.3) -> (nodes: Int, ways: Int) {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let out = FileHandle(forWritingAtPath: path) else {
        print("synthetic country: cannot write \(path)")
        return (0, 0)
    }
    defer { try? out.close() }

    // Lattice size for the road share.
    let interior = 9
    let g = max(4, Int((Double(target) * roadShare / Double(1 + 2 * interior)).squareRoot()))
    let roadNodes = g * g + 2 * g * (g - 1) * interior
    let minLat = 55.4, maxLat = 69.0, minLon = 11.2, maxLon = 24.1

    /// Coordinate (1e-7°) of road node `k` in lattice order: first the
    /// intersections row by row, then the horizontal chains, then the
    /// vertical ones.
    func roadCoordinate(_ k: Int) -> (Int32, Int32) {
        let step = 1.0 / Double(g - 1)
        var x: Double, y: Double
        if k < g * g {
            x = Double(k % g) * step; y = Double(k / g) * step
        } else if k < g * g + g * (g - 1) * interior {
            let j = k - g * g
            let chain = j / interior, pos = j % interior
            x = (Double(chain % (g - 1)) + Double(pos + 1) / Double(interior + 1)) * step
            y = Double(chain / (g - 1)) * step
        } else {
            let j = k - g * g - g * (g - 1) * interior
            let chain = j / interior, pos = j % interior
            x = Double(chain / (g - 1)) * step
            y = (Double(chain % (g - 1)) + Double(pos + 1) / Double(interior + 1)) * step
        }
        return (Int32((minLat + y * (maxLat - minLat)) * 1e7), Int32((minLon + x * (maxLon - minLon)) * 1e7))
    }

    var writer = SyntheticPBFWriter(out: out)
    writer.header()

    // Nodes, in id order: road nodes interleaved with building corners.
    var roadID = [Int64](repeating: 0, count: roadNodes)
    var buildingNodes: [Int64] = []  // ids of building corners, 4 per building
    var rng: UInt64 = 12345
    func random() -> Double {
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    var nextRoad = 0
    var id: Int64 = 1000
    var total = 0
    var last: (Int32, Int32) = roadCoordinate(0)
    let share = Double(roadNodes) / Double(max(target, roadNodes))
    var block = SyntheticPBFWriter.DenseBlock()
    while nextRoad < roadNodes || total < target {
        id += 1 + Int64(random() * 3)  // ids have gaps, as deleted objects leave
        let isRoad = nextRoad < roadNodes && (total >= target || random() < share)
        if isRoad {
            roadID[nextRoad] = id
            last = roadCoordinate(nextRoad)
            block.add(id: id, lat: last.0, lon: last.1)
            nextRoad += 1
        } else {
            // A building corner or a loose point near the last road node.
            block.add(id: id, lat: last.0 &+ Int32(random() * 4000) - 2000, lon: last.1 &+ Int32(random() * 4000) - 2000)
            if random() < 0.8 { buildingNodes.append(id) }
        }
        total += 1
        if block.count == 8000 { writer.write(block); block = .init() }
    }
    if block.count > 0 { writer.write(block) }

    // Ways: roads along the lattice rows and columns, three steps each.
    let classes: [[(String, String)]] = [
        [("highway", "residential")], [("highway", "residential"), ("maxspeed", "30")],
        [("highway", "tertiary")], [("highway", "secondary"), ("maxspeed", "70")],
        [("highway", "primary"), ("maxspeed", "80")], [("highway", "unclassified")],
        [("highway", "residential"), ("oneway", "yes")], [("highway", "service")],
        [("highway", "track")], [("highway", "footway")], [("highway", "trunk"), ("maxspeed", "100")],
        [("highway", "motorway"), ("maxspeed", "110")],
    ]
    var wayID: Int64 = 1
    var ways = SyntheticPBFWriter.WayBlock()
    var wayCount = 0
    func addWay(_ refs: [Int64], _ tags: [(String, String)]) {
        ways.add(id: wayID, refs: refs, tags: tags)
        wayID += 1
        wayCount += 1
        if ways.count == 8000 { writer.write(ways); ways = .init() }
    }
    let hBase = g * g, vBase = g * g + g * (g - 1) * interior
    for horizontal in [true, false] {
        for line in 0..<g {
            var step = 0
            while step < g - 1 {
                let steps = min(3, g - 1 - step)
                var refs: [Int64] = []
                for s in step..<(step + steps) {
                    let (a, chain): (Int, Int) = horizontal
                        ? (line * g + s, hBase + (line * (g - 1) + s) * interior)
                        : (s * g + line, vBase + (line * (g - 1) + s) * interior)
                    refs.append(roadID[a])
                    for p in 0..<interior { refs.append(roadID[chain + p]) }
                }
                let end = horizontal ? line * g + step + steps : (step + steps) * g + line
                refs.append(roadID[end])
                addWay(refs, classes[(line * 7 + step) % classes.count])
                step += steps
            }
        }
    }
    var b = 0
    while b + 4 <= buildingNodes.count {
        let c = Array(buildingNodes[b..<(b + 4)])
        addWay(c + [c[0]], [("building", "yes")])
        b += 4
    }
    if ways.count > 0 { writer.write(ways) }
    return (total, wayCount)
}

/// Encodes and writes PBF blocks (zlib level 1) for the synthetic map.
struct SyntheticPBFWriter {
    let out: FileHandle

    struct DenseBlock {
        var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
        var count: Int { ids.count }
        mutating func add(id: Int64, lat: Int32, lon: Int32) {
            ids.append(id); lats.append(Int64(lat)); lons.append(Int64(lon))
        }
    }

    struct WayBlock {
        var strings: [String] = [""]
        var index: [String: Int] = ["": 0]
        var ways = Encoder()
        var count = 0
        mutating func string(_ s: String) -> UInt64 {
            if let i = index[s] { return UInt64(i) }
            strings.append(s); index[s] = strings.count - 1
            return UInt64(strings.count - 1)
        }
        mutating func add(id: Int64, refs: [Int64], tags: [(String, String)]) {
            var w = Encoder()
            w.varint(1, UInt64(id))
            w.packed(2, tags.map { string($0.0) })
            w.packed(3, tags.map { string($0.1) })
            var prev: Int64 = 0
            w.packed(8, refs.map { let d = $0 - prev; prev = $0; return Encoder.zigzag(d) })
            ways.bytes(3, w.data)
            count += 1
        }
    }

    struct Encoder {
        var data: [UInt8] = []
        static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
        mutating func raw(_ v: UInt64) {
            var v = v
            while v >= 0x80 { data.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
            data.append(UInt8(v))
        }
        mutating func varint(_ f: Int, _ v: UInt64) { raw(UInt64(f << 3)); raw(v) }
        mutating func bytes(_ f: Int, _ b: [UInt8]) { raw(UInt64(f << 3 | 2)); raw(UInt64(b.count)); data += b }
        mutating func packed(_ f: Int, _ vs: [UInt64]) {
            var p = Encoder()
            for v in vs { p.raw(v) }
            bytes(f, p.data)
        }
    }

    mutating func header() {
        var h = Encoder()
        h.bytes(4, Array("OsmSchema-V0.6".utf8))
        h.bytes(4, Array("DenseNodes".utf8))
        h.bytes(5, Array("Sort.Type_then_ID".utf8))
        h.bytes(16, Array("backhaul synthetic".utf8))
        blob("OSMHeader", h.data)
    }

    mutating func write(_ b: DenseBlock) {
        var d = Encoder()
        func deltas(_ xs: [Int64]) -> [UInt64] {
            var prev: Int64 = 0
            return xs.map { let z = Encoder.zigzag($0 - prev); prev = $0; return z }
        }
        d.packed(1, deltas(b.ids))
        d.packed(8, deltas(b.lats))
        d.packed(9, deltas(b.lons))
        var g = Encoder()
        g.bytes(2, d.data)
        var block = Encoder()
        block.bytes(1, Encoder().data)  // empty string table
        block.bytes(2, g.data)
        blob("OSMData", block.data)
    }

    mutating func write(_ w: WayBlock) {
        var st = Encoder()
        for s in w.strings { st.bytes(1, Array(s.utf8)) }
        var block = Encoder()
        block.bytes(1, st.data)
        block.bytes(2, w.ways.data)
        blob("OSMData", block.data)
    }

    private func blob(_ type: String, _ data: [UInt8]) {
        var size = compressBound(uLong(data.count))
        var z = [UInt8](repeating: 0, count: Int(size))
        _ = compress2(&z, &size, data, uLong(data.count), 1)
        var blob = Encoder()
        blob.varint(2, UInt64(data.count))
        blob.bytes(3, Array(z[0..<Int(size)]))
        var header = Encoder()
        header.bytes(1, Array(type.utf8))
        header.varint(3, UInt64(blob.data.count))
        let n = UInt32(header.data.count)
        var frame = [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)]
        frame += header.data
        frame += blob.data
        out.write(Data(frame))
    }
}
