import Testing
@testable import Pairing

@Suite struct BodyTypeTests {
    @Test(arguments: BodyType.allCases, BodyType.allCases)
    func compatibilityIsSymmetric(a: BodyType, b: BodyType) {
        #expect(a.isCompatible(with: b) == b.isCompatible(with: a))
    }

    @Test func contractTable() {
        #expect(BodyType.reefer.isCompatible(with: .dryVan))
        #expect(BodyType.reefer.isCompatible(with: .tautliner))
        #expect(BodyType.dryVan.isCompatible(with: .tautliner))
        #expect(!BodyType.reefer.isCompatible(with: .tipper))
        #expect(!BodyType.tanker.isCompatible(with: .dryVan))
        #expect(BodyType.areCompatible(nil, .tanker))
    }
}
