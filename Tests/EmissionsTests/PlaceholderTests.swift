import Testing
@testable import Emissions

@Suite struct EmissionsPlaceholderTests {
    @Test func moduleLinks() { _ = EmissionsModule.self }
}
