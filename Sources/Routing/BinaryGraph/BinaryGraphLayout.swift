/// The byte layout of a `.bhg` file (format version 2); `docs/bhg-format.md`
/// describes it for readers in other languages.
///
/// Every integer is little-endian. The file is:
///
/// | offset | size | field |
/// | --- | --- | --- |
/// | 0 | 8 | magic `BHGRAPH\0` |
/// | 8 | 4 | format version (2) |
/// | 12 | 4 | byte-order mark `0x01020304` (bytes `04 03 02 01`) |
/// | 16 | 8 | file length in bytes |
/// | 24 | 4 | CRC-32 (ISO-HDLC, as zlib's `crc32`) of bytes 32 ..< file length |
/// | 28 | 4 | zero |
/// | 32 | 64 | metadata (``Metadata``) |
/// | 96 | … | profile name, then source file name, UTF-8, zero-padded to 8 |
/// | … | 32 × *k* | section table (``SectionEntry``) |
/// | … | … | sections, each at a multiple of 64 bytes, zero-padded between |
enum BinaryGraphLayout {
    static let magic: [UInt8] = Array("BHGRAPH".utf8) + [0]
    static let byteOrderMark: UInt32 = 0x0102_0304
    static let fixedHeaderSize = 32
    static let metadataSize = 64
    static let sectionEntrySize = 32
    static let sectionAlignment = 64
    static let maxProfileLength = 256
    static let maxSourceNameLength = 4096
    /// Offset of the CRC-32 field.
    static let checksumOffset = 24

    /// Bits of ``Metadata/flags``.
    enum Flag {
        static let hasCoordinates: UInt8 = 1
        static let hasShapes: UInt8 = 2
        static let hasSource: UInt8 = 4
        static let hasLargestComponent: UInt8 = 8
        /// Per-shape-point travel times (``RoadGraph/shapeDuration``).
        static let hasShapeDurations: UInt8 = 0x20
        /// The vehicle the graph was built for (``RoadGraph/vehicle``).
        static let hasVehicle: UInt8 = 0x40
        /// A contraction hierarchy is stored (the `hierarchy…` sections).
        static let hasHierarchy: UInt8 = 0x80
    }

    /// The arrays a file holds, in file order.
    enum Section: UInt32, CaseIterable {
        case edgeStart = 1
        case edgeTarget = 2
        case edgeLength = 3
        case edgeDuration = 4
        case latitudeE7 = 5
        case longitudeE7 = 6
        case originalIDs = 7
        /// Nodes by ascending original id (``RoadGraph/node(originalID:)``),
        /// stored so that loading does not sort.
        case sortedIDNodes = 8
        case shapeStart = 9
        case shapeLatitudeE7 = 10
        case shapeLongitudeE7 = 11
        /// The largest strongly connected component, one bit per node in
        /// 64-bit words (``NodeMask/words``).
        case largestComponent = 12
        /// Travel time from the edge's tail to each shape point, deciseconds.
        case shapeDuration = 16
        /// The vehicle's size: height, width, length in millimetres, gross
        /// weight and axle load in kilograms (`UInt32.max`: not known).
        case vehicleDimensions = 17
        /// The vehicle's name, UTF-8.
        case vehicleName = 18
        /// The contraction hierarchy (``ContractionHierarchy``), when
        /// ``Flag/hasHierarchy`` is set: each node's rank, then the upward
        /// arcs (CSR by rank: offsets, arcs of 12 bytes, the node each
        /// shortcut bypasses) and the downward arcs likewise. The arc and
        /// middle sections have as many elements as their offsets say.
        case hierarchyRank = 32
        case hierarchyUpwardStart = 33
        case hierarchyUpwardArcs = 34
        case hierarchyUpwardMiddle = 35
        case hierarchyDownwardStart = 36
        case hierarchyDownwardArcs = 37
        case hierarchyDownwardMiddle = 38

        var elementSize: Int {
            switch self {
            case .originalIDs, .largestComponent: 8
            case .hierarchyUpwardArcs, .hierarchyDownwardArcs: 12
            case .vehicleName: 1
            default: 4
            }
        }

