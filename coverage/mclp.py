"""Maximal covering location (MCLP): the core of the ``coverage`` objective, on arrays.

Demand points already in reach of an existing centre count for nobody; the others are
grouped by the set of candidate sites that would reach them, so the integer program has one
variable per group, not per point. Solved exactly with HiGHS (``scipy.optimize.milp``);
beyond :data:`EXACT_LIMIT` non-zeros a greedy solution is returned with its optimality gap
against the LP-relaxation bound.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

#: Largest coverage matrix (non-zeros) solved exactly; larger ones are solved greedily.
EXACT_LIMIT = 3_000_000


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


def solve_sites(c: np.ndarray, cons: list[LinearConstraint], bounds: Bounds, n_sites: int,
                time_limit_s: float) -> tuple[list[int], bool, float]:
    """Solve a model whose first ``n_sites`` variables are the sites (0/1) with HiGHS.

    Returns the chosen sites, whether the solution is proven optimal, and the gap.
    """
    integrality = np.r_[np.ones(n_sites), np.zeros(len(c) - n_sites)]
    res = milp(c, constraints=cons, bounds=bounds, integrality=integrality,
               options={"time_limit": time_limit_s, "mip_rel_gap": 0.0})
    if res.x is None:
        raise ValueError(f"the solver found no plan: {res.message}")
    chosen = [int(j) for j in np.flatnonzero(res.x[:n_sites] > 0.5)]
    gap = float(getattr(res, "mip_gap", 0.0) or 0.0)
    return chosen, res.status == 0 and gap <= 1e-9, gap


def solve_exact(incidence: sparse.csr_matrix, w: np.ndarray, k: int,
                pools: Sequence[np.ndarray], need: Sequence[int],
                time_limit_s: float) -> tuple[list[int], bool, float]:
    """Solve the MCLP with HiGHS: the chosen sites, whether proven optimal, the gap."""
    # Fewer candidates than k: open them all.
    if incidence.shape[1] <= k:
        return list(range(incidence.shape[1])), True, 0.0
    c, cons, bounds, n_sites = _model(incidence, w, k, pools, need)
    return solve_sites(c, cons, bounds, n_sites, time_limit_s)


def lp_bound(incidence: sparse.csr_matrix, w: np.ndarray, k: int,
             pools: Sequence[np.ndarray], need: Sequence[int]) -> float:
    """Return the LP-relaxation bound of the MCLP (for the greedy solution's gap)."""
    c, cons, bounds, _ = _model(incidence, w, k, pools, need)
    res = milp(c, constraints=cons, bounds=bounds)
    return float(-res.fun) if res.x is not None else float("inf")
