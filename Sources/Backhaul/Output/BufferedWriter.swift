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

    /// The bytes not yet handed to the file. Accessed only by this
    /// writer's methods, one at a time (the class is not shared between
    /// threads), so the dynamic exclusivity check — a third of the time of
    /// writing a report, measured with perf — is left out.
    @exclusivity(unchecked) @usableFromInline var buffer: [UInt8] = []
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

    /// Appends the decimal digits of `value`.
    @inlinable
    public func write(int value: Int64) {
        BufferedWriter.appendInteger(value, to: &buffer)
        if buffer.count >= Self.capacity { flushIfFile() }
    }

    /// Appends `x` with exactly `decimals` digits after `decimalMark`, as
    /// ``JSONValue/format(_:decimals:)`` writes it, without building a
    /// string.
    @inlinable
    public func write(fixed x: Double, decimals: Int, decimalMark: UInt8 = UInt8(ascii: ".")) {
        BufferedWriter.appendFixed(x, decimals: decimals, decimalMark: decimalMark, to: &buffer)
        if buffer.count >= Self.capacity { flushIfFile() }
    }

    /// The digits of `value`, most significant first.
    @inlinable
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1, to: &out)
    }

    /// `v` in decimal, left-padded with zeros to `minimumCount` digits.
    @inlinable
    static func appendDigits(_ v: UInt64, minimumCount: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        withUnsafeMutableBytes(of: &digits) { raw in
            var n = v, i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0 || raw.count - i < minimumCount
            out.append(contentsOf: raw[i...])
        }
    }

    /// The one fixed-point formatter of the project: `x` with exactly
    /// `decimals` digits after the mark, rounded half away from zero;
    /// `-0.000` is written `0.000`, a non-finite value `null`, a value too
    /// large for 19 digits in Swift's shortest form.
    @inlinable
    static func appendFixed(_ x: Double, decimals: Int, decimalMark: UInt8 = UInt8(ascii: "."), to out: inout [UInt8]) {
        guard x.isFinite else { out.append(contentsOf: "null".utf8); return }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { out.append(contentsOf: String(x).utf8); return }
        let v = UInt64(scaled)
        if v != 0 && x < 0 { out.append(UInt8(ascii: "-")) }
        let s = UInt64(scale)
        appendDigits(v / s, minimumCount: 1, to: &out)
        if decimals > 0 {
            out.append(decimalMark)
            appendDigits(v % s, minimumCount: decimals, to: &out)
        }
    }

    /// Appends `count` spaces (JSON indentation).
    @inlinable
    public func write(spaces count: Int) {
        buffer.append(contentsOf: repeatElement(0x20, count: count))
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
