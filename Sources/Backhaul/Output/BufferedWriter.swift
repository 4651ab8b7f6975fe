#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes gathered in a buffer and handed to `write(2)` in large pieces, or
/// kept in memory.
///
/// Report writers call ``write(_:)-(String)`` many times with small pieces;
/// the writer gathers them into ``capacity`` bytes before each system call,
/// so a report of any size streams to disk in bounded memory. As with C's
/// `ferror`, the first failure is kept and every later write is dropped;
/// ``finish()`` reports it, naming the path, so that writers need not check
/// every call.
///
/// Not thread-safe: one writer belongs to one report being written.
public final class BufferedWriter {
    /// Bytes gathered before one `write(2)` (64 KiB).
    public static let capacity = 1 << 16

    @usableFromInline var buffer: [UInt8] = []
    private let fd: Int32
    /// The path that error messages name (`standard output` for fd 1).
    public let path: String
    private var flushed = 0
    /// The first failure, if any; later writes are dropped.
    public private(set) var failure: CommandFailure?

    /// A writer that keeps every byte in memory (see ``bytes`` and
    /// ``text``): for tests and small outputs.
    public init() {
        fd = -1
        path = "<memory>"
    }

    /// A writer onto an open file descriptor, which the caller still owns
    /// (the writer never closes it).
    ///
    /// - Parameter path: named in error messages.
    public init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(Self.capacity)
    }

    /// Bytes written so far, buffered or not.
    public var byteCount: Int { flushed + buffer.count }

    /// Appends the UTF-8 bytes of `text`.
    @inlinable
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { flushIfFile() }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inlinable
    public func write(_ text: Substring) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { flushIfFile() }
    }

    /// Appends one byte.
    @inlinable
    public func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= Self.capacity { flushIfFile() }
    }

    /// Appends `bytes`.
    @inlinable
    public func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { flushIfFile() }
    }

    /// Appends `count` spaces (JSON indentation).
    @inlinable
    public func write(spaces count: Int) {
        for _ in 0..<count { buffer.append(0x20) }
    }

    @usableFromInline
    func flushIfFile() {
        if fd >= 0 { flush() }
    }

    /// Hands the buffered bytes to the file (nothing for a memory writer).
    public func flush() {
        guard fd >= 0, !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        let injected = FaultInjection.step("write \(path)")
        if injected != 0 {
            failure = CommandFailure(.ioFailure, "\(path): cannot write: \(String(cString: strerror(injected)))")
            return
        }
        let count = buffer.count
        var written = 0
        buffer.withUnsafeBytes { raw in
            while written < count {
                let r = systemWrite(fd, raw.baseAddress! + written, count - written)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = CommandFailure(.ioFailure, "\(path): cannot write: \(errnoText())")
                    return
                }
                written += r
            }
        }
        flushed += written
    }

    /// Flushes what is left and returns the number of bytes written.
    ///
    /// - Throws: the first failure (exit 5, naming ``path``).
    @discardableResult
    public func finish() throws(CommandFailure) -> Int {
        flush()
        if let failure { throw failure }
        return byteCount
    }

    /// Everything written, for a memory writer.
    public var bytes: [UInt8] { buffer }

    /// Everything written as text, for a memory writer.
    public var text: String { String(decoding: buffer, as: UTF8.self) }
}

private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
