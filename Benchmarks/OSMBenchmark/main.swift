import BenchmarkSupport

// OpenStreetMap reading (ReadBenchmarks.swift), then `.bhg` loading and
// snapping (SnapBenchmarks.swift), then what turn restrictions cost
// (RestrictionBenchmarks.swift).
//
//     swift run -c release OSMBenchmark [--runs N] [filter]
let runner = BenchmarkRunner()
runReadBenchmarks(runner)
runSnapBenchmarks(runner)
runRestrictionBenchmarks(runner)
