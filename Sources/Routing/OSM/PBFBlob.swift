/// The `Blob` message of an OpenStreetMap PBF file: one block's data, raw or
/// compressed (https://wiki.openstreetmap.org/wiki/PBF_Format).
///
/// Raw (`raw`) and zlib (`zlib_data`) blobs are supported; these are what
/// osmium, osmosis, osmconvert and Geofabrik write. LZMA, LZ4, zstd and the
/// obsolete bzip2 are refused with a message saying how to re-encode the
/// file.
enum PBFBlob {
    /// The largest decompressed block the format allows (32 MiB).
    static let maxRawSize = 32 * 1024 * 1024

    /// Decodes a `Blob` message into `scratch` (a buffer of the requested
    /// size, reused between calls) and returns the block's bytes: a view of
    /// `blob` itself for raw blobs, of the scratch buffer for zlib ones.
    ///
    /// - Throws: ``ProtobufError`` for a corrupt message, an unsupported
    ///   compression, or data that does not decompress to `raw_size` bytes.
    static func decode(
        _ blob: UnsafeRawBufferPointer, scratch: (Int) -> UnsafeMutableRawBufferPointer
    ) throws(ProtobufError) -> UnsafeRawBufferPointer {
        let parts = try parse(blob)
        if let raw = parts.raw { return raw }
        guard let zlib = parts.zlib else { throw parts.missing }
        guard let rawSize = parts.rawSize, rawSize >= 0, rawSize <= maxRawSize else {
            throw ProtobufError(message: "zlib blob without a valid raw_size (\(parts.rawSize.map(String.init) ?? "missing"))")
        }
        let out = scratch(rawSize)
        let n: Int
        do throws(Zlib.Error) {
            n = try Zlib.inflate(zlib, into: out)
        } catch {
            throw ProtobufError(message: "zlib data: \(error.message)")
        }
        guard n == rawSize else {
            throw ProtobufError(message: "zlib data: decompressed to \(n) bytes, not the declared \(rawSize)")
        }
        return UnsafeRawBufferPointer(out)
    }

    /// The fields of a `Blob` message.
    private struct Parts {
        var raw: UnsafeRawBufferPointer?
        var zlib: UnsafeRawBufferPointer?
        var rawSize: Int?
        var unsupported: String?

        /// Why there is no data to decode.
        var missing: ProtobufError {
            if let unsupported {
                return ProtobufError(message: "blob is \(unsupported)-compressed, which backhaul does not read; re-encode the file with zlib, e.g. `osmium cat IN.osm.pbf -o OUT.osm.pbf`")
            }
            return ProtobufError(message: "blob holds no data")
        }
    }

    private static func parse(_ blob: UnsafeRawBufferPointer) throws(ProtobufError) -> Parts {
        var r = ProtobufReader(blob)
        var parts = Parts()
        while let (field, wt) = try r.nextField() {
            switch (field, wt) {
            case (1, .lengthDelimited): parts.raw = try r.readLengthDelimited()
            case (2, .varint): parts.rawSize = Int(truncatingIfNeeded: Int32(truncatingIfNeeded: try r.readVarint()))
            case (3, .lengthDelimited): parts.zlib = try r.readLengthDelimited()
            case (4, _): parts.unsupported = "LZMA"; try r.skip(wt)
            case (5, _): parts.unsupported = "bzip2"; try r.skip(wt)
            case (6, _): parts.unsupported = "LZ4"; try r.skip(wt)
            case (7, _): parts.unsupported = "zstd"; try r.skip(wt)
            default: try r.skip(wt)
            }
        }
        return parts
    }

    /// Decodes a `Blob` message and returns a copy of the block's bytes.
    ///
    /// - Throws: ``ProtobufError`` as ``decode(_:scratch:)``.
    static func decode(_ blob: UnsafeRawBufferPointer) throws(ProtobufError) -> [UInt8] {
        var owned: UnsafeMutableRawBufferPointer?
        defer { owned?.deallocate() }
        let bytes = try decode(blob) { size in
            let b = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
            owned = b
            return b
        }
        return Array(bytes)
    }
}
