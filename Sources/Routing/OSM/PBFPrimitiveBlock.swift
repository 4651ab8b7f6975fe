/// A decoded `PrimitiveBlock` of an OpenStreetMap PBF file: its string table,
/// coordinate scaling and primitive groups
/// (https://wiki.openstreetmap.org/wiki/PBF_Format, "Definition of OSMData
/// fileblock").
///
/// Decoding is split in the two operations the graph reader needs, so that
/// each pass touches only what it uses: ``scanWays(profile:)`` (pass 1:
/// routable ways with their tags and delta-coded node references; nodes are
/// skipped unparsed) and ``scanNodes(_:)`` (pass 2: node ids and
/// coordinates from dense and plain nodes; ways skipped).
///
/// Borrows the block's bytes: it must not outlive them.
struct PBFPrimitiveBlock {
    /// The string table: byte ranges into the block.
    private(set) var strings: [UnsafeRawBufferPointer] = []
    /// The `primitivegroup` messages, in order.
    private(set) var groups: [UnsafeRawBufferPointer] = []
    /// Nanodegrees per coordinate unit (default 100).
    private(set) var granularity: Int64 = 100
    /// Latitude offset in nanodegrees.
    private(set) var latOffset: Int64 = 0
    /// Longitude offset in nanodegrees.
    private(set) var lonOffset: Int64 = 0

    /// Reads the block's top-level fields (granularity and offsets may follow
    /// the groups, so groups are only located here, parsed later).
    init(_ bytes: UnsafeRawBufferPointer) throws(ProtobufError) {
        var r = ProtobufReader(bytes)
        while let (field, wt) = try r.nextField() {
            switch (field, wt) {
            case (1, .lengthDelimited):
                var t = ProtobufReader(try r.readLengthDelimited())
                while let (f, w) = try t.nextField() {
                    if f == 1 && w == .lengthDelimited {
                        strings.append(try t.readLengthDelimited())
                    } else {
                        try t.skip(w)
                    }
                }
            case (2, .lengthDelimited): groups.append(try r.readLengthDelimited())
            case (17, .varint): granularity = Int64(Int32(truncatingIfNeeded: try r.readVarint()))
            case (19, .varint): latOffset = try r.readInt64()
            case (20, .varint): lonOffset = try r.readInt64()
            default: try r.skip(wt)
            }
        }
        guard granularity > 0 else {
            throw ProtobufError(message: "granularity \(granularity) is not positive")
        }
    }
}

// MARK: - Pass 1: ways

/// The routable ways of one block, and what else the block holds.
struct PBFWayBatch: Sendable {
    /// Ways in the block, routable or not.
    var wayCount = 0
    /// Relations in the block (read only to be counted).
    var relationCount = 0
    /// `true` when the block holds nodes (dense or plain): pass 2 must read
    /// it.
    var hasNodes = false
    /// `true` when pass 1 skipped the block (it holds only nodes).
    var skipped = false
    /// Turn restrictions that bind the vehicle.
    var restrictions: [OSMTurnRestriction] = []
    /// Routable ways: id, rule, and node ids `refs[refStart[i] ..< refStart[i + 1]]`.
    var wayIDs: [Int64] = []
    var rules: [WayRule] = []
    var refStart: [Int] = [0]
    var refs: [Int64] = []
}

extension PBFPrimitiveBlock {
    /// Marks a string-table entry whose key code has not been computed yet.
    private static let uncomputed: UInt8 = 0xFE
    /// Marks a string that is not a key profiles read.
    private static let notAKey: UInt8 = 0xFF

