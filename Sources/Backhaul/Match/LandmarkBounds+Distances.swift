public import Pairing
public import Routing

extension LandmarkBounds {
    /// The pairing's landmark bounds from Routing's landmark distances,
    /// measured with the shipments' destinations as the sources of empty
    /// legs and their origins as the targets (shipment `i` at index `i` of
    /// both).
    ///
    /// - Throws: ``PairingInputError`` when the sources and targets differ
    ///   in number.
    public init(_ d: LandmarkDistances) throws(PairingInputError) {
        guard d.sourceCount == d.targetCount else {
            throw PairingInputError("landmark distances for \(d.sourceCount) destinations and \(d.targetCount) origins")
        }
        func tenths(_ m: LandmarkDistances.Measure) -> Tenths {
            Tenths(destinationFrom: m.sourceFrom, destinationTo: m.sourceTo, originFrom: m.targetFrom, originTo: m.targetTo)
        }
        try self.init(
            landmarkCount: d.landmarks.count, count: d.sourceCount, lengths: tenths(d.length),
            durations: tenths(d.duration), destinationSegments: d.sourceEdges, originSegments: d.targetEdges)
    }
}
