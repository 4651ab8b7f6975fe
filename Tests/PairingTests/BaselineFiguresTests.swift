import Testing
@testable import Pairing

/// Window widening and narrowing for the sensitivity runs, and the
/// arithmetic of a baseline.
@Suite struct BaselineFiguresTests {
    @Test func windowsWidenAndNarrow() {
        let t = { (h: Int64) in Timestamp(seconds: 1_795_651_200 + h * 3600) }
        let s = Shipment(
            id: "a", origin: .coordinate(latitude: 57, longitude: 15), destination: .coordinate(latitude: 56, longitude: 16),
            pickupEarliest: t(7), pickupLatest: t(9), deliveryLatest: t(14))
        let wide = s.windowsAdjusted(bySeconds: 1800)
        #expect(wide.pickupEarliest!.seconds == t(7).seconds - 1800 && wide.pickupLatest!.seconds == t(9).seconds + 1800)
        #expect(wide.deliveryLatest!.seconds == t(14).seconds + 1800)
        let narrow = s.windowsAdjusted(bySeconds: -1800)
        #expect(narrow.pickupEarliest!.seconds == t(7).seconds + 1800 && narrow.pickupLatest!.seconds == t(9).seconds - 1800)
        #expect(narrow.deliveryLatest!.seconds == t(14).seconds - 1800)
        // A 40-minute window narrowed by 30 min at each side shrinks to its middle.
        var short = s
        short.pickupLatest = Timestamp(seconds: t(7).seconds + 2400)
        let collapsed = short.windowsAdjusted(bySeconds: -1800)
        #expect(collapsed.pickupEarliest!.seconds == t(7).seconds + 1200 && collapsed.pickupLatest == collapsed.pickupEarliest)
        // Open sides stay open.
        var open = s
        open.pickupEarliest = nil
        open.deliveryLatest = nil
        let moved = open.windowsAdjusted(bySeconds: 1800)
        #expect(moved.pickupEarliest == nil && moved.deliveryLatest == nil && moved.pickupLatest!.seconds == t(9).seconds + 1800)
    }

    /// Småland, as `match` prints it: 64,869.2 km loaded, 64,869.2 km
    /// empty if every return ran empty, 27,617.6 km observed empty, 16,575.0
    /// km left after pairing.
    @Test func arithmetic() {
        let counterfactual = BaselineFigures(emptyMetresBefore: 64_869_200, emptyMetresAfter: 16_575_000, loadedMetres: 64_869_200)
        #expect(counterfactual.savedMetres == 48_294_200)
        #expect(abs(counterfactual.savedFraction! - 0.7445) < 1e-4)
        #expect(counterfactual.emptyShareBefore == 0.5)
        // 16,575.0 / (64,869.2 + 16,575.0) = 20.35 %
        #expect(abs(counterfactual.emptyShareAfter! - 0.2035) < 1e-4)
        let observed = BaselineFigures(emptyMetresBefore: 27_617_600, emptyMetresAfter: 16_575_000, loadedMetres: 64_869_200)
        #expect(observed.savedMetres == 11_042_600)
        // 27,617.6 / (64,869.2 + 27,617.6) = 29.86 %
        #expect(abs(observed.emptyShareBefore! - 0.2986) < 1e-4)
        // Against observed running the pairing can leave more than there was.
        let worse = BaselineFigures(emptyMetresBefore: 10_000, emptyMetresAfter: 25_000, loadedMetres: 100_000)
        #expect(worse.savedMetres == -15_000 && worse.savedFraction! == -1.5)
        let nothing = BaselineFigures(emptyMetresBefore: 0, emptyMetresAfter: 0, loadedMetres: 0)
        #expect(nothing.savedFraction == nil && nothing.emptyShareBefore == nil && nothing.emptyShareAfter == nil)
        #expect(EmptyRunningReference.all.map(\.emptyShare) == [0.17, 0.216])
    }
}
