#!/usr/bin/env python3
"""Compare backhaul's maximum-weight matching with networkx on the same instances.

    python3 Benchmarks/compare/matching_networkx.py [--runs N] [--max-edges M] [filter]

Builds and runs `MatchingBenchmark` (release) with `--write-instances`, so
that the instances (random shipments, crow-fly savings; see
Benchmarks/MatchingBenchmark/main.swift) are generated once, solved by the
Swift solver, and written to a temporary folder. Then every instance with at
most `--max-edges` edges is solved with `networkx.max_weight_matching` (van
Rantwijk's O(n^3) algorithm in pure Python) in the same run. The script checks
that both total weights are equal and prints the speed ratio. Larger
instances are skipped for networkx with an estimate of how long it would take
(its time grows roughly with n^2 * m here).

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
        "--max-edges", type=int, default=1_100_000,
        help="skip networkx on instances with more edges (default 1,100,000: dense-2000 runs, dense-5000 does not)")
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
        print()
        print(f"{'instance':<18} {'n':>7} {'edges':>9} {'swift s':>9} {'networkx s':>11} {'ratio':>8}  weights")
        for name in names:
            n, edges = read_instance(os.path.join(folder, name + ".edges"))
            with open(os.path.join(folder, name + ".result")) as f:
                weight_text, seconds_text = f.read().split()
            swift_weight, swift_seconds = int(weight_text), float(seconds_text)
            row = f"{name:<18} {n:>7} {len(edges):>9} {swift_seconds:>9.3f}"
            if nx is None:
                print(row + f" {'-':>11} {'-':>8}  (networkx absent)")
                continue
            if len(edges) > args.max_edges:
                print(row + f" {'skipped':>11} {'-':>8}  (more than {args.max_edges:,} edges: hours in networkx)")
                continue
            graph = nx.Graph()
            graph.add_nodes_from(range(n))
            graph.add_weighted_edges_from(edges)
            start = time.perf_counter()
            matching = nx.max_weight_matching(graph)
            nx_seconds = time.perf_counter() - start
            nx_weight = sum(graph[u][v]["weight"] for u, v in matching)
            verdict = "equal" if nx_weight == swift_weight else f"DIFFERENT: swift {swift_weight}, networkx {nx_weight}"
            print(row + f" {nx_seconds:>11.3f} {nx_seconds / swift_seconds:>7.0f}x  {verdict}", flush=True)
            if nx_weight != swift_weight:
                sys.exit(1)


if __name__ == "__main__":
    main()
