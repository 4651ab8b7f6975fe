import Foundation
@testable import Pairing

/// Paths inside the repository, found from this file's location.
enum BatchFixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let folder = testsFolder.appendingPathComponent("Fixtures/batches")
    static let repositoryRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path(name)])
        }
        return [UInt8](data)
    }

    /// The fixture as an in-memory input named by its bare file name, so
    /// that messages are independent of where the repository is checked out.
    static func input(_ name: String) throws -> BatchInput {
        .bytes(name: name, try bytes(name), format: BatchFormat(fileName: name))
    }
}

/// Deterministic pseudo-random numbers for generated cases (SplitMix64,
/// Steele, Lea & Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Batch {
    /// Accepted ids, observed-empty ids, and rejected (file, line, reason).
    var acceptedIDs: [String] { shipments.map(\.id) }
    var observedEmptyIDs: [String] { observedEmpty.map(\.id) }
}
