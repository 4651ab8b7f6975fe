#!/usr/bin/env python3
"""Time backhaul's 1000×1000 matrix against scipy.sparse.csgraph.dijkstra
on the whole DIMACS New York graph, in the same run, and check that the
distances agree.

    python3 Benchmarks/compare/routing_scipy.py [--runs N] [--swift-binary PATH]

It runs the Swift benchmark (`swift run -c release RoutingBenchmark matrix`,
or the binary given) with BACKHAUL_BENCH_EXPORT set, so that the benchmark
writes its 1000 sources and its distance matrix; then it times scipy's
Dijkstra from the same 1000 sources (to every node, as scipy cannot stop at a
target set; the targets are the same 1000 nodes) and compares the 10⁶
distances exactly. Both sides are single-threaded unless stated; the ratio
printed is Swift time / scipy time (below 1 = Swift faster).

Needs numpy and scipy; says so and exits 0 when they are missing, and when
the DIMACS file is absent.
"""
import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def find_graph():
    for base in (os.path.join(REPO, "..", "shared", "data"), os.path.join(REPO, "..", "..", "shared", "data"),
                 "/work/shared/data"):
        p = os.path.join(base, "dimacs", "USA-road-d.NY.gr.gz")
        if os.path.exists(p):
            return os.path.normpath(p)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=1, help="timed runs after one warm-up (both sides; default 1)")
    ap.add_argument("--swift-binary", help="a built RoutingBenchmark binary (default: swift run -c release)")
    args = ap.parse_args()

    try:
        import numpy as np
        import scipy
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra
    except ImportError as e:
        print(f"SKIPPED: numpy/scipy are not installed ({e}); pip install numpy scipy")
        return 0
    graph = find_graph()
    if graph is None:
        print("SKIPPED: dimacs/USA-road-d.NY.gr.gz is absent (looked in ../shared/data and /work/shared/data)")
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        # 1. The Swift benchmark, which exports its sources and matrix.
        cmd = [args.swift_binary] if args.swift_binary else ["swift", "run", "-c", "release", "RoutingBenchmark"]
        cmd += ["--runs", str(args.runs), "matrix"]
        env = dict(os.environ, BACKHAUL_BENCH_EXPORT=tmp)
        print("$ " + " ".join(cmd), flush=True)
        out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
        print(out, end="")
        swift, swift_cpu = {}, {}
        for threads in (1, 2):
            m = re.search(r"matrix 1000×1000 \(%d threads?\): .*?median ([0-9.]+) (ms|s)" % threads, out)
            if m:
                swift[threads] = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
            m = re.search(r"matrix 1000×1000 \(%d threads?\): CPU ([0-9.]+) (ms|s)" % threads, out)
            if m:
                swift_cpu[threads] = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
        sources = np.loadtxt(os.path.join(tmp, "sources.txt"), dtype=np.int64) - 1
        swift_matrix = np.fromfile(os.path.join(tmp, "matrix.u32"), dtype="<u4").reshape(len(sources), len(sources))

    # 2. scipy on the same graph (parallel arcs: the shortest one, as Dijkstra uses).
    t0 = time.perf_counter()
    with gzip.open(graph, "rb") as f:
        arcs = [line.split()[1:] for line in f if line.startswith(b"a ")]
    a = np.array(arcs, dtype=np.int64)
    n = int(a[:, :2].max())
    u, v, w = a[:, 0] - 1, a[:, 1] - 1, a[:, 2]
    order = np.lexsort((w, v, u))
    u, v, w = u[order], v[order], w[order]
    first = np.ones(len(u), dtype=bool)
    first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    g = csr_matrix((w[first].astype(np.float64), (u[first], v[first])), shape=(n, n))
    print(f"scipy {scipy.__version__}: graph read in {time.perf_counter() - t0:.2f} s "
          f"({n} nodes, {len(a)} arcs, {first.sum()} after keeping the shortest of parallel arcs)")

    def run_scipy():
        # Chunks of 100 sources keep memory at 100 × n doubles.
        result = np.empty((len(sources), len(sources)))
        for k in range(0, len(sources), 100):
            d = dijkstra(g, directed=True, indices=sources[k:k + 100])
            result[k:k + 100] = d[:, sources]
        return result

    t0, c0 = time.perf_counter(), time.process_time()
    scipy_matrix = run_scipy()
    warm = time.perf_counter() - t0
    times, cpus = [], [time.process_time() - c0]
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        scipy_matrix = run_scipy()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    scipy_time = sorted(times)[len(times) // 2]
    scipy_cpu = sum(cpus) / len(cpus)
    print(f"scipy dijkstra 1000 sources (1 thread): warm-up {warm:.3f} s; median {scipy_time:.3f} s over {args.runs} runs "
          f"({1000 * scipy_time / len(sources):.1f} ms per source); CPU {scipy_cpu:.3f} s per run; "
          f"load average {' '.join(open('/proc/loadavg').read().split()[:3])}")

    # 3. Agreement: every one of the 10⁶ distances, exactly (integer decimetres).
    unreachable = swift_matrix == 0xFFFFFFFF
    same_reach = np.array_equal(unreachable, np.isinf(scipy_matrix))
    diff = np.abs(swift_matrix[~unreachable].astype(np.float64) - scipy_matrix[~unreachable])
    agree = same_reach and diff.max(initial=0) == 0
    print(f"distances agree: {'yes' if agree else 'NO'} ({(~unreachable).sum()} pairs compared, "
          f"max difference {diff.max(initial=0):.0f} dm)")

    for threads, t in sorted(swift.items()):
        print(f"ratio swift {threads} thread{'s' if threads > 1 else ''} / scipy 1 thread: {t / scipy_time:.3f} "
              f"(swift {t:.3f} s, scipy {scipy_time:.3f} s)")
    if 1 in swift_cpu:
        print(f"ratio by CPU time (less sensitive to a busy machine): swift 1 thread / scipy: {swift_cpu[1] / scipy_cpu:.3f} "
              f"(swift {swift_cpu[1]:.3f} s, scipy {scipy_cpu:.3f} s)")
    if 1 in swift and 2 in swift:
        print(f"swift speed-up from 1 to 2 threads: {swift[1] / swift[2]:.2f}× (wall time; needs two idle cores)")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
