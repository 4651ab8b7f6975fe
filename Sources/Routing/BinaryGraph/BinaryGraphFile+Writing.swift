#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

extension BinaryGraphFile {
    /// Writes the file to `path` atomically: into a temporary file in the
    /// same folder, flushed to disk, then renamed over `path`.
    ///
    /// - Throws: ``WriteError`` when the folder is not writable or the disk
    ///   is full; `path` is then untouched and no temporary file is left.
    /// - Complexity: O(file size); one pass over each array.
    public func write(to path: String) throws(WriteError) {
        let g = graph
        let sections = plannedSections()
        let profile = Array(g.profile.utf8.prefix(BinaryGraphLayout.maxProfileLength))
        let sourceName = Array((source?.name ?? "").utf8.prefix(BinaryGraphLayout.maxSourceNameLength))

        // Layout: header, metadata, names, table, then aligned sections.
        let namesEnd = BinaryGraphLayout.align(
            BinaryGraphLayout.fixedHeaderSize + BinaryGraphLayout.metadataSize + profile.count + sourceName.count, 8)
        var offset = namesEnd + sections.count * BinaryGraphLayout.sectionEntrySize
        var table: [BinaryGraphLayout.SectionEntry] = []
        for s in sections {
            offset = BinaryGraphLayout.align(offset, BinaryGraphLayout.sectionAlignment)
            table.append(.init(
                kind: s.kind.rawValue, elementSize: UInt32(s.kind.elementSize), offset: UInt64(offset),
                count: UInt64(s.count), checksum: s.checksum))
            offset += s.count * s.kind.elementSize
        }
        let fileLength = offset

        var flags: UInt8 = 0
        if g.hasCoordinates { flags |= BinaryGraphLayout.Flag.hasCoordinates }
        if g.hasShapes { flags |= BinaryGraphLayout.Flag.hasShapes }
        if source != nil { flags |= BinaryGraphLayout.Flag.hasSource }
        if largestComponent != nil { flags |= BinaryGraphLayout.Flag.hasLargestComponent }
        if !g.shapeDuration.isEmpty { flags |= BinaryGraphLayout.Flag.hasShapeDurations }
        if g.vehicle != nil { flags |= BinaryGraphLayout.Flag.hasVehicle }
        if hierarchy != nil { flags |= BinaryGraphLayout.Flag.hasHierarchy }
        let metadata = BinaryGraphLayout.Metadata(
            nodeCount: UInt64(g.nodeCount), edgeCount: UInt64(g.edgeCount),
            shapePointCount: UInt64(g.shapeLatitudeE7.count), metric: g.metric.rawValue, flags: flags,
            sectionCount: UInt32(sections.count), sourceSize: source?.size ?? 0,
            sourceModificationTime: source?.modificationTime ?? 0,
            profileLength: UInt32(profile.count), sourceNameLength: UInt32(sourceName.count),
            largestComponentSize: UInt64(largestComponent?.count ?? 0)
        )
        var head: [UInt8] = BinaryGraphLayout.magic
        head.appendLittleEndian(Self.formatVersion)
        head.appendLittleEndian(BinaryGraphLayout.byteOrderMark)
        head.appendLittleEndian(UInt64(fileLength))
        head.appendLittleEndian(UInt32(0))  // CRC-32, filled in at the end
        head.appendLittleEndian(UInt32(0))
        head += metadata.encoded()
        head += profile
        head += sourceName
        head += [UInt8](repeating: 0, count: namesEnd - head.count)
        for entry in table { head += entry.encoded() }

        let writer = try AtomicWriter(path: path)
        do {
            try writer.write(head)
            for (s, entry) in zip(sections, table) {
                try writer.pad(to: Int(entry.offset))
                try s.write(writer)
            }
            // The checksum covers everything after the fixed header.
            var crc = UInt32(writer.checksum).littleEndian
            try withUnsafeBytes(of: &crc) { (bytes) throws(WriteError) in
                try writer.overwrite(bytes, at: BinaryGraphLayout.checksumOffset)
            }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The sections this file stores, in file order.
    private func plannedSections() -> [PlannedSection] {
        let g = graph
        var s: [PlannedSection] = [
            PlannedSection(.edgeStart, g.edgeStart),
            PlannedSection(.edgeTarget, g.edgeTarget),
            PlannedSection(.edgeLength, g.edgeLength),
            PlannedSection(.edgeDuration, g.edgeDuration),
        ]
        if g.hasCoordinates {
            s.append(PlannedSection(.latitudeE7, g.latitudeE7))
            s.append(PlannedSection(.longitudeE7, g.longitudeE7))
        }
        s.append(PlannedSection(.originalIDs, g.originalIDs))
        s.append(PlannedSection(.sortedIDNodes, g.sortedIDNodes))
        if g.hasShapes {
            s.append(PlannedSection(.shapeStart, g.shapeStart))
            s.append(PlannedSection(.shapeLatitudeE7, g.shapeLatitudeE7))
            s.append(PlannedSection(.shapeLongitudeE7, g.shapeLongitudeE7))
        }
        if let mask = largestComponent {
            s.append(PlannedSection(.largestComponent, mask.words))
        }
        if !g.shapeDuration.isEmpty {
            s.append(PlannedSection(.shapeDuration, g.shapeDuration))
        }
        if let v = g.vehicle {
            s.append(PlannedSection(.vehicleDimensions, BinaryGraphLayout.encode(v)))
            s.append(PlannedSection(.vehicleName, Array(v.name.utf8.prefix(BinaryGraphLayout.maxProfileLength))))
        }
        if let hierarchy {
            s += hierarchySections(hierarchy)
        }
        return s
    }
}

/// One array to write, type-erased, with the CRC-32 of its bytes (computed
/// up front: the section table that holds it precedes the sections).
struct PlannedSection {
    let kind: BinaryGraphLayout.Section
    let count: Int
    let checksum: UInt32
    let write: (AtomicWriter) throws(BinaryGraphFile.WriteError) -> Void

    init<T: FixedWidthInteger & BitwiseCopyable>(_ kind: BinaryGraphLayout.Section, _ array: [T]) {
        #if _endian(big)
        self.init(kind, littleEndianBytesOf: array.map { $0.littleEndian }, count: array.count)
        #else
        self.init(kind, littleEndianBytesOf: array, count: array.count)
        #endif
    }

    /// A section of `count` elements whose in-memory bytes, `array`'s, are
    /// already the file's (little-endian).
    init<T: BitwiseCopyable>(_ kind: BinaryGraphLayout.Section, littleEndianBytesOf array: [T], count: Int) {
        precondition(array.count * MemoryLayout<T>.stride == count * kind.elementSize, "section element size")
        self.kind = kind
        self.count = count
        let checksum = array.withUnsafeBytes { crc32Checksum($0) }
        self.checksum = checksum
        self.write = { (w: AtomicWriter) throws(BinaryGraphFile.WriteError) in
            try w.write(contentsOf: array, knownChecksum: checksum)
        }
    }
}

/// The CRC-32 of `bytes` (zlib's `crc32`, in pieces below its 32-bit
/// length limit).
func crc32Checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt = crc32(0, nil, 0)) -> UInt32 {
    var crc = crc
    guard let base = bytes.baseAddress else { return UInt32(crc) }
    var k = 0
    while k < bytes.count {
        let n = min(bytes.count - k, 1 << 30)
        crc = crc32(crc, base.advanced(by: k).assumingMemoryBound(to: Bytef.self), uInt(n))
        k += n
    }
    return UInt32(crc)
}

/// A temporary file beside the destination that becomes the destination on
/// ``commit()``, with a running CRC-32 of everything written after the
/// fixed header.
final class AtomicWriter {
    let path: String
    let temporaryPath: String
    private var fd: Int32
    private(set) var position = 0
    private(set) var checksum: UInt = crc32(0, nil, 0)

