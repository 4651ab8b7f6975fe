/// A directed leg between two points of the road network: its length and
/// its travel time, in whole metres and seconds.
///
/// `Pairing` does not route; the `match` job computes legs with `Routing`
/// (or the crow-fly estimate) and hands them over as values. A leg with no
/// route is `nil` wherever a `Leg?` appears.
public struct Leg: Sendable, Hashable, CustomStringConvertible {
    /// The largest length or duration a leg can have (2³¹ − 1: two million
    /// kilometres, 68 years).
    public static let maximumValue = Int(Int32.max)

    /// The length in whole metres, `0...maximumValue`.
    public var metres: Int
    /// The travel time in whole seconds, `0...maximumValue`.
    public var seconds: Int

    /// A leg of `metres` and `seconds`.
    public init(metres: Int, seconds: Int) {
        self.metres = metres
        self.seconds = seconds
    }

    public var description: String { "\(metres) m, \(seconds) s" }

    /// Whether both values are in `0...maximumValue`.
    var isInRange: Bool {
        metres >= 0 && metres <= Self.maximumValue && seconds >= 0 && seconds <= Self.maximumValue
    }
}

/// Input to the pairing that is inconsistent: wrong counts, a missing own
/// return leg, a value out of range. These are programming errors of the
/// caller rather than bad user files, reported with what is wrong.
public struct PairingInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is inconsistent.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
