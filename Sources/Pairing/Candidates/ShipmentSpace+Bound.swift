extension ShipmentSpace {
    /// The same index with another leg bound: the tree over the shipments'
    /// ends is kept (it does not depend on the bound), only the conversion
    /// from great-circle distance to leg length changes. The sensitivity
    /// runs of `match --sensitivity` use it for other crow-fly circuities.
    ///
    /// - Complexity: O(1) besides sharing the arrays (copy on write).
    public func withBound(_ bound: LegLowerBound) -> ShipmentSpace {
        ShipmentSpace(reusing: self, bound: bound)
    }

    private init(reusing other: ShipmentSpace, bound: LegLowerBound) {
        count = other.count
        self.bound = bound
        origins = other.origins
        destinations = other.destinations
        metresPerChord = bound.factor * GeoPoint.earthRadiusMetres
        items = other.items
        nodes = other.nodes
        itemOrigins = other.itemOrigins
        itemDestinations = other.itemDestinations
    }
}
