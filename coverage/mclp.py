"""Maximal covering location (MCLP): the core of the ``coverage`` objective, on arrays.

Demand points already in reach of an existing centre count for nobody; the others are
grouped by the set of candidate sites that would reach them, so the integer program has one
variable per group, not per point. Solved exactly with HiGHS (``scipy.optimize.milp``)
within a :class:`~coverage.deadline.Deadline` (:func:`solve_sites`, which every objective
uses); a solve the deadline stops returns its best plan and HiGHS's bound on the best.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from .deadline import NEVER, Deadline

#: HiGHS's options: proven optimal (no gap allowed), and no presolve unless asked for. Its
#: presolve checks the time limit only between passes: one pass on the capacity objective's
#: second model (with its dense "as many served" row) ran 37 s past a 5 s limit. The models
#: here are grouped and reduced already: without it the p-median's LP took 20 s, with it
#: 25 s; only the capacity objective's first model gains (0.9 s with it, 12 s without).
OPTIONS: dict[str, object] = {"mip_rel_gap": 0.0, "presolve": False}


def groups(point: np.ndarray, site: np.ndarray, weight: np.ndarray, n_sites: int
            ) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Group demand points by the set of sites that reach them; sparse incidence."""
    order = np.lexsort((site, point))
    point, site = point[order], site[order]
    starts = np.flatnonzero(np.r_[True, point[1:] != point[:-1]])
    keys: dict[bytes, int] = {}
    group_of_point = np.empty(len(starts), dtype=np.int64)
    for n, (a, b) in enumerate(zip(starts, np.r_[starts[1:], len(point)])):
        group_of_point[n] = keys.setdefault(site[a:b].tobytes(), len(keys))
    points = point[starts]
    w = np.bincount(group_of_point, weights=weight[points], minlength=len(keys))
    rows, cols = [], []
    for key, g in keys.items():
        s = np.frombuffer(key, dtype=site.dtype)
        rows.append(np.full(len(s), g))
        cols.append(s)
    incidence = sparse.csr_matrix((np.ones(sum(len(c) for c in cols)),
                                   (np.concatenate(rows), np.concatenate(cols))),
                                  shape=(len(keys), n_sites))
    return incidence, w


def greedy(incidence: sparse.csr_matrix, w: np.ndarray, k: int, *,
           forced: Sequence[np.ndarray] = (), allowed: np.ndarray | None = None) -> list[int]:
    """Greedy MCLP: each region of ``forced`` first gets its best site, then the best."""
    uncovered = w.copy()
    chosen: list[int] = []
    csc = incidence.tocsc()

    def take(pool: np.ndarray | None) -> None:
        gains = csc.T @ uncovered
        mask = np.full(len(gains), -np.inf)
        idx = pool if pool is not None else np.arange(len(gains))
        mask[idx] = gains[idx]
        mask[chosen] = -np.inf
        if allowed is not None:
            mask[~allowed] = -np.inf
        j = int(np.argmax(mask))
        chosen.append(j)
        uncovered[csc[:, j].indices] = 0.0

    for pool in forced:
        take(pool)
    while len(chosen) < k:
        take(None)
    return chosen


def order_by_gain(incidence: sparse.csr_matrix, w: np.ndarray, chosen: list[int]
                  ) -> tuple[list[int], list[float]]:
    """Order a set of sites greedily; their marginal gains then never rise."""
    csc = incidence.tocsc()
    uncovered = w.copy()
    rest, order, gains = list(chosen), [], []
    while rest:
        g = [float(uncovered[csc[:, j].indices].sum()) for j in rest]
        best = int(np.argmax(g))
        j = rest.pop(best)
        order.append(j)
        gains.append(g[best])
        uncovered[csc[:, j].indices] = 0.0
    return order, gains


def women_per_group(point: np.ndarray, site: np.ndarray, women: np.ndarray,
                    n_sites: int) -> np.ndarray:
    """Return the women of each group of :func:`groups` (when the groups weigh otherwise)."""
    _, w = groups(point, site, women, n_sites)
    return w


def gains_in_order(incidence: sparse.csr_matrix, w: np.ndarray,
                   order: list[int]) -> list[float]:
    """Return what each site of ``order`` adds to those before it."""
    csc = incidence.tocsc()
    uncovered = w.copy()
    out = []
    for j in order:
        rows = csc[:, j].indices
        out.append(float(uncovered[rows].sum()))
        uncovered[rows] = 0.0
    return out


