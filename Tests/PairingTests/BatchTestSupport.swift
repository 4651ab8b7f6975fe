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

extension Batch {
    /// Accepted ids, observed-empty ids, and rejected (file, line, reason).
    var acceptedIDs: [String] { shipments.map(\.id) }
    var observedEmptyIDs: [String] { observedEmpty.map(\.id) }
}