    /// Pass 1: the ways `profile` may use, with their node references;
    /// counts ways and relations; notes whether the block holds nodes.
    func scanWays(profile: VehicleProfile) throws(ProtobufError) -> PBFWayBatch {
        var batch = PBFWayBatch()
        var keyCodes = [UInt8](repeating: Self.uncomputed, count: strings.count)
        var keys: [UInt64] = [], vals: [UInt64] = []
        var tags = WayTags()
        let highwayCode = UInt8(WayTags.Key.highway.rawValue)
        let routeCode = UInt8(WayTags.Key.route.rawValue)

        for group in groups {
            var g = ProtobufReader(group)
            while let (field, wt) = try g.nextField() {
                switch (field, wt) {
                case (1, _), (2, _):
                    batch.hasNodes = true
                    try g.skip(wt)
                case (4, .lengthDelimited):
                    batch.relationCount += 1
                    try scanRelation(try g.readLengthDelimited(), profile: profile, &keyCodes, &tags, &batch)
                case (3, .lengthDelimited):
                    batch.wayCount += 1
                    var w = ProtobufReader(try g.readLengthDelimited())
                    var id: Int64 = 0
                    var refsField: UnsafeRawBufferPointer?
                    var refsUnpacked: [UInt64] = []
                    keys.removeAll(keepingCapacity: true)
                    vals.removeAll(keepingCapacity: true)
                    while let (f, fw) = try w.nextField() {
                        switch (f, fw) {
                        case (1, .varint): id = try w.readInt64()
                        case (2, _): try w.appendRepeatedVarints(fw, to: &keys)
                        case (3, _): try w.appendRepeatedVarints(fw, to: &vals)
                        case (8, .lengthDelimited): refsField = try w.readLengthDelimited()
                        case (8, .varint): refsUnpacked.append(try w.readVarint())
                        default: try w.skip(fw)
                        }
                    }
                    guard keys.count == vals.count else {
                        throw ProtobufError(message: "way \(id) has \(keys.count) keys but \(vals.count) values")
                    }
                    // Cheap rejection: most ways are not roads.
                    var isCandidate = false
                    for k in keys {
                        let code = try keyCode(k, &keyCodes, wayID: id)
                        if code == highwayCode || code == routeCode { isCandidate = true }
                    }
                    guard isCandidate else { continue }
                    tags.removeAll()
                    for (k, v) in zip(keys, vals) {
                        let code = keyCodes[Int(k)]
                        guard code != Self.notAKey, let key = WayTags.Key(rawValue: Int(code)) else { continue }
                        guard v < UInt64(strings.count) else {
                            throw ProtobufError(message: "way \(id) has a value index \(v) beyond the \(strings.count)-entry string table")
                        }
                        tags[key] = String(decoding: strings[Int(v)], as: UTF8.self)
                    }
                    guard let rule = profile.rule(for: tags) else { continue }
                    // Delta-coded node references.
                    let before = batch.refs.count
                    var ref: Int64 = 0
                    if let refsField {
                        var p = ProtobufReader(refsField)
                        while !p.isAtEnd {
                            ref &+= try p.readSignedVarint()
                            batch.refs.append(ref)
                        }
                    }
                    for z in refsUnpacked {
                        ref &+= Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
                        batch.refs.append(ref)
                    }
                    if batch.refs.count - before < 2 {
                        batch.refs.removeSubrange(before...)
                        continue
                    }
                    batch.wayIDs.append(id)
                    batch.rules.append(rule)
                    batch.refStart.append(batch.refs.count)
                default:
                    try g.skip(wt)
                }
            }
        }
        return batch
    }

