import Foundation
import Testing
@testable import Backhaul

#if canImport(Glibc)
import Glibc
#endif

@Suite struct OutputWriterTests {
    /// The formatter as it was written before it moved into the byte
    /// writer: the reference the fast one must match digit for digit.
    static func referenceFormat(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(x) }
        let v = UInt64(scaled)
        if v == 0 { return decimals > 0 ? "0." + String(repeating: "0", count: decimals) : "0" }
        let s = UInt64(scale)
        var text = x < 0 ? "-" : ""
        text += String(v / s)
        if decimals > 0 {
            let frac = String(v % s)
            text += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return text
    }

    @Test func fixedPointMatchesTheReference() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1.0005, 2.5, -2.5, 1e18, 9.1e18, -1e19, .infinity, -.nan, 123456.789, 0.0004999]
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double.random(in: -4...12, using: &rng))
            var x = Double.random(in: -1...1, using: &rng) * magnitude
            if Bool.random(using: &rng) { x = (x * 1000).rounded() / 1000 + 0.0005 }  // ties
            values.append(x)
        }
        for x in values {
            for d in 0...7 {
                #expect(JSONValue.format(x, decimals: d) == Self.referenceFormat(x, decimals: d), "\(x) with \(d) decimals")
            }
        }
        let out = BufferedWriter()
        out.write(fixed: -1234.56, decimals: 1, decimalMark: UInt8(ascii: ","))
        out.write(int: -9_223_372_036_854_775_807)
        #expect(out.text == "-1234,6-9223372036854775807")
    }

    /// Random documents written through JSONWriter piece by piece come out
    /// as JSONValue serialises them, pretty and compact.
    @Test func streamedJSONEqualsTheTree() {
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % n
        }
        func random(_ depth: Int) -> JSONValue {
            switch next(depth > 3 ? 5 : 7) {
            case 0: return .null
            case 1: return .bool(next(2) == 0)
            case 2: return .int(Int64(next(2_000_000)) - 1_000_000)
            case 3: return .number(Double(next(1_000_000)) / 997, decimals: next(4))
            case 4: return .string(["", "a", "Växjö \"q\"\n\u{1}", "tab\t", "\\"][next(5)])
            case 5: return .array((0..<next(4)).map { _ in random(depth + 1) })
            default: return .object((0..<next(4)).map { _ in ("k\(next(9))", random(depth + 1)) })
            }
        }
        func stream(_ v: JSONValue, _ w: inout JSONWriter) {
            switch v {
            case .array(let items):
                w.beginArray(inline: items.allSatisfy(\.isScalar))
                for item in items { stream(item, &w) }
                w.endArray()
            case .object(let members):
                w.beginObject()
                for (k, item) in members { w.key(k); stream(item, &w) }
                w.endObject()
            default:
                w.value(v)
            }
        }
        for _ in 0..<500 {
            let v = random(0)
            for pretty in [true, false] {
                let out = BufferedWriter()
                var w = JSONWriter(out, pretty: pretty)
                stream(v, &w)
                w.endDocument()
                #expect(out.text == v.serialized(pretty: pretty))
                #expect((try? JSONSerialization.jsonObject(with: Data(out.text.utf8), options: .fragmentsAllowed)) != nil)
            }
        }
    }

    /// Larger than the buffer: flushed in pieces, nothing lost or reordered.
    @Test func flushesInOrderToAFile() throws {
        let t = try TemporaryFolder()
        let path = t.url.path + "/big.txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let out = BufferedWriter(fd: fd, path: path)
        var expected = ""
        for i in 0..<50_000 {
            let line = "line \(i)\n"
            out.write(line)
            expected += line
        }
        #expect(try out.finish() == expected.utf8.count)
        close(fd)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }

    /// The first failure is kept, later writes are dropped, and `finish`
    /// reports it as exit 5 naming the path.
    @Test func aFullDeviceIsExitFiveNamingThePath() throws {
        let fd = open("/dev/full", O_WRONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let out = BufferedWriter(fd: fd, path: "/dev/full")
        out.write(String(repeating: "x", count: 3 * BufferedWriter.capacity))
        #expect(out.failure != nil)
        #expect(throws: CommandFailure(.ioFailure, "/dev/full: cannot write: No space left on device")) { try out.finish() }
    }
}
