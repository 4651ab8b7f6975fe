import Testing
@testable import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh temporary folder for one test, removed with its files afterwards.
final class TemporaryFolder {
    let path: String
    init() {
        var template = Array("/tmp/backhaul-test-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = p.map { String(cString: $0) } ?? "/tmp"
    }
    func file(_ name: String) -> String { path + "/" + name }
    var contents: [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
    deinit {
        for name in contents { unlink(file(name)) }
        rmdir(path)
    }
}

func readFileBytes(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return bytes
}

func writeFileBytes(_ bytes: [UInt8], to path: String) {
    guard let f = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), bit by bit: an
/// independent check of what the file format says its checksum is.
func referenceCRC32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

@Suite struct BinaryGraphTests {
    static func randomGraph(seed: Int) throws -> RoadGraph {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let metric: RoutingMetric = seed % 2 == 0 ? .distance : .duration
        var b = RoadGraphBuilder(metric: metric, profile: ["hgv", "car", "dimacs", "prøfil"][seed % 4])
        let n = Int(rng.next() % 60) + (seed % 7 == 0 ? 0 : 1)
        let withCoordinates = seed % 3 != 0
        let withShapes = withCoordinates && seed % 5 != 0
        for i in 0..<n {
            let id = Int64(bitPattern: rng.next() >> 1) - (seed % 2 == 0 ? 0 : Int64(1) << 61) + Int64(i)
            if withCoordinates {
                b.addNode(originalID: id, latitudeE7: Int32(truncatingIfNeeded: Int64(rng.next() % 1_800_000_000) - 900_000_000),
                          longitudeE7: Int32(truncatingIfNeeded: Int64(rng.next() % 3_600_000_000) - 1_800_000_000))
            } else {
                b.addNode(originalID: id)
            }
        }
        if n > 0 {
            for _ in 0..<Int(rng.next() % UInt64(3 * n + 1)) {
                let shape = withShapes ? (0..<Int(rng.next() % 3)).map { _ in
                    (Int32(truncatingIfNeeded: Int64(rng.next() % 1_000_000)), Int32(truncatingIfNeeded: Int64(rng.next() % 1_000_000)))
                } : []
                b.addEdge(from: Int(rng.next() % UInt64(n)), to: Int(rng.next() % UInt64(n)),
                          length: UInt32(truncatingIfNeeded: rng.next()), duration: UInt32(truncatingIfNeeded: rng.next()),
                          shape: shape.map { (latitudeE7: $0.0, longitudeE7: $0.1) })
            }
        }
        return try b.build()
    }

    static func expectIdentical(_ a: RoadGraph, _ b: RoadGraph) {
        #expect(a.nodeCount == b.nodeCount)
        #expect(a.edgeStart == b.edgeStart)
        #expect(a.edgeTarget == b.edgeTarget)
        #expect(a.edgeLength == b.edgeLength)
        #expect(a.edgeDuration == b.edgeDuration)
        #expect(a.latitudeE7 == b.latitudeE7)
        #expect(a.longitudeE7 == b.longitudeE7)
        #expect(a.originalIDs == b.originalIDs)
        #expect(a.sortedIDs == b.sortedIDs)
        #expect(a.sortedIDNodes == b.sortedIDNodes)
        #expect(a.shapeStart == b.shapeStart)
        #expect(a.shapeLatitudeE7 == b.shapeLatitudeE7)
        #expect(a.shapeLongitudeE7 == b.shapeLongitudeE7)
        #expect(a.shapeDuration == b.shapeDuration)
        #expect(a.splitCopies == b.splitCopies)
        #expect(a.vehicle == b.vehicle)
        #expect(a.metric == b.metric)
        #expect(a.profile == b.profile)
    }

    @Test(arguments: 0..<40)
    func roundTripGivesAnIdenticalGraph(seed: Int) throws {
        let folder = TemporaryFolder()
        let g = try Self.randomGraph(seed: seed)
        let source = seed % 2 == 0 ? SourceFileStamp(name: "sweden-latest.osm.pbf", size: 700_000_000 + UInt64(seed), modificationTime: -5 + Int64(seed) * 1_000_000_007) : nil
        let stored = seed % 4 == 1
            ? BinaryGraphFile(graph: g, source: source, largestComponent: nil)
            : BinaryGraphFile(graph: g, source: source)
        let path = folder.file("g.bhg")
        try stored.write(to: path)
        #expect(folder.contents == ["g.bhg"])  // no temporary file left
        #expect(BinaryGraphFile.hasMagic(atPath: path))
        let loaded = try BinaryGraphFile.read(from: path)
        Self.expectIdentical(g, loaded.graph)
        #expect(loaded.source == source)
        #expect(loaded.largestComponent == stored.largestComponent)
        if seed % 4 != 1 {
            #expect(loaded.largestComponent == StronglyConnectedComponents(graph: g).largestComponentMask())
        }
        for id in g.originalIDs { #expect(loaded.graph.node(originalID: id) == g.node(originalID: id)) }

        // The checksum is CRC-32 of everything after the 32-byte fixed header,
        // and sections sit at multiples of 64.
        let bytes = readFileBytes(path)
        #expect(Array(bytes[0..<8]) == Array("BHGRAPH\0".utf8))
        #expect(bytes.loadLittleEndian(UInt32.self, at: 24) == referenceCRC32(bytes[32...]))
        #expect(bytes.loadLittleEndian(UInt64.self, at: 16) == UInt64(bytes.count))
        // Writing is deterministic.
        try stored.write(to: folder.file("again.bhg"))
        #expect(readFileBytes(folder.file("again.bhg")) == bytes)
    }

    /// A file of each kind, small enough to corrupt at every byte.
    static func sampleFile(in folder: TemporaryFolder, seed: Int = 3) throws -> (path: String, bytes: [UInt8]) {
        var r = TestRoads()
        let a = r.node(1, 35.9, 14.5), b = r.node(2, 35.91, 14.5), c = r.node(3, 35.9, 14.51)
        r.twoWay(a, b, length: 1112, duration: 80, shape: [(35.905, 14.501)])
        r.oneWay(b, c, length: 1500, duration: 100)
        r.oneWay(c, a, length: 1100, duration: 70, shape: [(35.9, 14.505), (35.9001, 14.503)])
        let path = folder.file("sample.bhg")
        try BinaryGraphFile(graph: try r.builder.build(), source: SourceFileStamp(name: "x.osm", size: 12, modificationTime: 34))
            .write(to: path)
        return (path, readFileBytes(path))
    }

    /// Where the section table starts: after the names, aligned to 8.
    static func tableStart(_ bytes: [UInt8]) -> Int {
        let names = Int(bytes.loadLittleEndian(UInt32.self, at: 80)) + Int(bytes.loadLittleEndian(UInt32.self, at: 84))
        return BinaryGraphLayout.align(96 + names, 8)
    }

    @Test func aFlippedByteAnywhereIsDetected() throws {
        let folder = TemporaryFolder()
        let (path, bytes) = try Self.sampleFile(in: folder)
        _ = try BinaryGraphFile.read(from: path)
        let corrupt = folder.file("corrupt.bhg")
        for i in bytes.indices {
            var copy = bytes
            copy[i] ^= 1 << UInt8(i % 8)
            writeFileBytes(copy, to: corrupt)
            #expect(throws: InputError.self, "byte \(i)") { try BinaryGraphFile.read(from: corrupt) }
        }
        // Past the fixed header, the checksum is what catches it.
        var copy = bytes
        copy[bytes.count - 3] ^= 0x10
        writeFileBytes(copy, to: corrupt)
        let error = try #require(throws: InputError.self) { try BinaryGraphFile.read(from: corrupt) }
        #expect(error.path == corrupt)
        #expect(error.description.contains("checksum mismatch"))
    }

    @Test func truncationIsDetectedEverywhere() throws {
        let folder = TemporaryFolder()
        let (path, bytes) = try Self.sampleFile(in: folder)
        let loaded = try BinaryGraphFile.read(from: path)
        #expect(loaded.graph.nodeCount == 3)
        // Every section boundary (start and end of each section) and every other byte.
        let tableStart = Self.tableStart(bytes)
        let sections = Int(bytes.loadLittleEndian(UInt32.self, at: 60))
        var boundaries: Set<Int> = [0, 8, 32, 96, tableStart]
        for s in 0..<sections {
            let o = tableStart + 32 * s
            let start = Int(bytes.loadLittleEndian(UInt64.self, at: o + 8))
            let count = Int(bytes.loadLittleEndian(UInt64.self, at: o + 16))
            let size = Int(bytes.loadLittleEndian(UInt32.self, at: o + 4))
            boundaries.insert(start)
            boundaries.insert(start + count * size)
        }
        #expect(sections == 12)
        let cut = folder.file("cut.bhg")
        for length in Set(0..<bytes.count).union(boundaries.filter { $0 < bytes.count }) {
            writeFileBytes(Array(bytes[0..<length]), to: cut)
            let error = try #require(throws: InputError.self, "cut at \(length)") { try BinaryGraphFile.read(from: cut) }
            if length >= 32 { #expect(error.message.contains("truncated"), "cut at \(length): \(error.message)") }
        }
        // Bytes added at the end are refused too.
        writeFileBytes(bytes + [0], to: cut)
        #expect(throws: InputError.self) { try BinaryGraphFile.read(from: cut) }
    }

    @Test func otherFilesAreRefusedWithAClearMessage() throws {
        let folder = TemporaryFolder()
        let (_, bytes) = try Self.sampleFile(in: folder)
        func message(for content: [UInt8]) throws -> String {
            let p = folder.file("other.bhg")
            writeFileBytes(content, to: p)
            return try #require(throws: InputError.self) { try BinaryGraphFile.read(from: p) }.message
        }
        #expect(try message(for: []).contains("empty file"))
        #expect(try message(for: Array("p sp 3 2\na 1 2 5\n".utf8) + [UInt8](repeating: 32, count: 100)).contains("not a backhaul graph"))
        var rng = SplitMix64(seed: 9)
        for _ in 0..<50 {
            let garbage = (0..<Int(rng.next() % 5000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(throws: InputError.self) { try BinaryGraphFile.read(from: { writeFileBytes(garbage, to: folder.file("g")); return folder.file("g") }()) }
        }
        // The magic, then garbage.
        let fake = BinaryGraphLayout.magic + (0..<3000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(throws: InputError.self) { try BinaryGraphFile.read(from: { writeFileBytes(fake, to: folder.file("g")); return folder.file("g") }()) }
        // Another version: an older file (version 1, before the stored
        // hierarchy and the per-section checksums) and a newer one.
        var v1 = bytes
        v1[8] = 1
        #expect(try message(for: v1).contains("format version 1"))
        #expect(try message(for: v1).contains("rebuild it with `backhaul graph build`"))
        var v3 = bytes
        v3[8] = 3
        #expect(try message(for: v3).contains("format version 3"))
        // Written on a machine of the other byte order.
        var swapped = bytes
        swapped[12..<16].reverse()
        #expect(try message(for: swapped).contains("byte order"))
        // Missing files and folders.
        #expect(throws: InputError.self) { try BinaryGraphFile.read(from: folder.file("absent.bhg")) }
        #expect(throws: InputError.self) { try BinaryGraphFile.read(from: folder.path) }
        #expect(!BinaryGraphFile.hasMagic(atPath: folder.file("absent.bhg")))
    }

    /// A file whose checksum is right but whose arrays are not a graph (as a
    /// buggy writer could produce) is refused by the invariant check.
    @Test func consistentChecksumButInvalidGraph() throws {
        let folder = TemporaryFolder()
        let (_, bytes) = try Self.sampleFile(in: folder)
        let tableStart = Self.tableStart(bytes)
        func patched(_ section: BinaryGraphLayout.Section, element: Int, to value: UInt32) -> [UInt8] {
            var b = bytes
            for s in 0..<Int(bytes.loadLittleEndian(UInt32.self, at: 60)) where b.loadLittleEndian(UInt32.self, at: tableStart + 32 * s) == section.rawValue {
                let entry = tableStart + 32 * s
                let start = Int(b.loadLittleEndian(UInt64.self, at: entry + 8))
                let o = start + 4 * element
                for k in 0..<4 { b[o + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
                // The section's own checksum too, so that the file is consistent.
                let end = start + Int(b.loadLittleEndian(UInt64.self, at: entry + 16)) * Int(b.loadLittleEndian(UInt32.self, at: entry + 4))
                let sectionCRC = referenceCRC32(b[start..<end])
                for k in 0..<4 { b[entry + 24 + k] = UInt8(truncatingIfNeeded: sectionCRC >> (8 * UInt32(k))) }
            }
            let crc = referenceCRC32(b[32...])
            for k in 0..<4 { b[24 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
            return b
        }
        let p = folder.file("bad.bhg")
        for (section, value, expected) in [
            (BinaryGraphLayout.Section.edgeTarget, UInt32(7), "beyond"),
            (.edgeStart, 9, "edge offsets"),
            (.sortedIDNodes, 0, "id index"),
            (.shapeStart, 1000, "shape offsets"),
            (.largestComponent, 0, "largest-component"),
        ] {
            writeFileBytes(patched(section, element: section == .largestComponent ? 0 : 1, to: value), to: p)
            let error = try #require(throws: InputError.self) { try BinaryGraphFile.read(from: p) }
            #expect(error.message.contains(expected), "\(section): \(error.message)")
        }
    }

    @Test func writingIsAtomic() throws {
        let folder = TemporaryFolder()
        let (path, bytes) = try Self.sampleFile(in: folder)
        // A destination whose folder does not exist: an error, nothing written.
        let g = try BinaryGraphFile.read(from: path).graph
        #expect(throws: BinaryGraphFile.WriteError.self) {
            try BinaryGraphFile(graph: g).write(to: folder.file("missing/dir/g.bhg"))
        }
        // Overwriting replaces the file whole.
        let other = try Self.randomGraph(seed: 11)
        try BinaryGraphFile(graph: other).write(to: path)
        #expect(readFileBytes(path) != bytes)
        Self.expectIdentical(try BinaryGraphFile.read(from: path).graph, other)
        #expect(folder.contents == ["sample.bhg"])
    }

    @Test func sourceStampDetectsAChangedFile() throws {
        let folder = TemporaryFolder()
        let raw = folder.file("roads.gr")
        writeFileBytes(Array("p sp 1 0\n".utf8), to: raw)
        let stamp = try #require(SourceFileStamp(describing: raw))
        #expect(stamp.name == "roads.gr")
        #expect(stamp.size == 9)
        #expect(stamp.matchesFile(atPath: raw))
        writeFileBytes(Array("p sp 2 0\nc\n".utf8), to: raw)
        #expect(!stamp.matchesFile(atPath: raw))
        #expect(!stamp.matchesFile(atPath: folder.file("absent")))
        #expect(SourceFileStamp(name: "x", size: 0, modificationTime: 1_764_078_913_000_000_000).modificationTimeISO8601 == "2025-11-25T13:55:13Z")
        #expect(SourceFileStamp(name: "x", size: 0, modificationTime: -1).modificationTimeISO8601 == "1969-12-31T23:59:59Z")
    }
}