    /// Reads a relation; keeps it when it is a turn restriction that binds
    /// the vehicle.
    private func scanRelation(
        _ bytes: UnsafeRawBufferPointer, profile: VehicleProfile, _ keyCodes: inout [UInt8], _ tags: inout WayTags,
        _ batch: inout PBFWayBatch
    ) throws(ProtobufError) {
        var r = ProtobufReader(bytes)
        var id: Int64 = 0
        var keys: [UInt64] = [], vals: [UInt64] = [], roles: [UInt64] = [], types: [UInt64] = []
        var memberIDs: UnsafeRawBufferPointer?
        var unpackedIDs: [UInt64] = []
        while let (f, fw) = try r.nextField() {
            switch (f, fw) {
            case (1, .varint): id = try r.readInt64()
            case (2, _): try r.appendRepeatedVarints(fw, to: &keys)
            case (3, _): try r.appendRepeatedVarints(fw, to: &vals)
            case (8, _): try r.appendRepeatedVarints(fw, to: &roles)
            case (9, .lengthDelimited): memberIDs = try r.readLengthDelimited()
            case (9, .varint): unpackedIDs.append(try r.readVarint())
            case (10, _): try r.appendRepeatedVarints(fw, to: &types)
            default: try r.skip(fw)
            }
        }
        guard keys.count == vals.count else {
            throw ProtobufError(message: "relation \(id) has \(keys.count) keys but \(vals.count) values")
        }
        tags.removeAll()
        var isRestriction = false
        for (k, v) in zip(keys, vals) {
            let code = try keyCode(k, &keyCodes, element: "relation", id: id)
            guard code != Self.notAKey, let key = WayTags.Key(rawValue: Int(code)) else { continue }
            guard v < UInt64(strings.count) else {
                throw ProtobufError(message: "relation \(id) has a value index \(v) beyond the \(strings.count)-entry string table")
            }
            tags[key] = String(decoding: strings[Int(v)], as: UTF8.self)
            if key == .type { isRestriction = tags[.type] == "restriction" }
        }
        guard isRestriction, let rule = profile.turnRestriction(tags) else { return }
        var refs: [Int64] = []
        var ref: Int64 = 0
        if let memberIDs {
            var p = ProtobufReader(memberIDs)
            while !p.isAtEnd {
                ref &+= try p.readSignedVarint()
                refs.append(ref)
            }
        }
        for z in unpackedIDs {
            ref &+= Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
            refs.append(ref)
        }
        guard refs.count == roles.count, refs.count == types.count else {
            throw ProtobufError(message: "relation \(id) has \(refs.count) members but \(roles.count) roles and \(types.count) types")
        }
        var members: [OSMTurnRestriction.Member] = []
        for i in refs.indices {
            guard roles[i] < UInt64(strings.count) else {
                throw ProtobufError(message: "relation \(id) has a role index \(roles[i]) beyond the \(strings.count)-entry string table")
            }
            let kind: OSMTurnRestriction.Member.Kind
            switch types[i] {
            case 0: kind = .node
            case 1: kind = .way
            default: kind = .relation
            }
            let role = Substring(String(decoding: strings[Int(roles[i])], as: UTF8.self))
            members.append(.init(kind: kind, ref: refs[i], role: role))
        }
        batch.restrictions += OSMTurnRestriction.expand(relationID: id, rule: rule, members: members)
    }

    /// The profile key code of string `index`, memoised in `codes`.
    @inline(__always)
    private func keyCode(_ index: UInt64, _ codes: inout [UInt8], wayID: Int64) throws(ProtobufError) -> UInt8 {
        try keyCode(index, &codes, element: "way", id: wayID)
    }

    /// The profile key code of string `index`, memoised in `codes`.
    @inline(__always)
    private func keyCode(_ index: UInt64, _ codes: inout [UInt8], element: String, id: Int64) throws(ProtobufError) -> UInt8 {
        guard index < UInt64(codes.count) else {
            throw ProtobufError(message: "\(element) \(id) has a key index \(index) beyond the \(codes.count)-entry string table")
        }
        let i = Int(index)
        var code = codes[i]
        if code == Self.uncomputed {
            code = WayTags.Key(utf8: strings[i]).map { UInt8($0.rawValue) } ?? Self.notAKey
            codes[i] = code
        }
        return code
    }
}

// MARK: - Pass 2: nodes

/// The wanted nodes of one block with their coordinates.
struct PBFNodeBatch: Sendable {
    /// Nodes in the block, wanted or not.
    var nodeCount = 0
    /// For each wanted node: its slot in the id table and its coordinate
    /// (10⁻⁷ degrees).
    var slots: [UInt32] = []
    var latitudes: [Int32] = []
    var longitudes: [Int32] = []
    /// Wanted nodes that stop the vehicle (``VehicleProfile/blocks(node:)``).
    var barrierSlots: [UInt32] = []
}

/// Reads the tags of the wanted nodes of a block and asks the profile
/// whether they block the vehicle; the tags of other nodes are skipped.
struct PBFNodeTagReader {
    let profile: VehicleProfile
    let strings: [UnsafeRawBufferPointer]
    /// Per string-table entry: the key code, or `uncomputed` / `notAKey`.
    private var codes: [UInt8]
    private var tags = WayTags()
    /// `tags` holds values of an earlier node.
    private var dirty = false
    /// The node has a tag that may make it a barrier.
    private var relevant = false
    private static let uncomputed: UInt8 = 0xFE
    private static let notAKey: UInt8 = 0xFF

