import Testing
@testable import Routing

/// The PBF reader's building blocks against simple references.
@Suite struct OSMInternalsTests {
    @Test(arguments: 0..<12)
    func nodeIDTableMatchesADictionary(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        var table = NodeIDTable(capacity: seed % 3 == 0 ? 0 : 100)
        var reference: [Int64: UInt32] = [:]
        let spread: Int64 = seed % 2 == 0 ? 5_000 : 1 << 40
        for _ in 0..<3_000 {
            let id = Int64(bitPattern: rng.next() % UInt64(spread)) - (seed % 4 == 1 ? spread / 2 : 0)
            let slot = table.insert(id)
            if let known = reference[id] {
                #expect(slot == known)
            } else {
                #expect(Int(slot) == reference.count)
                reference[id] = slot
            }
        }
        #expect(table.count == reference.count)
        for (id, slot) in reference {
            #expect(table.find(id) == slot)
            #expect(table.ids[Int(slot)] == id)
        }
        for _ in 0..<500 {
            let id = Int64(bitPattern: rng.next())
            #expect(table.find(id) == reference[id])
        }
    }

    @Test(arguments: 0..<12)
    func radixSortSortsStably(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) + 500)
        let n = Int(rng.next() % 5000)
        let range: UInt64 = seed % 3 == 0 ? .max : (seed % 3 == 1 ? 1 << 20 : 7)
        var keys = (0..<n).map { _ in range == .max ? rng.next() : rng.next() % range }
        var payload = (0..<UInt32(n)).map { $0 }
        let reference = zip(keys, payload).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        RadixSort.sort(&keys, carrying: &payload)
        #expect(keys == reference.map(\.0))
        #expect(payload == reference.map(\.1), "stable: equal keys keep their order")
    }

    @Test(arguments: 0..<12)
    func waySetNumbersNodesInIDOrder(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) + 2000)
        var set = OSMWaySet()
        var ways: [[Int64]] = []
        for _ in 0..<(1 + Int(rng.next() % 300)) {
            var refs = (0..<(1 + Int(rng.next() % 8))).map { _ in Int64(rng.next() % 400) - (seed % 2 == 0 ? 0 : 200) }
            if rng.next() % 5 == 0, let f = refs.first { refs.append(f) }
            if rng.next() % 7 == 0, let l = refs.last { refs.append(l) }  // a repeated node
            set.addWay(id: Int64(ways.count), refs: refs, rule: WayRule(forwardSpeedKmh: 50, backwardSpeedKmh: 50))
            var kept: [Int64] = []
            for r in refs where r != kept.last { kept.append(r) }
            if kept.count >= 2 { ways.append(kept) }
        }
        set.finalize()
        #expect(set.wayCount == ways.count)
        let distinct = Set(ways.joined()).sorted()
        #expect(set.nodeIDs == distinct)
        var uses = [Int64: Int]()
        for w in ways {
            for r in w { uses[r, default: 0] += 1 }
            uses[w.first!, default: 0] += 2
            uses[w.last!, default: 0] += 2
        }
        for (w, refs) in ways.enumerated() {
            let slots = set.refs[set.refStart[w] ..< set.refStart[w + 1]]
            #expect(slots.map { set.nodeIDs[Int($0)] } == refs)
        }
        for (slot, id) in set.nodeIDs.enumerated() { #expect(Int(set.uses[slot]) == min(255, uses[id]!)) }
        #expect(set.latitudes.count == distinct.count && set.latitudes.allSatisfy { $0 == OSMWaySet.missing })
    }

    @Test(arguments: 0..<12)
    func cursorFindsEveryWantedID(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) + 1000)
        let wide = seed % 3 == 0
        var ids = Set<Int64>()
        for _ in 0..<(1 + Int(rng.next() % 4000)) {
            var id = Int64(rng.next() % (wide ? UInt64(1) << 62 : 20_000))
            if seed % 4 == 1 { id -= 10_000 }  // negative ids (JOSM files)
            ids.insert(id)
        }
        let sorted = ids.sorted()
        var index = [Int64: UInt32]()
        for (i, id) in sorted.enumerated() { index[id] = UInt32(i) }
        // Queries in ascending order (a sorted file), with misses between,
        // then in random order (an unsorted one).
        var queries = sorted.flatMap { [$0 - 1, $0, $0 + 1] }
        var cursor = SortedNodeIDCursor(sorted)
        for q in queries { #expect(cursor.slot(of: q) == index[q], "ascending \(q)") }
        queries.shuffle(using: &rng)
        var cursor2 = SortedNodeIDCursor(sorted)
        for q in queries { #expect(cursor2.slot(of: q) == index[q], "shuffled \(q)") }
    }

    @Test func varints() throws {
        func decode(_ bytes: [UInt8]) throws(ProtobufError) -> UInt64 {
            try bytes.withProtobufBytes { raw throws(ProtobufError) in
                var r = ProtobufReader(raw)
                return try r.readVarint()
            }
        }
        var pb = PB()
        for v: UInt64 in [0, 1, 127, 128, 300, 1 << 35, UInt64.max] {
            pb.bytes = []
            pb.raw(v)
            #expect(try decode(pb.bytes) == v)
            // Same value with 10+ bytes of padding after it (the fast path).
            #expect(try decode(pb.bytes + [UInt8](repeating: 0, count: 12)) == v)
            if pb.bytes.count > 1 {
                #expect(throws: ProtobufError.self) { try decode(Array(pb.bytes.dropLast())) }
            }
        }
        #expect(throws: ProtobufError.self) { try decode([UInt8](repeating: 0xff, count: 11)) }
        #expect(throws: ProtobufError.self) { try decode([UInt8](repeating: 0xff, count: 20)) }
        #expect(throws: ProtobufError.self) { try decode([]) }
        let zigzag: [(UInt64, Int64)] = [(0, 0), (1, -1), (2, 1), (3, -2), (UInt64.max, Int64.min), (UInt64.max - 1, Int64.max)]
        for (raw, v) in zigzag {
            pb.bytes = []
            pb.raw(raw)
            let got = try pb.bytes.withProtobufBytes { b throws(ProtobufError) in
                var r = ProtobufReader(b)
                return try r.readSignedVarint()
            }
            #expect(got == v)
        }
    }

    @Test func lengthDelimitedFieldsCannotRunPastTheirMessage() {
        var pb = PB()
        pb.key(1, 2)
        pb.raw(100)
        pb.bytes += [1, 2, 3]
        #expect(throws: ProtobufError.self) {
            try pb.bytes.withProtobufBytes { b throws(ProtobufError) in
                var r = ProtobufReader(b)
                _ = try r.nextField()
                _ = try r.readLengthDelimited()
            }
        }
    }

    /// The ways pass decompresses only the start of node blocks when the
    /// layout allows it (osmium, osmconvert), and falls back to full
    /// decoding otherwise (old Osmium writes granularity after the groups).
    @Test func nodeBlocksAreSkippedByTheWaysPassWhereTheLayoutAllows() throws {
        let monaco = try OSMGraphReader().readWithStatistics(path: osmSample("monaco.osm.pbf")).statistics
        #expect(monaco.nodeBlobs == 1 && monaco.skippedBlobs == 1)
        let andorra = try OSMGraphReader().readWithStatistics(path: osmSample("andorra.osm.pbf")).statistics
        #expect(andorra.nodeBlobs > 0 && andorra.skippedBlobs == 0)
        let lund = try OSMGraphReader().readWithStatistics(path: osmSample("lund-station-sweden.osm.pbf")).statistics
        #expect(lund.skippedBlobs == lund.nodeBlobs)
        // Generated: raw and zlib blocks; mixed blocks are never skipped.
        let map = OSMEquivalenceTests.randomMap(seed: 5)
        for (style, skipped) in [(TestMap.PBFStyle(blockSize: 10), true), (.init(compress: false, blockSize: 10), true), (.init(mixedBlocks: true), false)] {
            let s = try withTemporaryFile(map.pbf(style), suffix: ".osm.pbf") { try OSMGraphReader(profile: .car).readWithStatistics(path: $0).statistics }
            #expect((s.skippedBlobs == s.nodeBlobs && s.skippedBlobs > 0) == skipped)
        }
    }
}
