/// The body of the truck a load needs.
public enum BodyType: String, Sendable, Hashable, CaseIterable, Comparable {
    case dryVan = "dry_van"
    case tautliner
    case reefer
    case tipper
    case tanker
    case container
    case flatbed

    /// Whether loads needing `self` and `other` can share one truck.
    ///
    /// Per the contract: equal types; `dry_van` with `tautliner`; `reefer`
    /// with `dry_van` or `tautliner` (a reefer can carry ambient goods).
    public func isCompatible(with other: BodyType) -> Bool {
        self == other || (isAmbientCapable && other.isAmbientCapable)
    }

    /// Dry vans, tautliners and reefers all carry ambient goods.
    private var isAmbientCapable: Bool {
        switch self {
        case .dryVan, .tautliner, .reefer: true
        case .tipper, .tanker, .container, .flatbed: false
        }
    }

    /// Compatibility where `nil` (not given) matches every type.
    public static func areCompatible(_ a: BodyType?, _ b: BodyType?) -> Bool {
        guard let a, let b else { return true }
        return a.isCompatible(with: b)
    }

    public static func < (a: BodyType, b: BodyType) -> Bool { a.rawValue < b.rawValue }
}
