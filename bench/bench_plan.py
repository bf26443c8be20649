"""Time the planner's three objectives and their stability on the bundled data.

Run from the repository root::

    .venv/bin/python bench/bench_plan.py [--minutes 120] [--k 5] [--mode car]

Prints, per objective, the seconds to solve (best of ``--repeat``), whether proven optimal
or stopped at the time limit (and the gap), the top sites with their reasons and how sure
each is (chosen again in m of n variants tried; women newly within reach, lowest-highest),
and the seconds the stability takes (within its budget). The page solves the same problems:
what it shows after a change of objective is this plus drawing. The worst question the page
allows::

    .venv/bin/python bench/bench_plan.py --k 20 --min-population 0 --repeat 1
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coverage import load_all, settings
from coverage.candidates import Candidates
from coverage.plan_format import objective_values, plan_rows
from coverage.planning import plan_sites
from coverage.population import demand_model
from coverage.stability import plan_variants, stability
from coverage.travel import travel_mode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=int, default=120)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--mode", default="car")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--min-population", type=int, default=None)
    ap.add_argument("--objectives", default="coverage,time,capacity")
    args = ap.parse_args()
    data = load_all()
    model = demand_model(data.regions, data.population, data.settlements, water=data.water)
    tried = plan_variants(model, data.centres, settlements=data.settlements,
                          regions=data.regions, centre_counts=data.centre_counts)
    names = dict(zip(data.regions["region_id"], data.regions[f"name_{args.lang}"]))
    rule = Candidates.of(data.regions, min_population=args.min_population)
    for objective in args.objectives.split(","):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            plan = plan_sites(model.default, data.centres, data.settlements, k=args.k,
                              minutes=args.minutes, travel=travel_mode(args.mode),
                              objective=objective, candidates=rule,
                              region_ids=tuple(data.regions["region_id"]))
            best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        sure = stability(plan, tried, data.settlements)
        sure_s = time.perf_counter() - start
        values = objective_values(plan)
        status = ("proven optimal" if plan.optimal else
                  f"{'stopped at the time limit' if plan.stopped else 'best found'}, "
                  f"gap {plan.gap:.3%}")
        print(f"\n== {objective}: solved in {best:.2f} s (best of {args.repeat}; limit "
              f"{settings.PLAN_TIME_LIMIT_S:g} s), {status} ({plan.solver}); stability over "
              f"{int(sure['variants'].iloc[0])} of {len(tried)} variants in {sure_s:.1f} s "
              f"(budget {settings.PLAN_STABILITY_BUDGET_S:g} s)")
        print(f"   {values['unit']}: {values['before']:,.0f} -> {values['after']:,.0f}"
              + (f"; minutes per woman {values['minutes_per_woman_before']:.1f} -> "
                 f"{values['minutes_per_woman_after']:.1f}" if objective == "time" else "")
              + f"; share within {args.minutes} min {values['share_within_before']:.1%} -> "
              f"{values['share_within_after']:.1%}")
        rows = plan_rows(plan, data.settlements, lang=args.lang, region_names=names,
                         stability=sure)
        for r in rows.itertuples():
            print(f"   {r.order}. {r.settlement} ({r.region}): chosen again in "
                  f"{r.chosen_in_variants} of {r.variants}; women newly within reach "
                  f"{r.women_min:,.0f}-{r.women_max:,.0f}\n      {r.reason}")


if __name__ == "__main__":
    main()
