#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

extension BinaryGraphFile {
    /// Reads and verifies the `.bhg` file at `path`.
    ///
    /// Each section is read with `read(2)` straight into the storage of its
    /// array and checksummed while it is hot in cache; the graph's
    /// invariants (``RoadGraph/checkInvariants()``) are checked last.
    ///
    /// - Throws: ``InputError`` naming the file when it cannot be opened, is
    ///   empty, is not a `.bhg` file, has another format version or byte
    ///   order, is truncated or longer than it says, fails its checksum, or
    ///   holds arrays that do not form a valid graph.
    /// - Complexity: O(file size), about the cost of copying the file.
    public static func read(from path: String) throws(InputError) -> BinaryGraphFile {
        let file = try SectionReader(path: path)
        func bad(_ message: String) -> InputError { InputError(path: path, message: message) }

        // Fixed header (not checksummed: it is checked field by field).
        guard file.size > 0 else { throw bad("empty file; expected a backhaul graph (.bhg)") }
        let magic = try file.readBytes(min(file.size, BinaryGraphLayout.magic.count))
        guard magic == BinaryGraphLayout.magic else {
            throw bad("not a backhaul graph file (.bhg): it does not start with BHGRAPH")
        }
        guard file.size >= BinaryGraphLayout.fixedHeaderSize + BinaryGraphLayout.metadataSize else {
            throw bad("truncated: \(file.size) bytes is shorter than the header")
        }
        let fixed = magic + (try file.readBytes(BinaryGraphLayout.fixedHeaderSize - magic.count))
        let version = fixed.loadLittleEndian(UInt32.self, at: 8)
        let mark = fixed.loadLittleEndian(UInt32.self, at: 12)
        guard mark == BinaryGraphLayout.byteOrderMark else {
            throw bad("unknown byte order mark 0x\(String(mark, radix: 16)); the file is corrupt")
        }
        guard version == formatVersion else {
            throw bad("graph format version \(version), but this backhaul reads version \(formatVersion); rebuild it with `backhaul graph build`")
        }
        let declaredLength = fixed.loadLittleEndian(UInt64.self, at: 16)
        guard declaredLength == UInt64(file.size) else {
            throw bad(declaredLength > UInt64(file.size)
                ? "truncated: \(file.size) of \(declaredLength) bytes"
                : "\(UInt64(file.size) - declaredLength) bytes beyond the declared end; the file is corrupt")
        }
        let storedChecksum = fixed.loadLittleEndian(UInt32.self, at: BinaryGraphLayout.checksumOffset)
        guard fixed.loadLittleEndian(UInt32.self, at: 28) == 0 else { throw bad("corrupt header (reserved field is not zero)") }

        // Metadata, names and section table (checksummed from here on).
        let meta = BinaryGraphLayout.Metadata(decoding: try file.readBytes(BinaryGraphLayout.metadataSize))
        let size = UInt64(file.size)
        guard meta.profileLength <= BinaryGraphLayout.maxProfileLength,
              meta.sourceNameLength <= BinaryGraphLayout.maxSourceNameLength,
              meta.sectionCount <= UInt32(BinaryGraphLayout.Section.allCases.count),
              meta.nodeCount < UInt64(UInt32.max), meta.edgeCount < UInt64(UInt32.max),
              meta.shapePointCount < UInt64(UInt32.max)
        else { throw bad("corrupt header (counts out of range)") }
        let names = try file.readBytes(Int(meta.profileLength) + Int(meta.sourceNameLength))
        guard let profile = String(validating: names[0..<Int(meta.profileLength)], as: UTF8.self),
              let sourceName = String(validating: names[Int(meta.profileLength)...], as: UTF8.self)
        else { throw bad("corrupt header (names are not UTF-8)") }
        try file.skip(to: BinaryGraphLayout.align(file.position, 8))
        let tableBytes = try file.readBytes(Int(meta.sectionCount) * BinaryGraphLayout.sectionEntrySize)
        let table = (0..<Int(meta.sectionCount)).map {
            BinaryGraphLayout.SectionEntry(decoding: tableBytes, at: $0 * BinaryGraphLayout.sectionEntrySize)
        }
        guard let metric = RoutingMetric(rawValue: meta.metric) else { throw bad("corrupt header (unknown metric \(meta.metric))") }

        // The sections the header promises, with their lengths.
        let n = Int(meta.nodeCount), m = Int(meta.edgeCount), shapePoints = Int(meta.shapePointCount)
        let hasCoordinates = meta.flags & BinaryGraphLayout.Flag.hasCoordinates != 0
        let hasShapes = meta.flags & BinaryGraphLayout.Flag.hasShapes != 0
        let hasComponent = meta.flags & BinaryGraphLayout.Flag.hasLargestComponent != 0
        let hasHierarchy = meta.flags & BinaryGraphLayout.Flag.hasHierarchy != 0
        let hasShapeDurations = meta.flags & BinaryGraphLayout.Flag.hasShapeDurations != 0
        let hasVehicle = meta.flags & BinaryGraphLayout.Flag.hasVehicle != 0
        guard !hasShapeDurations || hasShapes else { throw bad("corrupt header (shape durations without shapes)") }
        var expected: [(BinaryGraphLayout.Section, Int?)] = [
            (.edgeStart, n + 1), (.edgeTarget, m), (.edgeLength, m), (.edgeDuration, m),
        ]
        if hasCoordinates { expected += [(.latitudeE7, n), (.longitudeE7, n)] }
        expected += [(.originalIDs, n), (.sortedIDNodes, n)]
        if hasShapes { expected += [(.shapeStart, m + 1), (.shapeLatitudeE7, shapePoints), (.shapeLongitudeE7, shapePoints)] }
        if hasComponent { expected.append((.largestComponent, (n + 63) / 64)) }
        if hasShapeDurations { expected.append((.shapeDuration, shapePoints)) }
        if hasVehicle {
            expected.append((.vehicleDimensions, 5))
            // The name's length is whatever the table says, within reason.
            let i = expected.count
            let nameCount = i < table.count ? Int(clamping: table[i].count) : 0
            guard nameCount <= BinaryGraphLayout.maxProfileLength else { throw bad("corrupt section table at the vehicle name") }
            expected.append((.vehicleName, nameCount))
        }
        if hasHierarchy { expected += expectedHierarchySections(nodeCount: n) }
        guard table.count == expected.count else {
            throw bad("corrupt header: \(table.count) sections listed, \(expected.count) expected")
        }
        var previousEnd = UInt64(file.position)
        for (entry, (kind, count)) in zip(table, expected) {
            guard entry.kind == kind.rawValue, entry.elementSize == UInt32(kind.elementSize),
                  count.map({ entry.count == UInt64($0) }) ?? (entry.count < UInt64(UInt32.max)),
                  entry.reserved == 0, entry.offset >= previousEnd,
                  entry.offset % UInt64(BinaryGraphLayout.sectionAlignment) == 0,
                  entry.offset <= size, entry.count * UInt64(kind.elementSize) <= size - entry.offset
            else { throw bad("corrupt section table at the \(kind.name)") }
            previousEnd = entry.offset + entry.count * UInt64(kind.elementSize)
        }
        guard previousEnd == size else { throw bad("corrupt section table: the sections do not end the file") }

        // The arrays, each checked against its own CRC-32 so that a corrupt
        // one is named.
        var i = 0
        func verified<T>(_ read: (Int) throws(InputError) -> (array: [T], checksum: UInt32)) throws(InputError) -> [T] {
            defer { i += 1 }
            try file.skip(to: Int(table[i].offset))
            let (array, checksum) = try read(Int(table[i].count))
            guard checksum == table[i].checksum else {
                throw bad("checksum mismatch in the \(expected[i].0.name) section (stored \(hex(table[i].checksum)), computed \(hex(checksum))): the file is corrupt; rebuild it with `backhaul graph build`")
            }
            return array
        }
        func next<T: FixedWidthInteger & BitwiseCopyable>(_ type: T.Type) throws(InputError) -> [T] {
            try verified { (count: Int) throws(InputError) in try file.readArray(T.self, count: count) }
        }
        func nextArcs() throws(InputError) -> [HierarchyArc] {
            try verified { (count: Int) throws(InputError) in try file.readArcs(count: count) }
        }
        let edgeStart = try next(UInt32.self)
        let edgeTarget = try next(UInt32.self)
        let edgeLength = try next(UInt32.self)
        let edgeDuration = try next(UInt32.self)
        let latitudeE7 = hasCoordinates ? try next(Int32.self) : []
        let longitudeE7 = hasCoordinates ? try next(Int32.self) : []
        let originalIDs = try next(Int64.self)
        let sortedIDNodes = try next(UInt32.self)
        let shapeStart = hasShapes ? try next(UInt32.self) : []
        let shapeLatitudeE7 = hasShapes ? try next(Int32.self) : []
        let shapeLongitudeE7 = hasShapes ? try next(Int32.self) : []
        let componentWords = hasComponent ? try next(UInt64.self) : []
        let shapeDuration = hasShapeDurations ? try next(UInt32.self) : []
        let vehicleDimensions = hasVehicle ? try next(UInt32.self) : []
        let vehicleName = hasVehicle ? try next(UInt8.self) : []
        typealias StoredArcs = (start: [UInt32], arcs: [HierarchyArc], middle: [UInt32])
        var stored: (rank: [UInt32], up: StoredArcs, down: StoredArcs)?
        if hasHierarchy {
            let rank = try next(UInt32.self)
            let up = (try next(UInt32.self), try nextArcs(), try next(UInt32.self))
            let down = (try next(UInt32.self), try nextArcs(), try next(UInt32.self))
            stored = (rank, up, down)
        }

        let computed = UInt32(truncatingIfNeeded: file.checksum)
        guard computed == storedChecksum else {
            throw bad("checksum mismatch (stored \(hex(storedChecksum)), computed \(hex(computed))): the file is corrupt; rebuild it with `backhaul graph build`")
        }

        var vehicle: VehicleDimensions?
        if hasVehicle {
            guard let v = BinaryGraphLayout.decode(vehicleDimensions, name: vehicleName) else {
                throw bad("corrupt vehicle section")
            }
            vehicle = v
        }
        let graph: RoadGraph
        do {
            graph = try RoadGraph(
                edgeStart: edgeStart, edgeTarget: edgeTarget, edgeLength: edgeLength, edgeDuration: edgeDuration,
                latitudeE7: latitudeE7, longitudeE7: longitudeE7, originalIDs: originalIDs, sortedIDNodes: sortedIDNodes,
                shapeStart: shapeStart, shapeLatitudeE7: shapeLatitudeE7, shapeLongitudeE7: shapeLongitudeE7,
                shapeDuration: shapeDuration, metric: metric, profile: profile, vehicle: vehicle
            )
        } catch {
            throw bad("not a valid graph: \(error.message)")
        }
        var component: NodeMask?
        if hasComponent {
            guard let mask = NodeMask(words: componentWords, nodeCount: n), UInt64(mask.count) == meta.largestComponentSize else {
                throw bad("corrupt largest-component section")
            }
            component = mask
        }
        var hierarchy: ContractionHierarchy?
        if let stored {
            switch ContractionHierarchy.deserialized(
                graph: graph, rank: stored.rank, forwardStart: stored.up.start, forwardArcs: stored.up.arcs,
                forwardMiddle: stored.up.middle, backwardStart: stored.down.start, backwardArcs: stored.down.arcs,
                backwardMiddle: stored.down.middle)
            {
            case .success(let h): hierarchy = h
            case .failure(let error): throw bad("corrupt contraction hierarchy section: \(error.message)")
            }
        }
        let source = meta.flags & BinaryGraphLayout.Flag.hasSource != 0
            ? SourceFileStamp(name: sourceName, size: meta.sourceSize, modificationTime: meta.sourceModificationTime)
            : nil
        return BinaryGraphFile(graph: graph, source: source, largestComponent: component, hierarchy: hierarchy)
    }
}

