"""The planner's ``time`` and ``capacity`` objectives, as integer programs on arrays.

**Travel time** (p-median with the centres in place kept). Each woman goes to her nearest
centre. With ``before[i]`` the minutes from demand point ``i`` to its nearest centre in
place and ``t[i, j]`` those to candidate site ``j``, choosing sites saves
``w[i] * (before[i] - t[i, j])`` for the nearest chosen ``j`` closer than ``before[i]``.
Maximise the saving (the same as minimising the women-weighted minutes in total)::

    max  sum_ij s_ij z_ij
    s.t. sum_j z_ij <= 1         (each point gains from one site at most)
         z_ij <= x_j             (only from an open site)
         sum_j x_j = k,  x binary, z >= 0

with a pair ``(i, j)`` only where ``t[i, j] < before[i]``. A point's own way inside its town
adds the same minutes to every centre, so it never changes which site is nearest.

**Capacity** (documented equivalent of "most women within reach of a free place"). A place
serves :data:`~coverage.settings.PLAN_WOMEN_PER_PLACE` women; a centre in place offers its
places (unknown: :data:`~coverage.settings.UNKNOWN_CAPACITY_UNITS`), a new one ``places``.
Women are shared among the centres within reach so that as many as possible have a place
(a transport problem, the flow of the E2SFCA's supply to its demand)::

    max  sum_gj f_gj
    s.t. sum_j f_gj <= W_g                       (women of group g)
         sum_g f_gj <= C_j  (in place),  sum_g f_gj <= C x_j  (new)
         sum_j x_j = k,  x binary, f >= 0

where group ``g`` gathers the demand points reached (within the threshold) by the same set
of centres and sites.

Both are solved exactly with HiGHS (``scipy.optimize.milp``), the per-region minimum as in
:mod:`coverage.mclp`, by a :class:`~coverage.deadline.Deadline`: travel time after
:mod:`coverage.lagrange` has cut the problem down (HiGHS on the whole of it takes ~20 s
and ~300 MB for 20 sites among every settlement).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog

from . import settings
from .deadline import NEVER, Deadline
from .lagrange import Outcome, Rule, Savings, relative_gap
from .mclp import Found, site_constraints, solve_sites


@dataclass(frozen=True)
class Pairs:
    """Demand point ``point[n]`` would gain ``saving[n]`` from site ``site[n]``."""

    point: np.ndarray
    site: np.ndarray
    saving: np.ndarray
    n_sites: int


def median_pairs(weight: np.ndarray, before: np.ndarray, minutes: np.ndarray,
                 point: np.ndarray, site: np.ndarray, n_sites: int) -> Pairs:
    """Keep the pairs where the site is closer than the centre in place; their savings.

    ``minutes[n]`` is the time from ``point[n]`` to ``site[n]``; ``weight`` and ``before``
    are per demand point.
    """
    closer = minutes < before[point]
    point, site = point[closer], site[closer]
    return Pairs(point, site, weight[point] * (before[point] - minutes[closer]), n_sites)


def median_found(sv: Savings, rule: Rule, deadline: Deadline = NEVER) -> Found:
    """Choose ``rule.k`` sites that save the most (see the module text) with HiGHS."""
    n_sites, n_pairs = sv.n_sites, len(sv.saving)
    if n_sites <= rule.k:
        every = list(range(n_sites))
        return Found(every, True, False, sv.value(every), sv.value(every))
    one = sparse.csr_matrix((np.ones(n_pairs), (sv.point, np.arange(n_pairs))),
                            shape=(sv.n_points, n_pairs))
    link = sparse.hstack([
        -sparse.csr_matrix((np.ones(n_pairs), (np.arange(n_pairs), sv.site)),
                           shape=(n_pairs, n_sites)),
        sparse.identity(n_pairs, format="csr")])
    cons = [LinearConstraint(sparse.hstack([sparse.csr_matrix((sv.n_points, n_sites)), one]),
                             -np.inf, 1.0),
            LinearConstraint(link, -np.inf, 0.0),
            *site_constraints(n_sites, n_pairs, rule.k, rule.pools, rule.need)]
    c = np.r_[np.zeros(n_sites), -sv.saving]
    bounds = Bounds(np.zeros(n_sites + n_pairs), np.ones(n_sites + n_pairs))
    return solve_sites(c, cons, bounds, n_sites, deadline)


def median_saving(pairs: Pairs, open_sites: Sequence[int]) -> np.ndarray:
    """Return the saving per demand point with ``open_sites`` open (nearest open site)."""
    best = np.zeros(int(pairs.point.max()) + 1 if len(pairs.point) else 0)
    is_open = np.isin(pairs.site, list(open_sites))
    np.maximum.at(best, pairs.point[is_open], pairs.saving[is_open])
    return best


def median_gains(pairs: Pairs, order: Sequence[int]) -> list[float]:
    """Return what each site of ``order`` saves beyond those before it."""
    totals = [float(median_saving(pairs, order[:m + 1]).sum()) for m in range(len(order))]
    return list(np.diff(np.r_[0.0, totals]))


def order_median(pairs: Pairs, chosen: Sequence[int]) -> tuple[list[int], list[float]]:
    """Order sites greedily by what each saves beyond those before it."""
    order: list[int] = []
    gains: list[float] = []
    done = 0.0
    rest = list(chosen)
    while rest:
        totals = [float(median_saving(pairs, [*order, j]).sum()) for j in rest]
        best = int(np.argmax(totals))
        order.append(rest.pop(best))
        gains.append(totals[best] - done)
        done = totals[best]
    return order, gains


# ------------------------------------------------------------------ capacity
@dataclass(frozen=True)
class Supply:
    """Groups of demand and the centres and sites that reach them.

    ``incidence`` is groups × facilities: the centres in place first (``len(capacity)``
    of them, with their capacity in women), then the candidate sites, each offering
    ``new_capacity`` women when open.
    """

    incidence: sparse.csr_matrix
    women: np.ndarray
    capacity: np.ndarray
    new_capacity: float

    @property
    def n_sites(self) -> int:
        """Candidate sites (the facilities after the centres in place)."""
        return self.incidence.shape[1] - len(self.capacity)


def _flow_model(supply: Supply) -> tuple[list[LinearConstraint], int]:
    """Flow constraints on variables [x (sites), f (incidence non-zeros)]."""
    coo = supply.incidence.tocoo()
    n_flow, n_sites, n_in_place = coo.nnz, supply.n_sites, len(supply.capacity)
    arcs = np.arange(n_flow)
    per_group = sparse.csr_matrix((np.ones(n_flow), (coo.row, arcs)),
                                  shape=(supply.incidence.shape[0], n_flow))
    per_facility = sparse.csr_matrix((np.ones(n_flow), (coo.col, arcs)),
                                     shape=(supply.incidence.shape[1], n_flow))
    opens = sparse.vstack([sparse.csr_matrix((n_in_place, n_sites)),
                           -supply.new_capacity * sparse.identity(n_sites, format="csr")])
    no_sites = sparse.csr_matrix((per_group.shape[0], n_sites))
    cons = [LinearConstraint(sparse.hstack([no_sites, per_group]), -np.inf, supply.women),
            LinearConstraint(sparse.hstack([opens, per_facility]), -np.inf,
                             np.r_[supply.capacity, np.zeros(n_sites)])]
    return cons, n_flow


def _unreached(supply: Supply) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Return the groups no centre in place reaches, and the sites that reach them."""
    in_place = len(supply.capacity)
    csr = supply.incidence.tocsr()
    alone = np.asarray(csr[:, :in_place].sum(axis=1)).ravel() == 0
    return np.flatnonzero(alone), csr[alone][:, in_place:]


