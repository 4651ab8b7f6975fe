/// A shipment end whose coordinates are valid but probably wrong, with the
/// row it comes from. It does not stop the row: the shipment is still
/// paired or reported; the warning tells a person where to look.
public struct PlausibilityWarning: Sendable, Hashable, CustomStringConvertible {
    /// What looks wrong.
    public enum Kind: String, Sendable, Hashable {
        /// Outside the road graph's bounding box, but inside it with latitude
        /// and longitude swapped.
        case swappedCoordinates = "swapped_coordinates"
        /// Far beyond the rest of the batch (no road graph to compare with).
        case farFromBatch = "far_from_batch"
    }

    public var kind: Kind
    /// The row.
    public var source: SourceLine
    public var id: String
    /// `origin` or `destination`.
    public var end: String
    /// Everything after `file:line: `.
    public var message: String

    public init(kind: Kind, source: SourceLine, id: String, end: String, message: String) {
        self.kind = kind
        self.source = source
        self.id = id
        self.end = end
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { "\(source): \(message)" }
}