private func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
}

/// Sequential reads of a file with a running CRC-32 of every byte after the
/// fixed header.
private final class SectionReader {
    let path: String
    let size: Int
    private let fd: Int32
    private(set) var position = 0
    private(set) var checksum: UInt = crc32(0, nil, 0)

    init(path: String) throws(InputError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw InputError(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) != S_IFDIR else {
            close(fd)
            throw InputError(path: path, message: "is a directory, not a file")
        }
        self.path = path
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Fills `buffer` from the current position; returns the CRC-32 of the
    /// bytes read (of those past the fixed header), which the file's running
    /// checksum also takes.
    @discardableResult
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> UInt32 {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return crc32Checksum(UnsafeRawBufferPointer(start: nil, count: 0)) }
        var done = 0
        while done < buffer.count {
            let r = Glibc_read(fd, base + done, buffer.count - done)
            if r < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if r == 0 { throw InputError(path: path, message: "truncated at byte \(position + done)") }
            done += r
        }
        let skip = max(0, min(buffer.count, BinaryGraphLayout.fixedHeaderSize - position))
        let crc = crc32Checksum(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[skip...]))
        checksum = crc32_combine(checksum, UInt(crc), off_t(buffer.count - skip))
        position += buffer.count
        return crc
    }

    func readBytes(_ count: Int) throws(InputError) -> [UInt8] {
        guard count <= size - position else { throw InputError(path: path, message: "truncated at byte \(size)") }
        var failure: InputError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(InputError) { try read(into: UnsafeMutableRawBufferPointer(buffer)) } catch { failure = error }
            initialized = count
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads `count` little-endian integers straight into a new array; also
    /// returns the CRC-32 of their bytes.
    func readArray<T: FixedWidthInteger & BitwiseCopyable>(_ type: T.Type, count: Int) throws(InputError) -> (array: [T], checksum: UInt32) {
        let (array, crc) = try readRaw(T.self, count: count)
        #if _endian(big)
        return (array.map { T(littleEndian: $0) }, crc)
        #else
        return (array, crc)
        #endif
    }

    /// Reads `count` hierarchy arcs (three little-endian `UInt32` each)
    /// straight into a new array, with the CRC-32 of their bytes.
    func readArcs(count: Int) throws(InputError) -> (array: [HierarchyArc], checksum: UInt32) {
        let (array, crc) = try readRaw(HierarchyArc.self, count: count)
        #if _endian(big)
        let native = array.map {
            HierarchyArc(node: UInt32(littleEndian: $0.node), weight: UInt32(littleEndian: $0.weight), other: UInt32(littleEndian: $0.other))
        }
        return (native, crc)
        #else
        return (array, crc)
        #endif
    }

    /// Reads `count` values of `T` as their bytes lie in the file.
    private func readRaw<T: BitwiseCopyable>(_ type: T.Type, count: Int) throws(InputError) -> ([T], UInt32) {
        guard count <= (size - position) / MemoryLayout<T>.stride else {
            throw InputError(path: path, message: "truncated at byte \(size)")
        }
        var failure: InputError?
        var crc: UInt32 = 0
        let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(InputError) {
                crc = try read(into: UnsafeMutableRawBufferPointer(buffer))
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return (array, crc)
    }

    /// Reads (and checksums) the bytes up to `offset`.
    func skip(to offset: Int) throws(InputError) {
        if offset > position { _ = try readBytes(offset - position) }
    }
}

private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    read(fd, p, n)
}
