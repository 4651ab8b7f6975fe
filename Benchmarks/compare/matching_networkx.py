#!/usr/bin/env python3
"""Compare backhaul's maximum-weight matching with networkx on the same instances.

    python3 Benchmarks/compare/matching_networkx.py [--runs N] [--max-work W] [filter]

Builds and runs `MatchingBenchmark` (release) with `--write-instances`, so
that the instances (random shipments, crow-fly savings; see
Benchmarks/MatchingBenchmark/main.swift) are generated once, solved by the
Swift solver, and written to a temporary folder. Then every instance whose
size n * edges is at most `--max-work` is solved with
`networkx.max_weight_matching` (van Rantwijk's O(n^3) algorithm in pure
Python: n/2 stages that each rescan the edges) in the same run. The script checks
that both total weights are equal and prints the speed ratio, by wall time
and by CPU time (on a shared machine the CPU-time ratio is the fairer one:
neither side is charged for the other processes). Larger
instances are skipped for networkx, with an estimate of how long they would
take from the seconds per unit of n * edges measured on the ones that ran.
The default budget runs dense-1000 (about ten minutes) and dense-2000 (about
an hour and a half); sparse20-20000, dense-5000 and sparse20-100000 would
take many hours to days.

networkx is optional: without it the script says so and only prints the
Swift figures.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

try:
    import networkx as nx
except ImportError:  # pragma: no cover - reported to the user
    nx = None

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_instance(path):
    with open(path) as f:
        n, m = map(int, f.readline().split())
        edges = []
        for _ in range(m):
            u, v, w = f.readline().split()
            edges.append((int(u), int(v), int(w)))
    return n, edges


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("filter", nargs="?", default="", help="only instances whose name contains this")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of the Swift solver (median)")
    parser.add_argument(
        "--max-work", type=float, default=2.5e9,
        help="skip networkx on instances with n * edges above this (default 2.5e9: dense-1000 and dense-2000 run)")
    parser.add_argument("--binary", help="a built MatchingBenchmark (default: swift build -c release)")
    args = parser.parse_args()

    binary = args.binary
    if binary is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "MatchingBenchmark"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, ".build", "release", "MatchingBenchmark")

    if nx is None:
        print("networkx is not installed (pip install networkx): printing the Swift figures only")
    else:
        print(f"networkx {nx.__version__}, Python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory() as folder:
        command = [binary, "--runs", str(args.runs), "--write-instances", folder]
        if args.filter:
            command.append(args.filter)
        # Only the matching cases write instances; the pairing-* cases are skipped
        # unless the filter selects them.
        subprocess.run(command, check=True)
        names = sorted(f[:-6] for f in os.listdir(folder) if f.endswith(".edges"))
        names.sort(key=lambda s: (s.split("-")[0], int(s.split("-")[-1])))
        per_work = None  # networkx CPU seconds per unit of n * edges
        print()
        print(f"{'instance':<16} {'n':>7} {'edges':>9} {'swift wall':>11} {'swift cpu':>10}"
              f" {'nx wall':>10} {'nx cpu':>10} {'ratio wall':>11} {'ratio cpu':>10}  weights")
        for name in names:
            n, edges = read_instance(os.path.join(folder, name + ".edges"))
            with open(os.path.join(folder, name + ".result")) as f:
                weight_text, seconds_text, cpu_text = f.read().split()
            swift_weight, swift_seconds, swift_cpu = int(weight_text), float(seconds_text), float(cpu_text)
            row = f"{name:<16} {n:>7} {len(edges):>9} {swift_seconds:>11.3f} {swift_cpu:>10.3f}"
            if nx is None:
                print(row + "  (networkx absent)")
                continue
            work = n * len(edges)
            if work > args.max_work:
                estimate = f", about {work * per_work / 3600:.0f} h by the runs above" if per_work else ""
                print(row + f"  networkx skipped: n * edges = {work:.1e} > {args.max_work:.1e}{estimate}")
                continue
            graph = nx.Graph()
            graph.add_nodes_from(range(n))
            graph.add_weighted_edges_from(edges)
            start, start_cpu = time.perf_counter(), time.process_time()
            matching = nx.max_weight_matching(graph)
            nx_seconds, nx_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            nx_weight = sum(graph[u][v]["weight"] for u, v in matching)
            per_work = nx_cpu / (n * len(edges))
            verdict = "equal" if nx_weight == swift_weight else f"DIFFERENT: swift {swift_weight}, networkx {nx_weight}"
            print(row + f" {nx_seconds:>10.1f} {nx_cpu:>10.1f} {nx_seconds / swift_seconds:>10.0f}x"
                  f" {nx_cpu / swift_cpu:>9.0f}x  {verdict}", flush=True)
            if nx_weight != swift_weight:
                sys.exit(1)


if __name__ == "__main__":
    main()
