import Testing
@testable import Backhaul

@Suite struct VersionTests {
    @Test func versionMatchesContract() { #expect(BackhaulVersion.string == "0.1.0") }
}
