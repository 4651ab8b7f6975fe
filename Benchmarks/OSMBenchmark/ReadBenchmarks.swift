import BenchmarkSupport
import Routing

/// Reading OpenStreetMap files into road graphs.
func runReadBenchmarks(_ runner: BenchmarkRunner) {
    for name in ["stockholm.osm.pbf", "bautzen.osm", "north-bayreuth.osm.gz", "andorra.osm.pbf", "monaco.osm.pbf", "malta-latest.osm.pbf"] {
        guard let path = sharedDataFile("osm/" + name) else { continue }
        for profile in [VehicleProfile.hgv, .car] {
            do {
                let (g, s) = try OSMGraphReader(profile: profile).readWithStatistics(path: path)
                print("\(name) \(profile.name): nodes \(s.nodes) ways \(s.ways) relations \(s.relations) routable \(s.routableWays) referenced \(s.referencedNodes) segments \(s.segments) contracted \(s.contractedNodes) graph \(g.nodeCount)/\(g.edgeCount) shape \(s.shapePoints) missing \(s.missingNodeReferences) read \(fixed(s.readSeconds * 1000, 1)) ms assembly \(fixed(s.assemblySeconds * 1000, 1)) ms")
            } catch {
                print("\(name): \(error)")
            }
        }
    }
}
