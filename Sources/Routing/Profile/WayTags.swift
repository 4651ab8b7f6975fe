/// The tags of one OpenStreetMap element that a ``VehicleProfile`` reads:
/// a way (road class, access, limits, speed), a node (barriers and their
/// access) or a turn-restriction relation.
///
/// Readers fill it key by key from whatever the input holds (a PBF string
/// table, XML attributes); every tag whose key is not a ``Key`` is ignored,
/// so an element with hundreds of tags costs no more than one with five. One
/// value is kept per key (the last one the input gives).
public struct WayTags: Sendable, Hashable {
    /// The keys profiles read; ``osmKey`` spells each as OSM does
    /// (`motorVehicle` is `motor_vehicle`, `maxspeedHGV` is `maxspeed:hgv`).
    public enum Key: Int, CaseIterable, Sendable {
        /// The road class and what makes a way a road (`highway`, `route=ferry`).
        case highway, route
        /// Layout and state: `junction`, `oneway`, `area`, `service`, `impassable`, `status`, `construction`.
        case junction, oneway, area, service, impassable, status, construction
        /// Access, from the most general to the most specific.
        case access, vehicle, motorVehicle, motorcar, goods, hgv
        /// Access for one direction of travel (`access:forward`, `hgv:backward`, …).
        case accessForward, accessBackward, vehicleForward, vehicleBackward
        case motorVehicleForward, motorVehicleBackward, motorcarForward, motorcarBackward
        case goodsForward, goodsBackward, hgvForward, hgvBackward
        /// One-way rules for one class of vehicle.
        case onewayHGV, onewayMotorVehicle, onewayVehicle, onewayMotorcar
        /// Speed limits, general, per direction, for trucks, advisory, and implicit zones.
        case maxspeed, maxspeedForward, maxspeedBackward, maxspeedHGV, maxspeedAdvisory, maxspeedType, sourceMaxspeed
        /// Weight limits.
        case maxweight, maxweightHGV, maxweightrating, maxweightratingHGV, maxaxleload
        /// Size limits: signed and physical clearances, road widths.
        case maxheight, maxheightPhysical, maxwidth, maxwidthPhysical, width, estWidth, narrow, maxlength
        /// A ferry's crossing time.
        case duration
        /// Node tags: barriers and their exceptions.
        case barrier, bollard, kerb, sensory
        /// Relation tags: turn restrictions (`type=restriction`).
        case type, restriction, restrictionHGV, restrictionMotorcar, restrictionMotorVehicle, restrictionVehicle, except

        /// The key as written in OpenStreetMap.
        public var osmKey: String {
            switch self {
            case .highway: "highway"
            case .route: "route"
            case .junction: "junction"
            case .oneway: "oneway"
            case .area: "area"
            case .service: "service"
            case .impassable: "impassable"
            case .status: "status"
            case .construction: "construction"
            case .access: "access"
            case .vehicle: "vehicle"
            case .motorVehicle: "motor_vehicle"
            case .motorcar: "motorcar"
            case .goods: "goods"
            case .hgv: "hgv"
            case .accessForward: "access:forward"
            case .accessBackward: "access:backward"
            case .vehicleForward: "vehicle:forward"
            case .vehicleBackward: "vehicle:backward"
            case .motorVehicleForward: "motor_vehicle:forward"
            case .motorVehicleBackward: "motor_vehicle:backward"
            case .motorcarForward: "motorcar:forward"
            case .motorcarBackward: "motorcar:backward"
            case .goodsForward: "goods:forward"
            case .goodsBackward: "goods:backward"
            case .hgvForward: "hgv:forward"
            case .hgvBackward: "hgv:backward"
            case .onewayHGV: "oneway:hgv"
            case .onewayMotorVehicle: "oneway:motor_vehicle"
            case .onewayVehicle: "oneway:vehicle"
            case .onewayMotorcar: "oneway:motorcar"
            case .maxspeed: "maxspeed"
            case .maxspeedForward: "maxspeed:forward"
            case .maxspeedBackward: "maxspeed:backward"
            case .maxspeedHGV: "maxspeed:hgv"
            case .maxspeedAdvisory: "maxspeed:advisory"
            case .maxspeedType: "maxspeed:type"
            case .sourceMaxspeed: "source:maxspeed"
            case .maxweight: "maxweight"
            case .maxweightHGV: "maxweight:hgv"
            case .maxweightrating: "maxweightrating"
            case .maxweightratingHGV: "maxweightrating:hgv"
            case .maxaxleload: "maxaxleload"
            case .maxheight: "maxheight"
            case .maxheightPhysical: "maxheight:physical"
            case .maxwidth: "maxwidth"
            case .maxwidthPhysical: "maxwidth:physical"
            case .width: "width"
            case .estWidth: "est_width"
            case .narrow: "narrow"
            case .maxlength: "maxlength"
            case .duration: "duration"
            case .barrier: "barrier"
            case .bollard: "bollard"
            case .kerb: "kerb"
            case .sensory: "sensory"
            case .type: "type"
            case .restriction: "restriction"
            case .restrictionHGV: "restriction:hgv"
            case .restrictionMotorcar: "restriction:motorcar"
            case .restrictionMotorVehicle: "restriction:motor_vehicle"
            case .restrictionVehicle: "restriction:vehicle"
            case .except: "except"
            }
        }