        var name: String {
            switch self {
            case .edgeStart: "edge offsets"
            case .edgeTarget: "edge targets"
            case .edgeLength: "edge lengths"
            case .edgeDuration: "edge durations"
            case .latitudeE7: "node latitudes"
            case .longitudeE7: "node longitudes"
            case .originalIDs: "node ids"
            case .sortedIDNodes: "node id index"
            case .shapeStart: "shape offsets"
            case .shapeLatitudeE7: "shape latitudes"
            case .shapeLongitudeE7: "shape longitudes"
            case .largestComponent: "largest component"
            case .hierarchyRank: "hierarchy ranks"
            case .hierarchyUpwardStart: "hierarchy upward offsets"
            case .hierarchyUpwardArcs: "hierarchy upward arcs"
            case .hierarchyUpwardMiddle: "hierarchy upward middle nodes"
            case .hierarchyDownwardStart: "hierarchy downward offsets"
            case .hierarchyDownwardArcs: "hierarchy downward arcs"
            case .hierarchyDownwardMiddle: "hierarchy downward middle nodes"
            case .shapeDuration: "shape durations"
            case .vehicleDimensions: "vehicle dimensions"
            case .vehicleName: "vehicle name"
            }
        }
    }

    /// The fixed metadata at offset 32.
    ///
    /// | offset | size | field |
    /// | --- | --- | --- |
    /// | 32 | 8 | node count |
    /// | 40 | 8 | edge count |
    /// | 48 | 8 | shape point count |
    /// | 56 | 1 | metric (0 distance, 1 duration) |
    /// | 57 | 1 | flags (``Flag``) |
    /// | 58 | 2 | zero |
    /// | 60 | 4 | section count |
    /// | 64 | 8 | source file size |
    /// | 72 | 8 | source modification time, ns since 1970 (signed) |
    /// | 80 | 4 | profile name length |
    /// | 84 | 4 | source file name length |
    /// | 88 | 8 | largest component size (nodes) |
    struct Metadata: Equatable {
        var nodeCount: UInt64
        var edgeCount: UInt64
        var shapePointCount: UInt64
        var metric: UInt8
        var flags: UInt8
        var sectionCount: UInt32
        var sourceSize: UInt64
        var sourceModificationTime: Int64
        var profileLength: UInt32
        var sourceNameLength: UInt32
        var largestComponentSize: UInt64

        func encoded() -> [UInt8] {
            var b: [UInt8] = []
            b.reserveCapacity(BinaryGraphLayout.metadataSize)
            b.appendLittleEndian(nodeCount)
            b.appendLittleEndian(edgeCount)
            b.appendLittleEndian(shapePointCount)
            b.append(metric)
            b.append(flags)
            b.appendLittleEndian(UInt16(0))
            b.appendLittleEndian(sectionCount)
            b.appendLittleEndian(sourceSize)
            b.appendLittleEndian(sourceModificationTime)
            b.appendLittleEndian(profileLength)
            b.appendLittleEndian(sourceNameLength)
            b.appendLittleEndian(largestComponentSize)
            return b
        }

        init(
            nodeCount: UInt64, edgeCount: UInt64, shapePointCount: UInt64, metric: UInt8, flags: UInt8,
            sectionCount: UInt32, sourceSize: UInt64, sourceModificationTime: Int64,
            profileLength: UInt32, sourceNameLength: UInt32, largestComponentSize: UInt64
        ) {
            self.nodeCount = nodeCount
            self.edgeCount = edgeCount
            self.shapePointCount = shapePointCount
            self.metric = metric
            self.flags = flags
            self.sectionCount = sectionCount
            self.sourceSize = sourceSize
            self.sourceModificationTime = sourceModificationTime
            self.profileLength = profileLength
            self.sourceNameLength = sourceNameLength
            self.largestComponentSize = largestComponentSize
        }

