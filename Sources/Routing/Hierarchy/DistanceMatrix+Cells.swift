extension DistanceMatrix {
    /// A matrix from its row-major cells (`UInt32.max` = unreachable), for
    /// algorithms other than the per-source Dijkstra search, such as
    /// ``ContractionHierarchy/matrix(sources:targets:threads:progress:)``.
    init(sourceCount: Int, targetCount: Int, metric: RoutingMetric, lengths: [UInt32], durations: [UInt32]) {
        assert(lengths.count == sourceCount * targetCount && durations.count == lengths.count)
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        self.metric = metric
        self.lengths = lengths
        self.durations = durations
    }
}
