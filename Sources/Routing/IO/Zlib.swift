import CZlib

/// One-shot zlib decompression of an in-memory buffer (RFC 1950), as used by
/// the `zlib_data` field of OpenStreetMap PBF blobs.
public enum Zlib {
    /// A failure to decompress, with zlib's own reason.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Decompresses `input` (zlib format) into `output`, which must be large
    /// enough for the whole result.
    ///
    /// - Returns: the number of bytes written to `output`.
    /// - Throws: ``Zlib/Error`` when the data is corrupt, truncated, or larger
    ///   than `output`.
    /// - Complexity: O(`input.count` + result size).
    public static func inflate(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(Zlib.Error) -> Int {
        // zlib keeps a pointer back to its stream, so it must not move.
        let zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zs.initialize(to: z_stream())
        defer { zs.deallocate() }
        guard backhaul_inflateInit2(zs, 15) == Z_OK else {
            throw Error(message: "zlib could not be initialised")
        }
        defer { inflateEnd(zs) }
        zs.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        zs.pointee.avail_in = UInt32(clamping: input.count)
        zs.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        zs.pointee.avail_out = UInt32(clamping: output.count)
        let rc = CZlib.inflate(zs, Z_FINISH)
        switch rc {
        case Z_STREAM_END:
            return output.count - Int(zs.pointee.avail_out)
        case Z_BUF_ERROR where zs.pointee.avail_out == 0:
            throw Error(message: "decompressed data is larger than the declared \(output.count) bytes")
        case Z_BUF_ERROR:
            throw Error(message: "compressed data is truncated")
        default:
            let msg = zs.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
            throw Error(message: "compressed data is corrupt: \(msg)")
        }
    }
}
