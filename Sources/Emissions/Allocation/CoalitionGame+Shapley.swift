extension CoalitionGame {
    /// The Shapley value of the saving game, in metres per player (Shapley,
    /// "A value for n-person games", 1953):
    ///
    ///     φᵢ = Σ_{S ⊆ N∖{i}} |S|! (p − |S| − 1)! / p! · (v(S ∪ {i}) − v(S))
    ///
    /// with `v(S) = baseline(S) − c(S)`. It is also the Shapley value of the
    /// cost game, as the baseline is additive. Computed exactly in integers
    /// (`φᵢ · p!`, p! ≤ 24) and divided once.
    ///
    /// For two companies with one shipment each, `v({i}) = 0` and the value
    /// is the closed form `φ₁ = φ₂ = v(N) / 2`; in general for two players
    /// `φ₁ = v({1}) + (v(N) − v({1}) − v({2})) / 2`.
    ///
    /// - Complexity: O(p · 2ᵖ), at most 64 terms.
    public func shapleyShares() -> [Double] {
        let p = playerCount
        var factorial = [1, 1, 2, 6, 24]
        while factorial.count <= p { factorial.append(factorial.last! * factorial.count) }
        var value = [Int](repeating: 0, count: 1 << p)
        for s in 0..<(1 << p) { value[s] = s == 0 ? 0 : savingValue(s) }
        var shares = [Double](repeating: 0, count: p)
        for i in 0..<p {
            let bit = 1 << i
            var numerator = 0
            for s in 0..<(1 << p) where s & bit == 0 {
                let size = s.nonzeroBitCount
                numerator += factorial[size] * factorial[p - size - 1] * (value[s | bit] - value[s])
            }
            shares[i] = Double(numerator) / Double(factorial[p])
        }
        return shares
    }
}
