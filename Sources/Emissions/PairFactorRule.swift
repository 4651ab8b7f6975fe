/// Which vehicle and fuel a pair runs with when its shipments override the run
/// defaults differently.
///
/// The truck of a pair starts and ends at the origin of the shipment served
/// first (cycle A→B→C→D→A), so it is that shipment's truck: its override wins.
/// When the first shipment has none, the second's applies; when neither has
/// one, the run default (`--vehicle`, `--fuel`). The matcher pairs two
/// shipments with different vehicle overrides never, so for vehicles the rule
/// only decides between "given" and "not given"; fuels may differ freely.
///
/// Blank overrides (empty or only spaces) count as not given.
public enum PairFactorRule {
    /// The key that applies: `first` if given, else `second`, else
    /// `runDefault`.
    @inlinable
    public static func resolve(first: String?, second: String?, runDefault: String) -> String {
        if let first, first.contains(where: { !$0.isWhitespace }) { return first }
        if let second, second.contains(where: { !$0.isWhitespace }) { return second }
        return runDefault
    }

    /// The vehicle and fuel of a pair whose first-served shipment overrides
    /// `(firstVehicle, firstFuel)` and the other `(secondVehicle, secondFuel)`.
    public static func resolve(
        firstVehicle: String?, firstFuel: String?, secondVehicle: String?, secondFuel: String?,
        runVehicle: String, runFuel: String
    ) -> (vehicle: String, fuel: String) {
        (
            resolve(first: firstVehicle, second: secondVehicle, runDefault: runVehicle),
            resolve(first: firstFuel, second: secondFuel, runDefault: runFuel)
        )
    }
}
