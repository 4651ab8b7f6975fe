import BenchmarkSupport
import Foundation

/// A national nightly batch resampled from the loaded rows of the Samgods
/// 1 % sample (`sweden-samgods-1pct.csv`, Bischoff et al., MT-ITS 2019):
/// each generated row copies a random loaded trip, moves both ends by up to
/// about 1 km (uniform in a disc) and shifts its pickup window by up to
/// ±30 minutes. 3,122 loaded rows × 100 ≈ 310,000: a working day of
/// Swedish loaded lorry trips at the sample's scale.
struct NationalBatch {
    struct Trip {
        var originLat, originLon, destLat, destLon: Double
        /// Minutes from 2026-11-26T00:00 (nil: no window).
        var pickupEarliest, pickupLatest: Int?
    }

    let trips: [Trip]

    /// Reads the loaded rows (plain CSV without quotes, as the file is).
    init?(path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return nil }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let oLat = column("origin_lat"), let oLon = column("origin_lon"), let dLat = column("dest_lat"),
            let dLon = column("dest_lon"), let pe = column("pickup_earliest"), let pl = column("pickup_latest"),
            let status = column("load_status")
        else { return nil }
        func minutes(_ s: Substring) -> Int? {
            // 2026-11-26T04:06:45 → minutes from 2026-11-26T00:00.
            let parts = s.split(separator: "T")
            guard parts.count == 2, let day = Int(parts[0].suffix(2)) else { return nil }
            let hms = parts[1].split(separator: ":").compactMap { Int($0) }
            guard hms.count >= 2 else { return nil }
            return (day - 26) * 1440 + hms[0] * 60 + hms[1]
        }
        trips = lines.compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == header.count, f[status] == "loaded", let a = Double(f[oLat]), let b = Double(f[oLon]),
                let c = Double(f[dLat]), let d = Double(f[dLon])
            else { return nil }
            return Trip(originLat: a, originLon: b, destLat: c, destLon: d, pickupEarliest: minutes(f[pe]), pickupLatest: minutes(f[pl]))
        }
    }

    /// `count` resampled rows as CSV.
    func csv(count: Int, seed: UInt64) -> String {
        var rng = SplitMix(state: seed)
        var out = "id,origin_lat,origin_lon,dest_lat,dest_lon,pickup_earliest,pickup_latest\n"
        out.reserveCapacity(count * 90)
        func jitter(_ lat: Double, _ lon: Double) -> (Double, Double) {
            let r = 1000 * rng.unit().squareRoot(), theta = 2 * Double.pi * rng.unit()
            return (lat + r * cos(theta) / 111_195, lon + r * sin(theta) / (111_195 * cos(lat * .pi / 180)))
        }
        func time(_ minutes: Int) -> String {
            let day = 26 + Int((Double(minutes) / 1440).rounded(.down))
            let m = ((minutes % 1440) + 1440) % 1440
            return "2026-11-\(two(day))T\(two(m / 60)):\(two(m % 60))"
        }
        for i in 0..<count {
            let t = trips[Int(rng.next() % UInt64(trips.count))]
            let (oa, ob) = jitter(t.originLat, t.originLon)
            let (da, db) = jitter(t.destLat, t.destLon)
            let shift = Int(rng.next() % 61) - 30
            out += "N\(i),\(fixed(oa, 5)),\(fixed(ob, 5)),\(fixed(da, 5)),\(fixed(db, 5)),"
            out += (t.pickupEarliest.map { time($0 + shift) } ?? "") + ","
            out += (t.pickupLatest.map { time($0 + shift) } ?? "") + "\n"
        }
        return out
    }

    private func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
}

/// SplitMix64 (Steele, Lea & Flood 2014).
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