    init(profile: VehicleProfile, strings: [UnsafeRawBufferPointer]) {
        self.profile = profile
        self.strings = strings
        codes = [UInt8](repeating: Self.uncomputed, count: strings.count)
    }

    /// Starts a node.
    mutating func begin() {
        if dirty { tags.removeAll() }
        dirty = false
        relevant = false
    }

    /// Adds one `key=value` by string-table index.
    mutating func add(key k: UInt64, value v: UInt64, node id: Int64) throws(ProtobufError) {
        guard k < UInt64(strings.count), v < UInt64(strings.count) else {
            throw ProtobufError(message: "node \(id) has a tag index beyond the \(strings.count)-entry string table")
        }
        var code = codes[Int(k)]
        if code == Self.uncomputed {
            code = WayTags.Key(utf8: strings[Int(k)]).map { UInt8($0.rawValue) } ?? Self.notAKey
            codes[Int(k)] = code
        }
        guard code != Self.notAKey, let key = WayTags.Key(rawValue: Int(code)) else { return }
        tags[key] = String(decoding: strings[Int(v)], as: UTF8.self)
        dirty = true
        if VehicleProfile.mayBlock(key) { relevant = true }
    }

    /// `true` when the node just read stops the vehicle.
    var blocks: Bool { relevant && profile.blocks(node: tags) }
}

extension PBFPrimitiveBlock {
    /// Pass 2: every node of the block is counted; those in `wanted`
    /// (ascending ids; a node's slot is its position) are returned with
    /// their coordinates.
    func scanNodes(_ wanted: [Int64], profile: VehicleProfile) throws(ProtobufError) -> PBFNodeBatch {
        var batch = PBFNodeBatch()
        let scale = CoordinateScale(granularity: granularity, latOffset: latOffset, lonOffset: lonOffset)
        var cursor = SortedNodeIDCursor(wanted)
        var tagReader = PBFNodeTagReader(profile: profile, strings: strings)
        for group in groups {
            var g = ProtobufReader(group)
            while let (field, wt) = try g.nextField() {
                switch (field, wt) {
                case (2, .lengthDelimited):
                    try scanDense(try g.readLengthDelimited(), &cursor, scale, &tagReader, &batch)
                case (1, .lengthDelimited):
                    var n = ProtobufReader(try g.readLengthDelimited())
                    var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
                    var hasLat = false, hasLon = false
                    var keys: [UInt64] = [], vals: [UInt64] = []
                    while let (f, fw) = try n.nextField() {
                        switch (f, fw) {
                        case (1, .varint): id = try n.readSignedVarint()
                        case (2, _): try n.appendRepeatedVarints(fw, to: &keys)
                        case (3, _): try n.appendRepeatedVarints(fw, to: &vals)
                        case (8, .varint): lat = try n.readSignedVarint(); hasLat = true
                        case (9, .varint): lon = try n.readSignedVarint(); hasLon = true
                        default: try n.skip(fw)
                        }
                    }
                    guard hasLat, hasLon else { throw ProtobufError(message: "node \(id) has no coordinate") }
                    guard keys.count == vals.count else {
                        throw ProtobufError(message: "node \(id) has \(keys.count) keys but \(vals.count) values")
                    }
                    batch.nodeCount += 1
                    if let slot = cursor.slot(of: id) {
                        try batch.append(slot, id, scale.latitude(lat), scale.longitude(lon))
                        if !keys.isEmpty {
                            tagReader.begin()
                            for (k, v) in zip(keys, vals) { try tagReader.add(key: k, value: v, node: id) }
                            if tagReader.blocks { batch.barrierSlots.append(slot) }
                        }
                    }
                default:
                    try g.skip(wt)
                }
            }
        }
        return batch
    }

