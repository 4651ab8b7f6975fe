#!/usr/bin/env python3
"""VROOM (pyvroom) against backhaul's tours on the same crow-fly instances.

    swift run -c release TourBenchmark --write-instances /tmp/tours smaland-3
    python3 Benchmarks/compare/tours_vroom.py /tmp/tours/smaland-3 [--exploration 5] [--threads 2] [--ortools SECONDS]

Reads NAME.csv (the shipments) and NAME.tours.json (backhaul's plan, written
by the benchmark), builds the crow-fly matrix exactly as the `match` job does
(great-circle on a sphere of radius 6,371,008.8 m, × 1.3, rounded to whole
metres) over every origin and destination, and solves the same problem as a
pickup-and-delivery problem: one vehicle per shipment, based at its origin
(start = end = origin), capacity 1 (one full load at a time), at most
2·K tasks (K shipments) per vehicle, every shipment served, cost = metres.
VROOM may let a vehicle serve other shipments than its own (more freedom than
backhaul's tours, never less).

Prints, in the same run: backhaul's total recomputed from the matrix (a check
of the benchmark's figure), VROOM's total, the ratio and VROOM's time; with
--ortools, the same for OR-Tools' routing solver (guided local search).
"""

import argparse
import csv
import json
import math
import sys
import time

import numpy as np

R = 6_371_008.8
CIRCUITY = 1.3


def unit(lat, lon):
    a = np.radians(lat)
    o = np.radians(lon)
    return np.stack([np.cos(a) * np.cos(o), np.cos(a) * np.sin(o), np.sin(a)], axis=-1)


def crowfly(p, q):
    d = p[:, None, :] - q[None, :, :]
    chord = np.sqrt((d * d).sum(-1))
    return np.rint(2 * R * np.arcsin(np.minimum(1.0, chord / 2)) * CIRCUITY).astype(np.int64)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instance", help="path prefix: INSTANCE.csv and INSTANCE.tours.json")
    ap.add_argument("--exploration", type=int, default=5, help="VROOM exploration level 0-5 (default 5, the highest)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--ortools", type=float, default=0, help="also run OR-Tools for this many seconds")
    args = ap.parse_args()

    rows = list(csv.DictReader(open(args.instance + ".csv")))
    plan = json.load(open(args.instance + ".tours.json"))
    n = len(rows)
    k = plan["max_tour"]
    ids = [r["id"] for r in rows]
    index = {s: i for i, s in enumerate(ids)}
    o = unit(np.array([float(r["origin_lat"]) for r in rows]), np.array([float(r["origin_lon"]) for r in rows]))
    d = unit(np.array([float(r["dest_lat"]) for r in rows]), np.array([float(r["dest_lon"]) for r in rows]))
    points = np.concatenate([o, d])  # 0..n-1 origins, n..2n-1 destinations
    matrix = crowfly(points, points)

    # backhaul's plan, recomputed from this matrix.
    served = set()
    ours = 0
    for tour in plan["tours"]:
        t = [index[s] for s in tour]
        for x, s in enumerate(t):
            nxt = t[(x + 1) % len(t)]
            ours += matrix[s, n + s] + matrix[n + s, nxt]
            served.add(s)
    for s in range(n):
        if s not in served:
            ours += matrix[s, n + s] + matrix[n + s, s]
    print(f"{plan['name']}: n {n}, max tour {k}")
    print(f"  backhaul: {ours / 1000:.1f} km (benchmark reported {plan['total_m'] / 1000:.1f} km; "
          f"proven bound {plan['bound_total_m'] / 1000:.1f} km; optimal pairs {plan['pairing_total_m'] / 1000:.1f} km) "
          f"in {plan['seconds']:.2f} s")
    if abs(ours - plan["total_m"]) > n:
        print("  WARNING: the recomputed total differs from the benchmark's")

    import vroom

    problem = vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=matrix.tolist())
    problem.set_costs_matrix(profile="car", matrix_input=matrix.tolist())
    for v in range(n):
        problem.add_vehicle(vroom.Vehicle(id=v + 1, start=v, end=v, capacity=vroom.Amount([1]), max_tasks=2 * k))
    for s in range(n):
        problem.add_shipment(
            pickup=vroom.ShipmentStep(id=s + 1, location=s),
            delivery=vroom.ShipmentStep(id=s + 1, location=n + s),
            amount=vroom.Amount([1]))
    t0 = time.time()
    solution = problem.solve(exploration_level=args.exploration, nb_threads=args.threads)
    seconds = time.time() - t0
    cost = int(solution.summary.cost)
    unassigned = len(solution.unassigned) if hasattr(solution, "unassigned") else 0
    # Unassigned shipments (none expected) would still need their own round trip.
    print(f"  VROOM (exploration {args.exploration}, {args.threads} threads): {cost / 1000:.1f} km in {seconds:.1f} s"
          f"{'' if unassigned == 0 else f', {unassigned} unassigned'}")
    print(f"  backhaul / VROOM = {ours / cost:.4f} ({(1 - ours / cost) * 100:.2f} % below VROOM)")

    if args.ortools > 0:
        from ortools.constraint_solver import pywrapcp, routing_enums_pb2

        # Nodes: a start/end depot per vehicle (its origin), then pickup and delivery per shipment.
        locations = list(range(n)) + list(range(n)) + [n + s for s in range(n)]
        size = len(locations)
        manager = pywrapcp.RoutingIndexManager(size, n, list(range(n)), list(range(n)))
        routing = pywrapcp.RoutingModel(manager)
        sub = matrix[np.ix_(locations, locations)]

        def distance(i, j):
            return int(sub[manager.IndexToNode(i), manager.IndexToNode(j)])

        callback = routing.RegisterTransitCallback(distance)
        routing.SetArcCostEvaluatorOfAllVehicles(callback)

        def load(i):
            node = manager.IndexToNode(i)
            return 1 if n <= node < 2 * n else (-1 if node >= 2 * n else 0)

        load_cb = routing.RegisterUnaryTransitCallback(load)
        routing.AddDimension(load_cb, 0, 1, True, "load")
        count_cb = routing.RegisterUnaryTransitCallback(lambda i: 1 if manager.IndexToNode(i) >= n else 0)
        routing.AddDimension(count_cb, 0, 2 * k, True, "tasks")
        tasks = routing.GetDimensionOrDie("tasks")
        for s in range(n):
            p, q = manager.NodeToIndex(n + s), manager.NodeToIndex(2 * n + s)
            routing.AddPickupAndDelivery(p, q)
            routing.solver().Add(routing.VehicleVar(p) == routing.VehicleVar(q))
            routing.solver().Add(tasks.CumulVar(p) <= tasks.CumulVar(q))
        params = pywrapcp.DefaultRoutingSearchParameters()
        params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        params.time_limit.seconds = int(args.ortools)
        t0 = time.time()
        sol = routing.SolveWithParameters(params)
        seconds = time.time() - t0
        if sol is None:
            print("  OR-Tools: no solution")
        else:
            cost = sol.ObjectiveValue()
            print(f"  OR-Tools (guided local search, {args.ortools:.0f} s): {cost / 1000:.1f} km in {seconds:.1f} s")
            print(f"  backhaul / OR-Tools = {ours / cost:.4f} ({(1 - ours / cost) * 100:.2f} % below OR-Tools)")


if __name__ == "__main__":
    sys.exit(main())
