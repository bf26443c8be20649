"""Time the engine on the bundled data and on a synthetic 1,000,000-point demand set.

Run from the repository root::

    .venv/bin/python bench/bench_engine.py [--points 1000000] [--centres 100]

Prints wall-clock times (best of ``--repeat`` runs), peak memory of the nearest-centre
step, and how much faster our E2SFCA is than PySAL ``access`` on the same inputs
(``access`` is given the sparse cost list precomputed; ours computes it too).
Targets (issue 3): full report < 1 s once data is loaded; nearest centre for 1M x 100
< 3 s and < 1.5 GB; E2SFCA at least 10 times faster than ``access``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coverage import load_all, settings
from coverage.accessibility import e2sfca, e2sfca_arrays
from coverage.population import demand_model
from coverage.report import build_report
from coverage.travel import (
    km_from_minutes,
    minutes_from_km,
    nearest,
    pairs_within,
    travel_mode,
)


def best(fn, repeat: int) -> tuple[float, object]:
    """Best wall time of ``repeat`` runs, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def cost_list(demand: pd.DataFrame, centres: pd.DataFrame, travel):
    """The sparse cost list both implementations get: pairs within the last zone."""
    point, centre, km = pairs_within(demand["lon"].to_numpy(), demand["lat"].to_numpy(),
                                     centres["lon"].to_numpy(), centres["lat"].to_numpy(),
                                     km_from_minutes(max(settings.E2SFCA_ZONES), travel))
    supply = centres["beds"].astype("Float64").fillna(
        settings.UNKNOWN_CAPACITY_UNITS).to_numpy(dtype=float)
    town_km = demand["town_km"].to_numpy()[point] if "town_km" in demand else 0.0
    return point, centre, minutes_from_km(km, travel, town_km), supply


def ours_e2sfca(demand: pd.DataFrame, costs, repeat: int) -> tuple[float, np.ndarray]:
    """Our E2SFCA core on the precomputed cost list."""
    point, centre, minutes, supply = costs
    women = demand["women"].to_numpy()
    return best(lambda: e2sfca_arrays(point, centre, minutes, women, supply)[0], repeat)


def access_e2sfca(demand: pd.DataFrame, costs) -> tuple[float, np.ndarray]:
    """PySAL access's E2SFCA on the same demand, supply and costs."""
    import warnings

    import access

    point, centre, minutes, beds = costs
    cost = pd.DataFrame({"origin": point, "dest": centre, "cost": minutes})
    supply = pd.DataFrame({"id": np.arange(len(beds)), "beds": beds})
    dem = pd.DataFrame({"id": np.arange(len(demand)), "women": demand["women"].to_numpy()})
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acc = access.Access(demand_df=dem, demand_index="id", demand_value="women",
                            supply_df=supply, supply_index="id", supply_value="beds",
                            cost_df=cost, cost_origin="origin", cost_dest="dest",
                            cost_name="cost")
        out = acc.enhanced_two_stage_fca(
            name="e2sfca", max_cost=max(settings.E2SFCA_ZONES),
            weight_fn=access.weights.step_fn(settings.E2SFCA_ZONES))["e2sfca_beds"]
    elapsed = time.perf_counter() - t
    return elapsed, out.reindex(np.arange(len(demand))).fillna(0).to_numpy()


def synthetic(n_points: int, n_centres: int, seed: int = 0):
    """Random demand points and centres over Kazakhstan's bounding box."""
    rng = np.random.default_rng(seed)
    demand = pd.DataFrame({"lon": rng.uniform(46.5, 87.3, n_points),
                           "lat": rng.uniform(40.6, 55.4, n_points),
                           "women": rng.gamma(1.0, 10.0, n_points)})
    # Half the centres with a capacity, half unknown, as in the bundled register.
    beds = pd.Series(rng.integers(5, 60, n_centres), dtype="Int64")
    beds[rng.random(n_centres) < 0.5] = pd.NA
    centres = pd.DataFrame({"centre_id": [f"s{i}" for i in range(n_centres)],
                            "lon": rng.uniform(46.5, 87.3, n_centres),
                            "lat": rng.uniform(40.6, 55.4, n_centres),
                            "beds": beds})
    return demand, centres


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--centres", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    car = travel_mode("car")
    rows = []

    t_load, data = best(load_all, args.repeat)
    rows.append(("load all bundled datasets", t_load, ""))
    t_model, model = best(lambda: demand_model(data.regions, data.population,
                                               data.settlements, water=data.water),
                          args.repeat)
    rows.append((f"population model (default + {len(model.sweep)} placements, land only)",
                 t_model, f"{len(model.default):,} demand points"))
    t_rep, report = best(lambda: build_report(data, model=model), args.repeat)
    rows.append(("report, population model cached", t_rep,
                 f"{report.sensitivity['variant'].nunique()} variants; target < 1 s"))
    rows.append(("full report incl. population model", t_model + t_rep, "target < 1 s"))
    costs = cost_list(model.default, data.centres, car)
    t_mine_b, mine_b = ours_e2sfca(model.default, costs, args.repeat)
    t_acc_b, acc_b = access_e2sfca(model.default, costs)
    rows.append(("E2SFCA bundled, same cost list: ours", t_mine_b,
                 f"{len(costs[0]):,} pairs"))
    rows.append(("E2SFCA bundled, same cost list: PySAL access", t_acc_b,
                 f"ours {t_acc_b / t_mine_b:,.0f}x faster; max |diff| "
                 f"{np.abs(mine_b - acc_b).max():.1e}"))

    demand, centres = synthetic(args.points, args.centres)
    lon, lat = demand["lon"].to_numpy(), demand["lat"].to_numpy()
    clon, clat = centres["lon"].to_numpy(), centres["lat"].to_numpy()

    def nearest_minutes():
        _, km = nearest(lon, lat, clon, clat)
        return minutes_from_km(km, car)

    t_near, _ = best(nearest_minutes, args.repeat)
    tracemalloc.start()
    nearest_minutes()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rows.append((f"nearest centre, {args.points:,} x {args.centres}", t_near,
                 f"peak {peak / 2**20:,.0f} MiB traced; target < 3 s, < 1.5 GB"))
    t_pairs, costs = best(lambda: cost_list(demand, centres, car), args.repeat)
    rows.append((f"cost list {args.points:,} x {args.centres} (pairs <= 180 min)", t_pairs,
                 f"{len(costs[0]):,} pairs"))
    t_mine_s, mine_s = ours_e2sfca(demand, costs, args.repeat)
    t_acc_s, acc_s = access_e2sfca(demand, costs)
    rows.append((f"E2SFCA {args.points:,} x {args.centres}, same cost list: ours",
                 t_mine_s, ""))
    rows.append((f"E2SFCA {args.points:,} x {args.centres}, same cost list: PySAL access",
                 t_acc_s, f"ours {t_acc_s / t_mine_s:,.0f}x faster; max |diff| "
                 f"{np.abs(mine_s - acc_s).max():.1e}"))
    t_full, _ = best(lambda: e2sfca(demand, centres, travel=car), args.repeat)
    rows.append((f"E2SFCA {args.points:,} x {args.centres}, ours end to end", t_full,
                 f"incl. cost list; still {t_acc_s / t_full:,.1f}x faster than access "
                 "without its cost list"))

    width = max(len(r[0]) for r in rows)
    print(f"{'step':{width}}  {'seconds':>8}  notes")
    for name, secs, note in rows:
        print(f"{name:{width}}  {secs:8.3f}  {note}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the whole run: {rss:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
