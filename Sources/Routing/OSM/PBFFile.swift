#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-level framing of an OpenStreetMap PBF file: a sequence of
/// blocks, each a 4-byte big-endian length, a `BlobHeader` message of that
/// length, and a `Blob` message of the size the header declares
/// (https://wiki.openstreetmap.org/wiki/PBF_Format, "File format").
///
/// Reads with `pread(2)`, so that a later pass can fetch only the blobs it
/// needs, and checks the limits the format sets (headers under 64 KiB, blobs
/// under 32 MiB) before allocating anything, so that a corrupt length cannot
/// ask for gigabytes.
struct PBFFile: ~Copyable {
    /// Where a blob lies in the file and what it holds.
    struct BlobLocation: Sendable, Hashable {
        /// The blob's position in the file, 0-based, for error messages.
        var index: Int
        /// Byte offset of the `Blob` message.
        var offset: Int
        /// Size of the `Blob` message in bytes.
        var size: Int
        /// `BlobHeader.type`: `OSMHeader`, `OSMData`, or something this reader
        /// skips.
        var type: String
    }

    /// The largest `BlobHeader` the format allows.
    static let maxHeaderSize = 64 * 1024
    /// The largest `Blob`, compressed or not, the format allows.
    static let maxBlobSize = 32 * 1024 * 1024

    let path: String
    let size: Int
    private let fd: Int32

    /// Opens `path`.
    init(path: String) throws(InputError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw InputError(path: path, message: "cannot read file status: \(String(cString: strerror(errno)))")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(path: path, message: "is a directory, not a file")
        }
        self.fd = fd
        self.path = path
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads the block header starting at `offset`.
    ///
    /// - Returns: the blob's location, or `nil` at the end of the file.
    /// - Throws: ``InputError`` when the framing is broken or truncated.
    func blob(at offset: Int, index: Int) throws(InputError) -> BlobLocation? {
        if offset == size { return nil }
        let where_ = "block \(index) at byte \(offset)"
        guard size - offset >= 4 else {
            throw InputError(path: path, message: "truncated: \(where_) has \(size - offset) bytes, too few for a block length")
        }
        let lengthBytes = try read(offset: offset, count: 4)
        let headerSize = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
        guard headerSize > 0, headerSize <= Self.maxHeaderSize else {
            throw InputError(path: path, message: "\(where_): BlobHeader length \(headerSize) is outside 1…65536 bytes (corrupt or not a PBF file)")
        }
        guard size - offset - 4 >= headerSize else {
            throw InputError(path: path, message: "truncated: \(where_) declares a \(headerSize)-byte BlobHeader but the file ends after \(size - offset - 4)")
        }
        let header = try read(offset: offset + 4, count: headerSize)
        let parsed = header.withUnsafeBytes { raw in
            Result { () throws(ProtobufError) -> (String?, Int?) in
                var type: String?
                var dataSize: Int?
                var r = ProtobufReader(raw)
                while let (field, wt) = try r.nextField() {
                    switch (field, wt) {
                    case (1, .lengthDelimited): type = try r.readString()
                    case (3, .varint): dataSize = Int(Int32(truncatingIfNeeded: try r.readVarint()))
                    default: try r.skip(wt)
                    }
                }
                return (type, dataSize)
            }
        }
        let type: String?, dataSize: Int?
        switch parsed {
        case .success(let v): (type, dataSize) = v
        case .failure(let error):
            throw InputError(path: path, message: "\(where_): corrupt BlobHeader: \(error.message)")
        }
        guard let type, let dataSize else {
            throw InputError(path: path, message: "\(where_): BlobHeader lacks its type or data size (corrupt or not a PBF file)")
        }
        guard dataSize >= 0, dataSize <= Self.maxBlobSize else {
            throw InputError(path: path, message: "\(where_): blob size \(dataSize) is outside 0…32 MiB")
        }
        let dataOffset = offset + 4 + headerSize
        guard size - dataOffset >= dataSize else {
            throw InputError(path: path, message: "truncated: \(where_) declares a \(dataSize)-byte blob but the file ends after \(size - dataOffset)")
        }
        return BlobLocation(index: index, offset: dataOffset, size: dataSize, type: type)
    }

    /// Reads a blob's bytes.
    func read(_ blob: BlobLocation) throws(InputError) -> [UInt8] {
        try read(offset: blob.offset, count: blob.size)
    }

    /// Reads `count` bytes at `offset`; a short read is an error.
    func read(offset: Int, count: Int) throws(InputError) -> [UInt8] {
        var failure: InputError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            var done = 0
            while done < count {
                let r = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if r > 0 {
                    done += r
                } else if r < 0 && errno == EINTR {
                    continue
                } else {
                    let reason = r == 0 ? "unexpected end of file" : String(cString: strerror(errno))
                    failure = InputError(path: path, message: "read failed at byte \(offset + done): \(reason)")
                    break
                }
            }
            initialised = failure == nil ? count : 0
        }
        if let failure { throw failure }
        return bytes
    }
}
