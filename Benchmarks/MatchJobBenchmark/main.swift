import BenchmarkSupport

// Not written yet: see the issue that owns this benchmark.
print("MatchJobBenchmark: no cases yet")
