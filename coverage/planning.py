"""Where should the next crisis centres go? Maximal covering location (MCLP).

Choose ``k`` new sites among settlements without a centre so as to bring the most women
within ``minutes`` of a centre, existing centres kept. Coverage is counted in women (not
in demand points). Demand points already in reach of an existing centre count for
nobody; the others are grouped by the set of candidate sites that would reach them, so
the integer program has one variable per group, not per point.

Solved exactly with HiGHS (``scipy.optimize.milp``); beyond :data:`EXACT_LIMIT`
non-zeros, or when the time limit stops HiGHS, a greedy solution is returned with its
optimality gap against the LP-relaxation bound.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from . import settings
from .incidents import IncidentSet
from .reach import town_km_of
from .settings import TravelMode
from .travel import km_from_minutes, minutes_from_km, nearest, pairs_within

#: Largest coverage matrix (non-zeros) solved exactly; larger ones are solved greedily.
EXACT_LIMIT = 3_000_000
#: Seconds HiGHS may take before the best solution found so far is used.
TIME_LIMIT_S = 30.0
#: A settlement with a centre closer than this already "has" one (km).


@dataclass(frozen=True)
class Plan:
    """The chosen sites and what they bring.

    Attributes
    ----------
    chosen : DataFrame
        One row per new site, in the order of the gain curve (each the best addition
        to those before it): ``settlement``, ``geonameid``, ``region_id``, ``lon``,
        ``lat``, ``women_gained`` (newly within reach thanks to this site).
    share_before, share_after : float
        National share of women within ``minutes``.
    optimal : bool
        Proven optimal.
    gap : float
        Relative optimality gap (0 when optimal).
    """

    chosen: pd.DataFrame
    women: float
    covered_before: float
    covered_after: float
    optimal: bool
    gap: float
    solver: str
    seconds: float
    params: dict = field(default_factory=dict)

    @property
    def sites_with_gain(self) -> int:
        """Chosen sites that bring at least one woman newly within reach."""
        return int((self.chosen["women_gained"] > 0.5).sum())

    @property
    def message(self) -> str | None:
        """Why fewer sites than asked help, or ``None`` when all of them do."""
        k, n = int(self.params.get("k", len(self.chosen))), self.sites_with_gain
        if n >= k:
            return None
        return (f"only {n} of the {k} new sites asked for bring women within "
                f"{self.params.get('minutes'):g} min: every other woman is already within "
                "reach of a centre or of a chosen site, or out of reach of any candidate")

    @property
    def share_before(self) -> float:
        """Share of women within reach before the new sites."""
        return self.covered_before / self.women

    @property
    def share_after(self) -> float:
        """Share of women within reach with the new sites."""
        return self.covered_after / self.women


def candidate_sites(settlements: pd.DataFrame, centres: pd.DataFrame, *,
                    exclude_regions: tuple[str, ...] = ()) -> pd.DataFrame:
    """Settlements without a centre (none within ``settings.SAME_PLACE_KM``)."""
    _, km = nearest(settlements["lon"].to_numpy(float), settlements["lat"].to_numpy(float),
                    centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
    keep = (km > settings.SAME_PLACE_KM) & \
        ~settlements["region_id"].isin(exclude_regions).to_numpy()
    return settlements.loc[keep].reset_index(drop=True)


def _groups(point: np.ndarray, site: np.ndarray, weight: np.ndarray, n_sites: int
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


def _greedy(incidence: sparse.csr_matrix, w: np.ndarray, k: int, *,
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


@dataclass(frozen=True)
class PlanOptions:
    """Constraints and solver settings of :func:`plan_sites`.

    :func:`plan_sites` also takes each of them as a keyword of the same name.

    Attributes
    ----------
    per_region_min : int
        Every region (of ``region_ids``, not excluded) ends with at least this many
        centres (Council of Europe: at least one shelter per region).
    region_ids : tuple of str, optional
        The regions of the per-region minimum; by default those of the demand points.
    exclude_regions : tuple of str
        Regions where no new site may go.
    incidents : IncidentSet, optional
        Weight each woman by her region's reported incidents per 100,000 women
        (relative to the national mean). Only for a set that covers every region.
    exact : bool, optional
        Force the exact solver (True) or greedy (False); by default exact up to
        :data:`EXACT_LIMIT`.
    time_limit_s : float
        Time limit of the exact solver, in seconds.
    """

    per_region_min: int = 0
    region_ids: tuple[str, ...] | None = None
    exclude_regions: tuple[str, ...] = ()
    incidents: IncidentSet | None = None
    exact: bool | None = None
    time_limit_s: float = TIME_LIMIT_S


class PlanKeywords(TypedDict, total=False):
    """The fields of :class:`PlanOptions`, as keywords of :func:`plan_sites`."""

    per_region_min: int
    region_ids: tuple[str, ...] | None
    exclude_regions: tuple[str, ...]
    incidents: IncidentSet | None
    exact: bool | None
    time_limit_s: float


def plan_sites(demand: pd.DataFrame, centres: pd.DataFrame, settlements: pd.DataFrame, *,
               k: int, minutes: float, travel: TravelMode, options: PlanOptions | None = None,
               **keywords: Unpack[PlanKeywords]) -> Plan:
    """Choose ``k`` new sites that bring the most women within ``minutes``.

    Parameters
    ----------
    demand : DataFrame
        Demand points: ``lon``, ``lat``, ``region_id``, ``women``.
    centres : DataFrame
        Existing centres (kept): ``lon``, ``lat``, ``region_id``.
    settlements : DataFrame
        Candidate places: ``name``, ``geonameid``, ``lon``, ``lat``, ``region_id``.
    options : PlanOptions, optional
        Constraints and solver settings (see :class:`PlanOptions`).
    **keywords
        Any field of :class:`PlanOptions` (``per_region_min=1``, ``exact=False``...),
        taking precedence over ``options``.

    Raises
    ------
    ValueError
        ``k`` out of 0..20 (and the candidates), an infeasible per-region minimum, or
        incident figures that do not cover every region.
    """
    started = time.perf_counter()
    opts = replace(options or PlanOptions(), **keywords)
    per_region_min, exclude_regions = opts.per_region_min, opts.exclude_regions
    incidents = opts.incidents
    if not 0 <= k <= settings.MAX_NEW_SITES:
        raise ValueError(f"k = {k}: choose from 0 to {settings.MAX_NEW_SITES} new sites")
    region_ids = tuple(opts.region_ids or sorted(demand["region_id"].unique()))
    sites = candidate_sites(settlements, centres, exclude_regions=exclude_regions)
    women = demand["women"].to_numpy(float)
    weight = women.copy()
    if incidents is not None:
        missing = sorted(set(region_ids) - set(incidents.rates.index))
        if missing:
            raise ValueError(f"incident figures cover {incidents.regions} of "
                             f"{len(region_ids)} regions; weighting needs every region "
                             f"(missing: {', '.join(missing)})")
        rates = incidents.rates.reindex(demand["region_id"]).to_numpy(float)
        weight = women * rates / (np.sum(women * rates) / women.sum())

    # Women already in reach of an existing centre (with the way inside their town).
    town_km = town_km_of(demand)
    _, km = nearest(demand["lon"].to_numpy(float), demand["lat"].to_numpy(float),
                    centres["lon"].to_numpy(float), centres["lat"].to_numpy(float))
    covered = minutes_from_km(km, travel, town_km) <= minutes
    covered_before = float(women[covered].sum())

    # Per-region minimum: regions below it must get sites of their own.
    have = centres["region_id"].value_counts()
    need = {r: per_region_min - int(have.get(r, 0)) for r in region_ids
            if r not in exclude_regions and per_region_min - int(have.get(r, 0)) > 0}
    pools = {r: np.flatnonzero(sites["region_id"].to_numpy() == r) for r in need}
    if sum(need.values()) > k or any(len(pools[r]) < n for r, n in need.items()):
        raise ValueError(
            f"{sum(need.values())} new sites are needed for every region to have "
            f"{per_region_min} centre(s) ({', '.join(sorted(need))}); k = {k} is too few"
            if sum(need.values()) > k else "a region lacks candidate settlements")

    open_idx = np.flatnonzero(~covered)
    max_km = km_from_minutes(minutes, travel)
    p, s, km = pairs_within(demand["lon"].to_numpy(float)[open_idx],
                            demand["lat"].to_numpy(float)[open_idx],
                            sites["lon"].to_numpy(float), sites["lat"].to_numpy(float), max_km)
    # The way inside a town only adds minutes: keep the pairs that still arrive in time.
    in_time = minutes_from_km(km, travel, town_km[open_idx][p]) <= minutes
    p, s = p[in_time], s[in_time]
    params = {"k": k, "minutes": minutes, "scenario": travel.name,
              "per_region_min": per_region_min, "exclude_regions": list(exclude_regions),
              "weighted_by_incidents": incidents is not None,
              "incident_set": incidents.key if incidents is not None else None,
              "candidates": len(sites)}
    if k == 0 or len(p) == 0:
        chosen_idx, optimal, gap, solver = [], True, 0.0, "none needed"
        incidence, w = sparse.csr_matrix((0, len(sites))), np.zeros(0)
        if k > 0:  # nobody left to reach: any sites satisfying the regions will do
            chosen_idx = [int(pool[0]) for pool in pools.values()]
    else:
        incidence, w = _groups(open_idx[p], s, weight, len(sites))
        use_exact = opts.exact if opts.exact is not None else incidence.nnz <= EXACT_LIMIT
        if use_exact:
            chosen_idx, optimal, gap = _solve_exact(incidence, w, k, list(pools.values()),
                                                    need, opts.time_limit_s)
            solver = "HiGHS MILP (scipy)"
        else:
            chosen_idx = _greedy(incidence, w, k, forced=[pools[r] for r in need
                                                          for _ in range(need[r])])
            bound = _lp_bound(incidence, w, k, list(pools.values()), need)
            value = float(w[(incidence[:, chosen_idx].sum(axis=1).A1 > 0)].sum())
            gap = max(0.0, (bound - value) / bound) if bound > 0 else 0.0
            optimal, solver = gap < 1e-9, "greedy (gap against the LP bound)"

    if len(w):
        order, _ = order_by_gain(incidence, w, chosen_idx)
        # Gains reported in women (the objective may weigh them by incidents).
        w_women = _women_per_group(open_idx[p], s, women, len(sites)) \
            if incidents is not None else w
        gains = _gains_in_order(incidence, w_women, order)
    else:
        order, gains = chosen_idx, [0.0] * len(chosen_idx)
    chosen = sites.iloc[order]
    table = pd.DataFrame({
        "settlement": chosen["name"].to_numpy(), "geonameid": chosen["geonameid"].to_numpy(),
        "region_id": chosen["region_id"].to_numpy(), "lon": chosen["lon"].to_numpy(float),
        "lat": chosen["lat"].to_numpy(float), "women_gained": np.asarray(gains, float)})
    return Plan(chosen=table, women=float(women.sum()), covered_before=covered_before,
                covered_after=covered_before + float(np.sum(gains)), optimal=optimal,
                gap=float(gap), solver=solver, seconds=time.perf_counter() - started,
                params=params)


def _women_per_group(point: np.ndarray, site: np.ndarray, women: np.ndarray,
                     n_sites: int) -> np.ndarray:
    _, w = _groups(point, site, women, n_sites)
    return w


def _gains_in_order(incidence: sparse.csr_matrix, w: np.ndarray,
                    order: list[int]) -> list[float]:
    csc = incidence.tocsc()
    uncovered = w.copy()
    out = []
    for j in order:
        rows = csc[:, j].indices
        out.append(float(uncovered[rows].sum()))
        uncovered[rows] = 0.0
    return out


def _model(incidence: sparse.csr_matrix, w: np.ndarray, k: int, pools: list[np.ndarray],
           need: dict[str, int]
           ) -> tuple[np.ndarray, list[LinearConstraint], Bounds, int]:
    """Variables [x (sites), y (groups)]; maximise w.y (milp minimises -w.y)."""
    n_groups, n_sites = incidence.shape
    c = np.r_[np.zeros(n_sites), -w]
    # y_g - sum_{j covers g} x_j <= 0
    link = sparse.hstack([-incidence, sparse.identity(n_groups, format="csr")])
    cons = [LinearConstraint(link, -np.inf, 0.0),
            LinearConstraint(sparse.hstack([np.ones((1, n_sites)),
                                            sparse.csr_matrix((1, n_groups))]), k, k)]
    for pool, n in zip(pools, need.values()):
        row = np.zeros(n_sites)
        row[pool] = 1.0
        cons.append(LinearConstraint(sparse.hstack([row[None, :],
                                                    sparse.csr_matrix((1, n_groups))]), n,
                                     np.inf))
    bounds = Bounds(np.zeros(n_sites + n_groups), np.ones(n_sites + n_groups))
    return c, cons, bounds, n_sites


def _solve_exact(incidence: sparse.csr_matrix, w: np.ndarray, k: int,
                 pools: list[np.ndarray], need: dict[str, int],
                 time_limit_s: float) -> tuple[list[int], bool, float]:
    # Fewer candidates than k: open them all.
    if incidence.shape[1] <= k:
        return list(range(incidence.shape[1])), True, 0.0
    c, cons, bounds, n_sites = _model(incidence, w, k, pools, need)
    integrality = np.r_[np.ones(n_sites), np.zeros(len(w))]
    res = milp(c, constraints=cons, bounds=bounds, integrality=integrality,
               options={"time_limit": time_limit_s, "mip_rel_gap": 0.0})
    if res.x is None:
        raise ValueError(f"the solver found no plan: {res.message}")
    chosen = [int(j) for j in np.flatnonzero(res.x[:n_sites] > 0.5)]
    gap = float(getattr(res, "mip_gap", 0.0) or 0.0)
    return chosen, res.status == 0 and gap <= 1e-9, gap


def _lp_bound(incidence: sparse.csr_matrix, w: np.ndarray, k: int, pools: list[np.ndarray],
              need: dict[str, int]) -> float:
    c, cons, bounds, _ = _model(incidence, w, k, pools, need)
    res = milp(c, constraints=cons, bounds=bounds)
    return float(-res.fun) if res.x is not None else float("inf")