def site_constraints(n_sites: int, n_other: int, k: int, pools: Sequence[np.ndarray],
                     need: Sequence[int]) -> list[LinearConstraint]:
    """Return "exactly ``k`` sites" and "at least ``need[r]`` sites in ``pools[r]``".

    The sites are the first ``n_sites`` variables of a model with ``n_other`` more.
    """
    rest = sparse.csr_matrix((1, n_other))
    cons = [LinearConstraint(sparse.hstack([np.ones((1, n_sites)), rest]), k, k)]
    for pool, n in zip(pools, need):
        row = np.zeros(n_sites)
        row[pool] = 1.0
        cons.append(LinearConstraint(sparse.hstack([row[None, :], rest]), n, np.inf))
    return cons


def _model(incidence: sparse.csr_matrix, w: np.ndarray, k: int, pools: Sequence[np.ndarray],
           need: Sequence[int]
           ) -> tuple[np.ndarray, list[LinearConstraint], Bounds, int]:
    """Variables [x (sites), y (groups)]; maximise w.y (milp minimises -w.y)."""
    n_groups, n_sites = incidence.shape
    c = np.r_[np.zeros(n_sites), -w]
    # y_g - sum_{j covers g} x_j <= 0
    link = sparse.hstack([-incidence, sparse.identity(n_groups, format="csr")])
    cons = [LinearConstraint(link, -np.inf, 0.0),
            *site_constraints(n_sites, n_groups, k, pools, need)]
    bounds = Bounds(np.zeros(n_sites + n_groups), np.ones(n_sites + n_groups))
    return c, cons, bounds, n_sites


@dataclass(frozen=True)
class Found:
    """What HiGHS found.

    The sites (none when stopped before a first plan), whether proven optimal, whether the
    deadline stopped it, the plan's value and HiGHS's bound on the best (both maximised;
    ``-inf`` and ``inf`` when unknown).
    """

    chosen: list[int]
    proven: bool
    stopped: bool
    value: float
    bound: float


#: HiGHS was not started: too little time was left.
NOT_STARTED = Found([], False, True, -math.inf, math.inf)


def solve_sites(c: np.ndarray, cons: list[LinearConstraint], bounds: Bounds, n_sites: int,
                deadline: Deadline = NEVER, *, presolve: bool = False) -> Found:
    """Maximise ``-c.x``, the first ``n_sites`` variables the sites (0/1), with HiGHS.

    HiGHS stops at ``deadline`` with the best plan it has (if any) and its dual bound.
    ``presolve`` only for a model whose presolve is known to be quick (see :data:`OPTIONS`).

    Raises
    ------
    ValueError
        The model has no plan at all (infeasible), or HiGHS failed.
    """
    if deadline.passed:
        return NOT_STARTED
    integrality = np.r_[np.ones(n_sites), np.zeros(len(c) - n_sites)]
    res = milp(c, constraints=cons, bounds=bounds, integrality=integrality,
               options={**OPTIONS, "presolve": presolve, "time_limit": deadline.left()})
    if res.status not in (0, 1):
        raise ValueError(f"the solver found no plan: {res.message}")
    dual = getattr(res, "mip_dual_bound", None)
    bound = -float(dual) if dual is not None and math.isfinite(dual) else math.inf
    if res.x is None:  # stopped before a first plan
        return Found([], False, True, -math.inf, bound)
    chosen = [int(j) for j in np.flatnonzero(res.x[:n_sites] > 0.5)]
    value = -float(res.fun)
    return Found(chosen, res.status == 0, res.status == 1, value,
                 value if res.status == 0 else max(bound, value))


def solve_exact(incidence: sparse.csr_matrix, w: np.ndarray, k: int,
                pools: Sequence[np.ndarray], need: Sequence[int],
                deadline: Deadline = NEVER) -> Found:
    """Solve the MCLP with HiGHS by ``deadline`` (:func:`solve_sites`)."""
    # Fewer candidates than k: open them all.
    if incidence.shape[1] <= k:
        every = list(range(incidence.shape[1]))
        value = float(w[np.asarray(incidence.sum(axis=1)).ravel() > 0].sum())
        return Found(every, True, False, value, value)
    c, cons, bounds, n_sites = _model(incidence, w, k, pools, need)
    return solve_sites(c, cons, bounds, n_sites, deadline)


def lp_bound(incidence: sparse.csr_matrix, w: np.ndarray, k: int,
             pools: Sequence[np.ndarray], need: Sequence[int],
             deadline: Deadline = NEVER) -> float:
    """Return the LP-relaxation bound of the MCLP (``inf`` if not solved by ``deadline``)."""
    if deadline.passed:
        return math.inf
    c, cons, bounds, _ = _model(incidence, w, k, pools, need)
    res = milp(c, constraints=cons, bounds=bounds,
               options={"presolve": False, "time_limit": deadline.left()})
    return float(-res.fun) if res.status == 0 and res.x is not None else math.inf
