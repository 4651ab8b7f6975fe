import Foundation
import Testing
@testable import Routing

@Suite struct ByteStreamTests {
    /// Reads the whole stream in chunks of `chunk` bytes.
    func readAll(_ path: String, bufferSize: Int = 1 << 18, chunk: Int = 1 << 16) throws -> [UInt8] {
        var stream = try ByteStream(path: path, bufferSize: bufferSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        var out: [UInt8] = []
        while true {
            let n = try stream.read(into: buffer)
            if n == 0 { break }
            out.append(contentsOf: buffer[..<n])
        }
        return out
    }

    @Test(arguments: [(1 << 18, 1 << 16), (7, 3), (64, 1), (2, 1000)])
    func plainFilesAreReadAsIs(bufferSize: Int, chunk: Int) throws {
        let dir = try TemporaryDirectory()
        var rng = SplitMix64(seed: UInt64(bufferSize))
        // Not starting with the gzip magic.
        let bytes = [0x41] + (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let path = try dir.write("plain.bin", bytes)
        #expect(try readAll(path, bufferSize: bufferSize, chunk: chunk) == bytes)
        let stream = try ByteStream(path: path)
        let compressed = stream.isCompressed
        #expect(!compressed)
        #expect(try ByteStream.readAll(path: path) == bytes)
    }

    @Test func emptyAndOneByteFiles() throws {
        let dir = try TemporaryDirectory()
        #expect(try readAll(dir.write("empty", [])) == [])
        #expect(try readAll(dir.write("one", [0x1f])) == [0x1f])
    }

    /// The gzip fixture decompresses to the size its trailer records
    /// (RFC 1952 ISIZE), whatever the buffer and chunk sizes.
    @Test(arguments: [(1 << 18, 1 << 16), (16, 5), (3, 4096)])
    func gzipIsDecompressedTransparently(bufferSize: Int, chunk: Int) throws {
        let path = try fixturePath("NY-midtown.co.gz")
        let raw = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let isize = raw.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        let text = try readAll(path, bufferSize: bufferSize, chunk: chunk)
        #expect(text.count == isize)
        #expect(text.starts(with: Array("c 9th DIMACS".utf8)))
        #expect(text.filter { $0 == 10 }.count == 4 + 4000)  // 3 comments, p, 4000 v lines
        let stream = try ByteStream(path: path)
        let compressed = stream.isCompressed
        #expect(compressed)
    }

    @Test func concatenatedGzipMembersReadAsOneStream() throws {
        let path = try fixturePath("bytestream/two-members.txt.gz")
        for (buffer, chunk) in [(1 << 18, 1 << 16), (5, 2), (1, 1)] {
            let text = String(decoding: try readAll(path, bufferSize: max(buffer, 2), chunk: chunk), as: UTF8.self)
            #expect(text == "first member\nsecond member, no newline")
        }
    }

    @Test func truncatedGzipIsAnErrorNotAShortRead() throws {
        let raw = Array(try Data(contentsOf: URL(fileURLWithPath: try fixturePath("bytestream/two-members.txt.gz"))))
        let dir = try TemporaryDirectory()
        // Where the second member starts (its magic and method bytes).
        let boundary = try #require((2..<raw.count - 2).first { raw[$0] == 0x1f && raw[$0 + 1] == 0x8b && raw[$0 + 2] == 8 })
        for cut in 2..<raw.count {
            let path = try dir.write("cut.gz", Array(raw[..<cut]))
            if cut == boundary {
                // A cut exactly between the members leaves a valid file.
                #expect(String(decoding: try readAll(path), as: UTF8.self) == "first member\n")
                continue
            }
            let error = try #require(throws: InputError.self, "cut at \(cut)") { try readAll(path) }
            #expect(error.path == path)
            #expect(error.message.contains("gzip"))
        }
    }

    @Test func corruptGzipIsAnError() throws {
        var raw = Array(try Data(contentsOf: URL(fileURLWithPath: try fixturePath("NY-midtown.gr.gz"))))
        for i in stride(from: 100, to: 200, by: 1) { raw[i] ^= 0x5a }
        let dir = try TemporaryDirectory()
        let path = try dir.write("corrupt.gr.gz", raw)
        let error = try #require(throws: InputError.self) { try readAll(path) }
        #expect(error.message.contains("gzip"))
    }
}
