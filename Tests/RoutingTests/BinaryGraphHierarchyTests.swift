import Testing
@testable import Routing

/// The contraction hierarchy stored in a `.bhg` (format version 2): it reads
/// back identical and answers exactly as the one built; a corrupt or
/// inconsistent hierarchy section is named.
@Suite struct BinaryGraphHierarchyTests {
    static func expectIdentical(_ a: ContractionHierarchy, _ b: ContractionHierarchy, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.rank == b.rank, sourceLocation: sourceLocation)
        #expect(a.nodeAtRank == b.nodeAtRank, sourceLocation: sourceLocation)
        #expect(a.forwardStart == b.forwardStart && a.forwardArcs == b.forwardArcs && a.forwardMiddle == b.forwardMiddle,
                sourceLocation: sourceLocation)
        #expect(a.backwardStart == b.backwardStart && a.backwardArcs == b.backwardArcs && a.backwardMiddle == b.backwardMiddle,
                sourceLocation: sourceLocation)
        #expect(a.shortcutCount == b.shortcutCount && a.arcCount == b.arcCount, sourceLocation: sourceLocation)
    }

    /// Build → save → load on random graphs (every awkward arc, with and
    /// without coordinates): the same arrays, and the same matrix and legs
    /// as the hierarchy built, which equal Dijkstra's.
    @Test(arguments: 0..<40)
    func roundTripAnswersAsTheBuiltHierarchy(seed: Int) throws {
        let folder = TemporaryFolder()
        var rng = SplitMix64(seed: UInt64(seed) &+ 31)
        let metric: RoutingMetric = seed % 2 == 0 ? .distance : .duration
        let g = try randomGraph(
            seed: UInt64(seed) &+ 4000, n: Int(rng.next() % 70) + (seed % 10 == 0 ? 0 : 1), degree: Int(rng.next() % 5),
            maxWeight: [3, 1000, 1_000_000][seed % 3], metric: metric, withCoordinates: seed % 3 != 0)
        let built = try ContractionHierarchy(graph: g)
        let path = folder.file("g.bhg")
        try BinaryGraphFile(graph: g, source: nil, hierarchy: built).write(to: path)
        let loaded = try BinaryGraphFile.read(from: path)
        let stored = try #require(loaded.hierarchy)
        Self.expectIdentical(built, stored)
        BinaryGraphTests.expectIdentical(g, stored.graph)
        guard g.nodeCount > 0 else { return }
        let points = HierarchyTests.points(g, count: 10, rng: &rng)
        let m = try stored.matrix(sources: points, targets: points)
        let expected = try built.matrix(sources: points, targets: points)
        #expect(m.lengths == expected.lengths && m.durations == expected.durations)
        HierarchyTests.check(m, g, sources: points, targets: points, checkOther: false)
        let pairs = HierarchyPairTests.randomPairs(sources: 10, targets: 10, count: 40, rng: &rng)
        #expect(try stored.costs(from: points, to: points, pairs: pairs) == built.costs(from: points, to: points, pairs: pairs))
        #expect(try stored.routes(from: points, to: points, pairs: pairs) == built.routes(from: points, to: points, pairs: pairs))
        // Writing is deterministic.
        try loaded.write(to: folder.file("again.bhg"))
        #expect(readFileBytes(folder.file("again.bhg")) == readFileBytes(path))
    }

    /// The real midtown Manhattan piece: the stored hierarchy's matrix is
    /// Dijkstra's, cell for cell on the metric.
    @Test func newYorkPieceStoredHierarchyEqualsDijkstra() throws {
        let folder = TemporaryFolder()
        let (g, built) = try HierarchyTests.newYork.get()
        let path = folder.file("midtown.bhg")
        try BinaryGraphFile(graph: g, hierarchy: built).write(to: path)
        let stored = try #require(try BinaryGraphFile.read(from: path).hierarchy)
        Self.expectIdentical(built, stored)
        var rng = SplitMix64(seed: 77)
        let sources = HierarchyTests.points(g, count: 50, rng: &rng)
        let targets = HierarchyTests.points(g, count: 60, rng: &rng)
        let expected = try DistanceMatrix(graph: g, sources: sources, targets: targets, threads: 2)
        let m = try stored.matrix(sources: sources, targets: targets, threads: 2)
        #expect(m.lengths == expected.lengths)
        let b = try built.matrix(sources: sources, targets: targets, threads: 2)
        #expect(m.lengths == b.lengths && m.durations == b.durations)
    }

    /// A small file with a hierarchy, and where each section lies.
    static func sample(in folder: TemporaryFolder) throws -> (path: String, bytes: [UInt8], sections: [(kind: UInt32, entry: Int, start: Int, end: Int)]) {
        let g = try randomGraph(seed: 12, n: 30, degree: 3, maxWeight: 1000, withCoordinates: true)
        let path = folder.file("small.bhg")
        try BinaryGraphFile(graph: g, hierarchy: try ContractionHierarchy(graph: g)).write(to: path)
        let bytes = readFileBytes(path)
        let tableStart = BinaryGraphTests.tableStart(bytes)
        let count = Int(bytes.loadLittleEndian(UInt32.self, at: 60))
        let sections = (0..<count).map { s in
            let entry = tableStart + 32 * s
            let start = Int(bytes.loadLittleEndian(UInt64.self, at: entry + 8))
            let size = Int(bytes.loadLittleEndian(UInt32.self, at: entry + 4))
            return (bytes.loadLittleEndian(UInt32.self, at: entry), entry, start,
                    start + size * Int(bytes.loadLittleEndian(UInt64.self, at: entry + 16)))
        }
        return (path, bytes, sections)
    }

    /// Every section's CRC-32 in the table is that of its bytes, the
    /// hierarchy's sections follow the graph's, aligned to 64, and the
    /// header says a hierarchy is stored.
    @Test func layoutOfTheHierarchySections() throws {
        let folder = TemporaryFolder()
        let (_, bytes, sections) = try Self.sample(in: folder)
        #expect(bytes.loadLittleEndian(UInt32.self, at: 8) == 2)
        #expect(bytes[57] & BinaryGraphLayout.Flag.hasHierarchy != 0)
        #expect(sections.map(\.kind) == Array(1...8) + [12] + Array(32...38))  // no shapes in this graph
        for s in sections {
            #expect(s.start % 64 == 0)
            #expect(bytes.loadLittleEndian(UInt32.self, at: s.entry + 24) == referenceCRC32(bytes[s.start..<s.end]), "section \(s.kind)")
            #expect(bytes.loadLittleEndian(UInt32.self, at: s.entry + 28) == 0)
        }
        #expect(sections.last!.end == bytes.count)
        #expect(bytes.loadLittleEndian(UInt32.self, at: 24) == referenceCRC32(bytes[32...]))
    }

    /// A flipped byte inside a hierarchy section is caught by that section's
    /// checksum, and the message names the section; truncation anywhere in
    /// them says "truncated".
    @Test func aCorruptHierarchySectionIsNamed() throws {
        let folder = TemporaryFolder()
        let (_, bytes, sections) = try Self.sample(in: folder)
        let corrupt = folder.file("corrupt.bhg")
        for s in sections where s.kind >= 32 && s.end > s.start {
            let name = try #require(BinaryGraphLayout.Section(rawValue: s.kind)).name
            for i in [s.start, (s.start + s.end) / 2, s.end - 1] {
                var copy = bytes
                copy[i] ^= 0x04
                writeFileBytes(copy, to: corrupt)
                let error = try #require(throws: InputError.self) { try BinaryGraphFile.read(from: corrupt) }
                #expect(error.message.contains("checksum mismatch in the \(name) section"), "\(error.message)")
            }
            for length in [s.start, s.start + 1, s.end - 1] {
                writeFileBytes(Array(bytes[0..<length]), to: corrupt)
                let error = try #require(throws: InputError.self) { try BinaryGraphFile.read(from: corrupt) }
                #expect(error.message.contains("truncated"))
            }
        }
    }

    /// Arrays whose checksums are right but which are not a hierarchy (as a
    /// buggy writer could produce) are refused by the check on load, which
    /// runs in release builds too.
    @Test func consistentChecksumsButInvalidHierarchy() throws {
        let folder = TemporaryFolder()
        let (_, bytes, sections) = try Self.sample(in: folder)
        func patched(kind: UInt32, at offset: Int, to value: UInt32) -> [UInt8] {
            var b = bytes
            let s = sections.first { $0.kind == kind }!
            for k in 0..<4 { b[s.start + offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
            let sectionCRC = referenceCRC32(b[s.start..<s.end])
            for k in 0..<4 { b[s.entry + 24 + k] = UInt8(truncatingIfNeeded: sectionCRC >> (8 * UInt32(k))) }
            let crc = referenceCRC32(b[32...])
            for k in 0..<4 { b[24 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
            return b
        }
        let p = folder.file("bad.bhg")
        for (kind, offset, value, expected) in [
            (UInt32(32), 0, UInt32(1000), "not a permutation"),  // a rank beyond the 30 nodes
            (33, 4, 1_000_000, "offsets"),
            (34, 0, 0, "does not lead up"),  // the first upward arc (at rank 0) points at rank 0
            (37, 0, 0, "does not lead up"),
            (35, 0, 29, "bypasses a node that is not below it"),
        ] {
            writeFileBytes(patched(kind: kind, at: offset, to: value), to: p)
            let error = try #require(throws: InputError.self) { try BinaryGraphFile.read(from: p) }
            #expect(error.message.contains("corrupt contraction hierarchy section"), "\(kind): \(error.message)")
            #expect(error.message.contains(expected), "\(kind): \(error.message)")
        }
    }

    @Test func aFileWithoutHierarchyStillLoads() throws {
        let folder = TemporaryFolder()
        let g = try randomGraph(seed: 3, n: 20, degree: 2)
        try BinaryGraphFile(graph: g).write(to: folder.file("g.bhg"))
        let loaded = try BinaryGraphFile.read(from: folder.file("g.bhg"))
        #expect(loaded.hierarchy == nil)
        #expect(readFileBytes(folder.file("g.bhg"))[57] & BinaryGraphLayout.Flag.hasHierarchy == 0)
        // A hierarchy for another graph is not stored.
        let other = try ContractionHierarchy(graph: try randomGraph(seed: 4, n: 21, degree: 2))
        #expect(BinaryGraphFile(graph: g, hierarchy: other).hierarchy == nil)
    }
}
