"""The three objectives' solvers, on a prepared problem (see :mod:`coverage.planning`).

Each takes a :class:`Problem` (demand, centres in place, candidate sites, weights, minutes to
the nearest centre, the per-region minimum) and returns a :class:`Solution`: the chosen
sites in the order of their gains, and the objective's value before and after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from . import mclp, objectives, settings
from .accessibility import supply_places
from .reach import pairs_in_time, town_km_of
from .settings import TravelMode
from .travel import haversine_km, minutes_from_km


@dataclass(frozen=True)
class Problem:
    """Everything an objective's solver needs, prepared once."""

    demand: pd.DataFrame
    centres: pd.DataFrame
    sites: pd.DataFrame
    weight: np.ndarray
    before: np.ndarray
    k: int
    minutes: float
    travel: TravelMode
    pools: list[np.ndarray]
    need: list[int]
    #: Solver settings and the objective's own options (see PlanOptions).
    exact: bool | None
    time_limit_s: float
    places: int | None
    weighted: bool


@dataclass(frozen=True)
class Solution:
    """What a solver found.

    The chosen sites in the order of their gains (in women or woman-minutes), whether proven
    optimal, the gap, the solver, and the objective's value before and after.
    """

    order: list[int]
    gains: list[float]
    optimal: bool
    gap: float
    solver: str
    value_before: float
    value_after: float


def solve_coverage(pb: Problem) -> Solution:
    """Most women newly within the threshold (maximal covering, :mod:`coverage.mclp`)."""
    women = pb.demand["women"].to_numpy(float)
    covered = pb.before <= pb.minutes
    value = float(women[covered].sum())
    open_idx = np.flatnonzero(~covered)
    p, s = pairs_in_time(pb.demand.iloc[open_idx], pb.sites["lon"].to_numpy(float),
                         pb.sites["lat"].to_numpy(float), minutes=pb.minutes, travel=pb.travel)
    p = open_idx[p]
    if pb.k == 0 or len(p) == 0:
        # Nobody left to reach: any sites satisfying the regions will do.
        chosen = [int(pool[0]) for pool in pb.pools] if pb.k else []
        return Solution(chosen, [0.0] * len(chosen), True, 0.0, "none needed", value, value)
    incidence, w = mclp.groups(p, s, pb.weight, len(pb.sites))
    use_exact = pb.exact if pb.exact is not None else incidence.nnz <= mclp.EXACT_LIMIT
    if use_exact:
        chosen, optimal, gap = mclp.solve_exact(incidence, w, pb.k, pb.pools, pb.need,
                                                pb.time_limit_s)
        solver = "HiGHS MILP (scipy)"
    else:
        chosen = mclp.greedy(incidence, w, pb.k, forced=[pool for pool, n in
                                                         zip(pb.pools, pb.need)
                                                         for _ in range(n)])
        bound = mclp.lp_bound(incidence, w, pb.k, pb.pools, pb.need)
        got = float(w[(incidence[:, chosen].sum(axis=1).A1 > 0)].sum())
        gap = max(0.0, (bound - got) / bound) if bound > 0 else 0.0
        optimal, solver = gap < 1e-9, "greedy (gap against the LP bound)"
    order, _ = mclp.order_by_gain(incidence, w, chosen)
    # Gains in women (the objective may weigh them by incidents).
    gains = mclp.gains_in_order(incidence, mclp.women_per_group(p, s, women, len(pb.sites)),
                                order)
    return Solution(order, gains, optimal, gap, solver, value, value + float(np.sum(gains)))


def _median_pairs(pb: Problem, weight: np.ndarray) -> objectives.Pairs:
    """Return the p-median's pairs, demand points at one place taken together.

    A point's way inside its town adds the same minutes to every centre and site, so the
    points of one town (its rings) differ only by a constant: together, their savings are
    exact and the program is a quarter smaller.
    """
    lon, lat = pb.demand["lon"].to_numpy(float), pb.demand["lat"].to_numpy(float)
    places, first, code = np.unique(np.c_[lon, lat], axis=0, return_index=True,
                                    return_inverse=True)
    code = code.ravel()
    own_town = (minutes_from_km(np.zeros(len(lon)), pb.travel, town_km_of(pb.demand))
                - minutes_from_km(np.zeros(1), pb.travel)[0])
    before = (pb.before - own_town)[first]
    cost = minutes_from_km(haversine_km(places[:, :1], places[:, 1:],
                                        pb.sites["lon"].to_numpy(float)[None],
                                        pb.sites["lat"].to_numpy(float)[None]), pb.travel)
    w = np.bincount(code, weights=weight, minlength=len(places))
    point, site = np.nonzero((cost < before[:, None]) & (w[:, None] > 0))
    return objectives.median_pairs(w, before, cost[point, site], point, site, len(pb.sites))


def solve_time(pb: Problem) -> Solution:
    """Least women-weighted minutes to the nearest centre (p-median, centres kept)."""
    if not np.isfinite(pb.before).all():
        raise ValueError("the travel-time objective needs at least one centre in place")
    women = pb.demand["women"].to_numpy(float)
    pairs = _median_pairs(pb, pb.weight)
    chosen, optimal, gap = (objectives.solve_median(pairs, pb.k, pb.pools, pb.need,
                                                    pb.time_limit_s)
                            if pb.k else ([], True, 0.0))
    order, gains = objectives.order_median(pairs, chosen)
    if pb.weighted:  # gains in woman-minutes, not in the incident-weighted ones
        gains = objectives.median_gains(_median_pairs(pb, women), order)
    value = float(np.sum(women * pb.before))
    return Solution(order, gains, optimal, gap, "HiGHS MILP (scipy), p-median", value,
                    value - float(np.sum(gains)))


def _supply(pb: Problem) -> objectives.Supply:
    wpp = settings.PLAN_WOMEN_PER_PLACE
    places = settings.PLAN_PLACES_PER_SITE if pb.places is None else int(pb.places)
    if places < 1:
        raise ValueError(f"places per new centre = {places}: give at least 1")
    capacity = supply_places(pb.centres) * wpp
    lon = np.r_[pb.centres["lon"].to_numpy(float), pb.sites["lon"].to_numpy(float)]
    lat = np.r_[pb.centres["lat"].to_numpy(float), pb.sites["lat"].to_numpy(float)]
    p, f = pairs_in_time(pb.demand, lon, lat, minutes=pb.minutes, travel=pb.travel)
    if not len(p):
        return objectives.Supply(sparse.csr_matrix((0, len(lon))), np.zeros(0), capacity,
                                 places * wpp)
    incidence, w = mclp.groups(p, f, pb.demand["women"].to_numpy(float), len(lon))
    return objectives.Supply(incidence, w, capacity, places * wpp)


def solve_capacity(pb: Problem) -> Solution:
    """Most women with a free place within the threshold (:mod:`coverage.objectives`)."""
    supply = _supply(pb)
    value = objectives.served(supply, [])
    chosen, optimal, gap = (objectives.solve_capacity(supply, pb.k, pb.pools, pb.need,
                                                      pb.time_limit_s)
                            if pb.k and len(supply.women) else ([], True, 0.0))
    order, gains = objectives.order_capacity(supply, chosen)
    return Solution(order, gains, optimal, gap, "HiGHS MILP (scipy), capacitated", value,
                     value + float(np.sum(gains)))


#: The solver of each objective.
SOLVERS: dict[str, Callable[[Problem], Solution]] = {
    "coverage": solve_coverage, "time": solve_time, "capacity": solve_capacity}


