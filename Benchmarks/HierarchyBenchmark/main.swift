import BenchmarkSupport

// Not written yet: contraction hierarchies (see docs/benchmarks/hierarchy.md when it lands).
print("HierarchyBenchmark: no cases yet")
