import CZlib

extension PBFBlob {
    /// The most decompressed bytes ``holdsOnlyNodes(_:)`` looks at.
    static let peekBytes = 64 * 1024

    /// `true` when the block in `blob` certainly holds nothing but one group
    /// of nodes, found by decompressing only its first bytes.
    ///
    /// A block is a string table, then primitive groups, each of a single
    /// kind (the PBF spec: "A PrimitiveGroup MUST NEVER contain different
    /// types of objects"). When the first group is dense or plain nodes and
    /// it ends exactly where the block's declared `raw_size` ends, nothing
    /// else can be in the block, so pass 1 (which wants ways) may skip it
    /// without decompressing the rest. This is the layout osmium (and so
    /// Geofabrik's extracts) writes; for any other layout (granularity after
    /// the groups, mixed blocks, a string table longer than
    /// ``peekBytes``), or any doubt, it answers `false` and the caller
    /// decodes the block in full, which also reports corruption properly.
    ///
    /// Decompresses 4 KiB first, then doubles while the string table is
    /// still being read.
    static func holdsOnlyNodes(_ blob: UnsafeRawBufferPointer) -> Bool {
        var r = ProtobufReader(blob)
        var raw: UnsafeRawBufferPointer?
        var zlib: UnsafeRawBufferPointer?
        var rawSize: Int?
        do throws(ProtobufError) {
            while let (field, wt) = try r.nextField() {
                switch (field, wt) {
                case (1, .lengthDelimited): raw = try r.readLengthDelimited()
                case (2, .varint): rawSize = Int(truncatingIfNeeded: Int32(truncatingIfNeeded: try r.readVarint()))
                case (3, .lengthDelimited): zlib = try r.readLengthDelimited()
                default: try r.skip(wt)
                }
            }
        } catch {
            return false
        }
        if let raw { return firstGroupIsAllNodes(raw, blockSize: raw.count) == .yes }
        guard let zlib, let rawSize, rawSize > 0, rawSize <= maxRawSize else { return false }
        let limit = min(rawSize, peekBytes)
        let prefix = UnsafeMutableRawBufferPointer.allocate(byteCount: limit, alignment: 16)
        defer { prefix.deallocate() }
        let zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zs.initialize(to: z_stream())
        defer { zs.deallocate() }
        guard backhaul_inflateInit2(zs, 15) == Z_OK else { return false }
        defer { inflateEnd(zs) }
        zs.pointee.next_in = UnsafeMutablePointer(mutating: zlib.baseAddress?.assumingMemoryBound(to: Bytef.self))
        zs.pointee.avail_in = UInt32(clamping: zlib.count)
        zs.pointee.next_out = prefix.baseAddress?.assumingMemoryBound(to: Bytef.self)
        var target = min(limit, 4096)
        var produced = 0
        while true {
            zs.pointee.avail_out = UInt32(target - produced)
            let rc = inflate(zs, Z_SYNC_FLUSH)
            guard rc == Z_OK || rc == Z_STREAM_END || (rc == Z_BUF_ERROR && zs.pointee.avail_out == 0) else { return false }
            produced = target - Int(zs.pointee.avail_out)
            // A stream that ends early is corrupt: full decoding will say so.
            guard produced == target else { return false }
            switch firstGroupIsAllNodes(UnsafeRawBufferPointer(rebasing: prefix[0..<produced]), blockSize: rawSize) {
            case .yes: return true
            case .no: return false
            case .needMore:
                guard target < limit else { return false }
                target = min(limit, target * 2)
            }
        }
    }

    /// The outcome of looking at a block's first bytes.
    private enum Peek { case yes, no, needMore }

    /// Reads the top-level fields of a block prefix up to the first group:
    /// `.yes` when that group holds nodes and ends at `blockSize`;
    /// `.needMore` when the prefix ends before the group's first key.
    private static func firstGroupIsAllNodes(_ prefix: UnsafeRawBufferPointer, blockSize: Int) -> Peek {
        var r = ProtobufReader(prefix)
        do throws(ProtobufError) {
            while let (field, wt) = try r.nextField() {
                guard field == 2 else {
                    // The string table (or anything before the first group)
                    // must lie wholly inside the prefix.
                    try r.skip(wt)
                    continue
                }
                guard wt == .lengthDelimited else { return .no }
                let length = try r.readVarint()
                let groupStart = prefix.count - r.remaining
                guard UInt64(groupStart) + length == UInt64(blockSize) else { return .no }
                guard let (first, _) = try r.nextField() else { return .needMore }
                return first == 1 || first == 2 ? .yes : .no
            }
        } catch {
            // The prefix ends inside a field (or the data is corrupt, which
            // full decoding will report).
            return .needMore
        }
        return .needMore
    }
}
