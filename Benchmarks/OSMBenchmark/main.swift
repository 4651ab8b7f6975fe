import BenchmarkSupport

// OpenStreetMap reading (this file's owner: the OSM reader) and, in
// SnapBenchmarks.swift once it lands, `.bhg` loading and snapping.
let runner = BenchmarkRunner()
runReadBenchmarks(runner)
