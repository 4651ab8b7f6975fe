/// A malformed protocol buffer message.
struct ProtobufError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A forward-only decoder of the protocol buffer wire format over bytes
/// owned by the caller, for the handful of messages in an OpenStreetMap PBF
/// file.
///
/// Implements the encoding described in "Protocol Buffers: Encoding"
/// (https://protobuf.dev/programming-guides/encoding/): base-128 varints,
/// ZigZag-encoded signed integers, length-delimited fields, and skipping of
/// the fixed-width wire types. Every read is bounds-checked and a malformed
/// message is a ``ProtobufError``, never a crash, so that corrupt files fail
/// cleanly.
///
/// The reader borrows its bytes: it must not outlive the buffer it was made
/// from.
struct ProtobufReader {
    /// A field's wire type (the low three bits of its key).
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    private let base: UnsafeRawPointer?
    private let count: Int
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress
        count = bytes.count
    }

    /// `true` when every byte has been read.
    @inline(__always) var isAtEnd: Bool { offset >= count }

    /// Bytes not read yet.
    @inline(__always) var remaining: Int { count - offset }

    /// Reads the next field key, or `nil` at the end of the message.
    @inline(__always)
    mutating func nextField() throws(ProtobufError) -> (number: UInt32, wireType: WireType)? {
        guard offset < count else { return nil }
        let key = try readVarint()
        guard let wt = WireType(rawValue: UInt8(key & 7)) else {
            throw ProtobufError(message: "invalid wire type \(key & 7) at byte \(offset)")
        }
        let number = key >> 3
        guard number > 0, number <= UInt64(UInt32.max >> 3) else {
            throw ProtobufError(message: "invalid field number \(number) at byte \(offset)")
        }
        return (UInt32(number), wt)
    }

    /// Reads a base-128 varint.
    @inline(__always)
    mutating func readVarint() throws(ProtobufError) -> UInt64 {
        guard let base else { throw truncated() }
        // Fast path: at least 10 bytes left, no per-byte bounds check.
        if count - offset >= 10 {
            var p = base + offset
            var b = UInt64(p.load(as: UInt8.self))
            if b < 0x80 {
                offset += 1
                return b
            }
            var result = b & 0x7f
            var shift: UInt64 = 7
            repeat {
                p += 1
                b = UInt64(p.load(as: UInt8.self))
                result |= (b & 0x7f) << shift
                shift += 7
            } while b >= 0x80 && shift < 70
            guard b < 0x80 else { throw ProtobufError(message: "varint longer than 10 bytes at byte \(offset)") }
            offset = p - base + 1
            return result
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            let b = UInt64(base.load(fromByteOffset: offset, as: UInt8.self))
            offset += 1
            if shift < 64 { result |= (b & 0x7f) << shift }
            if b < 0x80 { return result }
            shift += 7
            if shift >= 70 { throw ProtobufError(message: "varint longer than 10 bytes at byte \(offset)") }
        }
        throw truncated()
    }

    /// Reads a ZigZag-encoded signed varint (`sint32`, `sint64`).
    @inline(__always)
    mutating func readSignedVarint() throws(ProtobufError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// Reads a plain (two's complement) `int64`/`int32` varint.
    @inline(__always)
    mutating func readInt64() throws(ProtobufError) -> Int64 {
        Int64(bitPattern: try readVarint())
    }

    /// Reads a length-delimited field's bytes (a string, bytes, a nested
    /// message or a packed array).
    @inline(__always)
    mutating func readLengthDelimited() throws(ProtobufError) -> UnsafeRawBufferPointer {
        let n = try readVarint()
        guard n <= UInt64(count - offset) else {
            throw ProtobufError(message: "field of \(n) bytes at byte \(offset) runs past the end of its \(count)-byte message")
        }
        let start = offset
        offset += Int(n)
        return UnsafeRawBufferPointer(start: base.map { $0 + start }, count: Int(n))
    }

    /// Skips a field's value.
    mutating func skip(_ wireType: WireType) throws(ProtobufError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: try advance(8)
        case .fixed32: try advance(4)
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup, .endGroup:
            throw ProtobufError(message: "groups are not used by OSM PBF (byte \(offset))")
        }
    }

    private mutating func advance(_ n: Int) throws(ProtobufError) {
        guard count - offset >= n else { throw truncated() }
        offset += n
    }

    private func truncated() -> ProtobufError {
        ProtobufError(message: "message ends inside a field (byte \(offset) of \(count))")
    }
}

extension ProtobufReader {
    /// Reads the elements of a repeated varint field into `out`: the whole
    /// packed array for a length-delimited field, or one element for a field
    /// written unpacked (both encodings are legal for proto2 `repeated`).
    @inline(__always)
    mutating func appendRepeatedVarints(
        _ wireType: WireType, to out: inout [UInt64]
    ) throws(ProtobufError) {
        switch wireType {
        case .lengthDelimited:
            var packed = ProtobufReader(try readLengthDelimited())
            while !packed.isAtEnd { out.append(try packed.readVarint()) }
        case .varint:
            out.append(try readVarint())
        default:
            throw ProtobufError(message: "repeated integer field has wire type \(wireType.rawValue)")
        }
    }

    /// Reads a string or bytes field as a `String` (invalid UTF-8 is
    /// repaired with U+FFFD).
    mutating func readString() throws(ProtobufError) -> String {
        String(decoding: try readLengthDelimited(), as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws ``ProtobufError`` (the
    /// standard library's version erases typed throws).
    func withProtobufBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(ProtobufError) -> R
    ) throws(ProtobufError) -> R {
        let result: Result<R, ProtobufError> = withUnsafeBytes { raw in
            Result { () throws(ProtobufError) -> R in try body(raw) }
        }
        return try result.get()
    }
}
