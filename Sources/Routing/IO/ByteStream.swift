#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// A file read front to back in chunks, decompressed on the fly when it is
/// gzip.
///
/// `ByteStream` is a thin wrapper over `read(2)` and zlib's `inflate`: it
/// never holds the whole file, so a multi-gigabyte `.gr.gz` costs two fixed
/// buffers. Whether the file is gzip is decided by its first two bytes
/// (`1f 8b`, RFC 1952 §2.3.1), not by its name. Concatenated gzip members
/// (as written by `pigz` or `cat a.gz b.gz`) are read as one stream.
///
/// A truncated or corrupt gzip file is an ``InputError`` naming the file, never
/// a silent short read.
public struct ByteStream: ~Copyable {
    private let fd: Int32
    private let path: String
    private let inBuffer: UnsafeMutableRawBufferPointer
    /// Heap-allocated because zlib keeps a pointer back to it.
    private let zs: UnsafeMutablePointer<z_stream>?
    private var inStart = 0
    private var inEnd = 0
    private var finished = false

    /// The number of compressed (on-disk) bytes consumed so far, for progress.
    public private(set) var bytesRead: Int = 0

    /// `true` when the file is gzip-compressed.
    public var isCompressed: Bool { zs != nil }

    /// Opens `path` for reading.
    ///
    /// - Throws: ``InputError`` when the file cannot be opened or its gzip
    ///   header is invalid.
    public init(path: String, bufferSize: Int = 1 << 18) throws(InputError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(path: path, message: "is a directory, not a file")
        }
        let inBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        // Peek at the magic number.
        var n = 0
        while n < 2 {
            let r = Glibc_read(fd, inBuffer.baseAddress! + n, bufferSize - n)
            if r <= 0 { break }
            n += r
        }
        var zs: UnsafeMutablePointer<z_stream>? = nil
        if n >= 2, inBuffer[0] == 0x1f, inBuffer[1] == 0x8b {
            let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            z.initialize(to: z_stream())
            // 15 + 16: a gzip wrapper with the largest window.
            guard backhaul_inflateInit2(z, 15 + 16) == Z_OK else {
                z.deallocate()
                close(fd)
                inBuffer.deallocate()
                throw InputError(path: path, message: "zlib could not be initialised")
            }
            zs = z
        }
        self.fd = fd
        self.path = path
        self.inBuffer = inBuffer
        self.zs = zs
        self.inEnd = n
        self.bytesRead = n
    }

    deinit {
        if let zs {
            inflateEnd(zs)
            zs.deallocate()
        }
        inBuffer.deallocate()
        close(fd)
    }

    /// Fills `buffer` with the next bytes of the (decompressed) content.
    ///
    /// - Returns: the number of bytes written; `0` only at the end of the file.
    /// - Throws: ``InputError`` on a read error or corrupt/truncated gzip data.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0, !finished else { return 0 }
        if zs == nil {
            if inStart < inEnd {
                let n = min(buffer.count, inEnd - inStart)
                buffer.baseAddress!.copyMemory(from: inBuffer.baseAddress! + inStart, byteCount: n)
                inStart += n
                return n
            }
            let r = try readFile(buffer.baseAddress!, buffer.count)
            if r == 0 { finished = true }
            return r
        }
        return try inflateInto(buffer)
    }

    private mutating func readFile(_ p: UnsafeMutableRawPointer, _ count: Int) throws(InputError) -> Int {
        while true {
            let r = Glibc_read(fd, p, count)
            if r >= 0 {
                bytesRead += r
                return r
            }
            if errno == EINTR { continue }
            throw InputError(path: path, message: "read failed: \(String(cString: strerror(errno)))")
        }
    }

    private mutating func inflateInto(_ buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let zs = self.zs!
        zs.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        zs.pointee.avail_out = UInt32(clamping: buffer.count)
        while zs.pointee.avail_out > 0 {
            if inStart == inEnd {
                let r = try readFile(inBuffer.baseAddress!, inBuffer.count)
                inStart = 0
                inEnd = r
                if r == 0 {
                    // End of file: fine only between gzip members.
                    if zs.pointee.total_in != 0 || zs.pointee.total_out != 0 {
                        throw InputError(path: path, message: "gzip data is truncated (the file ends inside a compressed stream)")
                    }
                    finished = true
                    break
                }
            }
            zs.pointee.next_in = (inBuffer.baseAddress! + inStart).assumingMemoryBound(to: Bytef.self)
            zs.pointee.avail_in = UInt32(inEnd - inStart)
            let rc = inflate(zs, Z_NO_FLUSH)
            inStart = inEnd - Int(zs.pointee.avail_in)
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow; a reset stream has total_in == 0.
                inflateReset(zs)
                if inStart == inEnd {
                    let r = try readFile(inBuffer.baseAddress!, inBuffer.count)
                    inStart = 0
                    inEnd = r
                    if r == 0 { finished = true }
                }
                if finished { break }
                // Trailing zero padding after the last member is tolerated.
                if inBuffer[inStart] != 0x1f { finished = true; break }
            default:
                let msg = zs.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
                throw InputError(path: path, message: "gzip data is corrupt: \(msg)")
            }
            if finished { break }
        }
        return buffer.count - Int(zs.pointee.avail_out)
    }

    /// Reads the whole (decompressed) content.
    ///
    /// Use this for small files only; large inputs should be streamed with
    /// ``read(into:)``.
    public static func readAll(path: String) throws(InputError) -> [UInt8] {
        var stream = try ByteStream(path: path)
        var result: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = try stream.read(into: chunk)
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    read(fd, p, n)
}
