import Routing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The SVG map's projection: equirectangular, longitudes scaled by the
/// cosine of the middle latitude (true to scale in the middle of a region
/// the size of a country), fitted into a box of pixels.
struct MapProjection {
    let minLat: Double, maxLat: Double, minLon: Double, maxLon: Double
    /// cos(middle latitude).
    let kx: Double
    /// Pixels per degree of latitude.
    let scale: Double
    /// The drawing's size in pixels.
    let width: Double, height: Double

    /// Kilometres per degree of latitude (mean Earth radius 6,371.0088 km).
    static let kilometresPerDegree = 6_371.0088 * Double.pi / 180

    /// The box around `points`, padded by 5 % (at least about 500 m),
    /// fitted into `maxWidth` × `maxHeight`; `nil` without points.
    ///
    /// With `trim` > 0, the box leaves out that share of the points at each
    /// side (per axis), so that a few far-away ends do not shrink the rest
    /// of the map into a corner; lines to them run off the edge.
    ///
    /// - Complexity: O(n), or O(n log n) with `trim`.
    init?(points: some Sequence<Coordinate>, trim: Double = 0, maxWidth: Double = 1000, maxHeight: Double = 640) {
        var minLat = Double.infinity, maxLat = -Double.infinity, minLon = Double.infinity, maxLon = -Double.infinity
        if trim > 0 {
            var lats: [Double] = [], lons: [Double] = []
            for p in points {
                lats.append(p.latitude)
                lons.append(p.longitude)
            }
            guard !lats.isEmpty else { return nil }
            lats.sort()
            lons.sort()
            let lo = Int(Double(lats.count) * trim), hi = lats.count - 1 - lo
            (minLat, maxLat, minLon, maxLon) = (lats[lo], lats[hi], lons[lo], lons[hi])
        } else {
            for p in points {
                minLat = min(minLat, p.latitude); maxLat = max(maxLat, p.latitude)
                minLon = min(minLon, p.longitude); maxLon = max(maxLon, p.longitude)
            }
            guard minLat.isFinite else { return nil }
        }
        let padLat = max((maxLat - minLat) * 0.05, 0.005), padLon = max((maxLon - minLon) * 0.05, 0.005)
        self.minLat = minLat - padLat
        self.maxLat = maxLat + padLat
        self.minLon = minLon - padLon
        self.maxLon = maxLon + padLon
        kx = cos((self.minLat + self.maxLat) / 2 * Double.pi / 180)
        let spanX = (self.maxLon - self.minLon) * kx, spanY = self.maxLat - self.minLat
        scale = min(maxWidth / spanX, maxHeight / spanY)
        width = (spanX * scale).rounded()
        height = (spanY * scale).rounded()
    }

    func x(_ c: Coordinate) -> Double { (c.longitude - minLon) * kx * scale }
    func y(_ c: Coordinate) -> Double { (maxLat - c.latitude) * scale }

    /// `x,y` with one decimal.
    func point(_ c: Coordinate) -> String {
        JSONValue.format(x(c), decimals: 1) + "," + JSONValue.format(y(c), decimals: 1)
    }

    func contains(_ c: Coordinate) -> Bool {
        c.latitude >= minLat && c.latitude <= maxLat && c.longitude >= minLon && c.longitude <= maxLon
    }

    /// Kilometres one pixel stands for.
    var kilometresPerPixel: Double { Self.kilometresPerDegree / scale }

    /// The polyline's points as `x,y x,y …`, leaving out points less than
    /// `minPixels` from the last one kept (the last point always stays), so
    /// that a 2,000-point road route costs no more than its drawn length.
    func polyline(_ line: [Coordinate], minPixels: Double = 1) -> String {
        var out = ""
        var lastX = -1e9, lastY = -1e9
        for (i, c) in line.enumerated() {
            let px = x(c), py = y(c)
            let isLast = i == line.count - 1
            guard isLast || abs(px - lastX) >= minPixels || abs(py - lastY) >= minPixels else { continue }
            if !out.isEmpty { out += " " }
            out += JSONValue.format(px, decimals: 1) + "," + JSONValue.format(py, decimals: 1)
            lastX = px
            lastY = py
        }
        return out
    }

    /// A round length for a scale bar about a fifth of the map wide: 1, 2
    /// or 5 × 10ⁿ km (or metres below 1 km), with its width in pixels.
    func scaleBar() -> (label: String, pixels: Double) {
        let target = width / 5 * kilometresPerPixel
        var unit = pow(10, (log10(target)).rounded(.down))
        for step in [5.0, 2.0, 1.0] where step * unit <= target {
            unit *= step
            break
        }
        let label = unit >= 1 ? "\(grouped(unit, decimals: 0)) km" : "\(grouped(unit * 1000, decimals: 0)) m"
        return (label, unit / kilometresPerPixel)
    }
}
