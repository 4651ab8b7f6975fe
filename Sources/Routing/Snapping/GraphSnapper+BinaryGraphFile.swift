extension GraphSnapper {
    /// Indexes the roads of a loaded `.bhg`, with the largest strongly
    /// connected component stored in it when there is one (which saves
    /// computing it: about as long as loading the file).
    public init(_ file: BinaryGraphFile) {
        if let mask = file.largestComponent {
            self.init(graph: file.graph, snappableNodes: mask)
        } else {
            self.init(graph: file.graph)
        }
    }
}
