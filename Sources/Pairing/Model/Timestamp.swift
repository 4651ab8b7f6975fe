/// A point in time from an ISO 8601 date-time, in whole seconds.
///
/// Batch files give local times (`2026-11-26T06:00`), optionally with an
/// offset (`+01:00`, `Z`). A time without an offset is read as wall-clock
/// time in the batch's own zone and stored as if it were UTC; all times of one
/// run are compared on that single scale. Only differences between
/// timestamps matter to the matching.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00 on the scale described above.
    public var seconds: Int64
    /// The offset from UTC in seconds when the text had one.
    public var utcOffsetSeconds: Int32?

    public init(seconds: Int64, utcOffsetSeconds: Int32? = nil) {
        self.seconds = seconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }
    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.seconds == b.seconds }
    public func hash(into h: inout Hasher) { h.combine(seconds) }

    /// `self` moved by `delta` seconds.
    public func adding(seconds delta: Int64) -> Timestamp {
        Timestamp(seconds: seconds + delta, utcOffsetSeconds: utcOffsetSeconds)
    }

    public var description: String { "Timestamp(\(seconds))" }
}
