"""The command line's ``plan``: its options, and the plan with reasons and stability.

``python -m coverage plan --add 5 --objective time`` prints, per chosen site, its
``reason`` (in ``--lang``), ``towns_reached`` and ``chosen_in_variants`` (of ``variants``),
and the objective's value before and after (``objective``). The solve and the stability
test keep to their time limits (``--time-limit``, ``--stability-budget``); where one
stopped them, a note in ``--lang`` says so on standard error.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

import pandas as pd

from . import settings
from .candidates import Candidates
from .plan_format import limit_notes, objective_values, plan_csv, plan_rows
from .planning import PlanOptions, plan_sites
from .population import demand_model
from .report_format import dumps
from .stability import plan_variants, stability
from .travel import travel_mode

if TYPE_CHECKING:
    from .data import Datasets
    from .incidents import IncidentSet


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value}: give 0 or more")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text}: give more than 0 seconds")
    return value


def _ids(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of GeoNames ids such as 1519922,1520316") from None


def add_options(pln: argparse.ArgumentParser) -> None:
    """Add the objective, candidate and stability options of ``plan``."""
    pln.add_argument("--objective", choices=list(settings.PLAN_OBJECTIVES),
                     default="coverage",
                     help="coverage: most women newly within the threshold (default); time: "
                          "least women-weighted travel minutes to the nearest centre "
                          "(p-median, existing centres kept); capacity: most women with a "
                          "free place within the threshold")
    pln.add_argument("--min-population", type=_count, default=None, metavar="N",
                     help="smallest town for a new centre (default "
                          f"{settings.PLAN_MIN_POPULATION:,}; 0: every listed settlement); "
                          "regional capitals without a centre are candidates whatever size")
    pln.add_argument("--only", type=_ids, default=None, metavar="IDS",
                     help="only these settlements (GeoNames ids, comma-separated)")
    pln.add_argument("--places", type=_count, default=None, metavar="P",
                     help="places each new centre adds (capacity objective; default "
                          f"{settings.PLAN_PLACES_PER_SITE})")
    pln.add_argument("--no-stability", action="store_true",
                     help="skip solving again under each rural-placement and "
                          "unlocated-centre variant (chosen_in_variants)")
    pln.add_argument("--time-limit", type=_seconds, default=None, metavar="S",
                     help="seconds the solve may take; then the best plan found, with its "
                          f"gap (default {settings.PLAN_TIME_LIMIT_S:g})")
    pln.add_argument("--stability-budget", type=_seconds, default=None, metavar="S",
                     help="seconds the stability test may take in all; then it stops and "
                          f"says how many variants it tried (default "
                          f"{settings.PLAN_STABILITY_BUDGET_S:g})")


def _options(args: argparse.Namespace, data: Datasets, weights: IncidentSet | None
             ) -> PlanOptions:
    """Check the options against the data; ``ValueError`` with the option's name."""
    if args.places is not None and args.objective != "capacity":
        raise ValueError("--places applies to --objective capacity")
    if args.places is not None and args.places < 1:
        raise ValueError(f"--places {args.places}: a new centre has at least 1 place")
    if args.only is not None:
        unknown = sorted(set(args.only) - set(data.settlements["geonameid"].astype(int)))
        if unknown:
            raise ValueError(f"--only: no listed settlement has GeoNames id "
                             f"{', '.join(str(u) for u in unknown)}")
    unknown_regions = sorted(set(args.exclude) - set(data.regions["region_id"]))
    if unknown_regions:
        raise ValueError(f"--exclude: unknown region ids {', '.join(unknown_regions)} "
                         "(use ISO ids such as KZ-75)")
    return PlanOptions(objective=args.objective, places=args.places,
                       candidates=Candidates.of(data.regions, min_population=args.min_population,
                                                only=args.only),
                       per_region_min=args.per_region_min,
                       region_ids=tuple(data.regions["region_id"]),
                       exclude_regions=args.exclude, incidents=weights,
                       time_limit_s=getattr(args, "time_limit", None))


def plan_text(args: argparse.Namespace, data: Datasets, centres: pd.DataFrame,
              weights: IncidentSet | None) -> tuple[str, str | None]:
    """Make the plan the options ask for; return its JSON or CSV, and a note or ``None``.

    Raises
    ------
    ValueError
        An option that does not fit the data, in one line.
    """
    if not 0 <= args.add <= settings.MAX_NEW_SITES:
        raise ValueError(f"--add {args.add}: choose from 0 to {settings.MAX_NEW_SITES} "
                         "new sites")
    options = _options(args, data, weights)
    model = demand_model(data.regions, data.population, data.settlements, water=data.water,
                         town_travel=not args.no_town_travel)
    plan = plan_sites(model.default, centres, data.settlements, k=args.add,
                      minutes=args.minutes, travel=travel_mode(args.mode), options=options)
    started = time.perf_counter()
    tried = None
    budget = getattr(args, "stability_budget", None) or settings.PLAN_STABILITY_BUDGET_S
    if not args.no_stability and len(plan.chosen):
        tried = stability(plan, plan_variants(model, centres, settlements=data.settlements,
                                              regions=data.regions,
                                              centre_counts=data.centre_counts),
                          data.settlements, budget)
    rows = plan_rows(plan, data.settlements, lang=args.lang, stability=tried,
                     region_names=dict(zip(data.regions["region_id"],
                                           data.regions[f"name_{args.lang}"])))
    note = " ".join([*([plan.message.rstrip(".") + "."] if plan.message else []),
                     *limit_notes(plan, tried, lang=args.lang, budget_s=budget)]) or None
    if args.format == "csv":
        return plan_csv(rows), note
    chosen = rows.assign(lon=plan.chosen["lon"].to_numpy(float),
                         lat=plan.chosen["lat"].to_numpy(float))
    chosen["towns_reached"] = pd.Series(
        [[{**x, "women": round(x["women"])} for x in towns] for towns in rows["towns_reached"]],
        index=chosen.index, dtype=object)
    # Women are whole, minutes to a tenth: no figure is more precise than its model.
    for column in ("gain", "women_gained", "women_closer", "women_min", "women_max"):
        if column in chosen:
            chosen[column] = chosen[column].round()
    chosen["minutes_saved_per_woman"] = chosen["minutes_saved_per_woman"].round(1)
    doc = {"objective": objective_values(plan),
           "chosen": chosen.to_dict("records"),
           "share_before": plan.share_before, "share_after": plan.share_after,
           "sites_requested": args.add, "sites_with_gain": plan.sites_with_gain,
           "message": plan.message, "optimal": plan.optimal, "gap": plan.gap,
           "stopped": plan.stopped, "solver": plan.solver, "seconds": round(plan.seconds, 3),
           "stability_seconds": (round(time.perf_counter() - started, 3)
                                 if tried is not None else None),
           "stability_variants": int(tried["variants"].iloc[0]) if tried is not None else None,
           "stability_variants_all": (int(tried["variants_all"].iloc[0])
                                      if tried is not None else None),
           "params": plan.params}
    return dumps(doc, indent=1) + "\n", note