    init(path: String) throws(BinaryGraphFile.WriteError) {
        self.path = path
        // A hidden name in the same folder, so that rename(2) stays on one file system.
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(folder).\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw BinaryGraphFile.WriteError(path: path, message: "cannot create a temporary file beside it: \(String(cString: strerror(errno)))")
        }
        // mkstemp creates 0600; give the file the usual mode.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        self.fd = fd
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    func fail(_ what: String) -> BinaryGraphFile.WriteError {
        BinaryGraphFile.WriteError(path: path, message: "\(what): \(String(cString: strerror(errno)))")
    }

    func write(_ bytes: [UInt8]) throws(BinaryGraphFile.WriteError) {
        try write(contentsOf: bytes)
    }

    /// Writes the bytes of `array` as they are in memory.
    func write<T>(contentsOf array: [T]) throws(BinaryGraphFile.WriteError) {
        var failure: BinaryGraphFile.WriteError?
        array.withUnsafeBytes { b in
            do throws(BinaryGraphFile.WriteError) { try write(b) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes the bytes of `array`, whose CRC-32 is already known: the
    /// file's running checksum takes it by `crc32_combine` instead of a
    /// second pass over the bytes.
    func write<T>(contentsOf array: [T], knownChecksum: UInt32) throws(BinaryGraphFile.WriteError) {
        precondition(position >= BinaryGraphLayout.fixedHeaderSize, "sections follow the fixed header")
        var failure: BinaryGraphFile.WriteError?
        array.withUnsafeBytes { b in
            do throws(BinaryGraphFile.WriteError) { try writeUnchecked(b) } catch { failure = error }
        }
        if let failure { throw failure }
        let length = array.count * MemoryLayout<T>.stride
        checksum = crc32_combine(checksum, UInt(knownChecksum), off_t(length))
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(BinaryGraphFile.WriteError) {
        // Checksum the part after the fixed header.
        let skip = max(0, min(bytes.count, BinaryGraphLayout.fixedHeaderSize - position))
        checksum = UInt(crc32Checksum(UnsafeRawBufferPointer(rebasing: bytes[skip...]), continuing: checksum))
        try writeUnchecked(bytes)
    }

    /// Writes `bytes` without adding them to the checksum.
    private func writeUnchecked(_ bytes: UnsafeRawBufferPointer) throws(BinaryGraphFile.WriteError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var done = 0
        while done < bytes.count {
            let r = Glibc_write(fd, base + done, bytes.count - done)
            if r < 0 {
                if errno == EINTR { continue }
                throw fail("write failed")
            }
            done += r
        }
        position += bytes.count
    }

    func pad(to offset: Int) throws(BinaryGraphFile.WriteError) {
        if offset > position { try write([UInt8](repeating: 0, count: offset - position)) }
    }

    func overwrite(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(BinaryGraphFile.WriteError) {
        guard pwrite(fd, bytes.baseAddress, bytes.count, off_t(offset)) == bytes.count else { throw fail("write failed") }
    }

    func commit() throws(BinaryGraphFile.WriteError) {
        guard fsync(fd) == 0 else { throw fail("flush to disk failed") }
        guard close(fd) == 0 else { fd = -1; throw fail("close failed") }
        fd = -1
        guard rename(temporaryPath, path) == 0 else { throw fail("cannot rename the temporary file into place") }
    }

    func abandon() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    deinit {
        if fd >= 0 { close(fd); unlink(temporaryPath) }
    }
}

private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