    /// Decodes a `DenseNodes` message: three packed, delta-coded arrays (ids,
    /// latitudes, longitudes) read in lockstep.
    private func scanDense(
        _ bytes: UnsafeRawBufferPointer, _ cursor: inout SortedNodeIDCursor,
        _ scale: CoordinateScale, _ tagReader: inout PBFNodeTagReader, _ batch: inout PBFNodeBatch
    ) throws(ProtobufError) {
        var r = ProtobufReader(bytes)
        var ids = ProtobufReader(UnsafeRawBufferPointer(start: nil, count: 0))
        var lats = ids, lons = ids
        var keysVals = ids
        var hasTags = false
        var seen = (false, false, false)
        while let (f, fw) = try r.nextField() {
            switch (f, fw) {
            case (1, .lengthDelimited): ids = ProtobufReader(try r.readLengthDelimited()); seen.0 = true
            case (8, .lengthDelimited): lats = ProtobufReader(try r.readLengthDelimited()); seen.1 = true
            case (9, .lengthDelimited): lons = ProtobufReader(try r.readLengthDelimited()); seen.2 = true
            case (10, .lengthDelimited): keysVals = ProtobufReader(try r.readLengthDelimited()); hasTags = true
            default: try r.skip(fw)
            }
        }
        guard seen.0 == seen.1, seen.1 == seen.2 else {
            throw ProtobufError(message: "dense nodes lack their id, latitude or longitude array")
        }
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        while !ids.isAtEnd {
            id &+= try ids.readSignedVarint()
            guard !lats.isAtEnd, !lons.isAtEnd else {
                throw ProtobufError(message: "dense nodes have fewer coordinates than ids")
            }
            lat &+= try lats.readSignedVarint()
            lon &+= try lons.readSignedVarint()
            batch.nodeCount += 1
            let slot = cursor.slot(of: id)
            if let slot {
                try batch.append(slot, id, scale.latitude(lat), scale.longitude(lon))
            }
            // keys_vals: (key, value) string indices per node, each node's
            // list ended by a 0; read for wanted nodes, stepped over otherwise.
            guard hasTags, !keysVals.isAtEnd else { continue }
            if slot != nil { tagReader.begin() }
            while true {
                let k = try keysVals.readVarint()
                if k == 0 { break }
                guard !keysVals.isAtEnd else { throw ProtobufError(message: "dense node \(id) has a key without a value") }
                let v = try keysVals.readVarint()
                if slot != nil { try tagReader.add(key: k, value: v, node: id) }
            }
            if let slot, tagReader.blocks { batch.barrierSlots.append(slot) }
        }
        guard lats.isAtEnd, lons.isAtEnd else {
            throw ProtobufError(message: "dense nodes have more coordinates than ids")
        }
    }
}

extension PBFNodeBatch {
    @inline(__always)
    fileprivate mutating func append(_ slot: UInt32, _ id: Int64, _ lat: Int64, _ lon: Int64) throws(ProtobufError) {
        guard lat >= -900_000_000, lat <= 900_000_000, lon >= -1_800_000_000, lon <= 1_800_000_000 else {
            throw ProtobufError(message: "node \(id) has a coordinate outside the globe (\(Double(lat) * 1e-7), \(Double(lon) * 1e-7))")
        }
        slots.append(slot)
        latitudes.append(Int32(lat))
        longitudes.append(Int32(lon))
    }
}

/// Converts a block's coordinate units to 10⁻⁷ degrees:
/// `nanodegrees = offset + granularity × value`, then ÷ 100, rounded.
///
/// With the usual granularity (100) and zero offsets this is the identity;
/// arithmetic saturates instead of trapping, so that corrupt values end up
/// out of range and are reported, not crashed on.
struct CoordinateScale {
    let granularity: Int64
    let latOffset: Int64
    let lonOffset: Int64
    let isIdentity: Bool

    init(granularity: Int64, latOffset: Int64, lonOffset: Int64) {
        self.granularity = granularity
        self.latOffset = latOffset
        self.lonOffset = lonOffset
        isIdentity = granularity == 100 && latOffset == 0 && lonOffset == 0
    }

    @inline(__always) func latitude(_ v: Int64) -> Int64 { isIdentity ? v : convert(v, latOffset) }
    @inline(__always) func longitude(_ v: Int64) -> Int64 { isIdentity ? v : convert(v, lonOffset) }

    private func convert(_ v: Int64, _ offset: Int64) -> Int64 {
        let (scaled, o1) = v.multipliedReportingOverflow(by: granularity)
        let (nano, o2) = scaled.addingReportingOverflow(offset)
        if o1 || o2 { return Int64.max }
        // Round half away from zero, without overflow.
        let (q, r) = nano.quotientAndRemainder(dividingBy: 100)
        return r >= 50 ? q + 1 : r <= -50 ? q - 1 : q
    }
}
