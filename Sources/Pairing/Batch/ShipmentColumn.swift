/// The columns of a shipment batch file that the contract defines.
///
/// Header names are matched case-insensitively after trimming; any other
/// column is unknown, kept out of the computation and named in a warning.
enum ShipmentColumn: Int, CaseIterable, Sendable {
    case id
    case company
    case originLat
    case originLon
    case destLat
    case destLon
    case originNode
    case destNode
    case pickupEarliest
    case pickupLatest
    case deliveryLatest
    case weightKg
    case bodyType
    case vehicle
    case fuel
    case loadStatus

    /// The header name, as the contract spells it.
    var name: String {
        switch self {
        case .id: "id"
        case .company: "company"
        case .originLat: "origin_lat"
        case .originLon: "origin_lon"
        case .destLat: "dest_lat"
        case .destLon: "dest_lon"
        case .originNode: "origin_node"
        case .destNode: "dest_node"
        case .pickupEarliest: "pickup_earliest"
        case .pickupLatest: "pickup_latest"
        case .deliveryLatest: "delivery_latest"
        case .weightKg: "weight_kg"
        case .bodyType: "body_type"
        case .vehicle: "vehicle"
        case .fuel: "fuel"
        case .loadStatus: "load_status"
        }
    }

    /// The column whose header is `name` (already trimmed), ignoring ASCII case.
    ///
    /// - Complexity: O(1): a name longer than the longest column name is
    ///   refused without reading it.
    init?(header name: UnsafeBufferPointer<UInt8>) {
        guard name.count <= Self.longestName else { return nil }
        let names = Self.names
        for k in 0..<names.count where names[k].count == name.count {
            var equal = true
            for i in 0..<name.count {
                let c = name[i]
                if (c >= 65 && c <= 90 ? c + 32 : c) != names[k][i] {
                    equal = false
                    break
                }
            }
            if equal {
                self = Self.allCases[k]
                return
            }
        }
        return nil
    }

    private static let names = allCases.map { Array($0.name.utf8) }
    private static let longestName = names.map(\.count).max() ?? 0

    /// What a file with the columns `present` lacks, in contract order and
    /// in words (`"origin_lat and origin_lon, or origin_node"`); empty when
    /// the file can be read.
    ///
    /// `id` is always required. Each end needs its coordinate pair or its
    /// node column.
    static func missingRequirements(present: Set<ShipmentColumn>) -> [String] {
        var missing: [String] = []
        if !present.contains(.id) { missing.append("id") }
        let ends: [(ShipmentColumn, ShipmentColumn, ShipmentColumn)] = [
            (.originLat, .originLon, .originNode), (.destLat, .destLon, .destNode),
        ]
        for (lat, lon, node) in ends
        where !(present.contains(lat) && present.contains(lon)) && !present.contains(node) {
            let pair = [lat, lon].filter { !present.contains($0) }.map(\.name).joined(separator: " and ")
            missing.append("\(pair), or \(node.name)")
        }
        return missing
    }
}
