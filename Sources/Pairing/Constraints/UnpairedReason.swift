/// Why a shipment was left without a partner, as the contract names it.
///
/// When several apply, the first in this order wins:
///
/// 1. ``unreachable`` — its own loaded leg or its own empty return has no
///    route, or it has partners whose cross legs were computed and every one
///    of them has a leg without a route (it is cut off from all of them);
/// 2. ``noSaving`` — no partner with routes both ways would save anything
///    (saving ≤ 0), or there is no partner at all;
/// 3. ``partnersTaken`` — some partner with a positive saving passes every
///    constraint, but it was paired elsewhere (the matching is maximum, so
///    that saved more in total; with ``PairingOptions/candidatesPerShipment``
///    these are its best `k` feasible partners);
/// 4. otherwise the constraint that excluded its best-saving partner (ties:
///    the partner with the smaller id), and when that partner fails several,
///    the first of ``bodyType``, ``vehicle``, ``timeWindow``,
///    ``maxDeadhead``.
///
/// Tours (``PairingProblem/tours(options:)``, `docs/tours.md`) use the same
/// reasons for whole cycles and add three: ``drivingTime`` (the windows are
/// met only by breaking the driving-time rules), ``maxTourKm`` and
/// ``maxTourH`` (the tour limits).
public enum UnpairedReason: String, Sendable, Hashable, CaseIterable {
    case unreachable
    case noSaving = "no_saving"
    case partnersTaken = "partners_taken"
    case bodyType = "body_type"
    case vehicle
    case timeWindow = "time_window"
    case maxDeadhead = "max_deadhead"
    /// Tours only: every schedule meeting the windows breaks the driving-time
    /// rules (Regulation (EC) No 561/2006).
    case drivingTime = "driving_time"
    /// Tours only: the tour would be longer than `--max-tour-km`.
    case maxTourKm = "max_tour_km"
    /// Tours only: the tour would take longer than `--max-tour-h`.
    case maxTourH = "max_tour_h"
}
