/// The feasibility rules of the contract for one pair, precomputed per
/// shipment so that the check over all pairs is a few comparisons.
///
/// A pair is feasible when the body types are compatible, the vehicles
/// match (when both are given), and some order — a first or b first — meets
/// every time window and keeps the repositioning leg within the deadhead
/// limit. The constraints are applied in that order, the order-dependent
/// ones as successive filters on the two orders: first the orders that meet
/// the time windows, then of those the ones within the deadhead limit. Of
/// the orders left, the one with the shorter repositioning leg is chosen,
/// and `a` first (the shipment with the smaller id) when both are equal.
struct PairConstraints: Sendable {
    /// The outcome for one pair.
    enum Outcome: Equatable {
        case feasible(aFirst: Bool)
        case excluded(UnpairedReason)
    }

    let options: PairingOptions
    /// Per shipment, its body type as an index into ``compatible``'s rows
    /// (`BodyType.allCases` order; the last index is "not given").
    let bodyTypes: [UInt8]
    /// `BodyType.areCompatible` as a table, row-major over the indices.
    let compatible: [Bool]
    /// The row length of ``compatible``.
    let bodyTypeStride: Int
    /// Per shipment, its vehicle as a small integer (-1: not given).
    let vehicles: [Int32]
    let windows: [TimeWindows]

    init(shipments: [Shipment], options: PairingOptions) {
        self.options = options
        let types = BodyType.allCases
        let none = UInt8(types.count)
        bodyTypes = shipments.map { s in s.bodyType.flatMap { t in types.firstIndex(of: t).map(UInt8.init) } ?? none }
        let all: [BodyType?] = types.map(Optional.some) + [nil]
        compatible = all.flatMap { a in all.map { b in BodyType.areCompatible(a, b) } }
        bodyTypeStride = all.count
        var vehicleIDs: [String: Int32] = [:]
        vehicles = shipments.map { s in
            guard let v = s.vehicle else { return -1 }
            if let id = vehicleIDs[v] { return id }
            let id = Int32(vehicleIDs.count)
            vehicleIDs[v] = id
            return id
        }
        windows = shipments.map(TimeWindows.init)
    }

    /// The constraints that need no travel times (body types, vehicles):
    /// the reason they exclude `(a, b)`, or `nil`.
    @inline(__always)
    func staticExclusion(_ a: Int, _ b: Int) -> UnpairedReason? {
        if !options.ignoreBodyType && !compatible[Int(bodyTypes[a]) * bodyTypeStride + Int(bodyTypes[b])] {
            return .bodyType
        }
        if options.requireSameVehicle {
            let va = vehicles[a], vb = vehicles[b]
            if va >= 0 && vb >= 0 && va != vb { return .vehicle }
        }
        return nil
    }

    /// Checks the pair `(a, b)`.
    ///
    /// - Parameters:
    ///   - loadedA, loadedB: the loaded legs' seconds.
    ///   - ab, ba: the cross empty legs (`a`'s destination to `b`'s origin
    ///     and back) in metres and seconds; `ab` is the repositioning leg
    ///     when `a` goes first.
    @inline(__always)
    func evaluate(
        _ a: Int, _ b: Int, loadedA: Int, loadedB: Int,
        abMetres: Int, abSeconds: Int, baMetres: Int, baSeconds: Int
    ) -> Outcome {
        if let reason = staticExclusion(a, b) { return .excluded(reason) }
        var aFirstOK = true, bFirstOK = true
        if !options.ignoreTimeWindows {
            let h = options.handlingSeconds
            aFirstOK = TimeWindows.fit(
                first: windows[a], firstLoadedSeconds: loadedA, repositionSeconds: abSeconds,
                second: windows[b], secondLoadedSeconds: loadedB, handling: h)
            bFirstOK = TimeWindows.fit(
                first: windows[b], firstLoadedSeconds: loadedB, repositionSeconds: baSeconds,
                second: windows[a], secondLoadedSeconds: loadedA, handling: h)
            if !aFirstOK && !bFirstOK { return .excluded(.timeWindow) }
        }
        if let limit = options.maxDeadheadMetres {
            aFirstOK = aFirstOK && abMetres <= limit
            bFirstOK = bFirstOK && baMetres <= limit
            if !aFirstOK && !bFirstOK { return .excluded(.maxDeadhead) }
        }
        if aFirstOK && bFirstOK { return .feasible(aFirst: abMetres <= baMetres) }
        return .feasible(aFirst: aFirstOK)
    }
}
