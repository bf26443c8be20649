"""The three objectives' solvers, on a prepared problem (see :mod:`coverage.planning`).

Each takes a :class:`Problem` (demand, centres in place, candidate sites, weights, minutes to
the nearest centre, the per-region minimum, the deadline) and returns a :class:`Solution`:
the chosen sites in the order of their gains, and the objective's value before and after.
Every step stops at the problem's deadline; a stopped solve gives the best plan found and
its true gap (from a bound on the best, :mod:`coverage.lagrange`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from . import lagrange, mclp, objectives, settings
from .accessibility import supply_places
from .deadline import Deadline
from .lagrange import Outcome, Rule, Savings
from .mclp import Found
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
    deadline: Deadline
    places: int | None
    weighted: bool

    @property
    def rule(self) -> Rule:
        """Which sets of sites are plans (``k``, each region's minimum)."""
        return Rule(self.k, len(self.sites), tuple(self.pools), tuple(self.need))


@dataclass(frozen=True)
class Solution:
    """What a solver found.

    The chosen sites in the order of their gains (in women or woman-minutes), whether proven
    optimal, the gap (of what the new sites add, against a bound on the most they could),
    the solver, the objective's value before and after, and whether the deadline stopped it.
    """

    order: list[int]
    gains: list[float]
    optimal: bool
    gap: float
    solver: str
    value_before: float
    value_after: float
    stopped: bool = False


def _cover_found(sv: Savings, rule: Rule, deadline: Deadline) -> Found:
    """Solve the MCLP of pairs whose saving is their point's women (HiGHS)."""
    incidence = sparse.csr_matrix((np.ones(len(sv.site)), (sv.point, sv.site)),
                                  shape=(sv.n_points, sv.n_sites))
    w = np.zeros(sv.n_points)
    w[sv.point] = sv.saving
    return mclp.solve_exact(incidence, w, rule.k, rule.pools, rule.need, deadline)


def _greedy_coverage(pb: Problem, incidence: sparse.csr_matrix, w: np.ndarray) -> Outcome:
    """Greedy, with its gap against the LP bound (``exact=False``)."""
    chosen = mclp.greedy(incidence, w, pb.k, forced=[pool for pool, n in zip(pb.pools, pb.need)
                                                     for _ in range(n)])
    got = float(w[(incidence[:, chosen].sum(axis=1).A1 > 0)].sum())
    bound = (mclp.lp_bound(incidence, w, pb.k, pb.pools, pb.need, pb.deadline)
             if incidence.nnz <= settings.PLAN_EXACT_PAIRS else np.inf)
    if not np.isfinite(bound):  # too large or too late for the LP: the Lagrangian bound
        sv = _coverage_savings(incidence, w)
        bound = lagrange.lagrangian(sv, pb.rule, chosen, pb.deadline).value
    gap = lagrange.relative_gap(got, bound)
    return Outcome(chosen, gap < 1e-9, pb.deadline.passed, gap, False)


def _coverage_savings(incidence: sparse.csr_matrix, w: np.ndarray) -> Savings:
    coo = incidence.tocoo()
    return Savings.of(coo.row, coo.col, w[coo.row], incidence.shape[1])


def _exact_coverage(pb: Problem, incidence: sparse.csr_matrix, w: np.ndarray) -> Outcome:
    """HiGHS on the whole MCLP (small), or on what :mod:`coverage.lagrange` leaves of it."""
    sv = _coverage_savings(incidence, w)
    if pb.exact or incidence.nnz <= settings.PLAN_EXACT_PAIRS:
        # Most of the time to HiGHS; the rest, if it stops, to a plan and bound of our own.
        found = mclp.solve_exact(incidence, w, pb.k, pb.pools, pb.need, pb.deadline.share(0.8))
        if found.proven:
            return Outcome(found.chosen, True, False, 0.0, True)
        out = lagrange.solve(sv, pb.rule, pb.deadline, None, starts=[found.chosen],
                             bound=found.bound)
        return Outcome(out.chosen, out.optimal, not out.optimal, out.gap, True)
    return lagrange.solve(sv, pb.rule, pb.deadline, _cover_found)


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
    if len(pb.sites) <= pb.k:
        out = Outcome(list(range(len(pb.sites))), True, False, 0.0, True)
    elif pb.exact is False:
        out = _greedy_coverage(pb, incidence, w)
    else:
        out = _exact_coverage(pb, incidence, w)
    order, _ = mclp.order_by_gain(incidence, w, out.chosen)
    # Gains in women (the objective may weigh them by incidents).
    gains = mclp.gains_in_order(incidence, mclp.women_per_group(p, s, women, len(pb.sites)),
                                order)
    solver = ("greedy (gap against the LP bound)" if pb.exact is False
              else _solver_name("HiGHS MILP (scipy)", out))
    return Solution(order, gains, out.optimal, out.gap, solver, value,
                    value + float(np.sum(gains)), out.stopped)


def _solver_name(exact: str, out: Outcome) -> str:
    """Name how a plan was found: with HiGHS, or by our search and bound alone."""
    return exact if out.exact else "local search, Lagrangian bound"


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
    if pb.k == 0:
        out = Outcome([], True, False, 0.0, True)
    elif len(pb.sites) <= pb.k:
        out = Outcome(list(range(len(pb.sites))), True, False, 0.0, True)
    else:
        sv = Savings.of(pairs.point, pairs.site, pairs.saving, pairs.n_sites)
        out = lagrange.solve(sv, pb.rule, pb.deadline, objectives.median_found)
    order, gains = objectives.order_median(pairs, out.chosen)
    if pb.weighted:  # gains in woman-minutes, not in the incident-weighted ones
        gains = objectives.median_gains(_median_pairs(pb, women), order)
    value = float(np.sum(women * pb.before))
    return Solution(order, gains, out.optimal, out.gap,
                    _solver_name("HiGHS MILP (scipy), p-median after a Lagrangian reduction",
                                 out), value,
                    value - float(np.sum(gains)), out.stopped)


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
    out = (objectives.solve_capacity(supply, pb.rule, pb.deadline)
           if pb.k and len(supply.women) else Outcome([], True, False, 0.0, True))
    order, gains = objectives.order_capacity(supply, out.chosen, pb.deadline)
    solver = ("HiGHS MILP (scipy), capacitated" if out.exact
              else "the sites with most places to fill (too large for HiGHS)")
    return Solution(order, gains, out.optimal, out.gap, solver, value,
                    value + float(np.sum(gains)), out.stopped)


#: The solver of each objective.
SOLVERS: dict[str, Callable[[Problem], Solution]] = {
    "coverage": solve_coverage, "time": solve_time, "capacity": solve_capacity}