def _widened(supply: Supply, cons: list[LinearConstraint], n_flow: int, best: float
             ) -> tuple[np.ndarray, list[LinearConstraint], Bounds] | None:
    """Return the second, lexicographic model: most women newly within reach, as many served.

    ``None`` when every group has a centre in place within reach (nothing to break ties).
    """
    groups, reach = _unreached(supply)
    if not len(groups):
        return None
    n_sites, n_y = supply.n_sites, len(groups)
    widened = [LinearConstraint(sparse.hstack([con.A, sparse.csr_matrix((con.A.shape[0], n_y))]),
                                con.lb, con.ub) for con in cons]
    # Served at least as many (half a woman of tolerance), and y_g <= sum of sites reaching g.
    widened.append(LinearConstraint(sparse.hstack([sparse.csr_matrix((1, n_sites)),
                                                   np.ones((1, n_flow)),
                                                   sparse.csr_matrix((1, n_y))]),
                                    best - 0.5, np.inf))
    widened.append(LinearConstraint(sparse.hstack([-reach, sparse.csr_matrix((n_y, n_flow)),
                                                   sparse.identity(n_y, format="csr")]),
                                    -np.inf, 0.0))
    c2 = np.r_[np.zeros(n_sites + n_flow), -supply.women[groups]]
    bounds2 = Bounds(np.zeros(n_sites + n_flow + n_y),
                     np.r_[np.ones(n_sites), np.full(n_flow, np.inf), np.ones(n_y)])
    return c2, widened, bounds2


def _alone(supply: Supply) -> np.ndarray:
    """Return the most each site could add on its own: its places, or its women if fewer."""
    reach = np.asarray(supply.incidence.T @ supply.women).ravel()[len(supply.capacity):]
    return np.minimum(reach, supply.new_capacity)


