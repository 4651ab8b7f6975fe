/// One wanted leg of a restricted many-to-many query: the index of its
/// source in the query's source list and of its target in the target list
/// (``ContractionHierarchy/costs(from:to:pairs:threads:progress:)``).
///
/// Eight bytes, so that a list of millions of legs stays small.
public struct IndexPair: Sendable, Hashable {
    /// Index into the query's sources.
    public var source: UInt32
    /// Index into the query's targets.
    public var target: UInt32

    public init(source: UInt32, target: UInt32) {
        self.source = source
        self.target = target
    }

    /// - Precondition: both indices fit 32 bits.
    public init(source: Int, target: Int) {
        self.init(source: UInt32(source), target: UInt32(target))
    }
}
