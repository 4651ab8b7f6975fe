#!/usr/bin/env python3
"""Contraction hierarchies: backhaul against pandana (UDST's C++ contraction
hierarchies, https://github.com/UDST/pandana) on the whole DIMACS New York
graph, in the same run: preprocessing, then queries on the same legs, with
CPU time beside wall time and the ratios.

    python3 Benchmarks/compare/hierarchy_pandana.py [--runs N] [--threads T] [--swift-binary PATH]

1. Runs `HierarchyBenchmark build` (swift run -c release, or the binary
   given): backhaul's preprocessing, median of N runs after a warm-up, with
   the process CPU time.
2. Runs `HierarchyBenchmark pandana` with BACKHAUL_BENCH_EXPORT set: it times
   and writes two sets of legs between DIMACS nodes with backhaul's lengths:
   10,000 sources × their 40 nearest of 100,000 targets (the local legs a
   match job asks for, ContractionHierarchy.costs) and 100,000 random pairs
   (one-to-one queries, HierarchyQuery), both on 1 thread.
3. Builds pandana's Network (its contraction hierarchy) on the same arcs and
   times it, then `shortest_path_lengths` on the same two sets of legs, and
   checks that every length equals backhaul's (integer decimetres).

pandana runs with T OpenMP threads (default 1, set before it is imported, so
that its CPU time is not inflated by idle threads spinning); backhaul's build
uses 2 threads for its parallel part (the first priorities; the contraction
is sequential). Ratios are backhaul / pandana: below 1, backhaul is faster.

Needs numpy, pandas and pandana (`pip install pandana`); says so and exits 0
when they are missing, and when the DIMACS files are absent.
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


def find(name):
    for base in (os.path.join(REPO, "..", "shared", "data"), os.path.join(REPO, "..", "..", "shared", "data"),
                 "/work/shared/data"):
        p = os.path.join(base, "dimacs", name)
        if os.path.exists(p):
            return os.path.normpath(p)
    return None


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def run_swift(args, case, env=None):
    cmd = [args.swift_binary] if args.swift_binary else ["swift", "run", "-c", "release", "HierarchyBenchmark"]
    cmd += ["--runs", str(args.runs), case]
    print("$ " + " ".join(cmd), flush=True)
    out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    print(out, end="", flush=True)
    results = {}
    for line in out.splitlines():
        if line.startswith("RESULT "):
            parts = line.split()
            results[parts[1]] = dict(p.split("=") for p in parts[2:])
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed runs after one warm-up, both sides (default 3)")
    ap.add_argument("--threads", type=int, default=1, help="OpenMP threads for pandana (default 1)")
    ap.add_argument("--swift-binary", help="a built HierarchyBenchmark binary (default: swift run -c release)")
    args = ap.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)

    try:
        import numpy as np
        import pandas as pd
        import pandana
    except ImportError as e:
        print(f"SKIPPED: numpy/pandas/pandana are not installed ({e}); pip install pandana")
        return 0
    gr, co = find("USA-road-d.NY.gr.gz"), find("USA-road-d.NY.co.gz")
    if gr is None or co is None:
        print("SKIPPED: dimacs/USA-road-d.NY.gr.gz and .co.gz are absent (looked in ../shared/data and /work/shared/data)")
        return 0
    print(f"load average at start: {load_average()}")

    # 1–2. backhaul, in the same run.
    build = run_swift(args, "build")["build"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BACKHAUL_BENCH_EXPORT=tmp)
        results = run_swift(args, "pandana", env)
        legs = {}
        for name in ("local", "random"):
            pairs = np.loadtxt(os.path.join(tmp, f"pairs-{name}.txt"), dtype=np.int64)
            lengths = np.fromfile(os.path.join(tmp, f"lengths-{name}.u32"), dtype="<u4")
            legs[name] = (pairs, lengths)

    # 3. pandana on the same arcs (DIMACS ids as node ids, weights in decimetres).
    t0 = time.perf_counter()
    with gzip.open(gr, "rb") as f:
        a = np.array([line.split()[1:] for line in f if line.startswith(b"a ")], dtype=np.int64)
    with gzip.open(co, "rb") as f:
        c = np.array([line.split()[1:] for line in f if line.startswith(b"v ")], dtype=np.int64)
    nodes = pd.DataFrame({"x": c[:, 1] / 1e6, "y": c[:, 2] / 1e6}, index=c[:, 0])
    edges = pd.DataFrame({"from": a[:, 0], "to": a[:, 1], "weight": a[:, 2].astype(np.float64)})
    print(f"pandana {pandana.__version__}: read {len(nodes)} nodes, {len(edges)} arcs in {time.perf_counter() - t0:.2f} s; "
          f"{args.threads} OpenMP thread{'s' if args.threads > 1 else ''}", flush=True)

    def timed(body, runs):
        body()  # warm-up
        walls, cpus = [], []
        for _ in range(runs):
            w0, c0 = time.perf_counter(), time.process_time()
            result = body()
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
        return sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2], result

    # Network() runs the contraction hierarchy preprocessing.
    build_runs = max(1, min(args.runs, 3))
    net_wall, net_cpu, net = timed(
        lambda: pandana.Network(nodes.x, nodes.y, edges["from"], edges["to"], edges[["weight"]], twoway=False),
        build_runs)
    print(f"pandana preprocessing: median {net_wall:.3f} s wall, {net_cpu:.3f} s CPU over {build_runs} runs "
          f"(after a warm-up); load average {load_average()}", flush=True)

    agree = True
    query = {}
    for name, (pairs, lengths) in legs.items():
        wall, cpu, got = timed(lambda: np.asarray(net.shortest_path_lengths(pairs[:, 0], pairs[:, 1])), args.runs)
        query[name] = (wall, cpu, len(pairs))
        reachable = lengths != 0xFFFFFFFF
        same = np.array_equal(got[reachable], lengths[reachable].astype(np.float64))
        agree = agree and same
        print(f"pandana shortest_path_lengths, {len(pairs)} {name} legs: median {wall:.3f} s wall, {cpu:.3f} s CPU; "
              f"lengths equal to backhaul's: {'yes' if same else 'NO'} ({reachable.sum()} reachable)", flush=True)

    print()
    bw, bc = float(build["wall"]), float(build["cpu"])
    print(f"preprocessing  backhaul {bw:.3f} s wall, {bc:.3f} s CPU | pandana {net_wall:.3f} s wall, {net_cpu:.3f} s CPU | "
          f"ratio backhaul/pandana: {bw / net_wall:.2f} wall, {bc / net_cpu:.2f} CPU")
    for name, key in (("local", "pandana-local"), ("random", "pandana-random")):
        r = results[key]
        sw, sc = float(r["wall"]), float(r["cpu"])
        pw, pc, n = query[name]
        print(f"{name:7} legs   backhaul {sw:.3f} s wall, {sc:.3f} s CPU | pandana {pw:.3f} s wall, {pc:.3f} s CPU "
              f"({n} legs) | ratio backhaul/pandana: {sw / pw:.2f} wall, {sc / pc:.2f} CPU")
    print(f"load average at end: {load_average()}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