def solve_capacity(supply: Supply, rule: Rule, deadline: Deadline = NEVER) -> Outcome:
    """Choose ``rule.k`` sites so that the most women have a place within reach.

    A place is usually filled wherever it opens, so many plans serve as many women. Among
    those, a second solve takes the one that brings the most women within reach of any
    centre at all (who had none): lexicographic, never at the cost of one woman served.
    The gap is that of the women served (the second solve never costs one).
    """
    n_sites = supply.n_sites
    if n_sites <= rule.k:
        return Outcome(list(range(n_sites)), True, False, 0.0, True)
    cons, n_flow = _flow_model(supply)
    cons += site_constraints(n_sites, n_flow, rule.k, rule.pools, rule.need)
    c = np.r_[np.zeros(n_sites), -np.ones(n_flow)]
    bounds = Bounds(np.zeros(n_sites + n_flow), np.r_[np.ones(n_sites), np.full(n_flow, np.inf)])
    # The second solve and the order need time too: the first may take most of it, not all.
    # Too large a model for HiGHS's memory: the sites that could add most alone, and the gap.
    too_large = n_flow > settings.PLAN_EXACT_PAIRS
    first = (Found([], False, False, -math.inf, math.inf) if too_large else
             solve_sites(c, cons, bounds, n_sites, deadline.share(0.6), presolve=True))
    base = served(supply, [])
    alone = _alone(supply)
    # Served is submodular: k sites add at most what each would add alone (regions relaxed).
    upper = min(first.bound, base + float(np.sort(alone)[::-1][:rule.k].sum()))
    chosen = first.chosen or [int(j) for j in rule.best(alone)]
    best = served(supply, chosen)
    gap = relative_gap(best - base, upper - base)
    second = _widened(supply, cons, n_flow, best) if first.proven else None
    if second is None:
        return Outcome(chosen, first.proven, first.stopped, gap, not too_large)
    again = solve_sites(*second, n_sites, deadline.share(0.85))  # the rest: the order
    return Outcome(again.chosen or chosen, again.proven, again.stopped, gap, True)


def newly_reached(supply: Supply, open_sites: Sequence[int]) -> float:
    """Return the women no centre in place reaches whom ``open_sites`` reach."""
    groups, reach = _unreached(supply)
    if not len(groups) or not len(open_sites):
        return 0.0
    hit = np.asarray(reach[:, list(open_sites)].sum(axis=1)).ravel() > 0
    return float(supply.women[groups][hit].sum())


def served(supply: Supply, open_sites: Sequence[int]) -> float:
    """Return the women who have a place within reach with ``open_sites`` open (an LP).

    A transport problem over the arcs to the open centres only (a closed site carries
    nothing): ~15 ms where the whole model took ~200 ms.
    """
    n_in_place = len(supply.capacity)
    columns = np.r_[np.arange(n_in_place), n_in_place + np.asarray(list(open_sites), int)]
    arcs = supply.incidence.tocsc()[:, columns].tocoo()
    n = arcs.nnz
    if n == 0:
        return 0.0
    one = np.ones(n)
    limits = sparse.vstack([
        sparse.csr_matrix((one, (arcs.row, np.arange(n))), shape=(arcs.shape[0], n)),
        sparse.csr_matrix((one, (arcs.col, np.arange(n))), shape=(len(columns), n))])
    res = linprog(-one, A_ub=limits, b_ub=np.r_[supply.women, supply.capacity,
                                                 np.full(len(open_sites), supply.new_capacity)],
                  bounds=(0, None), method="highs")
    return float(-res.fun) if res.status == 0 else 0.0


def order_capacity(supply: Supply, chosen: Sequence[int], deadline: Deadline = NEVER
                   ) -> tuple[list[int], list[float]]:
    """Order sites greedily by the women each adds to those before it.

    Ties in women served (common: places fill wherever they open) go to the site that
    brings more women within reach of any centre. Both are submodular, so what a site
    added before bounds what it adds now: a site is computed again only when its bound
    leads (lazy greedy: the same order as computing every site at every step). Past
    ``deadline`` the rest follow by their last bounds.
    """
    order: list[int] = []
    gains: list[float] = []
    done, reached = round(served(supply, []), 3), 0.0
    rest = list(chosen)
    bound = {j: (math.inf, math.inf) for j in rest}
    while rest:
        fresh: set[int] = set()
        while True:
            # The highest bound, the first in the plan's order among equals.
            j = max(rest, key=lambda s: (bound[s], -rest.index(s)))
            if j in fresh or deadline.passed:
                break
            total = round(served(supply, [*order, j]), 3)
            bound[j] = (total - done, newly_reached(supply, [*order, j]) - reached)
            fresh.add(j)
        rest.remove(j)
        order.append(j)
        total = done + bound[j][0] if j in fresh else round(served(supply, order), 3)
        gains.append(total - done)
        done, reached = total, newly_reached(supply, order)
    return order, gains
