/// The tags of one OpenStreetMap way that a ``VehicleProfile`` reads.
///
/// Readers fill it key by key from whatever the input holds (a PBF string
/// table, XML attributes); every tag whose key is not a ``Key`` is ignored,
/// so a way with hundreds of tags costs no more than one with five. One value
/// is kept per key (the last one the input gives).
public struct WayTags: Sendable, Hashable {
    /// The keys that decide whether a vehicle may use a way, in which
    /// directions and how fast; ``osmKey`` spells each as OSM does
    /// (`motorVehicle` is `motor_vehicle`, `maxspeedHGV` is `maxspeed:hgv`).
    public enum Key: Int, CaseIterable, Sendable {
        /// The road class and what makes a way a road (`highway`, `route=ferry`).
        case highway, route
        /// Layout and state: `junction`, `oneway`, `area`, `service`, `impassable`.
        case junction, oneway, area, service, impassable
        /// Access, from the most general to the most specific.
        case access, vehicle, motorVehicle, motorcar, goods, hgv
        /// Speed limits, general, per direction, for trucks, and implicit zones.
        case maxspeed, maxspeedForward, maxspeedBackward, maxspeedHGV, maxspeedType, sourceMaxspeed
        /// Weight limits.
        case maxweight, maxweightHGV, maxweightrating, maxweightratingHGV
        /// Size limits.
        case maxheight, maxwidth, maxlength
        /// A ferry's crossing time.
        case duration

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
            case .access: "access"
            case .vehicle: "vehicle"
            case .motorVehicle: "motor_vehicle"
            case .motorcar: "motorcar"
            case .goods: "goods"
            case .hgv: "hgv"
            case .maxspeed: "maxspeed"
            case .maxspeedForward: "maxspeed:forward"
            case .maxspeedBackward: "maxspeed:backward"
            case .maxspeedHGV: "maxspeed:hgv"
            case .maxspeedType: "maxspeed:type"
            case .sourceMaxspeed: "source:maxspeed"
            case .maxweight: "maxweight"
            case .maxweightHGV: "maxweight:hgv"
            case .maxweightrating: "maxweightrating"
            case .maxweightratingHGV: "maxweightrating:hgv"
            case .maxheight: "maxheight"
            case .maxwidth: "maxwidth"
            case .maxlength: "maxlength"
            case .duration: "duration"
            }
        }

        /// The UTF-8 bytes of every key, indexed by raw value.
        private static let utf8Keys: [[UInt8]] = allCases.map { Array($0.osmKey.utf8) }

        /// The key spelled by `bytes`, or `nil` when profiles do not read it.
        ///
        /// - Complexity: O(number of keys) byte comparisons, usually rejected
        ///   on the length or first byte.
        public init?(utf8 bytes: UnsafeRawBufferPointer) {
            let n = bytes.count
            guard n >= 3, n <= 19 else { return nil }
            let first = bytes[0]
            for (i, k) in Self.utf8Keys.enumerated() where k.count == n && k[0] == first {
                if k.withUnsafeBytes({ $0.elementsEqual(bytes) }) {
                    self.init(rawValue: i)
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

    /// The value of `key`, if the way has it.
    public subscript(key: Key) -> String? {
        get { values[key.rawValue] }
        set { values[key.rawValue] = newValue }
    }

    /// Removes every value, keeping the storage for the next way.
    public mutating func removeAll() {
        for i in values.indices { values[i] = nil }
    }

    /// `true` when no key is set.
    public var isEmpty: Bool { values.allSatisfy { $0 == nil } }
}