        init(decoding b: [UInt8]) {
            nodeCount = b.loadLittleEndian(UInt64.self, at: 0)
            edgeCount = b.loadLittleEndian(UInt64.self, at: 8)
            shapePointCount = b.loadLittleEndian(UInt64.self, at: 16)
            metric = b[24]
            flags = b[25]
            sectionCount = b.loadLittleEndian(UInt32.self, at: 28)
            sourceSize = b.loadLittleEndian(UInt64.self, at: 32)
            sourceModificationTime = b.loadLittleEndian(Int64.self, at: 40)
            profileLength = b.loadLittleEndian(UInt32.self, at: 48)
            sourceNameLength = b.loadLittleEndian(UInt32.self, at: 52)
            largestComponentSize = b.loadLittleEndian(UInt64.self, at: 56)
        }
    }

    /// One row of the section table.
    ///
    /// | offset | size | field |
    /// | --- | --- | --- |
    /// | 0 | 4 | section kind (``Section``) |
    /// | 4 | 4 | element size in bytes |
    /// | 8 | 8 | offset of the first byte in the file |
    /// | 16 | 8 | element count |
    /// | 24 | 4 | CRC-32 of the section's bytes (so that a corrupt section is named) |
    /// | 28 | 4 | zero |
    struct SectionEntry: Equatable {
        var kind: UInt32
        var elementSize: UInt32
        var offset: UInt64
        var count: UInt64
        var checksum: UInt32
        var reserved: UInt32 = 0

        func encoded() -> [UInt8] {
            var b: [UInt8] = []
            b.appendLittleEndian(kind)
            b.appendLittleEndian(elementSize)
            b.appendLittleEndian(offset)
            b.appendLittleEndian(count)
            b.appendLittleEndian(checksum)
            b.appendLittleEndian(reserved)
            return b
        }

        init(kind: UInt32, elementSize: UInt32, offset: UInt64, count: UInt64, checksum: UInt32) {
            self.kind = kind
            self.elementSize = elementSize
            self.offset = offset
            self.count = count
            self.checksum = checksum
        }

        init(decoding b: [UInt8], at o: Int) {
            kind = b.loadLittleEndian(UInt32.self, at: o)
            elementSize = b.loadLittleEndian(UInt32.self, at: o + 4)
            offset = b.loadLittleEndian(UInt64.self, at: o + 8)
            count = b.loadLittleEndian(UInt64.self, at: o + 16)
            checksum = b.loadLittleEndian(UInt32.self, at: o + 24)
            reserved = b.loadLittleEndian(UInt32.self, at: o + 28)
        }
    }

    /// A vehicle's dimensions as stored in ``Section/vehicleDimensions``.
    static func encode(_ v: VehicleDimensions) -> [UInt32] {
        func milli(_ x: Double) -> UInt32 { UInt32(clamping: Int64((x * 1000).rounded())) }
        return [milli(v.heightMetres), milli(v.widthMetres), milli(v.lengthMetres), milli(v.weightTonnes),
                v.axleLoadTonnes.map(milli) ?? UInt32.max]
    }

    /// The vehicle stored in ``Section/vehicleDimensions`` and
    /// ``Section/vehicleName``, or `nil` when the section is malformed.
    static func decode(_ d: [UInt32], name: [UInt8]) -> VehicleDimensions? {
        guard d.count == 5, let name = String(validating: name, as: UTF8.self) else { return nil }
        return VehicleDimensions(
            name: name, weightTonnes: Double(d[3]) / 1000, heightMetres: Double(d[0]) / 1000,
            widthMetres: Double(d[1]) / 1000, lengthMetres: Double(d[2]) / 1000,
            axleLoadTonnes: d[4] == UInt32.max ? nil : Double(d[4]) / 1000)
    }

    /// `x` rounded up to a multiple of `alignment` (a power of two).
    static func align(_ x: Int, _ alignment: Int) -> Int { (x + alignment - 1) & ~(alignment - 1) }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    func loadLittleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        var v: T = 0
        for i in (0..<MemoryLayout<T>.size).reversed() { v = v << 8 | T(truncatingIfNeeded: self[offset + i]) }
        return v
    }
}
