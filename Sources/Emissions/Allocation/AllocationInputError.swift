/// Allocation input that is inconsistent: a tour without shipments or with
/// more than ``TourCostMatrix/maximumShipments``, a matrix of the wrong
/// size, a missing own return, a company or model index out of range.
/// These are programming errors of the caller, reported with what is wrong.
public struct AllocationInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
