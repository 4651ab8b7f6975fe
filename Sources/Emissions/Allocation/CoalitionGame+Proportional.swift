extension CoalitionGame {
    /// The tour's saving split in proportion to each player's stand-alone
    /// empty metres (its own empty returns), in metres per player; an equal
    /// split when no player has any.
    ///
    /// Simple to explain, but unlike ``shapleyShares()`` and
    /// ``equalProfitShares()`` it ignores what a company could save on its
    /// own or with a subset of the others, so it may leave the core.
    ///
    /// - Complexity: O(p).
    public func proportionalShares() -> [Double] {
        let saving = Double(savingMetres)
        let total = ownEmptyMetres.reduce(0, +)
        guard total > 0 else {
            return [Double](repeating: saving / Double(playerCount), count: playerCount)
        }
        return ownEmptyMetres.map { saving * Double($0) / Double(total) }
    }
}
