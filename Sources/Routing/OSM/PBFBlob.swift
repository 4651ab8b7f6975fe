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

    /// Decodes a `Blob` message and returns the block's bytes.
    ///
    /// - Throws: ``ProtobufError`` for a corrupt message, an unsupported
    ///   compression, or data that does not decompress to `raw_size` bytes.
    static func decode(_ blob: UnsafeRawBufferPointer) throws(ProtobufError) -> [UInt8] {
        var r = ProtobufReader(blob)
        var raw: UnsafeRawBufferPointer?
        var zlib: UnsafeRawBufferPointer?
        var rawSize: Int?
        var unsupported: String?
        while let (field, wt) = try r.nextField() {
            switch (field, wt) {
            case (1, .lengthDelimited): raw = try r.readLengthDelimited()
            case (2, .varint): rawSize = Int(truncatingIfNeeded: Int32(truncatingIfNeeded: try r.readVarint()))
            case (3, .lengthDelimited): zlib = try r.readLengthDelimited()
            case (4, _): unsupported = "LZMA"; try r.skip(wt)
            case (5, _): unsupported = "bzip2"; try r.skip(wt)
            case (6, _): unsupported = "LZ4"; try r.skip(wt)
            case (7, _): unsupported = "zstd"; try r.skip(wt)
            default: try r.skip(wt)
            }
        }
        if let raw {
            return Array(raw)
        }
        if let zlib {
            guard let rawSize, rawSize >= 0, rawSize <= maxRawSize else {
                throw ProtobufError(message: "zlib blob without a valid raw_size (\(rawSize.map(String.init) ?? "missing"))")
            }
            var failure: Zlib.Error?
            let out = [UInt8](unsafeUninitializedCapacity: rawSize) { buffer, initialised in
                do throws(Zlib.Error) {
                    let n = try Zlib.inflate(zlib, into: UnsafeMutableRawBufferPointer(buffer))
                    if n != rawSize {
                        failure = Zlib.Error(message: "decompressed to \(n) bytes, not the declared \(rawSize)")
                    }
                    initialised = n
                } catch {
                    failure = error
                    initialised = 0
                }
            }
            if let failure { throw ProtobufError(message: "zlib data: \(failure.message)") }
            return out
        }
        if let unsupported {
            throw ProtobufError(message: "blob is \(unsupported)-compressed, which backhaul does not read; re-encode the file with zlib, e.g. `osmium cat IN.osm.pbf -o OUT.osm.pbf`")
        }
        throw ProtobufError(message: "blob holds no data")
    }
}
