"""Where should the next crisis centres go? Three objectives, the user's choice.

- ``coverage``: most women newly within ``minutes`` of a centre (maximal covering,
  :mod:`coverage.mclp`);
- ``time``: least women-weighted travel minutes to the nearest centre (p-median with the
  centres in place kept, :mod:`coverage.objectives`);
- ``capacity``: most women within reach of a free place, each new centre adding a set
  number of places (:mod:`coverage.objectives`).

Sites are chosen among :mod:`coverage.candidates` (by default towns of at least
:data:`~coverage.settings.PLAN_MIN_POPULATION` people and every regional capital without a
centre); centres in place are kept. Each objective is solved exactly with HiGHS
(``scipy.optimize.milp``) within :data:`~coverage.settings.PLAN_TIME_LIMIT_S` for the whole
solve: a solve the limit stops returns the best plan found, flagged ``stopped``, with its
true gap (how far below the best possible it can be at most). The chosen
sites come in the order of their gains (each the best addition to those before it) with
what each adds (:func:`coverage.explain.site_effects`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd

from . import settings
from .candidates import Candidates, candidate_sites
from .deadline import Deadline
from .explain import site_effects
from .incidents import IncidentSet
from .reach import nearest_minutes
from .settings import TravelMode
from .solvers import SOLVERS, Problem, Solution


@dataclass(frozen=True)
class Plan:
    """The chosen sites and what they bring.

    Attributes
    ----------
    chosen : DataFrame
        One row per new site, in the order of the gain curve (each the best addition
        to those before it): ``settlement``, ``geonameid``, ``region_id``, ``lon``,
        ``lat``, ``population``, ``capital``, ``gain`` (in the objective's unit), and
        :func:`coverage.explain.site_effects`' ``women_gained`` (newly within reach),
        ``women_closer``, ``minutes_saved``, ``towns_reached``, ``towns_count``.
    women : float
        All women of the demand.
    covered_before, covered_after : float
        Women within ``minutes`` before and with the new sites.
    objective : str
        ``coverage``, ``time`` or ``capacity``.
    value_before, value_after : float
        The objective's measure: women within reach (coverage), women-weighted minutes to
        the nearest centre in all (time), women with a place within reach (capacity).
    optimal, gap, solver, seconds, params
        Proven optimal; relative gap of what the new sites add against a bound on the most
        any ``k`` sites could add (0 when optimal: the plan is within ``gap`` of the best
        possible); how it was solved, in how long; the inputs.
    stopped : bool
        The time limit (``params["time_limit_s"]``) ended the solve before it proved the
        plan optimal: the plan is the best found.
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
    objective: str = "coverage"
    value_before: float = float("nan")
    value_after: float = float("nan")
    #: How the plan was asked for (to solve it again under other assumptions).
    options: PlanOptions | None = None
    travel: TravelMode | None = None
    stopped: bool = False

    @property
    def sites_with_gain(self) -> int:
        """Chosen sites that improve the objective."""
        return int((self.chosen["gain"] > NO_GAIN).sum())

    @property
    def message(self) -> str | None:
        """Why fewer sites than asked help, or ``None`` when all of them do."""
        k, n = int(self.params.get("k", len(self.chosen))), self.sites_with_gain
        if n >= k:
            return None
        return (f"only {n} of the {k} new sites asked for improve the {self.objective} "
                f"objective at {self.params.get('minutes'):g} min: every other woman is "
                "already served by a centre or a chosen site, or out of reach of any candidate")

    @property
    def share_before(self) -> float:
        """Share of women within reach before the new sites."""
        return self.covered_before / self.women

    @property
    def share_after(self) -> float:
        """Share of women within reach with the new sites."""
        return self.covered_after / self.women

    def mean_minutes(self, value: float) -> float:
        """Minutes to the nearest centre per woman, for a ``time`` objective value."""
        return value / self.women


#: A gain at or under this does not count (half a woman, or half a woman-minute).
NO_GAIN = 0.5


@dataclass(frozen=True)
class PlanOptions:
    """Objective, candidates, constraints and solver settings of :func:`plan_sites`.

    :func:`plan_sites` also takes each of them as a keyword of the same name.

    Attributes
    ----------
    objective : str
        ``coverage`` (default), ``time`` or ``capacity`` (see the module text).
    candidates : Candidates
        Which settlements may receive a centre (:class:`coverage.candidates.Candidates`).
    places : int, optional
        Places each new centre adds (``capacity``); default
        :data:`~coverage.settings.PLAN_PLACES_PER_SITE`.
    per_region_min : int
        Every region (of ``region_ids``, not excluded) ends with at least this many
        centres (Council of Europe: at least one shelter per region).
    region_ids : tuple of str, optional
        The regions of the per-region minimum; by default those of the demand points.
    exclude_regions : tuple of str
        Regions where no new site may go.
    incidents : IncidentSet, optional
        Weight each woman by her region's reported incidents per 100,000 women
        (relative to the national mean), for ``coverage`` and ``time``. Only for a set
        that covers every region.
    exact : bool, optional
        ``coverage`` only: force HiGHS on the whole problem (True) or greedy (False); by
        default HiGHS up to :data:`~coverage.settings.PLAN_EXACT_PAIRS` non-zeros, beyond
        them on what :mod:`coverage.lagrange` leaves of the problem.
    time_limit_s : float, optional
        Time limit of the whole solve, in seconds (``None``:
        :data:`~coverage.settings.PLAN_TIME_LIMIT_S`, read when the plan is asked for).
    """

    objective: str = "coverage"
    candidates: Candidates = field(default_factory=Candidates)
    places: int | None = None
    per_region_min: int = 0
    region_ids: tuple[str, ...] | None = None
    exclude_regions: tuple[str, ...] = ()
    incidents: IncidentSet | None = None
    exact: bool | None = None
    time_limit_s: float | None = None


class PlanKeywords(TypedDict, total=False):
    """The fields of :class:`PlanOptions`, as keywords of :func:`plan_sites`."""

    objective: str
    candidates: Candidates
    places: int | None
    per_region_min: int
    region_ids: tuple[str, ...] | None
    exclude_regions: tuple[str, ...]
    incidents: IncidentSet | None
    exact: bool | None
    time_limit_s: float | None


def _weights(demand: pd.DataFrame, opts: PlanOptions, region_ids: tuple[str, ...]
             ) -> np.ndarray:
    women = demand["women"].to_numpy(float)
    incidents = opts.incidents
    if incidents is None:
        return women
    if opts.objective == "capacity":
        raise ValueError("weighting by reported incidents applies to the coverage and "
                         "travel-time objectives, not to capacity")
    missing = sorted(set(region_ids) - set(incidents.rates.index))
    if missing:
        raise ValueError(f"incident figures cover {incidents.regions} of "
                         f"{len(region_ids)} regions; weighting needs every region "
                         f"(missing: {', '.join(missing)})")
    rates = incidents.rates.reindex(demand["region_id"]).to_numpy(float)
    return women * rates / (np.sum(women * rates) / women.sum())


def _region_needs(centres: pd.DataFrame, sites: pd.DataFrame, region_ids: tuple[str, ...],
                  opts: PlanOptions, k: int) -> tuple[list[np.ndarray], list[int]]:
    """Regions below the per-region minimum must get sites of their own."""
    have = centres["region_id"].value_counts()
    need = {r: opts.per_region_min - int(have.get(r, 0)) for r in region_ids
            if r not in opts.exclude_regions and opts.per_region_min - int(have.get(r, 0)) > 0}
    pools = {r: np.flatnonzero(sites["region_id"].to_numpy() == r) for r in need}
    if sum(need.values()) > k:
        raise ValueError(
            f"{sum(need.values())} new sites are needed for every region to have "
            f"{opts.per_region_min} centre(s) ({', '.join(sorted(need))}); k = {k} is too few")
    if any(len(pools[r]) < n for r, n in need.items()):
        raise ValueError("a region lacks candidate settlements")
    return list(pools.values()), list(need.values())


def plan_sites(demand: pd.DataFrame, centres: pd.DataFrame, settlements: pd.DataFrame, *,
               k: int, minutes: float, travel: TravelMode, options: PlanOptions | None = None,
               **keywords: Unpack[PlanKeywords]) -> Plan:
    """Choose ``k`` new sites that serve the chosen objective best.

    Parameters
    ----------
    demand : DataFrame
        Demand points: ``lon``, ``lat``, ``region_id``, ``women`` (``town_km``, and
        ``kind``, ``geonameid``, ``name`` of towns, explain the sites).
    centres : DataFrame
        Existing centres (kept): ``lon``, ``lat``, ``region_id``, ``beds`` (capacity).
    settlements : DataFrame
        Candidate places: ``name``, ``geonameid``, ``lon``, ``lat``, ``region_id``,
        ``population``.
    options : PlanOptions, optional
        Objective, candidates, constraints and solver settings (see :class:`PlanOptions`).
    **keywords
        Any field of :class:`PlanOptions` (``objective="time"``, ``per_region_min=1``...),
        taking precedence over ``options``.

    Raises
    ------
    ValueError
        ``k`` out of 0..20, an unknown objective, an infeasible per-region minimum,
        incident figures that do not cover every region, or no centre in place for the
        travel-time objective.
    """
    started = time.perf_counter()
    opts = replace(options or PlanOptions(), **keywords)
    limit = settings.PLAN_TIME_LIMIT_S if opts.time_limit_s is None else opts.time_limit_s
    opts = replace(opts, time_limit_s=limit)
    deadline = Deadline.after(limit)
    if not 0 <= k <= settings.MAX_NEW_SITES:
        raise ValueError(f"k = {k}: choose from 0 to {settings.MAX_NEW_SITES} new sites")
    if opts.objective not in SOLVERS:
        raise ValueError(f"objective {opts.objective!r}: choose "
                         f"{', '.join(settings.PLAN_OBJECTIVES)}")
    region_ids = tuple(opts.region_ids or sorted(demand["region_id"].unique()))
    sites = candidate_sites(settlements, centres, rule=opts.candidates,
                            exclude_regions=opts.exclude_regions)
    weight = _weights(demand, opts, region_ids)
    pools, need = _region_needs(centres, sites, region_ids, opts, k)
    before = nearest_minutes(demand, centres, travel)
    problem = Problem(demand, centres, sites, weight, before, k, minutes, travel, pools, need,
                      exact=opts.exact, deadline=deadline, places=opts.places,
                      weighted=opts.incidents is not None)
    solution = SOLVERS[opts.objective](problem)
    return _plan_of(problem, solution, opts, started=started)


def _plan_of(pb: Problem, solution: Solution, opts: PlanOptions, *, started: float) -> Plan:
    chosen = pb.sites.iloc[solution.order]
    effects = site_effects(pb.demand, pb.centres, chosen, minutes=pb.minutes, travel=pb.travel)
    table = pd.DataFrame({
        "settlement": chosen["name"].to_numpy(), "geonameid": chosen["geonameid"].to_numpy(),
        "region_id": chosen["region_id"].to_numpy(), "lon": chosen["lon"].to_numpy(float),
        "lat": chosen["lat"].to_numpy(float),
        "population": (pd.to_numeric(chosen["population"], errors="coerce")
                       if "population" in chosen else pd.Series(np.nan, index=chosen.index)
                       ).astype("Int64").array,
        "capital": chosen["capital"].to_numpy(bool) if "capital" in chosen
        else np.zeros(len(chosen), bool),
        "gain": np.asarray(solution.gains, float)})
    table = pd.concat([table, effects.reset_index(drop=True)], axis=1)
    women = pb.demand["women"].to_numpy(float)
    covered_before = float(women[pb.before <= pb.minutes].sum())
    params = {"k": pb.k, "minutes": pb.minutes, "scenario": pb.travel.name,
              "objective": opts.objective, "candidates": len(pb.sites),
              "candidate_rule": opts.candidates.describe(),
              "places_per_new_centre": (settings.PLAN_PLACES_PER_SITE if opts.places is None
                                        else opts.places) if opts.objective == "capacity"
              else None,
              "per_region_min": opts.per_region_min,
              "exclude_regions": list(opts.exclude_regions),
              "weighted_by_incidents": opts.incidents is not None,
              "incident_set": opts.incidents.key if opts.incidents is not None else None,
              "time_limit_s": opts.time_limit_s}
    return Plan(chosen=table, women=float(women.sum()), covered_before=covered_before,
                covered_after=covered_before + float(table["women_gained"].sum()),
                optimal=solution.optimal, gap=float(solution.gap), solver=solution.solver,
                seconds=time.perf_counter() - started, params=params,
                objective=opts.objective, value_before=solution.value_before,
                value_after=solution.value_after, options=opts, travel=pb.travel,
                stopped=solution.stopped)
