import Emissions
import Testing

@Suite struct LargestRemainderTests {
    @Test func examples() {
        #expect(LargestRemainder.apportion(10, quotas: [1, 1, 1]) == [4, 3, 3])  // ties to the lower index
        #expect(LargestRemainder.apportion(100, quotas: [0.5, 0.3, 0.2]) == [50, 30, 20])
        #expect(LargestRemainder.apportion(7, quotas: [0, 0]) == [4, 3])  // no weights: even, lower first
        #expect(LargestRemainder.apportion(-5, quotas: [1, 1]) == [-2, -3])
        #expect(LargestRemainder.apportion(0, quotas: []) == [])
    }

    @Test func sumsExactlyAndStaysWithinOneOfTheQuota() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<2000 {
            let n = Int.random(in: 1...40, using: &rng)
            let quotas = (0..<n).map { _ in Double.random(in: -50...1000, using: &rng) }
            let total = Int.random(in: -1000...100_000, using: &rng)
            let parts = LargestRemainder.apportion(total, quotas: quotas)
            #expect(parts.reduce(0, +) == total)
            let sum = quotas.reduce(0, +)
            if abs(sum) > 1e-9 {
                for (p, q) in zip(parts, quotas) {
                    let scaled = q * Double(total) / sum
                    #expect(Double(p) >= scaled.rounded(.down) - 1e-6 && Double(p) <= scaled.rounded(.up) + 1e-6)
                }
            }
            #expect(parts == LargestRemainder.apportion(total, quotas: quotas))  // deterministic
        }
    }
}