        /// The access key for one direction of travel (`hgv` → `hgv:forward`).
        func directional(forward: Bool) -> Key? {
            switch self {
            case .access: forward ? .accessForward : .accessBackward
            case .vehicle: forward ? .vehicleForward : .vehicleBackward
            case .motorVehicle: forward ? .motorVehicleForward : .motorVehicleBackward
            case .motorcar: forward ? .motorcarForward : .motorcarBackward
            case .goods: forward ? .goodsForward : .goodsBackward
            case .hgv: forward ? .hgvForward : .hgvBackward
            default: nil
            }
        }

        /// The UTF-8 bytes of every key, grouped by length: `byLength[n]`
        /// lists the keys of `n` bytes with their spelling.
        private static let byLength: [[(Key, [UInt8])]] = {
            var table = [[(Key, [UInt8])]](repeating: [], count: 33)
            for k in allCases {
                let bytes = Array(k.osmKey.utf8)
                table[bytes.count].append((k, bytes))
            }
            return table
        }()

        /// The key spelled by `bytes`, or `nil` when profiles do not read it.
        ///
        /// - Complexity: O(keys of that length) byte comparisons, usually
        ///   rejected on the first byte.
        public init?(utf8 bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            guard n >= 3, n < Self.byLength.count else { return nil }
            let first = bytes[0]
            for (key, spelling) in Self.byLength[n] where spelling[0] == first {
                if spelling.withUnsafeBytes({ $0.elementsEqual(bytes) }) {
                    self = key
                    return
                }
            }
            return nil
        }

        /// The key spelled `string`, or `nil` when profiles do not read it.
        public init?(_ string: String) {
            var s = string
            let key = s.withUTF8 { Key(utf8: UnsafeRawBufferPointer($0)) }
            guard let key else { return nil }
            self = key
        }
    }

    private var values: [String?]

    /// An empty set of tags.
    public init() {
        values = [String?](repeating: nil, count: Key.allCases.count)
    }

    /// Tags from `key=value` pairs; keys profiles do not read are dropped.
    public init(_ tags: [String: String]) {
        self.init()
        for (k, v) in tags {
            if let key = Key(k) { self[key] = v }
        }
    }

    /// The value of `key`, if the element has it.
    public subscript(key: Key) -> String? {
        get { values[key.rawValue] }
        set { values[key.rawValue] = newValue }
    }

    /// Removes every value, keeping the storage for the next element.
    public mutating func removeAll() {
        for i in values.indices { values[i] = nil }
    }

    /// `true` when no key is set.
    public var isEmpty: Bool { values.allSatisfy { $0 == nil } }
}
