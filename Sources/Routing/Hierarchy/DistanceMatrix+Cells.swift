extension DistanceMatrix {
    /// A matrix from its row-major cells (`UInt32.max` = unreachable), for
    /// algorithms other than the per-source Dijkstra search, such as
    /// ``ContractionHierarchy/matrix(sources:targets:threads:progress:)``.
    init(sourceCount: Int, targetCount: Int, weights: [UInt32], lengths: [UInt32], durations: [UInt32]) {
        assert(weights.count == sourceCount * targetCount)
        assert(lengths.count == weights.count && durations.count == weights.count)
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        self.weights = weights
        self.lengths = lengths
        self.durations = durations
    }
}
