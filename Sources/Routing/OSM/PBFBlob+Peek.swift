import CZlib

extension PBFBlob {
    /// How many decompressed bytes ``holdsOnlyNodes(_:)`` looks at.
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
        if let raw { return firstGroupIsAllNodes(raw, blockSize: raw.count) }
        guard let zlib, let rawSize, rawSize > 0, rawSize <= maxRawSize else { return false }
        let n = min(rawSize, peekBytes)
        let prefix = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 16)
        defer { prefix.deallocate() }
        guard let got = inflatePrefix(zlib, into: prefix), got == n else { return false }
        return firstGroupIsAllNodes(UnsafeRawBufferPointer(prefix), blockSize: rawSize)
    }

    /// Decompresses the first `output.count` bytes of a zlib stream.
    ///
    /// - Returns: the bytes produced, or `nil` on corrupt data.
    private static func inflatePrefix(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        let zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zs.initialize(to: z_stream())
        defer { zs.deallocate() }
        guard backhaul_inflateInit2(zs, 15) == Z_OK else { return nil }
        defer { inflateEnd(zs) }
        zs.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        zs.pointee.avail_in = UInt32(clamping: input.count)
        zs.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        zs.pointee.avail_out = UInt32(clamping: output.count)
        let rc = inflate(zs, Z_SYNC_FLUSH)
        guard rc == Z_OK || rc == Z_STREAM_END || (rc == Z_BUF_ERROR && zs.pointee.avail_out == 0) else { return nil }
        return output.count - Int(zs.pointee.avail_out)
    }

    /// Reads the top-level fields of a block prefix up to the first group:
    /// `true` when that group holds nodes and ends at `blockSize`.
    private static func firstGroupIsAllNodes(_ prefix: UnsafeRawBufferPointer, blockSize: Int) -> Bool {
        var r = ProtobufReader(prefix)
        do throws(ProtobufError) {
            while let (field, wt) = try r.nextField() {
                guard field == 2 else {
                    // The string table (or anything before the first group)
                    // must lie wholly inside the prefix.
                    try r.skip(wt)
                    continue
                }
                guard wt == .lengthDelimited else { return false }
                let length = try r.readVarint()
                let groupStart = prefix.count - r.remaining
                guard UInt64(groupStart) + length == UInt64(blockSize) else { return false }
                guard let (first, _) = try r.nextField() else { return false }
                return first == 1 || first == 2
            }
        } catch {
            return false
        }
        return false
    }
}
